import { expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

test(
  'REVOKE-OK revoking your own token answers 200 {} and the token stops working',
  requirement('REVOKE-OK'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'read' });
    await flows.live(token, 'account');
    expectOAuth(await oauth.revoke(app, token))
      .status(200)
      .json()
      .emptyObject();
    // Stops working: how exactly it is refused is REVOKE-EFFECT's and USE-401-REVOKED's.
    const after = await flows.afterRevoke(() => oauth.verifyAccount(token));
    expectOAuth(after).tokenNoLongerWorks();
  },
);

test(
  'REVOKE-OK revoking your own app token (client_credentials) answers 200 {} and the token stops working',
  requirement('REVOKE-OK'),
  async ({ app, flows, oauth }) => {
    const token = await flows.appToken(app, 'read');
    // The probe must take the live token, or a refusal after the revoke proves nothing (catalogue §2.4).
    await flows.live(token, 'app');
    expectOAuth(await oauth.revoke(app, token))
      .status(200)
      .json()
      .emptyObject();
    expectOAuth(await flows.afterRevoke(() => oauth.verifyApp(token))).tokenNoLongerWorks();
  },
);

test(
  'REVOKE-EFFECT a revoked token answers 401 "revoked" on every probe endpoint',
  requirement('REVOKE-EFFECT'),
  async ({ app, flows, oauth, run }) => {
    const { userinfo } = expectations(run);
    const { token } = await flows.userToken(app, { scope: userinfo ? 'read profile' : 'read' });
    expectOAuth(await oauth.revoke(app, token)).status(200);
    // Every probe endpoint the server routes; one it does not (404) is its own requirement's failure, not this one's.
    const optional = { optional: true };
    const probes = [() => oauth.verifyAccount(token, optional), () => oauth.verifyApp(token, optional)];
    if (userinfo) probes.push(() => oauth.userinfo(token, 'GET', optional));
    const routed = (await flows.afterRevoke(...probes)).filter((res) => res.status !== 404);
    if (!routed.length) flows.cannotJudge('USE-BEARER is the prerequisite: no probe endpoint is routed (404)');
    for (const res of routed) expectOAuth(res).status(401).json().hasErrorString();
  },
);

test(
  'REVOKE-IDEMPOTENT revoking an already revoked token again answers 200 {}',
  requirement('REVOKE-IDEMPOTENT'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'read' });
    await flows.revoke(app, token, 'account');
    expectOAuth(await oauth.revoke(app, token))
      .status(200)
      .json()
      .emptyObject();
  },
);
