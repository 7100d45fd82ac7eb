import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { readmeWorkflow, suiteCheckouts } from './support/readme-workflow.ts';
import { childEnvironment, ROOT, runSuite, verdictsOf } from './support/run-suite.ts';

/** The README's baseline recipe: the flag it says to add to the shard step, and where the file goes. */
function readmeBaselineFlag(): { flag: string; file: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const said = /added to the shard step as\s+`(--baseline ([^`\s]+))`/.exec(readme);
  if (!said) throw new Error('README.md no longer says how a baseline is added to the shard step');
  return { flag: said[1]!, file: said[2]! };
}

/**
 * Runs what can run here of the README's workflow: the suite steps of every shard job, the artifact hand-over, and
 * the merge job, against a reference server standing in for "the server under test". Checkout, setup-node, apt and
 * the server's own start script are GitHub's and the reader's; they are only checked for shape. The shard step gets
 * the README's baseline recipe, accepting the server's one known failure; GitHub Actions is what the jobs run in.
 */
test(
  'the README workflow: shards against the server under test, artifacts handed over, one merged report that gates ' +
    'with the verdicts one unsharded run gives; the baseline reaches the merged verdict, annotations come once, and ' +
    'a shard missing or merged twice never ends green',
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
    const baseline = readmeBaselineFlag();
    try {
      const suiteStep = shardJob.steps.find((s) => s.run?.includes('npm run conformance'))!;
      const artifacts = join(github, 'artifacts');
      for (const shard of shards) {
        // Each shard job has a fresh workspace: the server's repository (with its baseline) and the suite in
        // `conformance`.
        const workspace = checkout(join(github, `shard-${shard}`));
        writeFileSync(
          join(workspace, suiteStep['working-directory']!, baseline.file),
          '- id: REVOKE-IDEMPOTENT\n  reason: the server answers 403 to a second revoke; fix tracked in #1\n',
        );
        const command = `${suiteStep
          .run!.replaceAll('${{ matrix.shard }}', String(shard))
          .replaceAll('http://127.0.0.1:3000', server.url)} ${baseline.flag}`;
        const env = Object.fromEntries(
          Object.entries(suiteStep.env ?? {}).map(([k, v]) => [k, v.includes('secrets.') ? user.password : v]),
        );
        const shardRun = await sh(command, join(workspace, suiteStep['working-directory']!), {
          ...env,
          ...actions(join(github, `shard-${shard}.md`)),
        });
        expect(shardRun.status, `${command}\n${shardRun.output.slice(0, 3000)}`).toBe(0);
        // The merge speaks for the run on GitHub: a shard's findings are annotated once, by the merge.
        expect(shardRun.output).not.toMatch(/^::(error|warning)/m);
        expect(existsSync(join(github, `shard-${shard}.md`))).toBe(false);
        // upload-artifact (name per shard) → download-artifact (pattern, one folder per artifact).
        const name = upload.with!.name!.replaceAll('${{ matrix.shard }}', String(shard));
        mkdirSync(artifacts, { recursive: true });
        renameSync(join(workspace, upload.with!.path!), join(artifacts, name));
      }
      const mergeStep = reportJob.steps.find((s) => s.run?.includes('merge'))!;
      /** The report job on a fresh workspace, with these artifact folders downloaded. */
      const reportJobWith = async (names: string[], label: string) => {
        const workspace = checkout(join(github, label));
        const downloaded = join(workspace, download.with!.path!);
        names.forEach((name, i) =>
          cpSync(join(artifacts, name), join(downloaded, `${name}${i ? `-${i}` : ''}`), { recursive: true }),
        );
        const summary = join(github, `${label}.md`);
        const run = await sh(mergeStep.run!, join(workspace, mergeStep['working-directory']!), actions(summary));
        const json = join(workspace, 'conformance/reports/conformance.json');
        const report = JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport;
        return { ...run, report, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
      };
      const all = readdirSync(artifacts).sort();
      expect(all.length).toBe(shards.length);
      const merged = await reportJobWith(all, 'report');
      const report = merged.report;
      // The defect in the server under test fails exactly its requirement; the shards' baseline accepts it in the
      // merged verdict too, so the merge job passes.
      expect(report.requirements.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(['REVOKE-IDEMPOTENT']);
      expect(report.baseline?.accepted).toEqual(['REVOKE-IDEMPOTENT']);
      expect(merged.status, merged.output.slice(-1500)).toBe(0);
      expect(report.counts.pass).toBeGreaterThan(80);
      expect(report.complete).toBe(true);
      // Annotated once, by the merge: the accepted failure as a warning, never as an error of a green job.
      expect(merged.output.match(/^::(error|warning) title=REVOKE-IDEMPOTENT\b.*$/gm) ?? []).toEqual([
        expect.stringMatching(/^::warning title=REVOKE-IDEMPOTENT \(MUST\) accepted by the baseline::/),
      ]);
      expect(merged.summary.match(/^### Mastodon OAuth conformance/gm)).toHaveLength(1);
      // Sharding changes nothing a run finds: the same server, in one run, gets the same verdict for every requirement.
      const single = await runSuite(
        [
          '--target',
          server.url,
          '--username',
          user.email,
          '--password-env',
          'CI_PASSWORD',
          '--driver',
          'http',
          '--baseline',
          join(github, 'shard-1', suiteStep['working-directory']!, baseline.file),
        ],
        { CI_PASSWORD: user.password },
      );
      expect(verdictsOf(report), single.output.slice(-1500)).toEqual(verdictsOf(single.report));
      expect(report.exitCode).toBe(single.exitCode);
      expect(server.stats().liveTokens).toBe(0);

      // A shard job that died before its upload: the merge is partial, never green.
      const lacking = await reportJobWith(all.slice(1), 'report-lacking');
      expect(lacking.status, lacking.output.slice(-1500)).toBe(2);
      expect(lacking.report.outcome).toBe('could-not-judge');
      expect(lacking.report.complete).toBe(false);
      expect(lacking.report.merge?.shards?.missing).toEqual([1]);
      expect(lacking.output).toMatch(/shard 1 of 3 is missing/);
      expect(lacking.output).not.toMatch(/MUST conformance/);
      // One shard's artifact downloaded twice (a re-run job, a copied folder): its tests would count twice.
      const twice = await reportJobWith([...all, all[0]!], 'report-twice');
      expect(twice.status, twice.output.slice(-1500)).toBe(2);
      expect(twice.report.merge?.shards?.repeated).toEqual([1]);
      expect(twice.output).toMatch(/shard 1 of 3 is there twice/);
    } finally {
      await server.close();
    }
  },
);

/** What GitHub Actions sets for a job: its annotations are read from stdout, its summary from this file. */
function actions(summary: string): Record<string, string> {
  return { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
}

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
    env: childEnvironment({ CI: '1', CONFORMANCE_WORKERS: '1', CONFORMANCE_DRIVER: 'http', ...env }),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  return { status, output };
}
