import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, parseCommand, UsageError } from './args.ts';
import { listTests, playwright } from './playwright-child.ts';
import { type Planned, planRun, unwritable } from './plan.ts';
import { CODE_EXT, packageFile } from '../fixtures/core/package-root.ts';
import { createRunFolder, removeRunFolder, writeRunFile } from '../fixtures/run/run-folder.ts';
import { defaultPlan, PLAN_ENV, type RunPlan, writeSecrets } from '../fixtures/run/run-options.ts';

/** The folder holding playwright.config: the checkout, or dist/ in the published package. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(root, `playwright.config.${CODE_EXT}`);

/** Where a subcommand (merge, compare, matrix) writes: its --report-dir, else the run's variable, else reports. */
function reportDirOf(command: { reportDir?: string }): string {
  return resolve(command.reportDir ?? (process.env.CONFORMANCE_REPORT_DIR || 'reports'));
}

/** Runs the suite through Playwright and turns the conformance report into the documented exit code. */
export async function main(argv: string[]): Promise<number> {
  let command: Command;
  let planned: Planned;
  // `where ID…` reads the suite's own data only; kept apart from the run's options.
  if (argv[0] === 'where')
    return (await import('./where.ts')).whereCommand(argv.slice(1), 'mastodon-oauth-conformance where REQUIREMENT-ID…');
  try {
    command = parseCommand(argv);
    if (command.name === 'help') return print((await import('./help.ts')).usage(command.topic));
    if (command.name === 'version')
      return print(
        `${(JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version}\n`,
      );
    if (command.name === 'list') return print(await (await import('./list.ts')).list(command.what, command.json));
    if (command.name === 'compare') {
      const { compare } = await import('./compare.ts');
      return print(`wrote ${compare(command.files, reportDirOf(command))}\n`);
    }
    if (command.name === 'matrix') {
      const { matrix } = await import('./matrix.ts');
      const { page, complete } = await matrix(command.configs, reportDirOf(command));
      // A matrix surveys servers that are expected to differ: it fails only when a column could not be judged.
      print(`wrote ${page}\n`);
      return complete ? 0 : 2;
    }
    if (command.name === 'merge') return await merge(command.folders, reportDirOf(command));
    planned = await planRun(command);
    if (planned.nothing) {
      process.stderr.write(`mastodon-oauth-conformance: ${planned.nothing}; nothing to run again\n`);
      return 3;
    }
    if (planned.list) return listOnly(planned);
    // Nothing is written before this: a mistake above leaves the last report as it was.
    const unfit = unwritable(planned.options, planned.given);
    if (unfit.length) throw new UsageError(unfit);
  } catch (error) {
    return usageFailure(error);
  }
  // The run's private folder (secrets, session, apps, token ledger) belongs to this process, so that whatever becomes
  // of Playwright, the tokens it created can still be revoked and the folder removed.
  const runFolder = createRunFolder();
  try {
    const { plan, secrets } = planned.make(runFolder);
    // Playwright's per-test folders (error context, attachments) live and die with the run: the reports hold the rest.
    plan.outputDir ??= join(runFolder, 'test-results');
    const env = { ...process.env, [PLAN_ENV]: JSON.stringify(plan) };
    // A selection that matches nothing ends here, before an app is registered or anyone signs in.
    if (plan.partial && listTests(['--config', CONFIG, ...planned.playwright], env)?.length === 0)
      return nothingSelected(planned.playwright, plan);
    const reportFile = join(plan.reportDir, 'conformance.json');
    rmSync(reportFile, { force: true });
    writeSecrets(runFolder, secrets);
    const signal = await playwright(['test', '--config', CONFIG, ...planned.playwright], env);
    // Global teardown has revoked the run's tokens; only if Playwright died first is anything left to do here.
    const { liveTokens } = await import('../fixtures/client/run-ledger.ts');
    if (liveTokens(runFolder).length)
      await (await import('../fixtures/run/settle.ts')).settleTokens(runFolder, plan).catch(() => undefined);
    try {
      return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
    } catch {
      // Stopped before Playwright's reporter could speak (during global setup): the report says so all the same.
      if (signal) return await interruptedReport(plan, runFolder, signal);
      process.stderr.write(`mastodon-oauth-conformance: the run wrote no report (${reportFile})\n`);
      return 2;
    }
  } finally {
    removeRunFolder(runFolder);
  }
}

/** `--list`: the tests the options select, from Playwright's own listing; nothing runs, nothing is written. */
function listOnly(planned: Planned): number {
  const { plan } = planned.make(tmpdir());
  const tests = listTests(['--config', CONFIG, ...planned.playwright], {
    ...process.env,
    [PLAN_ENV]: JSON.stringify(plan),
  });
  if (!tests) throw new UsageError(`Playwright refused the arguments after --: ${planned.playwright.join(' ')}`);
  const requirements = new Set(tests.flatMap((t) => t.requirements));
  const target = plan.target ?? 'the embedded reference server';
  const lines = tests.map((t) => `  specs/${t.file}:${t.line}  ${t.title}\n`);
  print(
    `${lines.join('')}${tests.length} test(s) judging ${requirements.size} requirement(s) would run against ` +
      `${target}; nothing was run\n`,
  );
  return tests.length ? 0 : 3;
}

/**
 * `merge DIR… [--report-dir DIR]`: the blob reports of a sharded run (found anywhere under the folders, as CI
 * artifacts download them) folded into one conformance report, with the exit code one run would have had.
 */
async function merge(folders: string[], reportDir: string): Promise<number> {
  const blobs = folders.flatMap((f) => {
    if (!existsSync(f)) throw new UsageError(`merge: ${f} does not exist`);
    return readdirSync(f, { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.zip'))
      .map((p) => join(f, p));
  });
  if (!blobs.length) throw new UsageError(`merge: no blob report (*.zip) under ${folders.join(', ')}`);
  const together = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  try {
    blobs.forEach((b, i) => copyFileSync(b, join(together, `${i}-${basename(b)}`)));
    const reportFile = join(reportDir, 'conformance.json');
    rmSync(reportFile, { force: true });
    const folder = createRunFolder();
    const plan = { ...defaultPlan(folder), reportDir };
    // Whether the blobs are one whole run of this suite (every shard once, one target): their manifests say.
    const { checkBlobs } = await import('../reporter/shards.ts');
    const { registryHash } = await import('../fixtures/core/registry.ts');
    const { contractHash } = await import('../fixtures/core/contract.ts');
    const { suiteVersion } = await import('../fixtures/core/suite.ts');
    const suite = { version: suiteVersion(), registryHash: registryHash(), contractHash: contractHash() };
    writeRunFile(folder, 'merge', checkBlobs(blobs, suite));
    try {
      await playwright(['merge-reports', '--config', join(root, `reporter/merge.config.${CODE_EXT}`), together], {
        ...process.env,
        [PLAN_ENV]: JSON.stringify(plan),
      });
    } finally {
      removeRunFolder(folder);
    }
    return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
  } finally {
    rmSync(together, { recursive: true, force: true });
  }
}

/** Exit 3: the selection matches no test. Nothing ran and nothing is written: the last report stays as it was. */
function nothingSelected(args: string[], plan: RunPlan): number {
  const chosen = [
    plan.requirements.length ? `requirements ${plan.requirements.join(', ')}` : '',
    plan.grep ? `--grep ${plan.grep}` : '',
    plan.shard ? `--shard ${plan.shard.current}/${plan.shard.total}` : '',
    ...args,
  ].filter(Boolean);
  process.stderr.write(
    `mastodon-oauth-conformance: the selection (${chosen.join(' ')}) matches no test; nothing was run\n`,
  );
  return 3;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function usageFailure(error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  for (const problem of error.problems) process.stderr.write(`mastodon-oauth-conformance: ${problem}\n`);
  return 2;
}

// Run as a script (through a symlinked checkout too), not when imported by the bin or a test.
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === fileURLToPath(import.meta.url))
  process.exit(await main(process.argv.slice(2)));

/**
 * The report of a run stopped before its tests began: nothing judged, complete: false, exit 2, as the reporter writes
 * for any run that could not judge its target.
 */
async function interruptedReport(plan: RunPlan, runFolder: string, signal: NodeJS.Signals): Promise<number> {
  const { writeSetupFailure } = await import('../fixtures/run/setup-failure.ts');
  const { default: ConformanceReporter } = await import('../reporter/conformance-reporter.ts');
  writeSetupFailure(runFolder, {
    kind: 'interrupted',
    message: `the run was stopped (${signal}) while it was being set up, before any test ran`,
  });
  await new ConformanceReporter({ ...plan, runFolder }).onEnd({
    status: 'interrupted',
    startTime: new Date(),
    duration: 0,
  });
  return (JSON.parse(readFileSync(join(plan.reportDir, 'conformance.json'), 'utf8')) as { exitCode: number }).exitCode;
}
