/**
 * The reference server under bad input (issue #6): a few thousand hostile requests generated from the contract's
 * request shapes (specs/_meta/support/fuzz-requests.ts). Mastodon answers those with a 4xx, a JSON `{"error": …}`
 * on the API and token routes (Rails turns a body it cannot parse into a 400, a Rack limit into a 413) and an HTML
 * page on the browser routes; never a 5xx, never a stack trace, and it keeps serving.
 *
 * Replay a failure with the seed printed at the start: FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx playwright test -c
 * specs/_meta/playwright.config.ts reference-fuzz
 */
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { Client } from 'undici';
import { SessionJar } from '../../fixtures/consent/cookies.ts';
import { HttpSession } from '../../fixtures/consent/http-driver.ts';
import { requestShapes } from '../../fixtures/core/contract.ts';
import { HttpClient } from '../../fixtures/client/http.ts';
import { BODY_LIMIT } from '../../fixtures/reference-server/body.ts';
import { startReferenceServer, type ReferenceServer } from '../../fixtures/reference-server/index.ts';
import { describeCase, hostileRequests, type FuzzCase, type Seeds } from './support/fuzz-requests.ts';

const USER = { email: 'fuzz@example.test', password: 'a long and boring password', username: 'fuzz' };
const CB = 'https://client.example/cb';
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Where Mastodon's errors are JSON (Api::ErrorHandling, Doorkeeper's token and revoke controllers, userinfo). */
const JSON_OPERATIONS = new Set([
  'POST /oauth/token',
  'POST /oauth/revoke',
  'GET /oauth/userinfo',
  'POST /oauth/userinfo',
]);
const answersJson = (c: FuzzCase) => c.operation.split(' ')[1]!.startsWith('/api/') || JSON_OPERATIONS.has(c.operation);

/** Node and V8 stack frames, source paths and error class names: what an unexpected exception would leak. */
const STACK = [
  /^\s*at \S.*[(:]\d+/m,
  /\.ts:\d+/,
  /node:internal/,
  /\b(?:Type|Reference|Range|Syntax)?Error: /,
  /\bundefined is not\b/,
  /Cannot read propert/,
];

/** Everything wrong with one answer (empty when it is how Mastodon would answer). */
function judge(
  c: FuzzCase,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`status must be below 500; got ${status}`);
  const headerText = Object.entries(headers)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
  for (const re of STACK)
    if (re.test(text) || re.test(headerText))
      problems.push(`the answer must not leak a stack trace or error; it matches ${re}`);
  const type = String(headers['content-type'] ?? '');
  let body: unknown;
  if (/json/i.test(type) && c.method !== 'HEAD') {
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`a JSON answer must parse; got ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  // A `_method` override routes the request elsewhere (Rack::MethodOverride): an unrouted DELETE is Rails' HTML 404.
  if (answersJson(c) && status >= 400 && status < 500 && c.method !== 'HEAD' && !c.methodOverride) {
    if (!/^application\/json/i.test(type))
      problems.push(
        `a ${status} on ${c.operation} must be JSON; ` +
          `got Content-Type ${JSON.stringify(type)} and ${JSON.stringify(text.slice(0, 120))}`,
      );
    else if (typeof (body as { error?: unknown } | undefined)?.error !== 'string')
      problems.push(
        `a ${status} on ${c.operation} must carry a string "error"; got ${JSON.stringify(text.slice(0, 120))}`,
      );
  }
  // Rails raises on the first params access (ParseError, ActionController::BadRequest): no step of the action runs.
  if (answersJson(c) && c.unparsable && !c.methodOverride && status < 400)
    problems.push(`a body Rails cannot parse must be refused with a 4xx; got ${status}`);
  return problems;
}

/**
 * An app, an app token, a signed-in session with its CSRF token and a user token: real values for the fuzzer to bend.
 */
async function seedsFor(server: ReferenceServer): Promise<Seeds> {
  const http = new HttpClient({ baseUrl: server.url });
  try {
    const reg = await http.send({
      method: 'POST',
      path: '/api/v1/apps',
      json: { client_name: 'Fuzz', redirect_uris: CB, scopes: 'read write profile' },
      contract: false,
    });
    const app = reg.json as { client_id: string; client_secret: string };
    const client = { client_id: app.client_id, client_secret: app.client_secret };
    const appToken = await http.send({
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', scope: 'read profile', ...client },
      contract: false,
    });
    const cookies = new SessionJar();
    const account = { creds: { username: USER.email, password: USER.password }, overrides: {} };
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: CB,
      scope: 'read write profile',
      force_login: 'true',
    });
    const authorize = new URL(`/oauth/authorize?${query}`, server.url);
    // Signed out: the session signs in inside the flow, as a user would.
    const outcome = await new HttpSession(http, cookies, account).authorize(authorize, 'approve');
    const code = outcome.redirect?.searchParams.get('code') ?? '';
    const userToken = await http.send({
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'authorization_code', code, redirect_uri: CB, ...client },
      contract: false,
    });
    const seeds: Seeds = {
      clientId: app.client_id,
      clientSecret: app.client_secret,
      appToken: (appToken.json as { access_token: string }).access_token,
      userToken: (userToken.json as { access_token: string }).access_token,
      redirectUri: CB,
      cookie: cookies.header(new URL(server.url)) ?? '',
      csrf: outcome.consentForms?.approve?.fields.authenticity_token ?? '',
    };
    for (const [k, v] of Object.entries(seeds)) expect(v, `seed ${k}`).toBeTruthy();
    return seeds;
  } finally {
    await http.close();
  }
}

test(
  "hostile requests generated from the contract get a 4xx like Mastodon's, " +
    'never a 5xx or a stack trace, and the server keeps serving',
  async () => {
    console.log(`reference-fuzz: seed ${SEED}, ${RUNS} runs; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    const server = await startReferenceServer({ users: [USER], appRegistrationLimit: Infinity });
    const client = new Client(server.url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
    try {
      const seeds = await seedsFor(server);
      const cases = hostileRequests(requestShapes(), seeds, { bodyLimit: BODY_LIMIT });
      const statuses = new Map<number, number>();
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const res = await client.request({
            method: c.method as 'GET',
            path: c.path,
            headers: c.headers,
            body: c.body,
          });
          const text = await res.body.text();
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const problems = judge(c, res.statusCode, res.headers, text);
          if (problems.length) throw new Error(`${problems.join('\n')}\nrequest:\n  ${describeCase(c)}`);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(
        `reference-fuzz: ${RUNS} cases in ${Math.round(performance.now() - started)} ms; statuses ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
      );

      const after = await client.request({ method: 'GET', path: '/api/v1/instance' });
      await after.body.text();
      expect(after.statusCode, 'the server still answers after the batch').toBe(200);
    } finally {
      await client.close();
      await server.close();
    }
  },
);
