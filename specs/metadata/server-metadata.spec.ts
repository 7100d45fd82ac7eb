import {
  check,
  expectOAuth,
  expectations,
  hasSince,
  requirement,
  staleMetadata,
  test,
} from '../../fixtures/api/index.ts';

type Metadata = Record<string, unknown>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

test(
  'META-OK the metadata needs no auth, answers 200 JSON and may be read cross-origin',
  requirement('META-OK'),
  async ({ oauth }) => {
    const res = await oauth.metadata({ origin: 'https://web-client.conformance.invalid' });
    expectOAuth(res)
      .status(200)
      .json()
      .header('access-control-allow-origin', /^(\*|https:\/\/web-client\.conformance\.invalid)$/, 'allow the origin');
  },
);

test(
  'META-ENDPOINTS issuer is the site root with a trailing slash, and the endpoints are absolute URLs on it',
  requirement('META-ENDPOINTS'),
  async ({ oauth, run, flows }) => {
    const res = flows.prerequisite(await oauth.metadata(), 200, 'META-OK');
    const m = res.json as Metadata;
    const stale = staleMetadata(run.version, m);
    if (stale) flows.notNow(stale);
    const root = `${new URL(run.baseUrl).origin}/`;
    const issuer = expectations(run).issuerIsOrigin ? new URL(run.baseUrl).origin : root;
    check(m.issuer === issuer, `issuer must be ${issuer}; got ${JSON.stringify(m.issuer)}`);
    const endpoints: [string, string][] = [
      ['authorization_endpoint', '/oauth/authorize'],
      ['token_endpoint', '/oauth/token'],
      ['revocation_endpoint', '/oauth/revoke'],
      ['app_registration_endpoint', '/api/v1/apps'],
    ];
    // A 4.4.0 pre-release may be a build from before userinfo (commit e1b7382e): only a 4.4.0+ release must list it.
    if (hasSince(run.version, '4.4.0') === true) endpoints.push(['userinfo_endpoint', '/oauth/userinfo']);
    for (const [key, path] of endpoints) {
      check(
        m[key] === new URL(path, root).toString(),
        `${key} must be ${new URL(path, root)}; got ${JSON.stringify(m[key])}`,
      );
    }
  },
);

test(
  'META-LISTS response types, modes, grants, client authentication and PKCE methods are the ones Mastodon supports',
  requirement('META-LISTS'),
  async ({ oauth, run, flows }) => {
    const m = flows.prerequisite(await oauth.metadata(), 200, 'META-OK').json as Metadata;
    const stale = staleMetadata(run.version, m);
    if (stale) flows.notNow(stale);
    const same = (key: string, expected: string[]) =>
      check(
        JSON.stringify(list(m[key]).sort()) === JSON.stringify([...expected].sort()),
        `${key} must be ${JSON.stringify(expected)}; got ${JSON.stringify(m[key])}`,
      );
    same('response_types_supported', ['code']);
    same('response_modes_supported', ['query', 'fragment', 'form_post']);
    same('code_challenge_methods_supported', ['S256']);
    same('token_endpoint_auth_methods_supported', ['client_secret_basic', 'client_secret_post']);
    // 4.3.x still listed the password grant; it was removed in 4.4.0 (commit 454d21ab, during 4.4.0-alpha.1: either
    // list there).
    const without = ['authorization_code', 'client_credentials'];
    const lists = {
      true: [without],
      false: [[...without, 'password']],
      undefined: [without, [...without, 'password']],
    }[String(hasSince(run.version, '4.4.0')) as 'true' | 'false' | 'undefined'];
    const grants = JSON.stringify(list(m.grant_types_supported).sort());
    check(
      lists.some((l) => JSON.stringify([...l].sort()) === grants),
      `grant_types_supported must be ${lists.map((l) => JSON.stringify(l)).join(' or ')}; got ` +
        `${JSON.stringify(m.grant_types_supported)}`,
    );
  },
);

test(
  'META-SCOPES scopes_supported contains at least read, write, follow, push and profile',
  requirement('META-SCOPES'),
  async ({ oauth, flows }) => {
    const m = flows.prerequisite(await oauth.metadata(), 200, 'META-OK').json as Metadata;
    const missing = ['read', 'write', 'follow', 'push', 'profile'].filter((s) => !list(m.scopes_supported).includes(s));
    check(missing.length === 0, `scopes_supported lacks ${missing.join(', ')}`);
  },
);

test(
  'META-ABSENT there is no registration_endpoint, jwks_uri, ' +
    'introspection_endpoint or revocation_endpoint_auth_methods_supported',
  requirement('META-ABSENT'),
  async ({ oauth, flows }) => {
    const m = flows.prerequisite(await oauth.metadata(), 200, 'META-OK').json as Metadata;
    const present = [
      'registration_endpoint',
      'jwks_uri',
      'introspection_endpoint',
      'revocation_endpoint_auth_methods_supported',
    ].filter((k) => k in m);
    check(present.length === 0, `present: ${present.join(', ')}`);
  },
);
