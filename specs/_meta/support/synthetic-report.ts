/**
 * ConformanceReports built from hand-made test records (no child run): passing, failing, blocked-heavy, could-not-start
 * and large. Verdicts come from the real aggregate() and contract violations from the real checker, so the report
 * sees the shapes a run produces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceReport } from '../../../reporter/conformance-reporter.ts';
import { aggregate, countVerdicts, mustConformance, type TestRecord } from '../../../reporter/aggregate.ts';
import { renderHtml } from '../../../reporter/render-html.ts';
import { registry } from '../../../fixtures/core/registry.ts';
import { checkExchange, type RecordedExchange } from '../../../fixtures/core/contract.ts';
import type { Evidence } from '../../../fixtures/core/findings.ts';
import type { Finding } from '../../../fixtures/core/findings.ts';

const URL0 = 'http://127.0.0.1:4100';

function tokenExchange(body: Record<string, unknown>, n: number): Evidence {
  const ex: RecordedExchange = {
    request: {
      method: 'POST',
      url: `${URL0}/oauth/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body:
        `grant_type=authorization_code&code=code#${((n % 9000) + 1000).toString(16)}` +
        '&client_id=abc&client_secret=secret#ab12&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob',
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' },
      body: JSON.stringify(body),
    },
  };
  return { ...ex, violations: checkExchange(ex) };
}

function appsExchange(status: number): Evidence {
  const ex: RecordedExchange = {
    request: {
      method: 'POST',
      url: `${URL0}/api/v1/apps`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'conformance main 0', redirect_uris: ['urn:ietf:wg:oauth:2.0:oob'] }),
    },
    response: {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        id: '1',
        name: 'conformance main 0',
        website: null,
        scopes: ['read'],
        redirect_uris: ['urn:ietf:wg:oauth:2.0:oob'],
        redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
        client_id: 'abc',
        client_secret: 'secret#ab12',
        client_secret_expires_at: 0,
      }),
    },
  };
  return { ...ex, violations: checkExchange(ex) };
}

const GOOD_TOKEN = { access_token: 'token#1a2b', token_type: 'Bearer', scope: 'read', created_at: 1767225600 };

function record(id: string, findings: Finding[], evidence: Evidence[], status = 'passed'): TestRecord {
  return {
    title: `${id} what goes over the wire for ${id}`,
    file: `specs/synthetic/${id.toLowerCase()}.spec.ts`,
    line: 4,
    status,
    durationMs: 12,
    requirements: [id],
    findings,
    evidence,
    screenshots: [],
    annotations: [],
    errors: [],
  };
}

/** Every contract violation of an exchange becomes a finding, as the judge does. */
function withViolations(id: string, evidence: Evidence[], own: Finding[]): Finding[] {
  return [
    ...own,
    ...evidence.flatMap((e) =>
      e.violations.map((v) => ({
        id: v.requirement,
        outcome: 'fail' as const,
        message: `contract: ${v.message}`,
        incidental: v.requirement !== id || undefined,
      })),
    ),
  ];
}

function judged(): string[] {
  return [...registry().values()]
    .filter((q) => !q.untested && !q.slow && (!q.until || q.until > '4.7.0') && q.since <= '4.7.0')
    .map((q) => q.id);
}

function report(tests: TestRecord[], extra: Partial<ConformanceReport> = {}): ConformanceReport {
  const requirements = aggregate(
    tests,
    '4.7.0',
    'mastodon',
    extra.setupFailure ? `not run: ${extra.setupFailure.message}` : undefined,
  );
  const counts = countVerdicts(requirements);
  const exitCode = extra.setupFailure ? 2 : counts.fail ? 1 : counts.error ? 2 : 0;
  return {
    suite: { name: 'mastodon-oauth-conformance', version: '0.1.0' },
    contractHash: 'a'.repeat(64),
    registryHash: 'b'.repeat(64),
    target: {
      url: 'https://mastodon.example',
      product: 'Mastodon 4.7.0',
      version: '4.7.0',
      versionSource: '/api/v1/instance (4.7.0)',
      embedded: false,
      driver: 'browser',
      driverNote: 'system Chromium',
    },
    profile: 'mastodon',
    startedAt: '2026-12-01T12:00:00.000Z',
    endedAt: '2026-12-01T12:00:15.000Z',
    durationMs: 15000,
    complete: !extra.setupFailure,
    outcome: exitCode === 0 ? 'conformant' : exitCode === 1 ? 'not-conformant' : 'could-not-judge',
    exitCode: exitCode as ConformanceReport['exitCode'],
    counts,
    mustConformance: mustConformance(requirements),
    requirements,
    tests,
    ...extra,
  };
}

function passingTests(exchangesPerTest = 1): TestRecord[] {
  return judged().map((id, i) => {
    const evidence = Array.from({ length: exchangesPerTest }, (_, k) =>
      id.startsWith('APP-') ? appsExchange(200) : tokenExchange(GOOD_TOKEN, i * 100 + k),
    );
    return record(
      id,
      withViolations(id, evidence, [
        {
          id,
          outcome: 'pass',
          message: `${id.startsWith('APP-') ? 'POST /api/v1/apps' : 'POST /oauth/token'}: status must be 200; got 200`,
        },
      ]),
      evidence,
    );
  });
}

export function passingReport(): ConformanceReport {
  return report(passingTests());
}

/**
 * One root cause repeated everywhere (token answers without created_at, in 59 tests and 222 exchanges), one
 * status failure, a SHOULD warning, an error, and blocked rows naming their prerequisite.
 */
export function failingReport(): ConformanceReport {
  const ids = judged();
  const tokenIds = ids.filter(
    (id) => id.startsWith('TOKEN-') || id.startsWith('REVOKE-') || id.startsWith('USE-') || id.startsWith('AUTHZ-'),
  );
  let n = 0;
  const tests = ids.map((id, i) => {
    const repeats = tokenIds.indexOf(id) >= 0 && tokenIds.indexOf(id) < 59;
    const count = repeats ? (tokenIds.indexOf(id) < 14 ? 4 : 3) : 1;
    const evidence = Array.from({ length: count }, (_, k) =>
      tokenExchange(
        repeats
          ? {
              access_token: `token#${(n++ % 60000).toString(16).padStart(4, '0')}`,
              token_type: 'Bearer',
              scope: 'read',
            }
          : GOOD_TOKEN,
        i * 10 + k,
      ),
    );
    const own: Finding[] = [{ id, outcome: 'pass', message: 'POST /oauth/token: status must be 200; got 200' }];
    if (id === 'TOKEN-CODE-REUSE')
      own.push(
        {
          id,
          outcome: 'fail',
          message: 'POST /oauth/token: status must be 400; got 200',
          at: 'specs/token/a-code-cannot-be-reused.spec.ts:8',
        },
        {
          id,
          outcome: 'fail',
          message: 'body.error must be "invalid_grant"; got undefined',
          at: 'specs/token/a-code-cannot-be-reused.spec.ts:8',
        },
      );
    if (id === 'TOKEN-CODE-REUSE-NO-REVOKE')
      own.push({
        id,
        outcome: 'fail',
        message: 'GET /api/v1/accounts/verify_credentials: status must be 200 after the replay; got 401',
      });
    if (id === 'REVOKE-IDEMPOTENT')
      return record(id, [{ id, outcome: 'error', message: 'Error: socket hang up' }], evidence, 'failed');
    if (id === 'REVOKE-FOREIGN' || id === 'REVOKE-UNKNOWN')
      return record(
        id,
        [
          {
            id,
            outcome: 'blocked',
            message:
              'REVOKE-OK is the prerequisite: the revoked token still works on /api/v1/accounts/verify_credentials',
          },
        ],
        [],
        'skipped',
      );
    return record(
      id,
      withViolations(id, evidence, own),
      evidence,
      own.some((f) => f.outcome === 'fail') ? 'failed' : 'passed',
    );
  });
  return report(tests);
}

/** Registration fails, so nearly everything is blocked by APP-CREATE-OK. */
export function blockedReport(): ConformanceReport {
  const tests = judged().map((id) => {
    if (id === 'APP-CREATE-OK') {
      const evidence = [appsExchange(201)];
      return record(
        id,
        withViolations(id, evidence, [
          { id, outcome: 'fail', message: 'POST /api/v1/apps: status must be 200 (not 201); got 201' },
        ]),
        evidence,
        'failed',
      );
    }
    return record(
      id,
      [{ id, outcome: 'blocked', message: 'app "main-0" could not be registered (APP-CREATE-OK is the prerequisite)' }],
      [],
      'skipped',
    );
  });
  return report(tests);
}

/**
 * Findings whose exchange is not the test's last: TOKEN-CODE-BAD-CLIENT judged a 400 before a later token exchange
 * answered 200; AUTHZ-APPROVE-REDIRECT read the redirect's Location before the token exchange that followed it.
 */
export function linkedEvidenceReport(): ConformanceReport {
  const refused: Evidence = {
    ...tokenExchange(GOOD_TOKEN, 1),
    response: {
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ error: 'invalid_request' }),
    },
    violations: [],
  };
  const redirect: Evidence = {
    request: {
      method: 'POST',
      url: `${URL0}/oauth/authorize`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'authenticity_token=csrf#1a2b&client_id=abc&state=s-42',
    },
    response: {
      status: 302,
      headers: { location: 'https://client.conformance.invalid/callback?code=code#9f00', 'cache-control': 'no-cache' },
      body: '',
    },
    violations: [],
  };
  const tests = passingTests().map((t) => {
    const id = t.requirements[0]!;
    if (id === 'TOKEN-CODE-BAD-CLIENT')
      return record(
        id,
        [
          {
            id,
            outcome: 'fail',
            message: 'POST /oauth/token: status must be 401; got 400',
            exchange: 0,
            at: 'specs/token/bad-client.spec.ts:9',
          },
        ],
        [refused, tokenExchange(GOOD_TOKEN, 2)],
        'passed',
      );
    if (id === 'AUTHZ-APPROVE-REDIRECT')
      return record(
        id,
        [{ id, outcome: 'fail', message: 'state must be "s-42" unchanged; got null', exchange: 0, header: 'location' }],
        [redirect, tokenExchange(GOOD_TOKEN, 3)],
        'passed',
      );
    return t;
  });
  return report(tests);
}

export function couldNotStartReport(): ConformanceReport {
  // As a real run writes it: the target never answered, so nothing but its URL is known.
  const target = { url: 'https://mastodon.example' } as ConformanceReport['target'];
  return report([], {
    target,
    setupFailure: {
      kind: 'unreachable',
      message: 'https://mastodon.example is unreachable: connect ECONNREFUSED 127.0.0.1:443',
    },
  });
}

/** A passing run with about `exchanges` exchanges in all. */
export function largeReport(exchanges: number): ConformanceReport {
  const per = Math.ceil(exchanges / judged().length);
  return report(passingTests(per));
}

/** Writes the report's HTML to a fresh temporary folder and returns the file's path. */
export function writeReport(name: string, r: ConformanceReport): string {
  const dir = join(tmpdir(), `report-${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'conformance.html');
  writeFileSync(
    file,
    renderHtml(r, () => Buffer.alloc(0)),
  );
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify(r));
  return file;
}
