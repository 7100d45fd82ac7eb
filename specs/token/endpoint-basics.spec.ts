import { expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

test('TOKEN-POST only POST is routed: GET /oauth/token answers 404', requirement('TOKEN-POST'), async ({ http }) => {
  const res = await http.send({ path: '/oauth/token', query: { grant_type: 'client_credentials' } });
  expectOAuth(res).statusAlike(404, [405], 'both say GET is not served here, and no client sends one');
});

for (const encoding of ['json', 'multipart', 'query'] as const) {
  test(
    `TOKEN-ENC a code exchange sent as ${encoding} answers 200`,
    requirement('TOKEN-ENC'),
    async ({ app, flows }) => {
      const grant = await flows.code(app, { scope: 'read' });
      expectOAuth(await flows.exchange(app, grant, {}, { encoding })).status(200);
    },
  );
}

test(
  'TOKEN-AUTH-POST client_id and client_secret in the body authenticate the client',
  requirement('TOKEN-AUTH-POST'),
  async ({ app, http }) => {
    // Sent by hand: the oauth client would block the test on exactly the refusal this requirement is about.
    const res = await http.send({
      method: 'POST',
      path: '/oauth/token',
      // With the redirect_uri Mastodon ignores here and GoToSocial requires: only the client's authentication is asked.
      form: {
        grant_type: 'client_credentials',
        scope: 'read',
        redirect_uri: app.redirectUris[0]!,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      },
    });
    expectOAuth(res).status(200);
  },
);

test(
  'TOKEN-AUTH-BASIC HTTP Basic authenticates the client, for client_credentials and for a code',
  requirement('TOKEN-AUTH-BASIC'),
  async ({ app, flows, http }) => {
    const basic = { id: app.clientId, secret: app.clientSecret };
    expectOAuth(
      await http.send({
        method: 'POST',
        path: '/oauth/token',
        form: { grant_type: 'client_credentials', scope: 'read', redirect_uri: app.redirectUris[0]! },
        basic,
      }),
    ).status(200);
    const grant = await flows.code(app, { scope: 'read' });
    const form = {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.pkce?.verifier,
    };
    const res = await http.send({ method: 'POST', path: '/oauth/token', form, basic });
    await flows.blockIfS256Broken(app, grant, res);
    expectOAuth(res).status(200);
  },
);

test(
  'TOKEN-AUTH-MULTI Basic together with a body client_secret answers 400 invalid_request',
  requirement('TOKEN-AUTH-MULTI'),
  async ({ app, flows, oauth }) => {
    // Only a server that reads both methods can see two (TOKEN-AUTH-BASIC and TOKEN-AUTH-POST are the prerequisites).
    flows.prerequisite(await oauth.clientCredentials(app, 'read', { auth: 'basic' }), 200, 'TOKEN-AUTH-BASIC');
    flows.prerequisite(await oauth.clientCredentials(app, 'read', { auth: 'post' }), 200, 'TOKEN-AUTH-POST');
    expectOAuth(await oauth.clientCredentials(app, 'read', { auth: 'both' }))
      .status(400)
      .error('invalid_request');
  },
);

test(
  'TOKEN-200-SHAPE a success is 200 application/json with access_token, token_type, scope and created_at',
  requirement('TOKEN-200-SHAPE'),
  async ({ app, flows }) => {
    const res = await flows.tokenResponse(app, { scope: 'read' });
    expectOAuth(res)
      .status(200)
      .json()
      .field('access_token', (v) => typeof v === 'string', 'be a string')
      .field('token_type', (v) => typeof v === 'string', 'be a string')
      .field('scope', (v) => typeof v === 'string', 'be a string')
      .field('created_at', (v) => typeof v === 'number', 'be a number');
  },
);

test(
  'TOKEN-ERR-SHAPE errors are JSON {error, error_description}: 401 for invalid_client, 400 for the rest',
  requirement('TOKEN-ERR-SHAPE'),
  async ({ app, oauth }) => {
    // Whichever errors these provoke, each must have the shape and the status its code calls for. Whether each one is
    // refused at all is another requirement's question (TOKEN-CODE-BAD-CLIENT, TOKEN-GRANT-UNSUPPORTED).
    const provocations = [
      await oauth.token(
        {
          grant_type: 'client_credentials',
          redirect_uri: app.redirectUris[0],
          client_id: app.clientId,
          client_secret: 'wrong',
        },
        { auth: 'none' },
      ),
      await oauth.token({ grant_type: 'no_such_grant' }, { app }),
      await oauth.token(
        { grant_type: 'authorization_code', code: 'no-such-code-000000000000', redirect_uri: app.redirectUris[0] },
        { app },
      ),
    ];
    for (const res of provocations.filter((r) => r.status >= 400)) {
      const code = (res.json as { error?: unknown } | undefined)?.error;
      expectOAuth(res)
        .json()
        .hasErrorString()
        .field('error_description', (v) => typeof v === 'string' && v.length > 0, 'be a non-empty string')
        .status(code === 'invalid_client' || code === 'unauthorized_client' ? 401 : 400);
    }
  },
);

test(
  'TOKEN-ERR-HEADERS a token error carries WWW-Authenticate with the error code and Cache-Control no-store',
  requirement('TOKEN-ERR-HEADERS'),
  async ({ app, oauth, flows }) => {
    const res = await oauth.token(
      { grant_type: 'authorization_code', code: 'no-such-code-000000000000', redirect_uri: app.redirectUris[0] },
      { app },
    );
    // Which error it is, is TOKEN-CODE-UNKNOWN's; the headers must name the one the body names.
    const error = (res.json as { error?: unknown } | undefined)?.error;
    const code =
      typeof error === 'string' && res.status >= 400
        ? error
        : flows.cannotJudge(`no token error to look at (TOKEN-CODE-UNKNOWN is the prerequisite): got ${res.status}`);
    const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expectOAuth(res)
      .header('www-authenticate', new RegExp(`^Bearer\\b.*error="${escaped}"`, 'i'), `be Bearer with error="${code}"`)
      .header('cache-control', /(^|[\s,])no-store\b/i, 'contain no-store');
  },
);

test(
  'TOKEN-GRANT-MISSING a request without grant_type answers 400 invalid_request',
  requirement('TOKEN-GRANT-MISSING'),
  async ({ app, oauth }) => {
    expectOAuth(await oauth.token({}, { app }))
      .status(400)
      .error('invalid_request');
  },
);

test(
  'TOKEN-GRANT-UNSUPPORTED refresh_token, implicit, password and unknown ' +
    'grants answer 400 unsupported_grant_type, before client authentication',
  requirement('TOKEN-GRANT-UNSUPPORTED'),
  async ({ app, oauth, run }) => {
    const grants = ['refresh_token', 'implicit', 'urn:example:unknown'];
    if (expectations(run).passwordGrantRemoved) grants.push('password');
    for (const grant_type of grants) {
      expectOAuth(
        // Everything any grant could ask for is there (GoToSocial wants redirect_uri whatever the grant): only the
        // grant type is wrong.
        await oauth.token(
          {
            grant_type,
            refresh_token: 'x',
            username: 'nobody@conformance.invalid',
            password: 'not-a-password',
            redirect_uri: app.redirectUris[0],
          },
          { app },
        ),
      )
        .status(400)
        .error('unsupported_grant_type');
    }
    // No client credentials at all: the grant type is refused first.
    expectOAuth(await oauth.token({ grant_type: 'refresh_token', refresh_token: 'x' }, { auth: 'none' }))
      .status(400)
      .error('unsupported_grant_type');
  },
);
