import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { ROOT, runSuite } from './support/run-suite.ts';

const verdicts = (r: ConformanceReport | undefined) =>
  Object.fromEntries((r?.requirements ?? []).map((q) => [q.id, q.verdict]));

test('a run split in two shards and merged with merge-reports gives the same verdicts as one run', async () => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'shards-'));
  const args = ['--driver', 'http', '--mutant', 'code-reuse-accepted'];
  const merged = join(work, 'blobs');
  mkdirSync(merged);
  for (const shard of ['1/2', '2/2']) {
    const blobs = join(work, `blob-${shard[0]}`);
    await runSuite([...args, '--shard', shard, '--blob-dir', blobs]);
    for (const f of readdirSync(blobs)) copyFileSync(join(blobs, f), join(merged, f));
  }
  const reportDir = join(work, 'merged');
  // The CLI's merge: merge-reports with reporter/merge.config.ts, the report folder named in a run folder of its own.
  const merging = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'merge', merged, '--report-dir', reportDir],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(merging.status, merging.stderr).toBeGreaterThanOrEqual(0);
  const fromShards = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  const single = await runSuite(args);
  expect(verdicts(fromShards)).toEqual(verdicts(single.report));
  expect(fromShards.exitCode).toBe(single.report?.exitCode);
  expect(fromShards.target.version).toBe('4.7.0');
  expect(fromShards.counts.fail).toBeGreaterThan(0);
  expect(fromShards.counts.fail).toBe(single.report?.counts.fail);
});
