import {
  expectOAuth,
  expectations,
  notApplicable,
  refusedWithoutUser,
  requirement,
  test,
} from '../../fixtures/api/index.ts';

test(
  'USE-BEARER a user token with read, read:accounts or profile gets the CredentialAccount with its source',
  requirement('USE-BEARER'),
  async ({ app, flows, oauth, run }) => {
    const scopes = ['read', 'read:accounts', ...(expectations(run).profileScope ? ['profile'] : [])];
    for (const scope of scopes) {
      const { token } = await flows.userToken(app, { scope });
      expectOAuth(await oauth.verifyAccount(token))
        .status(200)
        .json()
        .field('username', (v) => typeof v === 'string' && v.length > 0, 'be a non-empty string')
        .field('source', (v) => !!v && typeof v === 'object', 'be an object');
    }
  },
);

test(
  'USE-QUERY-PARAM the token is also accepted as ?access_token=',
  requirement('USE-QUERY-PARAM'),
  async ({ app, flows, http }) => {
    // A user token the endpoint takes as a Bearer header (any server, any variant), then the same in the query.
    const { token } = await flows.userToken(app, { scope: 'read' });
    await flows.live(token, 'account');
    expectOAuth(
      await http.send({ path: '/api/v1/accounts/verify_credentials', query: { access_token: token } }),
    ).status(200);
  },
);

test(
  'USE-401-INVALID no token, or an unknown token, answers 401 with an error',
  requirement('USE-401-INVALID'),
  async ({ oauth }) => {
    for (const token of [undefined, 'no-such-token-00000000000000000000000000']) {
      expectOAuth(await oauth.verifyAccount(token))
        .status(401)
        .json()
        .hasErrorString();
    }
  },
);

test(
  'USE-401-REVOKED a revoked token answers 401 with an error',
  requirement('USE-401-REVOKED'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'read' });
    await flows.revoke(app, token, 'account');
    expectOAuth(await oauth.verifyAccount(token))
      .status(401)
      .json()
      .hasErrorString();
  },
);

test(
  'USE-401-HEADER a 401 carries WWW-Authenticate Bearer with error="invalid_token", even without a token',
  requirement('USE-401-HEADER'),
  async ({ oauth, flows }) => {
    const answers = [
      await oauth.verifyAccount(undefined),
      await oauth.verifyAccount('no-such-token-00000000000000000000000000'),
      await oauth.verifyApp('no-such-token-00000000000000000000000001'),
    ];
    // The status is USE-401-INVALID's and APP-VERIFY-401's; the header is judged on the 401s.
    // Mastodon's own `require_authenticated_user!` 401 (unauthenticated API access disallowed, catalogue §2.4) comes
    // before Doorkeeper looks at the token and never carries the header: those answers are not Doorkeeper's to judge.
    const unauthorized = answers.filter((r) => r.status === 401 && !refusedWithoutUser(r));
    if (!unauthorized.length && answers.some(refusedWithoutUser))
      notApplicable(
        'every 401 was Mastodon\'s "This method requires an authenticated user" (unauthenticated API access ' +
          'disallowed, CATALOGUE.md §2.4), which Doorkeeper does not render',
      );
    if (!unauthorized.length) flows.cannotJudge('no 401 to look at (USE-401-INVALID is the prerequisite)');
    for (const res of unauthorized)
      expectOAuth(res).header(
        'www-authenticate',
        /^Bearer\b.*error="invalid_token"/i,
        'be Bearer with error="invalid_token"',
      );
  },
);

test(
  'USE-403-SCOPE a token without a required scope answers 403 with an error',
  requirement('USE-403-SCOPE'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'write' });
    expectOAuth(await oauth.verifyAccount(token))
      .status(403)
      .json()
      .hasErrorString();
  },
);
