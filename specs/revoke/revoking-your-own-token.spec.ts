import {
  APP_TOKENS_REFUSED,
  expectOAuth,
  expectations,
  notApplicable,
  refusedWithoutUser,
  requirement,
  test,
} from '../../fixtures/api/index.ts';

test(
  'REVOKE-OK revoking your own token answers 200 {} and the token stops working',
  requirement('REVOKE-OK'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'read' });
    expectOAuth(await oauth.revoke(app, token))
      .status(200)
      .json()
      .emptyObject();
    // Stops working: how exactly it is refused is REVOKE-EFFECT's and USE-401-REVOKED's.
    const after = await oauth.verifyAccount(token);
    expectOAuth(after).tokenNoLongerWorks();
  },
);

test(
  'REVOKE-OK revoking your own app token (client_credentials) answers 200 {} and the token stops working',
  requirement('REVOKE-OK'),
  async ({ app, flows, oauth }) => {
    const token = await flows.appToken(app, 'read');
    expectOAuth(await oauth.revoke(app, token))
      .status(200)
      .json()
      .emptyObject();
    const after = await oauth.verifyApp(token);
    // Where every app token is refused there (catalogue §2.4), a refusal proves nothing about the revoke.
    if (refusedWithoutUser(after)) notApplicable(APP_TOKENS_REFUSED);
    expectOAuth(after).tokenNoLongerWorks();
  },
);

test(
  'REVOKE-EFFECT a revoked token answers 401 "revoked" on every probe endpoint',
  requirement('REVOKE-EFFECT'),
  async ({ app, flows, oauth, run }) => {
    const { userinfo } = expectations(run);
    const { token } = await flows.userToken(app, { scope: userinfo ? 'read profile' : 'read' });
    expectOAuth(await oauth.revoke(app, token)).status(200);
    const probes = [oauth.verifyAccount(token), oauth.verifyApp(token)];
    if (userinfo) probes.push(oauth.userinfo(token));
    for (const res of await Promise.all(probes)) {
      expectOAuth(res).status(401).json().hasErrorString();
    }
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
