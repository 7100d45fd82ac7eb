import { expectOAuth, refusedWithoutUser, requirement, test } from '../../fixtures/api/index.ts';

test(
  'APP-VERIFY-OK any valid token of the app, app token or user token with any scope, gets the Application',
  requirement('APP-VERIFY-OK'),
  async ({ app, flows, oauth }) => {
    const appToken = await flows.appToken(app, 'push');
    const { token: userToken } = await flows.userToken(app, { scope: 'write' });
    for (const [kind, token] of [
      ['app', appToken],
      ['user', userToken],
    ] as const) {
      const res = await oauth.verifyApp(token);
      // With unauthenticated API access disallowed (catalogue §2.4) an app token is refused first: that half does not
      // apply.
      if (kind === 'app' && refusedWithoutUser(res)) continue;
      expectOAuth(res)
        .status(200)
        .json()
        .field(
          'name',
          (v) => typeof v === 'string' && (app.name === undefined || v === app.name),
          app.name === undefined ? 'be a string' : `be the app's name ${JSON.stringify(app.name)}`,
        );
    }
  },
);

test(
  'APP-VERIFY-NO-SECRET the verify response carries no client_id, client_secret or client_secret_expires_at',
  requirement('APP-VERIFY-NO-SECRET'),
  async ({ app, flows, oauth }) => {
    let res = await oauth.verifyApp(await flows.appToken(app, 'read'));
    // Any valid token of the app will do: a user token where app tokens are refused (catalogue §2.4).
    if (refusedWithoutUser(res)) res = await oauth.verifyApp((await flows.userToken(app, { scope: 'read' })).token);
    flows.prerequisite(res, 200, 'APP-VERIFY-OK');
    for (const key of ['client_id', 'client_secret', 'client_secret_expires_at']) {
      expectOAuth(res).field(key, (v) => v === undefined, 'be absent');
    }
  },
);

test(
  'APP-VERIFY-401 no token, an unknown token or a revoked token answer 401 with an error',
  requirement('APP-VERIFY-401'),
  async ({ app, flows, oauth }) => {
    const { token: revoked } = await flows.userToken(app, { scope: 'read follow' });
    await flows.revoke(app, revoked, 'account');
    const answers = await Promise.all(
      [undefined, 'not-a-token-0000000000000000000000000000000', revoked].map((token) => oauth.verifyApp(token)),
    );
    for (const res of answers) expectOAuth(res).status(401).json().hasErrorString();
  },
);
