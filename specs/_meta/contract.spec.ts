/**
 * The contract checker fed hand-built exchanges: what it must reject (with the right requirement and path),
 * and what it must tolerate (extra keys, charset parameters, key order, fields newer than the target).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';
import {
  CONTRACT_PATH,
  checkExchange,
  compileAll,
  contractHash,
  operations,
  parseBody,
  validateSchema,
  type RecordedExchange,
} from '../../fixtures/core/contract.ts';
import { registry } from '../../fixtures/core/registry.ts';

const TOKEN = {
  access_token: 'ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0',
  token_type: 'Bearer',
  scope: 'read write',
  created_at: 1573979017,
};
const TOKEN_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

const CREDENTIAL_APP = {
  id: '563419',
  name: 'test app',
  website: null,
  scopes: ['read', 'write'],
  redirect_uris: ['urn:ietf:wg:oauth:2.0:oob'],
  redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
  vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
  client_id: 'TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM',
  client_secret: 'ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw',
  client_secret_expires_at: 0,
};

function exchange(
  method: string,
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = { 'Content-Type': 'application/json; charset=utf-8' },
): RecordedExchange {
  return {
    request: { method, url: `https://mastodon.example${path}`, headers: {} },
    response: { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) },
  };
}

const token = (body: unknown, headers: Record<string, string | string[]> = TOKEN_HEADERS, status = 200) =>
  exchange('POST', '/oauth/token', status, body, headers);

/** Every x-requirement value anywhere in the contract, with where it sits. */
function xRequirements(node: unknown, at = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => xRequirements(n, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'x-requirement' ? [[at, String(v)] as [string, string]] : xRequirements(v, `${at}/${k}`),
  );
}

test.describe('the contract itself', () => {
  test('every schema compiles in ajv strict mode, for the newest and the oldest target', () => {
    expect(compileAll()).toEqual([]);
  });

  test('every x-requirement names a registry ID', () => {
    const doc: unknown = parse(readFileSync(CONTRACT_PATH, 'utf8'));
    const refs = xRequirements(doc);
    expect(refs.length).toBeGreaterThan(40);
    expect(refs.filter(([, id]) => !registry().has(id)).map(([at, id]) => `${at}: ${id}`)).toEqual([]);
  });

  test('every operation and response carries an x-requirement, except the instance version probes', () => {
    const doc = parse(readFileSync(CONTRACT_PATH, 'utf8')) as {
      paths: Record<
        string,
        Record<string, { 'x-requirement'?: string; responses: Record<string, { 'x-requirement'?: string }> }>
      >;
    };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('/api/v1/instance') || path.startsWith('/api/v2/instance')) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!op['x-requirement']) missing.push(`${method} ${path}`);
        for (const [status, res] of Object.entries(op.responses))
          if (!res['x-requirement']) missing.push(`${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the operations are the ones the suite exercises', () => {
    const ops = operations().map((o) => `${o.method} ${o.path}`);
    for (const op of [
      'GET /oauth/authorize',
      'POST /oauth/authorize',
      'GET /oauth/authorize/native',
      'POST /oauth/token',
      'POST /oauth/revoke',
      'POST /api/v1/apps',
      'GET /api/v1/apps/verify_credentials',
      'GET /api/v1/accounts/verify_credentials',
      'GET /.well-known/oauth-authorization-server',
      'GET /oauth/userinfo',
      'POST /oauth/userinfo',
      'GET /api/v1/instance',
      'GET /api/v2/instance',
    ])
      expect(ops).toContain(op);
    expect(operations().find((o) => o.method === 'POST' && o.path === '/oauth/revoke')?.statuses).toEqual([
      '200',
      '400',
      '403',
    ]);
  });

  test('the request and token model names of the generated client are kept', () => {
    for (const name of ['OauthTokenPostRequest', 'OauthRevokePostRequest', 'OauthTokenPost200Response'])
      expect(() => validateSchema(name, {})).not.toThrow();
    expect(() => validateSchema('NoSuchSchema', {})).toThrow(/no schema named NoSuchSchema/);
  });

  test('the contract hash is a sha256 of the YAML', () => {
    expect(contractHash()).toMatch(/^[0-9a-f]{64}$/);
  });
});

test.describe('responses the checker must reject', () => {
  test('a Token without created_at violates ENTITY-TOKEN-CREATED at /created_at', () => {
    const { created_at: _, ...rest } = TOKEN;
    const v = checkExchange(token(rest));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ requirement: 'ENTITY-TOKEN-CREATED', instancePath: '/created_at' });
    expect(v[0]?.message).toBe('POST /oauth/token 200 body: /created_at is required but missing');
  });

  test('created_at as the string "123" violates ENTITY-TOKEN-CREATED and quotes the value', () => {
    const v = checkExchange(token({ ...TOKEN, created_at: '123' }));
    expect(v).toEqual([
      expect.objectContaining({
        requirement: 'ENTITY-TOKEN-CREATED',
        instancePath: '/created_at',
        message: 'POST /oauth/token 200 body: /created_at must be integer; got "123"',
      }),
    ]);
  });

  test('created_at as a float violates ENTITY-TOKEN-CREATED (the public OpenAPI says number)', () => {
    expect(checkExchange(token({ ...TOKEN, created_at: 1573979017.5 })).map((v) => v.requirement)).toEqual([
      'ENTITY-TOKEN-CREATED',
    ]);
  });

  test('each Token field is attributed to its own entity requirement', () => {
    const v = checkExchange(token({ access_token: '', token_type: 'mac', scope: ['read'], created_at: 1 }));
    expect(v.map((x) => [x.requirement, x.instancePath])).toEqual([
      ['ENTITY-TOKEN-ACCESS', '/access_token'],
      ['ENTITY-TOKEN-TYPE', '/token_type'],
      ['ENTITY-TOKEN-SCOPE', '/scope'],
    ]);
  });

  test('a token 200 served as text/html violates TOKEN-200-SHAPE', () => {
    const v = checkExchange(
      token('<html><body>ok</body></html>', { ...TOKEN_HEADERS, 'Content-Type': 'text/html; charset=utf-8' }),
    );
    expect(v).toEqual([expect.objectContaining({ requirement: 'TOKEN-200-SHAPE' })]);
    expect(v[0]?.message).toBe(
      'POST /oauth/token 200: Content-Type must be one of [application/json]; got "text/html; charset=utf-8"',
    );
  });

  test('a token 200 that is not JSON violates TOKEN-200-SHAPE and the quote is cut at 40 characters', () => {
    const v = checkExchange(token(`access_token=${'x'.repeat(100)}`));
    expect(v).toHaveLength(1);
    expect(v[0]?.requirement).toBe('TOKEN-200-SHAPE');
    expect(v[0]?.message).toBe(`POST /oauth/token 200 body: must be JSON; got "access_token=${'x'.repeat(27)}…"`);
  });

  test('a token 200 body that is an array violates TOKEN-200-SHAPE at the root', () => {
    expect(checkExchange(token([TOKEN]))).toEqual([
      expect.objectContaining({ requirement: 'TOKEN-200-SHAPE', instancePath: '' }),
    ]);
  });

  test('a token 200 without Cache-Control no-store violates TOKEN-200-HEADERS', () => {
    const v = checkExchange(token(TOKEN, { ...TOKEN_HEADERS, 'Cache-Control': 'private' }));
    expect(v).toEqual([
      expect.objectContaining({
        requirement: 'TOKEN-200-HEADERS',
        message: 'POST /oauth/token 200 header Cache-Control: must match /no-store/; got "private"',
      }),
    ]);
  });

  test('a token 400 with invalid_client violates TOKEN-ERR-SHAPE (it belongs to 401)', () => {
    const headers = {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'WWW-Authenticate': 'Bearer realm="Doorkeeper", error="invalid_client"',
    };
    const v = checkExchange(
      token({ error: 'invalid_client', error_description: 'Client authentication failed' }, headers, 400),
    );
    expect(v).toEqual([expect.objectContaining({ requirement: 'TOKEN-ERR-SHAPE', instancePath: '/error' })]);
  });

  test('a token error without WWW-Authenticate violates TOKEN-ERR-HEADERS', () => {
    const v = checkExchange(
      token(
        { error: 'invalid_grant', error_description: 'x' },
        { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        400,
      ),
    );
    expect(v).toEqual([
      expect.objectContaining({
        requirement: 'TOKEN-ERR-HEADERS',
        message: 'POST /oauth/token 400 header WWW-Authenticate is required but missing',
      }),
    ]);
  });

  test('Pleroma-style {"error":"Invalid credentials"} violates TOKEN-ERR-SHAPE', () => {
    const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'WWW-Authenticate': 'Bearer' };
    const v = checkExchange(token({ error: 'Invalid credentials' }, headers, 400));
    expect(v.map((x) => [x.requirement, x.instancePath])).toEqual([
      ['TOKEN-ERR-SHAPE', '/error_description'],
      ['TOKEN-ERR-SHAPE', '/error'],
    ]);
  });

  test('a revoke 500 is undocumented and violates REVOKE-OK', () => {
    const v = checkExchange(
      exchange('POST', '/oauth/revoke', 500, 'Internal Server Error', { 'Content-Type': 'text/plain' }),
    );
    expect(v).toEqual([
      {
        requirement: 'REVOKE-OK',
        undocumentedStatus: true,
        message: 'POST /oauth/revoke: status 500 is not documented; documented: 200, 400, 403',
      },
    ]);
  });

  test(
    "an undocumented 4xx belongs to the operation's error " + 'requirement: a revoke 401 violates REVOKE-BAD-CLIENT',
    () => {
      const v = checkExchange(exchange('POST', '/oauth/revoke', 401, { error: 'invalid_client' }));
      expect(v).toEqual([expect.objectContaining({ requirement: 'REVOKE-BAD-CLIENT', undocumentedStatus: true })]);
    },
  );

  test('a revoke 403 with another error code violates REVOKE-FOREIGN', () => {
    const v = checkExchange(
      exchange('POST', '/oauth/revoke', 403, { error: 'This action is outside the authorized scopes' }),
    );
    expect(v.map((x) => x.requirement)).toEqual(['REVOKE-FOREIGN', 'REVOKE-FOREIGN', 'REVOKE-FOREIGN']);
  });

  test('a revoke 200 with an empty body (Takahē) violates REVOKE-OK', () => {
    expect(checkExchange(exchange('POST', '/oauth/revoke', 200, '', {}))).toEqual([
      expect.objectContaining({ requirement: 'REVOKE-OK' }),
    ]);
  });

  test('an app registration answering 201 is undocumented and violates APP-CREATE-OK', () => {
    const v = checkExchange(exchange('POST', '/api/v1/apps', 201, CREDENTIAL_APP));
    expect(v).toEqual([
      {
        requirement: 'APP-CREATE-OK',
        undocumentedStatus: true,
        message: 'POST /api/v1/apps: status 201 is not documented; documented: 200, 422, 429',
      },
    ]);
  });

  test('app verification that leaks client_secret violates APP-VERIFY-NO-SECRET', () => {
    const v = checkExchange(exchange('GET', '/api/v1/apps/verify_credentials', 200, CREDENTIAL_APP), {
      version: '4.7.0',
    });
    expect(v.map((x) => [x.requirement, x.instancePath])).toEqual([
      ['APP-VERIFY-NO-SECRET', '/client_id'],
      ['APP-VERIFY-NO-SECRET', '/client_secret'],
      ['APP-VERIFY-NO-SECRET', '/client_secret_expires_at'],
    ]);
  });

  test('metadata without profile in scopes_supported violates META-SCOPES', () => {
    const v = validateSchema(
      'OAuthServerMetadata',
      metadata({ scopes_supported: ['read', 'write', 'follow', 'push'] }),
    );
    expect(v).toEqual([
      expect.objectContaining({
        requirement: 'META-SCOPES',
        instancePath: '/scopes_supported',
        message: 'OAuthServerMetadata: /scopes_supported must contain "profile"; got ["read","write","follow","push"]',
      }),
    ]);
  });

  test('a GET /oauth/token answering 200 violates TOKEN-POST', () => {
    expect(checkExchange(exchange('GET', '/oauth/token', 200, TOKEN)).map((v) => v.requirement)).toEqual([
      'TOKEN-POST',
    ]);
  });
});

test.describe('responses the checker must tolerate', () => {
  test('a Mastodon token response passes', () => {
    expect(checkExchange(token(TOKEN))).toEqual([]);
  });

  test('extra keys in the Token pass (ENTITY-TOKEN-EXTRA)', () => {
    expect(
      checkExchange(
        token({ ...TOKEN, expires_in: 600, refresh_token: 'r', me: 'https://pleroma.example/users/a', id: 7 }),
      ),
    ).toEqual([]);
  });

  test('Content-Type parameters and case are ignored', () => {
    for (const ct of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])
      expect(checkExchange(token(TOKEN, { ...TOKEN_HEADERS, 'Content-Type': ct })), ct).toEqual([]);
  });

  test('header names are matched case-insensitively and array values are joined', () => {
    expect(
      checkExchange(
        token(TOKEN, {
          'content-type': 'application/json',
          'cache-control': ['no-cache', 'no-store'],
          PRAGMA: 'no-cache',
        }),
      ),
    ).toEqual([]);
  });

  test('keys in any order pass', () => {
    expect(
      checkExchange(token('{"created_at":1573979017,"scope":"read","token_type":"Bearer","access_token":"abc"}')),
    ).toEqual([]);
  });

  test('token_type is compared case-insensitively', () => {
    expect(checkExchange(token({ ...TOKEN, token_type: 'bearer' }))).toEqual([]);
  });

  test('the query string and a trailing slash do not hide the operation', () => {
    const ex = token({ ...TOKEN, created_at: 'x' });
    ex.request.url = 'https://mastodon.example/oauth/token/?grant_type=client_credentials';
    expect(checkExchange(ex).map((v) => v.requirement)).toEqual(['ENTITY-TOKEN-CREATED']);
  });

  test('client_secret_expires_at may be absent on 4.3.1 but is required from 4.3.2 (CHANGELOG 4.3.2, #30317)', () => {
    const { client_secret_expires_at: _, ...app } = CREDENTIAL_APP;
    expect(checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: '4.3.1' })).toEqual([]);
    expect(checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: '4.3.2' })).toEqual([
      expect.objectContaining({ requirement: 'APP-CREATE-OK', instancePath: '/client_secret_expires_at' }),
    ]);
    const v = checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: '4.7.0' });
    expect(v).toEqual([
      expect.objectContaining({ requirement: 'APP-CREATE-OK', instancePath: '/client_secret_expires_at' }),
    ]);
    expect(checkExchange(exchange('POST', '/api/v1/apps', 200, app)), 'no version means the newest').toHaveLength(1);
  });

  test('a 4.2 app registration without scopes and redirect_uris passes', () => {
    const { client_secret_expires_at: _a, scopes: _b, redirect_uris: _c, ...app } = CREDENTIAL_APP;
    expect(checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: '4.2.10' })).toEqual([]);
    expect(
      checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: '4.3.0' }).map((v) => v.instancePath),
    ).toEqual(['/scopes', '/redirect_uris']);
  });

  test('Pragma may be absent on 4.3.x but is expected from 4.4.0 (TOKEN-200-HEADERS-PRAGMA)', () => {
    const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store, no-cache' };
    expect(checkExchange(token(TOKEN, headers), { version: '4.3.2' })).toEqual([]);
    expect(checkExchange(token(TOKEN, headers), { version: '4.4.0' })).toEqual([
      expect.objectContaining({ requirement: 'TOKEN-200-HEADERS-PRAGMA' }),
    ]);
  });

  test('metadata without userinfo_endpoint passes on 4.3 but not on 4.4', () => {
    const { userinfo_endpoint: _, ...meta } = metadata({});
    expect(validateSchema('OAuthServerMetadata', meta, { version: '4.3.0' })).toEqual([]);
    expect(validateSchema('OAuthServerMetadata', meta, { version: '4.4.0' })).toEqual([
      expect.objectContaining({ requirement: 'META-ENDPOINTS', instancePath: '/userinfo_endpoint' }),
    ]);
    expect(
      checkExchange(exchange('GET', '/.well-known/oauth-authorization-server', 200, metadata({ extra_key: true }))),
    ).toEqual([]);
  });

  test('the 4.2 app verification shape passes on 4.2 (no id, scopes, redirect_uris; secrets not yet forbidden)', () => {
    expect(
      checkExchange(
        exchange('GET', '/api/v1/apps/verify_credentials', 200, { name: 'x', website: null, vapid_key: 'k' }),
        { version: '4.2.0' },
      ),
    ).toEqual([]);
  });

  test('revoke {} and {} with extras pass; a redirect without a body passes', () => {
    expect(checkExchange(exchange('POST', '/oauth/revoke', 200, {}))).toEqual([]);
    expect(checkExchange(exchange('POST', '/oauth/revoke', 200, { ok: true }))).toEqual([]);
    expect(
      checkExchange(
        exchange('GET', '/oauth/authorize?client_id=x', 302, '', { Location: 'https://mastodon.example/auth/sign_in' }),
      ),
    ).toEqual([]);
  });

  test('the authorize HTML pages pass, and a 302 without Location does not', () => {
    const html = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' };
    expect(checkExchange(exchange('GET', '/oauth/authorize', 200, '<html></html>', html))).toEqual([]);
    expect(checkExchange(exchange('GET', '/oauth/authorize', 400, '<html></html>', html))).toEqual([]);
    const denied = { error: 'access_denied', error_description: 'The resource owner…' };
    expect(checkExchange(exchange('POST', '/oauth/authorize', 400, denied))).toEqual([]);
    expect(checkExchange(exchange('GET', '/oauth/authorize', 302, '', {}))).toEqual([
      expect.objectContaining({ requirement: 'AUTHZ-LOGIN-REDIRECT' }),
    ]);
  });

  test('paths and methods the contract does not describe give no violations', () => {
    expect(checkExchange(exchange('GET', '/oauth/introspect', 500, 'boom', {}))).toEqual([]);
    expect(checkExchange(exchange('OPTIONS', '/oauth/revoke', 204, '', {}))).toEqual([]);
  });

  test('the instance probes are described but no requirement owns their violations', () => {
    expect(checkExchange(exchange('GET', '/api/v2/instance', 200, { version: '4.4.0' }))).toEqual([]);
    expect(checkExchange(exchange('GET', '/api/v2/instance', 200, { domain: 'x' }))).toEqual([]);
    expect(validateSchema('Instance', { domain: 'x' })).toEqual([
      expect.objectContaining({ requirement: '', instancePath: '/version' }),
    ]);
  });

  test('an unparsable target version is treated as the newest', () => {
    const { client_secret_expires_at: _, ...app } = CREDENTIAL_APP;
    expect(checkExchange(exchange('POST', '/api/v1/apps', 200, app), { version: 'unknown' })).toHaveLength(1);
  });
});

function metadata(over: Record<string, unknown>): Record<string, unknown> {
  const base = 'https://mastodon.example/';
  return {
    issuer: base,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${base}oauth/authorize`,
    token_endpoint: `${base}oauth/token`,
    app_registration_endpoint: `${base}api/v1/apps`,
    revocation_endpoint: `${base}oauth/revoke`,
    userinfo_endpoint: `${base}oauth/userinfo`,
    scopes_supported: ['read', 'profile', 'write', 'write:accounts', 'follow', 'push'],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    ...over,
  };
}

test('a body the caller already parsed is checked as given, and not parsed again', () => {
  const ex = token({ ...TOKEN, created_at: '123' });
  const alone = checkExchange(ex);
  expect(alone.map((v) => v.requirement)).toEqual(['ENTITY-TOKEN-CREATED']);
  expect(checkExchange(ex, { json: parseBody(ex.response.body) })).toEqual(alone);
  // What the caller parsed is what is judged: the text is not read again.
  expect(checkExchange(ex, { json: { ok: true, value: TOKEN } })).toEqual([]);
  expect(checkExchange(ex, { json: { ok: false } }).map((v) => v.message)).toEqual([
    expect.stringMatching(/body: must be JSON/),
  ]);
});
