import { badClientCredentials, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-BAD-CLIENT a wrong secret, an unknown client, ' +
    'a missing secret or no credentials answer 401 invalid_client',
  requirement('TOKEN-CODE-BAD-CLIENT'),
  async ({ app, flows, oauth }) => {
    const grant = await flows.code(app, { scope: 'read' });
    // A complete request but for the client: its redirect_uri and, for a PKCE code, its verifier (Doorkeeper checks a
    // missing verifier before the client). The client fails before the grant is judged, so one code serves every case.
    const base = {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.pkce?.verifier,
    };
    // The attempts are independent: sent together, they cost one round trip on a far server.
    await Promise.all([
      ...badClientCredentials(app).map(([label, credentials]) =>
        test.step(label, async () => {
          const res = await oauth.token({ ...base, ...credentials }, { auth: 'none' });
          expectOAuth(res).status(401).error('invalid_client');
        }),
      ),
      // The client is checked before the grant: a bad client with an unknown code is still invalid_client.
      test.step('a bad client with an unknown code', async () => {
        const unknownCode = await oauth.token(
          { ...base, code: 'no-such-code-000000000000000', client_id: app.clientId, client_secret: 'wrong' },
          { auth: 'none' },
        );
        expectOAuth(unknownCode).status(401).error('invalid_client');
      }),
    ]);
  },
);
