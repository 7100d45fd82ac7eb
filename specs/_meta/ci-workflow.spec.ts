import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { readmeWorkflow, suiteCheckouts } from './support/readme-workflow.ts';
import { ROOT, runSuite, verdictsOf } from './support/run-suite.ts';

/**
 * Runs what can run here of the README's workflow: the suite steps of every shard job, the artifact hand-over, and
 * the merge job, against a reference server standing in for "the server under test". Checkout, setup-node, apt and
 * the server's own start script are GitHub's and the reader's; they are only checked for shape.
 */
test(
  'the README workflow: shards against the server under test, artifacts handed over, one merged report that gates ' +
    'with the verdicts one unsharded run gives',
  async () => {
    test.setTimeout(300_000);
    const workflow = readmeWorkflow();
    const shardJob = workflow.jobs.conformance!;
    const reportJob = workflow.jobs.report!;
    expect(reportJob.needs).toBe('conformance');
    expect(reportJob.if, 'the merge runs even when a shard failed').toBe('always()');
    const shards = shardJob.strategy!.matrix.shard;
    expect(shards.length).toBeGreaterThan(1);
    expect(
      shardJob.steps.some((s) => s.run?.includes('npm ci')),
      'the suite is installed',
    ).toBe(true);
    const upload = shardJob.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    const download = reportJob.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
    expect(upload.if).toBe('always()');
    // Both jobs check out the suite at the one pin (readme-install.spec judges the pin), on a Node LTS line that is
    // still supported.
    const steps = [...shardJob.steps, ...reportJob.steps];
    expect(suiteCheckouts(workflow).map((s) => s.with!.ref)).toEqual(['${{ env.SUITE_REF }}', '${{ env.SUITE_REF }}']);
    const nodes = steps
      .filter((s) => s.uses?.startsWith('actions/setup-node'))
      .map((s) => String(s.with!['node-version']));
    expect(nodes.length).toBe(2);
    for (const node of nodes) expect(['22', '24']).toContain(node);

    const user = { email: 'conformance@localhost', password: 'ci-password-31415', username: 'conformance' };
    const server = await startReferenceServer({
      users: [user],
      appRegistrationLimit: Infinity,
      mutants: ['revoke-twice-403'],
    });
    const github = mkdtempSync(join(tmpdir(), 'gha-'));
    try {
      const suiteStep = shardJob.steps.find((s) => s.run?.includes('npm run conformance'))!;
      const artifacts = join(github, 'artifacts');
      for (const shard of shards) {
        // Each shard job has a fresh workspace with the suite checked out in `conformance`.
        const workspace = checkout(join(github, `shard-${shard}`));
        const command = suiteStep
          .run!.replaceAll('${{ matrix.shard }}', String(shard))
          .replaceAll('http://127.0.0.1:3000', server.url);
        const env = Object.fromEntries(
          Object.entries(suiteStep.env ?? {}).map(([k, v]) => [k, v.includes('secrets.') ? user.password : v]),
        );
        const shardRun = await sh(command, join(workspace, suiteStep['working-directory']!), env);
        expect([0, 1], `${command}\n${shardRun.output.slice(0, 3000)}`).toContain(shardRun.status);
        // upload-artifact (name per shard) → download-artifact (pattern, one folder per artifact).
        const name = upload.with!.name!.replaceAll('${{ matrix.shard }}', String(shard));
        mkdirSync(artifacts, { recursive: true });
        renameSync(join(workspace, upload.with!.path!), join(artifacts, name));
      }
      const workspace = checkout(join(github, 'report'));
      const downloaded = join(workspace, download.with!.path!);
      cpSync(artifacts, downloaded, { recursive: true });
      expect(readdirSync(downloaded).length).toBe(shards.length);
      const mergeStep = reportJob.steps.find((s) => s.run?.includes('merge'))!;
      const merged = await sh(mergeStep.run!, join(workspace, mergeStep['working-directory']!), {});
      const report = JSON.parse(
        readFileSync(join(workspace, 'conformance/reports/conformance.json'), 'utf8'),
      ) as ConformanceReport;
      // The defect in the server under test fails exactly its requirement, and the merge job fails with it.
      expect(report.requirements.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(['REVOKE-IDEMPOTENT']);
      expect(merged.status, merged.output.slice(-1500)).toBe(1);
      expect(report.counts.pass).toBeGreaterThan(80);
      // Sharding changes nothing a run finds: the same server, in one run, gets the same verdict for every requirement.
      const single = await runSuite(
        ['--target', server.url, '--username', user.email, '--password-env', 'CI_PASSWORD', '--driver', 'http'],
        { CI_PASSWORD: user.password },
      );
      expect(verdictsOf(report), single.output.slice(-1500)).toEqual(verdictsOf(single.report));
      expect(report.exitCode).toBe(single.exitCode);
      expect(server.stats().liveTokens).toBe(0);
    } finally {
      await server.close();
    }
  },
);

/** A workspace with the suite "checked out" at conformance/: links to this checkout, with its own reports/ folder. */
function checkout(workspace: string): string {
  const suite = join(workspace, 'conformance');
  mkdirSync(join(suite, 'reports'), { recursive: true });
  for (const entry of readdirSync(ROOT)) {
    if (['reports', 'blobs', 'test-results', '.git', '.conformance'].includes(entry)) continue;
    symlinkSync(join(ROOT, entry), join(suite, entry));
  }
  return workspace;
}

/** A `run:` step in bash, as GitHub runs it (asynchronously: the server under test lives in this process). */
async function sh(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ status: number; output: string }> {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', command], {
    cwd,
    env: {
      ...process.env,
      CI: '1',
      CONFORMANCE_WORKERS: '1',
      TARGET_URL: '',
      TARGET_USERNAME: '',
      TARGET_PASSWORD: '',
      CONFORMANCE_DRIVER: 'http',
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  return { status, output };
}
