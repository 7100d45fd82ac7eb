import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { idsWith, ROOT, runSuite, verdictsOf } from './support/run-suite.ts';
import { throttlingProxy } from './support/throttling-proxy.ts';

/**
 * Issue #11, item 6: Mastodon throttles registrations to 5 per 10 minutes per IP (config/initializers/rack_attack.rb,
 * refused ones included). Two whole runs in a row against one server with that throttle on both judge the target:
 * the second sends no POST /api/v1/apps at all, and judges every registration requirement, APP-CREATE-422's refused
 * registration included, on the evidence of the run that registered, saying so, and gives every requirement the
 * verdict the first run gave. The cache is the owner's alone, no token either run created stays live, and
 * --fresh-apps passes the cache by.
 */

const user = { email: 'reuse@localhost', password: 'reuse-password-16180339', username: 'reuse' };

const env = { REUSE_PASSWORD: user.password };

/** A run against `url` on the app cache `cache`, signing in through HTTP forms. */
function cachedRun(url: string, cache: string): string[] {
  return [
    '--target',
    url,
    '--username',
    user.email,
    '--password-env',
    'REUSE_PASSWORD',
    '--driver',
    'http',
    '--app-cache',
    cache,
  ];
}

test(
  'two runs within ten minutes under the registration throttle: the same verdicts, the second registers nothing, ' +
    'and no token stays live',
  async () => {
    test.setTimeout(240_000);
    const server = await startReferenceServer({ users: [user], appRegistrationLimit: 5 });
    // Counts what reaches the server; throttles nothing itself.
    const proxy = await throttlingProxy(server.url, []);
    try {
      const cache = mkdtempSync(join(tmpdir(), 'app-reuse-'));
      const args = [...cachedRun(proxy.url, cache), '--workers', '2'];
      const first = await runSuite(args, env);
      expect(idsWith(first.report, 'fail', 'warn', 'info', 'error', 'blocked'), first.output.slice(-3000)).toEqual([]);
      expect(first.exitCode).toBe(0);
      const sentByFirst = proxy.seen('POST', '/api/v1/apps');
      // Two workers: main-0, main-1, other, write-only and the refused one use up the budget of five.
      expect(sentByFirst, 'four apps and one refused registration').toBe(5);
      const [file] = readdirSync(cache);
      expect(statSync(join(cache, file!)).mode & 0o077, 'the cache holds client secrets: owner only').toBe(0);

      const second = await runSuite(args, env);
      expect(idsWith(second.report, 'fail', 'warn', 'info', 'error', 'blocked'), second.output.slice(-3000)).toEqual(
        [],
      );
      expect(second.exitCode).toBe(0);
      // Same server, same verdicts: the warm run (cached apps, a server holding all the first run left) judges every
      // requirement as the cold one did. What a flow sends follows from what the target declares, never from a probe.
      expect(Object.keys(verdictsOf(first.report)).length).toBeGreaterThan(90);
      expect(verdictsOf(second.report)).toEqual(verdictsOf(first.report));
      expect(proxy.seen('POST', '/api/v1/apps') - sentByFirst, 'POST /api/v1/apps sent by the second run').toBe(0);
      expect(second.report?.run?.stats).toMatchObject({ appsRegistered: 0, appsReused: 4, signIns: 1 });
      expect(second.output).toMatch(/0 apps registered, 4 reused/);
      // Every registration requirement is judged, on the first run's evidence, and the report says so.
      for (const id of [
        'APP-CREATE-OK',
        'APP-CREATE-422',
        'APP-CREATE-ENC',
        'APP-CREATE-REDIRECT-MULTI',
        'APP-CREATE-OOB',
        'APP-CREATE-SCOPES-DEFAULT',
        'APP-CREATE-SCOPES-NORMALISE',
      ]) {
        expect(second.report?.requirements.find((r) => r.id === id)?.verdict, id).toBe('pass');
      }
      const refused = second.report?.tests
        .find((t) => t.requirements.includes('APP-CREATE-422'))
        ?.evidence.find((e) => e.note);
      expect(refused?.note).toMatch(/sent this refused registration; replayed from the app cache/);
      expect(server.stats().liveTokens, 'tokens left live on the target').toBe(0);
      expect(server.stats().tokensIssued).toBeGreaterThan(0);

      // --fresh-apps passes the cache by: it registers anew, and this server's budget is spent (one clear stop, exit
      // 2).
      const fresh = await runSuite([...args, '--fresh-apps', '--grep', 'APP-CREATE-OK'], env);
      expect(proxy.seen('POST', '/api/v1/apps') - sentByFirst, '--fresh-apps registers anew').toBeGreaterThan(0);
      expect(fresh.exitCode, fresh.output.slice(-2000)).toBe(2);
      expect(fresh.report?.setupFailure?.kind).toBe('rate-limited');
    } finally {
      await proxy.close();
      await server.close();
    }
  },
);

test('a run killed hard leaves live tokens; the next run on the cached apps revokes them first', async () => {
  // Issue #23.19: a leftover token with a test's scope set approved that test's authorization unasked.
  test.setTimeout(240_000);
  const server = await startReferenceServer({ users: [user], appRegistrationLimit: Infinity });
  // The first revoke is throttled for 10 s: the token stays live that long, and the kill lands then.
  const proxy = await throttlingProxy(server.url, [
    { method: 'POST', path: '/oauth/revoke', times: 1, retryAfter: '10' },
  ]);
  try {
    const cache = mkdtempSync(join(tmpdir(), 'app-killed-'));
    const args = cachedRun(proxy.url, cache);
    // A CI cancel: the CLI, Playwright and its workers killed at once, mid-test, with its token live on the target.
    const killed = await runSuite([...args, '--grep', 'REVOKE-SHARED'], env, {
      meanwhile: {
        when: () => proxy.seen('POST', '/oauth/revoke') >= 1,
        then: () => killTreeOf(process.pid, join(ROOT, 'cli/main.ts')),
      },
    });
    expect(killed.report, killed.output.slice(-2000)).toBeUndefined();
    expect(server.stats().liveTokens, 'a hard kill revokes nothing').toBeGreaterThan(0);

    // The next run asks for other scopes (nothing of its own would happen to revoke the leftover): it revokes it
    // first, and judges as usual.
    const next = await runSuite([...args, '--grep', 'AUTHZ-CONSENT |TOKEN-CODE-OK '], env);
    expect(idsWith(next.report, 'fail', 'warn', 'info', 'error', 'blocked'), next.output.slice(-3000)).toEqual([]);
    expect(idsWith(next.report, 'pass')).toEqual(['AUTHZ-CONSENT', 'TOKEN-CODE-OK']);
    expect(server.stats().liveTokens, "the leftover and the run's own tokens, all revoked").toBe(0);
  } finally {
    await proxy.close();
    await server.close();
  }
});

/**
 * Kills with SIGKILL the run started by this self-test (its CLI, found by `marker` among this process's descendants)
 * and every process under it: the Playwright runner in its own process group, its workers, the browser.
 */
function killTreeOf(root: number, marker: string): void {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const under = (pid: number): number[] => table.filter((p) => p.ppid === pid).flatMap((p) => [p.pid, ...under(p.pid)]);
  const cli = table.find((p) => under(root).includes(p.pid) && p.args.includes(marker));
  if (!cli) return;
  for (const pid of [cli.pid, ...under(cli.pid)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
