import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appPlans } from '../../fixtures/run/apps.ts';
import { startReferenceServer, type ReferenceServer } from '../../fixtures/reference-server/index.ts';
import { runSuite } from './support/run-suite.ts';
import { throttlingProxy } from './support/throttling-proxy.ts';

/**
 * Issue #5's promises for runs against a real server, each kept against a reference server started as a separate
 * target: a config file (and its errors, with line numbers), 429s, Ctrl-C, plain http (apps cached and reused:
 * app-reuse.spec.ts).
 */
test.describe.configure({ mode: 'parallel' });

const user = { email: 'staging@localhost', password: 'staging-password-2718', username: 'staging' };
const login = (url: string) => [
  '--target',
  url,
  '--username',
  user.email,
  '--password-env',
  'STAGING_PASSWORD',
  '--driver',
  'http',
];
const secretEnv = { STAGING_PASSWORD: user.password };

async function withTarget(
  o: Parameters<typeof startReferenceServer>[0],
  body: (server: ReferenceServer) => Promise<void>,
): Promise<void> {
  const server = await startReferenceServer({ users: [user], appRegistrationLimit: Infinity, ...o });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

test(
  'a config file supplies the target, the password by variable name, ' + 'pre-registered apps and the sign-in form',
  async () => {
    test.setTimeout(120_000);
    await withTarget({}, async (server) => {
      // The apps a user would register by hand, with the redirect URIs and scopes the suite documents.
      const apps: Record<string, { clientId: string; clientSecretEnv: string }> = {};
      const env: Record<string, string> = { ...secretEnv };
      for (const plan of appPlans(1, '4.7.0')) {
        const res = await fetch(`${server.url}/api/v1/apps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(plan.fields),
        });
        const body = (await res.json()) as { client_id: string; client_secret: string };
        const name = `APP_SECRET_${plan.role.replace(/\W/g, '_').toUpperCase()}`;
        apps[plan.role] = { clientId: body.client_id, clientSecretEnv: name };
        env[name] = body.client_secret;
      }
      const before = server.stats().appsRegistered;
      const dir = mkdtempSync(join(tmpdir(), 'config-'));
      const config = join(dir, 'staging.yaml');
      writeFileSync(
        config,
        [
          `target: ${server.url}`,
          `username: ${user.email}`,
          'passwordEnv: STAGING_PASSWORD',
          'driver: http',
          'workers: 1',
          'apps:',
          ...Object.entries(apps).flatMap(([role, a]) => [
            `  ${role}:`,
            `    clientId: ${a.clientId}`,
            `    clientSecretEnv: ${a.clientSecretEnv}`,
          ]),
          'signIn:',
          '  path: /auth/sign_in',
          '  usernameField: user[email]',
          '  passwordField: user[password]',
          '',
        ].join('\n'),
      );
      const run = await runSuite(['--config', config], env);
      expect(run.exitCode, run.output.slice(-2000)).toBe(0);
      expect(server.stats().appsRegistered, 'no app registered: the config supplied them').toBe(before);
      expect(run.report?.run?.stats).toMatchObject({ appsRegistered: 0, appsReused: 3 });
      expect(run.report?.requirements.find((r) => r.id === 'APP-CREATE-OK')?.verdict).toBe('blocked');
      for (const secret of Object.keys(env).map((k) => env[k]!)) expect(run.output).not.toContain(secret);
      expect(server.stats().liveTokens).toBe(0);
    });
  },
);

test('a config file with a mistake ends with lines naming the file, line and column, its mistake first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-config-'));
  const cases: [string, string, RegExp][] = [
    [
      'wrong value',
      'target: http://127.0.0.1:9\nprofile: lenient\n',
      /:2:10: profile must be mastodon or rfc-strict; got lenient$/,
    ],
    ['unknown key', 'target: http://127.0.0.1:9\ndriver: http\ntargett: x\n', /:3:1: unknown key "targett"/],
    [
      'a secret in the file',
      'target: http://127.0.0.1:9\npassword: hunter2-in-the-file\n',
      /:2:1: password: secrets are not written in the config file; .* passwordEnv$/,
    ],
    [
      'an app without its secret',
      'apps:\n  main-0:\n    clientId: abc\n',
      /:3:5: apps\.main-0 must have required property 'clientSecretEnv'$/,
    ],
    [
      'not an app role',
      'apps:\n  mian-0:\n    clientId: abc\n    clientSecretEnv: X\n',
      /:2:3: apps: "mian-0" is not an app role/,
    ],
    ['wrong type', 'workers: two\n', /:1:10: workers must be a positive whole number up to 16; got two$/],
    ['not YAML', 'target: [http://127.0.0.1:9\n', /:\d+:\d+: not valid YAML/],
    [
      'an unset variable',
      'passwordEnv: NO_SUCH_VARIABLE_SET_HERE\n',
      /passwordEnv names NO_SUCH_VARIABLE_SET_HERE, but that environment variable is empty or not set$/,
    ],
  ];
  for (const [what, text, message] of cases) {
    const file = join(dir, `${what.replace(/\W/g, '-')}.yaml`);
    writeFileSync(file, text);
    const run = await runSuite(['--config', file]);
    expect(run.exitCode, what).toBe(2);
    // What the file lacks besides (a target without its account) is told after, at the key it is about.
    const lines = run.output.trim().split('\n');
    for (const line of lines) expect(line, what).toContain(file);
    expect(lines[0], what).toMatch(message);
    expect(run.output, what).not.toContain('hunter2-in-the-file');
    expect(run.report, what).toBeUndefined();
  }
});

test('a 429 with a short Retry-After is waited for and retried; the run is judged as usual', async () => {
  test.setTimeout(120_000);
  await withTarget({}, async (server) => {
    // Issue #23.13: where tests look (the token endpoint, the probes, the authorize page), a throttle answer waited out
    // is evidence of the run, never of a requirement (USE-401-INVALID, APP-VERIFY-401, TOKEN-ERR-SHAPE and
    // AUTHZ-ERR-PAGE failed on it).
    const proxy = await throttlingProxy(server.url, [
      { method: 'GET', path: '/api/v1/instance', times: 1, retryAfter: '1' },
      { method: 'POST', path: '/oauth/revoke', times: 1, retryAfter: '1' },
      { method: 'POST', path: '/oauth/token', times: 2, retryAfter: '1' },
      { method: 'GET', path: '/api/v1/accounts/verify_credentials', times: 2, retryAfter: '1' },
      { method: 'GET', path: '/api/v1/apps/verify_credentials', times: 2, retryAfter: '1' },
      { method: 'GET', path: '/oauth/authorize', times: 2, retryAfter: '1' },
    ]);
    try {
      const run = await runSuite(login(proxy.url), secretEnv);
      expect(run.exitCode, run.output.slice(-2000)).toBe(0);
      expect(run.report?.counts.fail, run.output.slice(-2000)).toBe(0);
      expect(proxy.seen('GET', '/api/v1/instance')).toBeGreaterThanOrEqual(2);
      // The waited-out answers are kept as evidence, marked, and judged nowhere.
      const throttled = run.report!.tests.flatMap((t) => t.evidence).filter((e) => e.response.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      for (const e of throttled) expect(e.violations).toEqual([]);
      expect(server.stats().liveTokens).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

test(
  'a 429 asking for a long wait ends the run with one clear ' + 'message (exit 2), and its tokens are still revoked',
  async () => {
    test.setTimeout(120_000);
    await withTarget({}, async (server) => {
      const proxy = await throttlingProxy(server.url, [
        { method: 'POST', path: '/oauth/revoke', times: 1, retryAfter: '3600' },
      ]);
      try {
        const run = await runSuite(login(proxy.url), secretEnv);
        expect(run.exitCode, run.output.slice(-2000)).toBe(2);
        expect(run.report?.setupFailure?.kind).toBe('rate-limited');
        expect(run.output).toMatch(
          /answered 429 Too Many Requests on \/oauth\/revoke; it asks to wait 3600 s; the run stopped there/,
        );
        // The tests after it were not run, and say so; they are not failures.
        expect(
          run.report?.tests.filter((t) =>
            t.annotations.some((a) => a.type === 'not-run' && /429/.test(a.description ?? '')),
          ).length,
        ).toBeGreaterThan(10);
        expect(run.report?.counts.fail ?? 0).toBe(0);
        expect(server.stats().liveTokens).toBe(0);
      } finally {
        await proxy.close();
      }
    });
    // Mastodon's own throttle answers 429 with X-RateLimit-Reset and no Retry-After: registration is where a run meets
    // it. Part-way here (3 of the 5 registrations a run sends pass): what did register is kept in the app cache, said
    // so, and reused by the next run, which asks only for the rest; no app is registered twice.
    await withTarget({ appRegistrationLimit: 3 }, async (server) => {
      const env = { ...secretEnv, CONFORMANCE_APP_CACHE: mkdtempSync(join(tmpdir(), 'apps-')) };
      const run = await runSuite(login(server.url), env);
      expect(run.exitCode, run.output.slice(-2000)).toBe(2);
      expect(run.report?.setupFailure?.kind).toBe('rate-limited');
      expect(run.output).toMatch(/429 Too Many Requests on \/api\/v1\/apps; it asks to wait \d+ s/);
      const accepted = server.stats().appsRegistered;
      expect(accepted, 'apps the throttle let through').toBeGreaterThanOrEqual(2);
      expect(run.report?.run?.stats).toMatchObject({ appsRegistered: accepted });
      expect(run.output).toContain(`${accepted} app(s) it did register are kept in the app cache and reused`);
      const again = await runSuite(login(server.url), env);
      expect(again.exitCode, again.output.slice(-2000)).toBe(2);
      expect(again.report?.run?.stats).toMatchObject({ appsReused: accepted, appsRegistered: 0 });
      expect(server.stats().appsRegistered, 'no app registered twice').toBe(accepted);
    });
  },
);

test(
  'Ctrl-C during a run: the report is written, ' + 'marked incomplete, and every token created so far is revoked',
  async () => {
    test.setTimeout(120_000);
    await withTarget({}, async (server) => {
      // Interrupted once the run is well under way: a dozen tokens issued by the target.
      const run = await runSuite(login(server.url), secretEnv, {
        interruptWhen: () => server.stats().tokensIssued >= 12,
      });
      expect(run.exitCode, run.output.slice(-2000)).toBe(2);
      expect(run.report?.complete).toBe(false);
      expect(run.report?.outcome).toBe('could-not-judge');
      expect(run.output).toMatch(/the run did not finish/);
      // Every requirement is still listed; those whose test never ran say why.
      expect(run.report?.requirements.length).toBeGreaterThan(100);
      expect(
        run.report?.requirements.filter((r) => r.reason === 'not run: the run was interrupted before this test ran')
          .length,
      ).toBeGreaterThan(10);
      expect(run.report?.counts.pass).toBeGreaterThan(0);
      expect(run.report?.run?.stats.tokensCreated).toBeGreaterThan(0);
      expect(run.report?.run?.stats.tokensLeft).toBe(0);
      expect(server.stats().liveTokens, 'tokens left live on the target').toBe(0);
    });
  },
);

test('Ctrl-C in the set-up, arriving twice (terminal and npm): an incomplete report, exit 2', async () => {
  test.setTimeout(120_000);
  await withTarget({}, async (server) => {
    // Stopped at the target's first request: global setup, before any test ran.
    const run = await runSuite(login(server.url), secretEnv, {
      interruptWhen: () => server.stats().requests >= 1,
      twice: true,
    });
    expect(run.exitCode, run.output.slice(-2000)).toBe(2);
    expect(run.report?.complete).toBe(false);
    expect(run.report?.outcome).toBe('could-not-judge');
    // Playwright lets a global setup under way finish before it stops: the report says interrupted either way.
    expect(run.report?.setupFailure?.kind ?? 'interrupted').toBe('interrupted');
    expect(run.output).toMatch(/\(interrupted\)|interrupted or out of time/);
    expect(run.report?.counts.pass).toBe(0);
    expect(run.output).not.toMatch(/wrote no report/);
    expect(server.stats().liveTokens, 'tokens left live on the target').toBe(0);
  });
});

test(
  'a target that dies mid-run: the run stops at once with one ' +
    'message (exit 2), the report is written and says what is left',
  async () => {
    test.setTimeout(120_000);
    const server = await startReferenceServer({ users: [user], appRegistrationLimit: Infinity });
    const started = Date.now();
    const run = await runSuite(login(server.url), secretEnv, {
      meanwhile: { when: () => server.stats().tokensIssued >= 12, then: () => server.close() },
    });
    expect(run.exitCode, run.output.slice(-2000)).toBe(2);
    expect(Date.now() - started, 'no test waits out a timeout against a dead target').toBeLessThan(60_000);
    expect(run.report?.complete).toBe(false);
    expect(run.report?.setupFailure?.kind).toBe('unreachable');
    expect(run.output).toMatch(
      /the target stopped answering during the run \(.*connection refused\); the run stopped there/,
    );
    expect(run.report?.counts.pass).toBeGreaterThan(0);
    expect(run.report?.tests.filter((t) => t.annotations.some((a) => a.type === 'not-run')).length).toBeGreaterThan(10);
    // Tokens it could not revoke are counted, not hidden.
    const stats = run.report!.run!.stats;
    expect(stats.tokensRevoked + stats.tokensLeft).toBe(stats.tokensCreated);
    expect(run.output).toMatch(/cost to the target: /);
  },
);

test('a self-signed certificate is refused with one clear message, and accepted with --insecure', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  await withTarget({}, async (server) => {
    const proxy = await throttlingProxy(server.url, [], {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    });
    try {
      const refused = await runSuite(login(proxy.url), secretEnv);
      expect(refused.exitCode).toBe(2);
      expect(refused.report?.setupFailure?.kind).toBe('unreachable');
      expect(refused.output).toMatch(/cannot be reached: .*self[- ]signed certificate/);
      const accepted = await runSuite([...login(proxy.url), '--insecure'], secretEnv);
      expect(accepted.exitCode, accepted.output.slice(-2000)).toBe(0);
      expect(server.stats().liveTokens).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

test('the password is not sent over plain http to a host other than loopback unless --allow-http', async () => {
  const refused = await runSuite([
    '--target',
    'http://192.0.2.10',
    '--username',
    'a@b.test',
    '--password',
    'not-sent-anywhere',
  ]);
  expect(refused.exitCode).toBe(2);
  expect(refused.report, 'a usage error, before anything starts').toBeUndefined();
  expect(refused.output).toMatch(
    /refusing to send the password over plain http to 192\.0\.2\.10: use https, or --allow-http/,
  );
  const allowed = await runSuite([
    '--target',
    'http://192.0.2.10',
    '--username',
    'a@b.test',
    '--password',
    'not-sent-anywhere',
    '--allow-http',
    '--timeout',
    '1000',
  ]);
  expect(allowed.report?.setupFailure?.kind, 'allowed, it is tried (and this address answers nobody)').toBe(
    'unreachable',
  );
});
