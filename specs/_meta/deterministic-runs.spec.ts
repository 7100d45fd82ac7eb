/**
 * Same server, same verdicts: two whole runs against ONE reference-server process — the first cold (it registers
 * the apps), the second warm (apps from the cache, the server holding everything the first run left) — must give
 * every requirement the same verdict. What a flow sends follows from what the target declares, never from a probe.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { runSuite, type SuiteRun } from './support/run-suite.ts';

const user = { email: 'twice@localhost', password: 'twice-password-3141', username: 'twice' };

const verdicts = (run: SuiteRun) => Object.fromEntries((run.report?.requirements ?? []).map((r) => [r.id, r.verdict]));

test('a cold run and a warm run against the same server give identical verdicts', async () => {
  test.setTimeout(300_000);
  const server = await startReferenceServer({ users: [user], appRegistrationLimit: Infinity });
  try {
    const cache = mkdtempSync(join(tmpdir(), 'app-cache-'));
    const args = [
      '--target',
      server.url,
      '--username',
      user.email,
      '--password-env',
      'TWICE_PASSWORD',
      '--driver',
      'http',
      '--app-cache',
      cache,
    ];
    const cold = await runSuite(args, { TWICE_PASSWORD: user.password });
    expect(cold.exitCode, cold.output.slice(-2000)).toBe(0);
    const warm = await runSuite(args, { TWICE_PASSWORD: user.password });
    expect(warm.exitCode, warm.output.slice(-2000)).toBe(0);
    expect(warm.report?.run?.stats, 'the second run is warm: it reuses the cached apps').toMatchObject({
      appsRegistered: 0,
    });
    expect(Object.keys(verdicts(cold)).length).toBeGreaterThan(90);
    expect(verdicts(warm)).toEqual(verdicts(cold));
  } finally {
    await server.close();
  }
});
