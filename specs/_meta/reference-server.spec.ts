/**
 * The reference server tested on its own, over HTTP: the browser flow through its HTML forms, PKCE, tokens,
 * revocation, version differences, robustness, and the mutant registry. The conformance specs test targets;
 * these test the default target itself.
 */
import { test, expect } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'node-html-parser';
import { request } from 'undici';
import {
  listMutants,
  startReferenceServer,
  totp,
  type ReferenceServer,
} from '../../fixtures/reference-server/index.ts';

const USER = { email: 'alice@example.test', password: 'correct horse battery staple', username: 'alice' };
const TOTP_USER = {
  email: 'bob@example.test',
  password: 'another long password',
  username: 'bob',
  totpSecret: 'JBSWY3DPEHPK3PXP',
};
const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const CB = 'https://client.example/cb?keep=1';

interface Res {
  status: number;
  headers: Record<string, string>;
  text: string;
  // The self-tests read many answer shapes; each expectation checks what it reads.
  // biome-ignore lint/suspicious/noExplicitAny: many answer shapes, see above.
  json: any;
  location?: string;
}

/** A cookie-jar client: enough of a browser for the sign-in and consent forms. */
class Client {
  readonly cookies = new Map<string, string>();
  /** Every status this client saw (the mutant sweep checks that none is a 5xx). */
  readonly seen: string[] = [];
  constructor(readonly base: string) {}

  async send(
    method: string,
    path: string,
    opts: {
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
      body?: string | Buffer;
    } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = opts.body;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }
    const res = await request(new URL(path, this.base), { method: method as 'GET', headers, body });
    const text = await res.body.text();
    this.seen.push(`${res.statusCode} ${method} ${path}`);
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join('\n') : String(v);
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: flat, text, json, location: flat.location };
  }
  get(path: string, headers?: Record<string, string>) {
    return this.send('GET', path, { headers });
  }
  post(path: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.send('POST', path, { form, headers });
  }
}

const basic = (app: App) => ({
  authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type App = { client_id: string; client_secret: string; id: string; scopes?: string[] };

async function registerApp(c: Client, fields: Record<string, unknown> = {}): Promise<App> {
  const res = await c.send('POST', '/api/v1/apps', {
    json: { client_name: 'Self-test', redirect_uris: `${CB}\n${OOB}`, scopes: 'read write profile', ...fields },
  });
  expect(res.status, res.text).toBe(200);
  return res.json as App;
}

function authorizePath(app: App, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: CB,
    scope: 'read write',
    state: 'st-1',
    ...extra,
  });
  return `/oauth/authorize?${query}`;
}

function forms(html: string) {
  return parse(html)
    .querySelectorAll('form')
    .map((f) => ({
      action: f.getAttribute('action') ?? '',
      fields: Object.fromEntries(
        f
          .querySelectorAll('input[type=hidden]')
          .map((i) => [i.getAttribute('name') ?? '', i.getAttribute('value') ?? '']),
      ),
      button: f.querySelector('button'),
    }));
}

async function signIn(c: Client, user: { email: string; password: string; totpSecret?: string } = USER): Promise<Res> {
  const page = await c.get('/auth/sign_in');
  const csrf = parse(page.text).querySelector('meta[name=csrf-token]')?.getAttribute('content') ?? '';
  let res = await c.post('/auth/sign_in', {
    authenticity_token: csrf,
    'user[email]': user.email,
    'user[password]': user.password,
  });
  if (user.totpSecret) {
    expect(parse(res.text).querySelector('#user_otp_attempt')).not.toBeNull();
    const token = forms(res.text)[0]!.fields.authenticity_token!;
    res = await c.post('/auth/sign_in', { authenticity_token: token, 'user[otp_attempt]': totp(user.totpSecret) });
  }
  return res;
}

/** GET authorize (signing in on the way), then press Authorize or Deny; answers the final response. */
async function consent(
  c: Client,
  app: App,
  extra: Record<string, string> = {},
  press: 'approve' | 'deny' = 'approve',
): Promise<Res> {
  let res = await c.get(authorizePath(app, extra));
  if (res.status === 302 && res.location?.endsWith('/auth/sign_in')) {
    res = await signIn(c);
    expect(res.status).toBe(302);
    res = await c.get(res.location!);
  }
  if (res.status !== 200) return res;
  const form = forms(res.text).find((f) => (press === 'deny') === '_method' in f.fields);
  expect(form, res.text).toBeTruthy();
  return c.post(form!.action, form!.fields);
}

async function codeFor(c: Client, app: App, extra: Record<string, string> = {}): Promise<string> {
  const res = await consent(c, app, extra);
  expect(res.status, res.text).toBe(302);
  return new URL(res.location!).searchParams.get('code')!;
}

const exchange = (c: Client, app: App, code: string, extra: Record<string, string> = {}) =>
  c.post('/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: CB, ...extra }, basic(app));
const appToken = (c: Client, app: App, extra: Record<string, string> = {}) =>
  c.post('/oauth/token', {
    grant_type: 'client_credentials',
    client_id: app.client_id,
    client_secret: app.client_secret,
    ...extra,
  });
const revoke = (c: Client, app: App, token: string, extra: Record<string, string> = {}) =>
  c.post('/oauth/revoke', { client_id: app.client_id, client_secret: app.client_secret, token, ...extra });

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function withServer(
  opts: Parameters<typeof startReferenceServer>[0],
  body: (s: ReferenceServer, c: Client) => Promise<void>,
) {
  const s = await startReferenceServer({ users: [USER, TOTP_USER], appRegistrationLimit: Infinity, ...opts });
  try {
    await body(s, new Client(s.url));
  } finally {
    await s.close();
  }
}

test.describe('reference server 4.7', () => {
  let server: ReferenceServer;
  let c: Client;
  let app: App;
  let other: App;

  test.beforeAll(async () => {
    server = await startReferenceServer({ users: [USER, TOTP_USER], appRegistrationLimit: Infinity });
    const setup = new Client(server.url);
    app = await registerApp(setup);
    other = await registerApp(setup);
  });
  test.afterAll(async () => {
    await server.close();
  });
  test.beforeEach(() => {
    c = new Client(server.url);
  });

  test('the code flow goes through the sign-in and consent forms and ends with a working token', async () => {
    const first = await c.get(authorizePath(app));
    expect(first.status).toBe(302);
    expect(first.location).toBe(`${server.url}/auth/sign_in`);
    const signInPage = await c.get('/auth/sign_in');
    const doc = parse(signInPage.text);
    expect(doc.querySelector('#user_email')?.getAttribute('name')).toBe('user[email]');
    expect(doc.querySelector('#user_password')?.getAttribute('name')).toBe('user[password]');
    const wrong = await c.post('/auth/sign_in', {
      authenticity_token: forms(signInPage.text)[0]!.fields.authenticity_token!,
      'user[email]': USER.email,
      'user[password]': 'nope',
    });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Invalid E-mail address or password.');
    const back = await signIn(c);
    expect(back.location).toBe(`${server.url}${authorizePath(app)}`);
    const page = await c.get(back.location!);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    const html = parse(page.text);
    expect(html.querySelector('body.modal-layout .form-container.simple_form > .oauth-prompt')).not.toBeNull();
    expect(page.text).toContain('@alice@localhost');
    const [approve, deny] = forms(page.text);
    expect(approve!.button?.getAttribute('class')).toBe('btn');
    expect(deny!.fields._method).toBe('delete');
    expect(deny!.button?.getAttribute('class')).toBe('btn negative');
    for (const f of [
      'authenticity_token',
      'client_id',
      'redirect_uri',
      'state',
      'response_type',
      'scope',
      'code_challenge',
      'code_challenge_method',
    ])
      expect(approve!.fields).toHaveProperty(f);
    const done = await c.post('/oauth/authorize', approve!.fields);
    expect(done.status).toBe(302);
    const location = new URL(done.location!);
    expect(location.origin + location.pathname).toBe('https://client.example/cb');
    expect(location.searchParams.get('keep')).toBe('1');
    expect(location.searchParams.get('state')).toBe('st-1');
    const tokenRes = await exchange(c, app, location.searchParams.get('code')!, { scope: 'push' });
    expect(tokenRes.status).toBe(200);
    expect(Object.keys(tokenRes.json).sort()).toEqual(['access_token', 'created_at', 'scope', 'token_type']);
    expect(tokenRes.json).toMatchObject({ token_type: 'Bearer', scope: 'read write' });
    expect(tokenRes.json.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Number.isInteger(tokenRes.json.created_at)).toBe(true);
    expect(tokenRes.headers['cache-control']).toContain('no-store');
    expect(tokenRes.headers.pragma).toBe('no-cache');
    const me = await c.get('/api/v1/accounts/verify_credentials', bearer(tokenRes.json.access_token));
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ username: 'alice', acct: 'alice', source: { privacy: 'public' } });
    const replay = await exchange(c, app, location.searchParams.get('code')!);
    expect(replay.json.error).toBe('invalid_grant');
    expect((await c.get('/api/v1/apps/verify_credentials', bearer(tokenRes.json.access_token))).status).toBe(200);
  });

  test('the same user, app and scopes get the same token back, and auto-approval skips the consent page', async () => {
    const t1 = (await exchange(c, app, await codeFor(c, app, { scope: 'read' }))).json;
    const auto = await c.get(authorizePath(app, { scope: 'read' }));
    expect(auto.status).toBe(302);
    const t2 = (await exchange(c, app, new URL(auto.location!).searchParams.get('code')!)).json;
    expect(t2).toEqual(t1);
    const forced = await c.get(authorizePath(app, { scope: 'read', force_login: 'False' }));
    expect(forced.status).toBe(200);
    expect((await c.get(authorizePath(app, { scope: 'read', force_login: 'off' }))).status).toBe(302);
    expect((await revoke(c, app, t1.access_token)).json).toEqual({});
    const gone = await c.get('/api/v1/accounts/verify_credentials', bearer(t1.access_token));
    expect(gone.status).toBe(401);
    expect(gone.json).toEqual({ error: 'The access token was revoked' });
    expect(gone.headers['www-authenticate']).toContain('error="invalid_token"');
    expect((await c.get(authorizePath(app, { scope: 'read' }))).status).toBe(200);
  });

  test('PKCE: S256 works, a missing or wrong verifier fails, plain is refused on the error page', async () => {
    const p = pkce();
    const code = await codeFor(c, app, {
      code_challenge: p.challenge,
      code_challenge_method: 'S256',
      scope: 'profile',
    });
    expect((await exchange(c, app, code)).json.error_description).toBe('Missing required parameter: code_verifier.');
    expect((await exchange(c, app, code, { code_verifier: 'x'.repeat(43) })).json.error).toBe('invalid_grant');
    const ok = await exchange(c, app, code, { code_verifier: p.verifier });
    expect(ok.status).toBe(200);
    const info = await c.send('POST', '/oauth/userinfo', { headers: bearer(ok.json.access_token) });
    expect(info.json).toMatchObject({ iss: `${server.url}/`, preferred_username: 'alice' });
    const plain = await c.get(authorizePath(app, { code_challenge: 'abc', code_challenge_method: 'plain' }));
    expect(plain.status).toBe(400);
    expect(parse(plain.text).querySelector('.form-container .flash-message')?.text).toBe(
      'The code_challenge_method must be S256.',
    );
    expect(plain.text).not.toContain('Authorize</button>');
    const bare = await codeFor(c, app, { scope: 'write' });
    expect((await exchange(c, app, bare, { code_verifier: p.verifier })).json.error).toBe('invalid_grant');
  });

  test('oob shows the code, deny redirects with access_denied, oob deny is JSON, CSRF is enforced', async () => {
    const oob = await consent(c, app, { redirect_uri: OOB, scope: 'read write' });
    expect(oob.location).toMatch(/\/oauth\/authorize\/native\?code=/);
    const page = await c.get(oob.location!);
    const code = parse(page.text).querySelector('input.oauth-code');
    expect(code?.getAttribute('value')).toBe(new URL(oob.location!).searchParams.get('code'));
    expect(code?.hasAttribute('readonly')).toBe(true);
    const denied = await consent(c, app, { scope: 'write', state: '' }, 'deny');
    expect(denied.location).toBe(
      'https://client.example/cb?keep=1&error=access_denied' +
        '&error_description=The+resource+owner+or+authorization+server+denied+the+request.',
    );
    const oobDeny = await consent(c, app, { redirect_uri: OOB, scope: 'write' }, 'deny');
    expect(oobDeny.status).toBe(400);
    expect(oobDeny.json.error).toBe('access_denied');
    const noToken = await c.post('/oauth/authorize', {
      client_id: app.client_id,
      redirect_uri: CB,
      response_type: 'code',
      scope: 'read',
    });
    expect(noToken.status).toBe(422);
  });

  test('authorize errors are pages with 400/401, never redirects', async () => {
    await signIn(c);
    const cases: [Record<string, string>, number, string][] = [
      [{ client_id: '' }, 400, 'Missing required parameter: client_id.'],
      [{ client_id: 'nope' }, 401, 'Client authentication failed'],
      [{ redirect_uri: 'https://evil.example/cb' }, 400, 'The redirect uri included is not valid.'],
      [{ response_type: 'token' }, 400, 'does not support this response type'],
      [{ scope: 'read:accounts' }, 400, 'The requested scope is invalid'],
      [{ scope: 'Read' }, 400, 'The requested scope is invalid'],
    ];
    for (const [extra, status, text] of cases) {
      const res = await c.get(authorizePath(app, extra));
      expect(res.status, JSON.stringify(extra)).toBe(status);
      expect(parse(res.text).querySelector('.form-container .flash-message')?.text).toContain(text);
    }
    expect(
      (await c.get(authorizePath(app, { redirect_uri: 'HTTPS://CLIENT.example/cb?keep=1', force_login: '1' }))).status,
    ).toBe(200);
    const de = await c.get(authorizePath(app, { lang: 'de', force_login: 'true' }));
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('Autorisieren');
  });

  test('client_credentials: default read, subset, invalid scope, no user', async () => {
    const t = await appToken(c, app);
    expect(t.json.scope).toBe('read');
    expect((await appToken(c, app)).json.access_token).toBe(t.json.access_token);
    expect((await appToken(c, app, { scope: 'write profile' })).json.scope).toBe('write profile');
    expect((await appToken(c, app, { scope: 'follow' })).json.error).toBe('invalid_scope');
    const writeOnly = await registerApp(c, { scopes: 'write' });
    expect((await appToken(c, writeOnly)).json.error).toBe('invalid_scope');
    const me = await c.get('/api/v1/accounts/verify_credentials', bearer(t.json.access_token));
    expect(me.status).toBe(422);
    expect(me.json).toEqual({ error: 'This method requires an authenticated user' });
    expect(
      (await c.get(`/api/v1/apps/verify_credentials?access_token=${t.json.access_token}`)).json,
    ).not.toHaveProperty('client_secret');
    const w = (await appToken(c, writeOnly, { scope: 'write' })).json.access_token;
    expect((await c.get('/api/v1/accounts/verify_credentials', bearer(w))).json).toEqual({
      error: 'This action is outside the authorized scopes',
    });
  });

  test('token errors: order, statuses, headers', async () => {
    const missing = await c.post('/oauth/token', {});
    expect(missing.json).toEqual({
      error: 'invalid_request',
      error_description: 'Missing required parameter: grant_type.',
    });
    expect(missing.headers['www-authenticate']).toContain('error="invalid_request"');
    expect(missing.headers['cache-control']).toContain('no-store');
    for (const g of ['refresh_token', 'password', 'implicit', 'nope']) {
      expect((await c.post('/oauth/token', { grant_type: g, client_id: 'bad' })).json.error).toBe(
        'unsupported_grant_type',
      );
    }
    const badClient = await c.post('/oauth/token', {
      grant_type: 'authorization_code',
      code: 'x',
      redirect_uri: CB,
      client_id: app.client_id,
      client_secret: 'wrong',
    });
    expect(badClient.status).toBe(401);
    expect(badClient.json.error).toBe('invalid_client');
    expect((await exchange(c, app, 'garbage')).json.error).toBe('invalid_grant');
    const code = await codeFor(c, app, { scope: 'read write profile' });
    expect((await exchange(c, other, code)).json.error).toBe('invalid_grant');
    expect((await exchange(c, app, code, { redirect_uri: 'https://client.example/other' })).json.error).toBe(
      'invalid_grant',
    );
    const multi = await c.post(
      '/oauth/token',
      { grant_type: 'client_credentials', client_secret: app.client_secret },
      basic(app),
    );
    expect(multi.json.error_description).toBe(
      'The request utilizes more than one mechanism for authenticating the client.',
    );
    expect(
      (
        await c.send('POST', '/oauth/token', {
          json: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await c.send(
          'POST',
          `/oauth/token?grant_type=client_credentials&client_id=${app.client_id}&client_secret=${app.client_secret}`,
        )
      ).status,
    ).toBe(200);
    expect((await c.get('/oauth/token')).status).toBe(404);
  });

  test('revocation: owner only, idempotent, unknown is fine, refresh_token hint does nothing, CORS', async () => {
    const t = (await appToken(c, app, { scope: 'profile' })).json.access_token;
    const foreign = await revoke(c, other, t);
    expect(foreign.status).toBe(403);
    expect(foreign.json).toEqual({
      error: 'unauthorized_client',
      error_description: 'You are not authorized to revoke this token',
    });
    expect((await revoke(c, { ...app, client_secret: 'wrong' }, 'unknown')).status).toBe(403);
    expect((await revoke(c, app, 'unknown')).json).toEqual({});
    expect((await c.post('/oauth/revoke', { client_id: app.client_id, client_secret: app.client_secret })).status).toBe(
      200,
    );
    expect((await revoke(c, app, t, { token_type_hint: 'refresh_token' })).status).toBe(200);
    expect((await c.get('/api/v1/apps/verify_credentials', bearer(t))).status).toBe(200);
    const ok = await c.post('/oauth/revoke', { token: t }, { ...basic(app), origin: 'https://web.example' });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect((await revoke(c, app, t)).status).toBe(200);
    expect((await c.get('/api/v1/apps/verify_credentials', bearer(t))).json).toEqual({
      error: 'The access token was revoked',
    });
    expect(
      (
        await c.send('OPTIONS', '/oauth/revoke', {
          headers: { origin: 'https://web.example', 'access-control-request-method': 'POST' },
        })
      ).headers['access-control-allow-origin'],
    ).toBe('*');
  });

  test('the logout link with continue=true keeps the stored authorize URL', async () => {
    const page = await consent(c, app, { force_login: 'true' }).then(() =>
      c.get(authorizePath(app, { force_login: 'true' })),
    );
    const link = parse(page.text).querySelector('a.logout-link');
    expect(link?.getAttribute('href')).toBe('/auth/sign_out?continue=true');
    expect(link?.getAttribute('data-method')).toBe('delete');
    const csrf = parse(page.text).querySelector('meta[name=csrf-token]')?.getAttribute('content') ?? '';
    const out = await c.post(link!.getAttribute('href')!, { _method: 'delete', authenticity_token: csrf });
    expect(out.location).toBe(`${server.url}/auth/sign_in`);
    const back = await signIn(c);
    expect(back.location).toBe(`${server.url}${authorizePath(app, { force_login: 'true' })}`);
  });

  test('a TOTP account signs in with a second form', async () => {
    const res = await signIn(c, TOTP_USER);
    expect(res.status).toBe(302);
    expect(server.stats().signIns).toBeGreaterThan(0);
  });

  test('bad input answers 4xx, never 5xx', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    expect(
      (
        await c.send('POST', '/oauth/token', {
          body: big,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(413);
    expect(
      (
        await c.send('POST', '/api/v1/apps', {
          body: '{"client_name":',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    const probes: [string, string, string | undefined, string | undefined][] = [
      ['POST', '/oauth/token', 'application/json', '{"grant_type":["client_credentials"],"client_id":{"a":1}}'],
      [
        'POST',
        '/oauth/token',
        'application/x-www-form-urlencoded',
        'grant_type[]=authorization_code&code[x]=1&redirect_uri[]=a',
      ],
      ['POST', '/oauth/token', 'multipart/form-data; boundary=zz', '--zz\r\nbroken'],
      ['POST', '/oauth/revoke', 'application/json', '[1,2,3]'],
      ['POST', '/oauth/revoke', 'text/plain', 'token=abc'],
      [
        'POST',
        '/api/v1/apps',
        'application/json',
        '{"client_name":{"x":1},"redirect_uris":[{"a":1}],"scopes":["read"],"__proto__":{"x":1}}',
      ],
      [
        'POST',
        '/api/v1/apps',
        'application/x-www-form-urlencoded',
        'client_name=a&redirect_uris=javascript:alert(1)&website=notaurl',
      ],
      ['GET', '/oauth/authorize?client_id[]=1', undefined, undefined],
      ['POST', '/oauth/authorize', 'application/x-www-form-urlencoded', '_method=delete'],
      ['DELETE', '/auth/sign_out', undefined, undefined],
      ['GET', '/oauth/authorize/native', undefined, undefined],
      ['GET', '/api/v1/accounts/verify_credentials?access_token[]=x', undefined, undefined],
      ['PUT', '/oauth/token', undefined, undefined],
      ['GET', '/%E0%A4%A', undefined, undefined],
    ];
    for (const [method, path, type, body] of probes) {
      const res = await c.send(method, path, {
        ...(body !== undefined ? { body } : {}),
        headers: type ? { 'content-type': type } : {},
      });
      expect(res.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(300);
      expect(res.status, `${method} ${path} ${body}`).toBeLessThan(500);
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  test('secrets() lists what was issued and received, stats() counts', async () => {
    const t = (await appToken(c, app, { scope: 'write' })).json.access_token;
    expect(server.secrets()).toEqual(expect.arrayContaining([app.client_secret, t, USER.password]));
    expect(server.secrets()).not.toContain(app.client_id);
    const stats = server.stats();
    expect(stats.appsRegistered).toBeGreaterThanOrEqual(2);
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(stats.liveTokens);
  });
});

test.describe('reference server versions', () => {
  test('4.2: no metadata, no PKCE, error page 200, password grant, redirect_uris array refused', async () => {
    await withServer({ version: '4.2.0' }, async (_s, c) => {
      expect((await c.get('/.well-known/oauth-authorization-server')).status).toBe(404);
      const arr = await c.send('POST', '/api/v1/apps', { json: { client_name: 'x', redirect_uris: [CB] } });
      expect(arr.json).toEqual({ error: "Validation failed: Redirect URI can't be blank" });
      const app = await registerApp(c, { scopes: 'read write' });
      expect(app).not.toHaveProperty('client_secret_expires_at');
      expect(app).not.toHaveProperty('scopes');
      await signIn(c);
      expect((await c.get(authorizePath(app, { scope: 'push' }))).status).toBe(200);
      const p = pkce();
      const code = await codeFor(c, app, { code_challenge: p.challenge, code_challenge_method: 'plain' });
      expect((await exchange(c, app, code)).status).toBe(200);
      const pw = await c.post('/oauth/token', {
        grant_type: 'password',
        username: USER.email,
        password: USER.password,
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      expect(pw.status).toBe(200);
      expect(pw.headers.pragma).toBeUndefined();
      expect((await c.get('/api/v1/instance')).json.version).toBe('4.2.0');
    });
  });

  test('4.3: metadata lists password, no userinfo, 4.3 PKCE text, no Pragma, Basic wins', async () => {
    await withServer({ version: '4.3.0' }, async (_s, c) => {
      const meta = (await c.get('/.well-known/oauth-authorization-server')).json;
      expect(meta.grant_types_supported).toContain('password');
      expect(meta).not.toHaveProperty('userinfo_endpoint');
      expect((await c.get('/oauth/userinfo')).status).toBe(404);
      const app = await registerApp(c);
      await signIn(c);
      const plain = await c.get(authorizePath(app, { code_challenge: 'abc' }));
      expect(plain.text).toContain('The code challenge method must be S256, plain is unsupported.');
      const t = await c.post(
        '/oauth/token',
        { grant_type: 'client_credentials', client_secret: 'ignored' },
        basic(app),
      );
      expect(t.status).toBe(200);
      expect(t.headers.pragma).toBeUndefined();
    });
  });

  test('4.4: password grant gone, userinfo present', async () => {
    await withServer({ version: '4.4.0' }, async (s, c) => {
      const app = await registerApp(c);
      const pw = await c.post(
        '/oauth/token',
        { grant_type: 'password', username: USER.email, password: USER.password },
        basic(app),
      );
      expect(pw.json.error).toBe('unsupported_grant_type');
      expect((await c.get('/.well-known/oauth-authorization-server')).json.userinfo_endpoint).toBe(
        `${s.url}/oauth/userinfo`,
      );
    });
  });

  test('app registration is throttled after the limit', async () => {
    await withServer({ appRegistrationLimit: 2 }, async (_s, c) => {
      await registerApp(c);
      await registerApp(c);
      const third = await c.send('POST', '/api/v1/apps', { json: { client_name: 'x', redirect_uris: OOB } });
      expect(third.status).toBe(429);
      expect(third.json).toEqual({ error: 'Too many requests' });
      expect(third.headers['x-ratelimit-limit']).toBe('2');
    });
  });

  test('app registration validation messages', async () => {
    await withServer({}, async (_s, c) => {
      const cases: [Record<string, unknown>, string][] = [
        [{ client_name: '', redirect_uris: OOB }, "Validation failed: Application name can't be blank"],
        [{ client_name: 'x', redirect_uris: '\n' }, "Validation failed: Redirect URI can't be blank"],
        [
          { client_name: 'x', redirect_uris: 'https://a.example/#f' },
          'Validation failed: Redirect URI cannot contain a fragment.',
        ],
        [{ client_name: 'x', redirect_uris: '/cb' }, 'Validation failed: Redirect URI must be an absolute URI.'],
        [
          { client_name: 'x', redirect_uris: 'data:text/html,x' },
          'Validation failed: Redirect URI is forbidden by the server., Redirect URI must specify a scheme.',
        ],
        [
          { client_name: 'x', redirect_uris: OOB, scopes: 'read bogus' },
          "Validation failed: Scopes doesn't match those configured on the server.",
        ],
      ];
      for (const [body, error] of cases) {
        const res = await c.send('POST', '/api/v1/apps', { json: body });
        expect(res.status).toBe(422);
        expect(res.json).toEqual({ error });
      }
      expect((await registerApp(c, { scopes: ['write'] })).scopes).toEqual(['read']);
      expect((await registerApp(c, { scopes: '' })).scopes).toEqual([]);
      expect((await registerApp(c, { scopes: 'read read write' })).scopes).toEqual(['read', 'write']);
    });
  });
});

/**
 * Probes for the headline mutants: each returns true when the defect is visible. The clean server must say
 * false and the mutant true, so a mutant that silently stopped biting is noticed here first.
 */
type Probe = (c: Client, s: ReferenceServer) => Promise<boolean>;
const userToken = async (c: Client, app: App, scope = 'read') =>
  (await exchange(c, app, await codeFor(c, app, { scope }))).json;
const PROBES: Record<string, Probe> = {
  'code-reuse-accepted': async (c) => {
    const app = await registerApp(c);
    const code = await codeFor(c, app);
    await exchange(c, app, code);
    return (await exchange(c, app, code)).status === 200;
  },
  'any-client-secret-accepted': async (c) => {
    const app = await registerApp(c);
    return (await exchange(c, { ...app, client_secret: 'wrong' }, await codeFor(c, app))).status !== 401;
  },
  'revoke-does-nothing': async (c) => {
    const app = await registerApp(c);
    const t = await userToken(c, app);
    await revoke(c, app, t.access_token);
    return (await c.get('/api/v1/accounts/verify_credentials', bearer(t.access_token))).status === 200;
  },
  'revoke-ignores-ownership': async (c) => {
    const [a, b] = [await registerApp(c), await registerApp(c)];
    return (await revoke(c, b, (await appToken(c, a)).json.access_token)).status === 200;
  },
  'revoke-twice-403': async (c) => {
    const app = await registerApp(c);
    const t = (await appToken(c, app)).json.access_token;
    await revoke(c, app, t);
    return (await revoke(c, app, t)).status === 403;
  },
  'token-without-created-at': async (c) => !('created_at' in (await appToken(c, await registerApp(c))).json),
  'token-cacheable': async (c) =>
    !String((await appToken(c, await registerApp(c))).headers['cache-control'] ?? '').includes('no-store'),
  'token-no-pragma': async (c) => (await appToken(c, await registerApp(c))).headers.pragma === undefined,
  'approve-drops-state': async (c) => {
    const res = await consent(c, await registerApp(c), { state: 'xyz' });
    return new URL(res.location!).searchParams.get('state') !== 'xyz';
  },
  'oob-page-without-code': async (c) => {
    const res = await consent(c, await registerApp(c), { redirect_uri: OOB });
    const page = await c.get(res.location!);
    return (
      parse(page.text).querySelector('input.oauth-code')?.getAttribute('value') !==
      new URL(res.location!).searchParams.get('code')
    );
  },
  'cc-default-scope-all': async (c) => (await appToken(c, await registerApp(c))).json.scope !== 'read',
  'app-create-201': async (c) =>
    (await c.send('POST', '/api/v1/apps', { json: { client_name: 'x', redirect_uris: OOB } })).status !== 200,
  'force-login-strict-boolean': async (c) => {
    const app = await registerApp(c);
    await userToken(c, app);
    return (await c.get(authorizePath(app, { scope: 'read', force_login: 'False' }))).status !== 200;
  },
  'code-token-reuse-off': async (c) => {
    const app = await registerApp(c);
    const first = await userToken(c, app);
    return first.access_token !== (await userToken(c, app)).access_token;
  },
  'revoke-hint-honoured': async (c) => {
    const app = await registerApp(c);
    const t = (await appToken(c, app)).json.access_token;
    await revoke(c, app, t, { token_type_hint: 'refresh_token' });
    return (await c.get('/api/v1/apps/verify_credentials', bearer(t))).status === 401;
  },
  'pkce-s256-hex': async (c) => {
    const app = await registerApp(c);
    const p = pkce();
    const code = await codeFor(c, app, { code_challenge: p.challenge, code_challenge_method: 'S256' });
    return (await exchange(c, app, code, { code_verifier: p.verifier })).status !== 200;
  },
  'token-get-routed': async (c) => {
    const app = await registerApp(c);
    return (
      (
        await c.get(
          `/oauth/token?grant_type=client_credentials&client_id=${app.client_id}&client_secret=${app.client_secret}`,
        )
      ).status === 200
    );
  },
  'authorize-validates-before-login': async (c) => (await c.get('/oauth/authorize?client_id=nope')).status !== 302,
};

test.describe('headline mutants bite', () => {
  for (const [id, probe] of Object.entries(PROBES)) {
    test(`${id} is visible to a black-box probe, and the clean server is not`, async () => {
      await withServer({}, async (s, c) => expect(await probe(c, s), 'clean server').toBe(false));
      await withServer({ mutants: [id] }, async (s, c) => expect(await probe(c, s), id).toBe(true));
    });
  }
});

test.describe('mutants', () => {
  const mutants = listMutants();

  test('ids are unique, kebab-case, and each breaks at least one requirement', () => {
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
    for (const m of mutants) {
      expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(m.breaks.length, m.id).toBeGreaterThan(0);
      for (const id of m.breaks) expect(id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(m.description.length, m.id).toBeGreaterThan(10);
    }
  });

  test('every file in mutants/ is registered', () => {
    const dir = fileURLToPath(new URL('../../fixtures/reference-server/mutants/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts', 'helpers.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(mutants.map((m) => m.id).sort());
  });

  test('an unknown mutant id is refused with the known ids', async () => {
    await expect(startReferenceServer({ users: [USER], mutants: ['no-such-mutant'] })).rejects.toThrow(/known: /);
  });

  test('every mutant applies and the server still answers a whole flow without a 5xx', async () => {
    for (const m of mutants) {
      await withServer({ mutants: [m.id] }, async (s, c) => {
        // The flow's own expectations may fail (that is the defect); only 5xx answers count here.
        await (async () => {
          const app = await registerApp(c);
          const res = await consent(c, app, { scope: 'read' });
          const code = res.location ? new URL(res.location, s.url).searchParams.get('code') : null;
          const t = code ? await exchange(c, app, code) : await appToken(c, app);
          const token = String(t.json?.access_token ?? 'none');
          await c.get('/api/v1/accounts/verify_credentials', bearer(token));
          await c.get('/oauth/userinfo', bearer(token));
          await revoke(c, app, token);
          await c.get('/api/v1/apps/verify_credentials', bearer(token));
        })().catch(() => undefined);
        expect(
          c.seen.filter((line) => line.startsWith('5')),
          m.id,
        ).toEqual([]);
        expect(c.seen.length, m.id).toBeGreaterThan(0);
      });
    }
  });
});
