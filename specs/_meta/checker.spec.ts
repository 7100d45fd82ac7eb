import { expect, test, type TestInfo } from '@playwright/test';
import { expectOAuth, expectRedirect, check, ensure } from '../../fixtures/api/expect-oauth.ts';
import type { Received } from '../../fixtures/client/http.ts';
import { CheckFailure, Judge, setCurrentJudge } from '../../fixtures/api/judge.ts';

// The checker must reject what it is built to reject: hand-built responses, one broken field at a time.
function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' },
): Received {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    status,
    headers,
    text,
    json: typeof body === 'string' ? undefined : body,
    violations: [],
    exchange: {
      request: { method: 'POST', url: 'http://127.0.0.1/oauth/revoke', headers: {} },
      response: { status, headers, body: text },
      durationMs: 1,
    },
    header: (n) => headers[n.toLowerCase()],
    location: () => undefined,
  };
}

function judged(fn: () => void): Judge {
  const judge = new Judge(['REVOKE-FOREIGN']);
  setCurrentJudge(judge);
  try {
    fn();
  } finally {
    setCurrentJudge(undefined);
  }
  return judge;
}

const outcomes = (j: Judge) => j.findings.map((f) => f.outcome);

test('a matching response records passes only', () => {
  const j = judged(() =>
    expectOAuth(response(403, { error: 'unauthorized_client', error_description: 'x', extra: 1 }))
      .status(403)
      .json()
      .error('unauthorized_client'),
  );
  expect(outcomes(j)).toEqual(['pass', 'pass', 'pass']);
});

test('a wrong status, error code, content type or non-empty body each record a failure naming what was seen', () => {
  const j = judged(() => {
    expectOAuth(response(200, {})).status(403);
    expectOAuth(response(403, { error: 'invalid_client' })).error('unauthorized_client');
    expectOAuth(response(200, '<html>', { 'content-type': 'text/html' })).json();
    expectOAuth(response(200, { a: 1 })).emptyObject();
    expectOAuth(response(200, {}, {})).header('cache-control', /no-store/, 'contain no-store');
  });
  expect(outcomes(j)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);
  expect(j.findings[0]!.message).toContain('status must be 403; got 200');
  expect(j.findings[1]!.message).toContain('got "invalid_client"');
});

test('error_description wording, key order, extra keys and charset parameters are tolerated', () => {
  const j = judged(() =>
    expectOAuth(
      response(
        400,
        { error_description: 'Anything at all', foo: [1], error: 'invalid_grant' },
        { 'content-type': 'application/json;charset=UTF-8' },
      ),
    )
      .status(400, 401)
      .json()
      .error('invalid_grant'),
  );
  expect(outcomes(j)).toEqual(['pass', 'pass', 'pass']);
});

test('ensure() stops the test after recording the failure; check() only records', () => {
  const j = new Judge(['REVOKE-FOREIGN']);
  setCurrentJudge(j);
  try {
    expect(check('REVOKE-FOREIGN', false, 'x')).toBe(false);
    expect(() => ensure('REVOKE-FOREIGN', false, 'must hold')).toThrow(CheckFailure);
    expect(() => expectOAuth(response(200, {})).status(403).ensure()).toThrow(CheckFailure);
    expect(j.checkFailed).toBe(true);
  } finally {
    setCurrentJudge(undefined);
  }
});

test('a finding for an ID that is not in the registry is a bug in the suite and throws', () => {
  expect(() => judged(() => check('NO-SUCH-ID', true, 'x'))).toThrow(/unknown requirement/);
});

test('a contract violation seen in an exchange becomes a failure of the requirement that owns it', () => {
  const j = new Judge(['REVOKE-OK']);
  j.observe({
    ...response(200, {}),
    violations: [{ requirement: 'ENTITY-TOKEN-CREATED', message: 'created_at must be integer' }],
  });
  expect(j.findings).toEqual([
    {
      id: 'ENTITY-TOKEN-CREATED',
      outcome: 'fail',
      message: 'contract: created_at must be integer',
      incidental: true,
      exchange: 0,
    },
  ]);
});

test('a finding names the exchange its check judged: the response it read, the redirect whose Location', async () => {
  const j = new Judge(['TOKEN-CODE-BAD-CLIENT']);
  setCurrentJudge(j);
  try {
    const refused = response(400, { error: 'invalid_request' });
    j.observe(refused);
    j.observe(response(200, { access_token: 'x' })); // a later exchange on the same endpoint
    expectOAuth(refused).status(401);
    expect(j.findings.at(-1)).toMatchObject({ outcome: 'fail', exchange: 0 });
    expect(j.findings.at(-1)!.message).toContain('got 400');
    // A check of no one exchange says how many came before it: it is about one of those, never a later one.
    check(false, 'two tokens must differ');
    expect(j.findings.at(-1)).toMatchObject({ outcome: 'fail', before: 2 });
    expect(j.findings.at(-1)!.exchange).toBeUndefined();
    // The redirect's exchange, found by its Location, even when it reaches the evidence after the check (a browser).
    const redirect = new URL('https://client.invalid/cb?code=c0de&state=other');
    const authorize = (n: number): Received => ({
      ...response(302, ''),
      exchange: {
        request: { method: 'POST', url: `http://127.0.0.1/oauth/authorize?n=${n}`, headers: {} },
        response: { status: 302, headers: { location: redirect.href }, body: '' },
        durationMs: 1,
      },
    });
    j.observe(authorize(1));
    expectRedirect({ driver: 'http', consentShown: true, redirect }, 'approving').carries('state', 'mine');
    expect(j.findings.at(-1)).toMatchObject({ outcome: 'fail', exchange: 2, header: 'location' });
    const late = new URL('https://client.invalid/cb?code=late&state=other');
    expectRedirect({ driver: 'browser', consentShown: true, redirect: late }, 'approving').carries('state', 'mine');
    const pending = j.findings.at(-1)!;
    expect(pending.exchange).toBeUndefined();
    j.record({
      ...authorize(2).exchange,
      response: { status: 302, headers: { Location: late.href }, body: '' },
      violations: [],
    });
    await j.finish({ status: 'passed', annotations: [], attachments: [] } as unknown as TestInfo);
    expect(pending).toMatchObject({ exchange: 3, header: 'location' });
    expect(pending.before).toBeUndefined();
  } finally {
    setCurrentJudge(undefined);
  }
});

test('expectRedirect: no redirect stops the test; a wrong target or parameter each record a failure', () => {
  expect(() => judged(() => expectRedirect({ driver: 'http', consentShown: true }, 'approving'))).toThrow(CheckFailure);
  const redirect = new URL('https://client.invalid/cb?code=c0de-c0de&state=other');
  const j = judged(() =>
    expectRedirect({ driver: 'http', consentShown: true, redirect }, 'approving')
      .to('https://client.invalid/cb')
      .carries('code')
      .carries('state', 'mine')
      .lacks('error')
      .lacks('code'),
  );
  expect(outcomes(j)).toEqual(['pass', 'pass', 'pass', 'fail', 'pass', 'fail']);
  expect(j.findings[3]!.message).toContain('"mine"');
});
