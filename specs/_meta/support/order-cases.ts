/**
 * Two-fault requests that pin the order in which Doorkeeper (and Mastodon around it) validates a request.
 * Each case breaks exactly two rules; the answer names the rule Doorkeeper checks first. The cases are data:
 * `build` makes the request against any base URL from a small `OrderWorld`, so the same table runs against the
 * embedded reference server (specs/_meta/reference-order.spec.ts) and against a real Doorkeeper app over HTTP.
 *
 * Pairs whose two rules give the same status and `error` (grant vs redirect_uri vs verifier: all invalid_grant)
 * cannot be told apart from outside and are not listed.
 */

/** A registered confidential app (every Mastodon app is confidential). */
export interface WorldApp {
  clientId: string;
  clientSecret: string;
  /** A registered redirect URI (not oob). */
  redirectUri: string;
}

export interface WorldCode {
  code: string;
  redirectUri: string;
  /** Present when the code was issued with an S256 challenge. */
  verifier?: string;
}

/**
 * What a case may use. A provider registers two apps with scopes `read write` (at least), signs one user in, and
 * answers fresh codes and tokens of app `a`. Everything else a case needs it does itself over HTTP.
 */
export interface OrderWorld {
  /** Origin of the server, without a trailing slash. */
  baseUrl: string;
  /** The server's Mastodon version (cases carry the version they need). */
  version: string;
  a: WorldApp;
  b: WorldApp;
  /**
   * A fresh, unused code of app `a` for scope `read`, approved by the user; `pkce` → issued with an S256 challenge.
   */
  code(opts: { pkce: boolean }): Promise<WorldCode>;
  /** A live user token of app `a` with scope `read`. */
  userToken(): Promise<string>;
  /** Headers (the session cookie) of a browser signed in as the user; authorize cases need them. */
  signedIn(): Promise<Record<string, string>>;
}

export interface OrderRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface OrderExpectation {
  status: number;
  /** The OAuth `error` of a JSON answer; absent where the answer is an HTML page or a Mastodon API error. */
  error?: string;
}

export interface OrderCase {
  name: string;
  /** The two rules the request breaks, the first being the one that must answer. */
  faults: [string, string];
  /** Where the order comes from: file@tag (Doorkeeper) or mastodon:file@tag. */
  source: string[];
  /** The Mastodon version that has both rules (the reference server's version switch). */
  since?: string;
  expect: OrderExpectation;
  build(world: OrderWorld): Promise<OrderRequest>;
}

export interface OrderAnswer {
  status: number;
  json?: Record<string, unknown>;
  text: string;
}

/** Sends a case's request as-is (no redirects followed). */
export async function sendOrderRequest(baseUrl: string, req: OrderRequest): Promise<OrderAnswer> {
  const url = new URL(req.path, baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.form) {
    body = new URLSearchParams(req.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(url, { method: req.method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** The mismatches between an answer and a case's expectation; empty when it matches. */
export function orderMismatches(c: OrderCase, answer: OrderAnswer): string[] {
  const problems: string[] = [];
  if (answer.status !== c.expect.status) problems.push(`status must be ${c.expect.status}; got ${answer.status}`);
  if (c.expect.error !== undefined && answer.json?.error !== c.expect.error) {
    problems.push(`error must be "${c.expect.error}"; got ${JSON.stringify(answer.json?.error)}`);
  }
  return problems;
}

const basic = (app: WorldApp, secret = app.clientSecret) => ({
  authorization: `Basic ${Buffer.from(`${app.clientId}:${secret}`).toString('base64')}`,
});
const WRONG_SECRET = 'wrong-secret-0000000000000000000000000000000';
const UNKNOWN_CODE = 'no-such-code-0000000000000000000000000000000';
const UNKNOWN_CLIENT = 'no-such-client-00000000000000000000000000000';

const AC = 'lib/doorkeeper/oauth/authorization_code_request.rb';
const AC_STRATEGY = 'lib/doorkeeper/request/authorization_code.rb';
const TAGS = ['v5.7.1', 'v5.8.2', 'v5.9.6'];
const at = (file: string, tags = TAGS) => tags.map((t) => `${file}@${t}`);

/** A fresh client_credentials token of app `a` with `scope`, then revoked (for the bearer cases). */
async function revokedAppToken(world: OrderWorld, scope: string): Promise<string> {
  const issued = await sendOrderRequest(world.baseUrl, {
    method: 'POST',
    path: '/oauth/token',
    headers: basic(world.a),
    form: { grant_type: 'client_credentials', scope },
  });
  const token = issued.json?.access_token;
  if (issued.status !== 200 || typeof token !== 'string')
    throw new Error(`order world: client_credentials answered ${issued.status}`);
  const revoked = await sendOrderRequest(world.baseUrl, {
    method: 'POST',
    path: '/oauth/revoke',
    headers: basic(world.a),
    form: { token },
  });
  if (revoked.status !== 200) throw new Error(`order world: revoke answered ${revoked.status}`);
  return token;
}

export const ORDER_CASES: OrderCase[] = [
  // ------------------------------------------------------------ POST /oauth/token: the strategy, then the request
  {
    name: 'missing grant_type before a bad client',
    faults: ['grant_type missing', 'wrong client secret'],
    source: at('lib/doorkeeper/request.rb'),
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a, WRONG_SECRET),
      form: { code: UNKNOWN_CODE, redirect_uri: w.a.redirectUri },
    }),
  },
  {
    name: 'unsupported grant_type before a bad client',
    faults: ['grant_type unsupported', 'wrong client secret'],
    source: at('lib/doorkeeper/request.rb'),
    expect: { status: 400, error: 'unsupported_grant_type' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a, WRONG_SECRET),
      form: { grant_type: 'no_such_grant' },
    }),
  },
  {
    name: 'missing code before a bad client',
    faults: ['code missing', 'wrong client secret'],
    source: at(AC_STRATEGY),
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a, WRONG_SECRET),
      form: { grant_type: 'authorization_code', redirect_uri: w.a.redirectUri },
    }),
  },
  {
    name: 'a PKCE code without its verifier before a bad client',
    faults: ['code_verifier missing for a PKCE code', 'wrong client secret'],
    source: at(AC),
    since: '4.3.0',
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => {
      const grant = await w.code({ pkce: true });
      return {
        method: 'POST',
        path: '/oauth/token',
        headers: basic(w.a, WRONG_SECRET),
        form: { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri },
      };
    },
  },
  {
    name: 'missing redirect_uri before a bad client',
    faults: ['redirect_uri missing', 'wrong client secret'],
    source: at(AC),
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => {
      const grant = await w.code({ pkce: false });
      return {
        method: 'POST',
        path: '/oauth/token',
        headers: basic(w.a, WRONG_SECRET),
        form: { grant_type: 'authorization_code', code: grant.code },
      };
    },
  },
  {
    name: 'a PKCE code without its verifier before a code of another client',
    faults: ['code_verifier missing for a PKCE code', 'code issued to another client'],
    source: at(AC),
    since: '4.3.0',
    // The grant is found, uses PKCE, and the verifier is missing: validate_params fires before validate_grant.
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => {
      const grant = await w.code({ pkce: true });
      return {
        method: 'POST',
        path: '/oauth/token',
        headers: basic(w.b),
        form: { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri },
      };
    },
  },
  {
    name: 'a bad client before an unknown code',
    faults: ['wrong client secret', 'code unknown'],
    source: at(AC),
    expect: { status: 401, error: 'invalid_client' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a, WRONG_SECRET),
      form: { grant_type: 'authorization_code', code: UNKNOWN_CODE, redirect_uri: w.a.redirectUri },
    }),
  },
  {
    name: 'a bad client before a wrong verifier',
    faults: ['wrong client secret', 'code_verifier wrong'],
    source: at(AC),
    since: '4.3.0',
    expect: { status: 401, error: 'invalid_client' },
    build: async (w) => {
      const grant = await w.code({ pkce: true });
      return {
        method: 'POST',
        path: '/oauth/token',
        headers: basic(w.a, WRONG_SECRET),
        form: {
          grant_type: 'authorization_code',
          code: grant.code,
          redirect_uri: grant.redirectUri,
          code_verifier: `${grant.verifier ?? ''}x`,
        },
      };
    },
  },
  {
    name: 'two client authentication methods before an unknown code',
    faults: ['client authenticated by Basic and by body with another client', 'code unknown'],
    source: at('lib/doorkeeper/oauth/client/credentials.rb', ['v5.9.6']),
    since: '4.7.0',
    expect: { status: 400, error: 'invalid_request' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a),
      form: {
        grant_type: 'authorization_code',
        code: UNKNOWN_CODE,
        redirect_uri: w.a.redirectUri,
        client_id: w.b.clientId,
        client_secret: w.b.clientSecret,
      },
    }),
  },
  // ------------------------------------------------------------ client_credentials
  {
    name: 'client_credentials: a bad client before an unknown scope',
    faults: ['wrong client secret', 'scope outside the app'],
    source: at('lib/doorkeeper/oauth/client_credentials/validator.rb'),
    expect: { status: 401, error: 'invalid_client' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/token',
      headers: basic(w.a, WRONG_SECRET),
      form: { grant_type: 'client_credentials', scope: 'no:such:scope' },
    }),
  },
  // ------------------------------------------------------------ POST /oauth/revoke
  {
    name: 'revoke: a bad client before a missing token',
    faults: ['wrong client secret', 'token missing'],
    source: at('app/controllers/doorkeeper/tokens_controller.rb'),
    expect: { status: 403, error: 'unauthorized_client' },
    build: async (w) => ({ method: 'POST', path: '/oauth/revoke', headers: basic(w.a, WRONG_SECRET), form: {} }),
  },
  {
    name: 'revoke: a bad client before an unknown token',
    faults: ['wrong client secret', 'token unknown'],
    source: at('app/controllers/doorkeeper/tokens_controller.rb'),
    expect: { status: 403, error: 'unauthorized_client' },
    build: async (w) => ({
      method: 'POST',
      path: '/oauth/revoke',
      headers: basic(w.a, WRONG_SECRET),
      form: { token: 'no-such-token-00000000000000000000000000000' },
    }),
  },
  // ------------------------------------------------------------ GET /oauth/authorize (PreAuthorization)
  {
    name: 'authorize: an unknown client before an unregistered redirect_uri',
    faults: ['client_id unknown', 'redirect_uri not registered'],
    source: at('lib/doorkeeper/oauth/pre_authorization.rb'),
    expect: { status: 401 },
    build: async (w) => ({
      method: 'GET',
      path: '/oauth/authorize',
      headers: await w.signedIn(),
      query: {
        response_type: 'code',
        client_id: UNKNOWN_CLIENT,
        redirect_uri: 'https://elsewhere.example/cb',
        scope: 'read',
      },
    }),
  },
  {
    name: 'authorize: a missing client_id before an unsupported response_type',
    faults: ['client_id missing', 'response_type unsupported'],
    source: at('lib/doorkeeper/oauth/pre_authorization.rb'),
    // Both are 400 pages; what tells them apart is that neither redirects nor answers 401.
    expect: { status: 400 },
    build: async (w) => ({
      method: 'GET',
      path: '/oauth/authorize',
      headers: await w.signedIn(),
      query: { response_type: 'token', redirect_uri: w.a.redirectUri, scope: 'read' },
    }),
  },
  // ------------------------------------------------------------ the API's bearer checks
  {
    name: 'API: a revoked token before a missing scope',
    faults: ['token revoked', "token lacks the endpoint's scopes"],
    source: at('lib/doorkeeper/rails/helpers.rb'),
    expect: { status: 401 },
    build: async (w) => ({
      method: 'GET',
      path: '/api/v1/accounts/verify_credentials',
      headers: { authorization: `Bearer ${await revokedAppToken(w, 'write')}` },
    }),
  },
  {
    name: 'API: a missing scope before a missing user',
    faults: ["token lacks the endpoint's scopes", 'app token without a user'],
    source: [
      'mastodon:app/controllers/api/v1/accounts/credentials_controller.rb@v4.3.0 ' +
        '(doorkeeper_authorize! runs before require_user!)',
    ],
    since: '4.3.0',
    expect: { status: 403 },
    build: async (w) => {
      const issued = await sendOrderRequest(w.baseUrl, {
        method: 'POST',
        path: '/oauth/token',
        headers: basic(w.a),
        form: { grant_type: 'client_credentials', scope: 'write' },
      });
      const token = issued.json?.access_token;
      if (typeof token !== 'string') throw new Error(`order world: client_credentials answered ${issued.status}`);
      return {
        method: 'GET',
        path: '/api/v1/accounts/verify_credentials',
        headers: { authorization: `Bearer ${token}` },
      };
    },
  },
];
