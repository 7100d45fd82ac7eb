import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, usage, UsageError, type Command } from './args.ts';
import { createRunFolder, removeRunFolder, RUN_FOLDER_ENV, writeRunFile } from '../fixtures/run/run-folder.ts';
import type { RunOptions } from '../fixtures/run/run-options.ts';
import { ConfigError } from '../fixtures/run/target.ts';
import { CODE_EXT, packageFile } from '../fixtures/core/package-root.ts';

/** The folder holding playwright.config: the checkout, or dist/ in the published package. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the suite through Playwright and turns the conformance report into the documented exit code. */
export async function main(argv: string[]): Promise<number> {
  let command: Command;
  /** The options by their environment-variable names: config file, then the environment, then the command line. */
  let named: Record<string, string | undefined>;
  // `where ID…` reads the suite's own data only; kept apart from the run's options.
  if (argv[0] === 'where')
    return (await import('./where.ts')).whereCommand(argv.slice(1), 'mastodon-oauth-conformance where REQUIREMENT-ID…');
  try {
    command = parseCommand(argv);
    if (command.name === 'help') return print(usage(command.topic));
    if (command.name === 'version')
      return print(
        `${(JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version}\n`,
      );
    if (command.name === 'list') return print(await list(command.what));
    if (command.name === 'compare') {
      const { compare } = await import('./compare.ts');
      const reportDir = resolve(command.reportDir ?? (process.env.CONFORMANCE_REPORT_DIR || 'reports'));
      return print(`wrote ${compare(command.files, reportDir)}\n`);
    }
    if (command.name === 'merge')
      return await merge(
        command.folders,
        resolve(command.reportDir ?? (process.env.CONFORMANCE_REPORT_DIR || 'reports')),
      );
    // A config file sets defaults; the environment and then the command line win over it.
    const configFile = command.env.CONFORMANCE_CONFIG ?? process.env.CONFORMANCE_CONFIG;
    const setInEnvironment = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
    // Modules that only some runs need are loaded when needed: every run pays for the CLI's start.
    const fromFile = configFile ? (await import('./config-file.ts')).readConfigFile(configFile) : {};
    named = { ...fromFile, ...setInEnvironment, ...command.env };
    await checkBaseline(named);
    if (command.partial) {
      named.CONFORMANCE_PARTIAL = '1';
      // A selection that matches nothing ends here, before an app is registered or anyone signs in.
      if (!(await selectsAnyTest(command.playwright))) return nothingSelected(command.playwright, named);
    }
  } catch (error) {
    return usageFailure(error);
  }
  const parsed = command;
  const reportDir = resolve(named.CONFORMANCE_REPORT_DIR || 'reports');
  const reportFile = join(reportDir, 'conformance.json');
  rmSync(reportFile, { force: true });
  // The run's private folder (options, session, apps, token ledger) belongs to this process, so that whatever becomes
  // of Playwright, the tokens it created can still be revoked and the folder removed.
  const stateDir = createRunFolder();
  try {
    let options: RunOptions;
    try {
      options = (await import('../fixtures/run/run-options.ts')).parseRunOptions(named);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return await cannotStart(error.message, stateDir, named);
    }
    // Playwright's per-test folders (error context, attachments) live and die with the run: the reports hold the rest.
    options.outputDir ??= join(stateDir, 'test-results');
    writeRunFile(stateDir, 'options', options);
    // The options reach Playwright as one file; the folder's path is all the child is told.
    const signal = await runPlaywright(parsed.playwright, { ...process.env, [RUN_FOLDER_ENV]: stateDir });
    // Global teardown has revoked the run's tokens; only if Playwright died first is anything left to do here.
    const { liveTokens } = await import('../fixtures/client/run-ledger.ts');
    if (liveTokens(stateDir).length)
      await (await import('../fixtures/run/settle.ts')).settleTokens(stateDir).catch(() => undefined);
    try {
      return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
    } catch {
      const stopped = signal ? `; it was stopped by ${signal}` : '';
      process.stderr.write(`mastodon-oauth-conformance: the run wrote no report (${reportFile})${stopped}\n`);
      return signal ? 130 : 2;
    }
  } finally {
    removeRunFolder(stateDir);
  }
}

/** A setting is wrong (ConfigError): the report a run that could not start writes, and exit 2. */
async function cannotStart(
  message: string,
  stateDir: string,
  named: Record<string, string | undefined>,
): Promise<number> {
  const { writeSetupFailure } = await import('../fixtures/run/setup-failure.ts');
  writeSetupFailure(stateDir, { kind: 'config', message });
  const { default: ConformanceReporter } = await import('../reporter/conformance-reporter.ts');
  const reporter = new ConformanceReporter({
    reportDir: resolve(named.CONFORMANCE_REPORT_DIR || 'reports'),
    runFolder: stateDir,
    targetUrl: named.TARGET_URL || undefined,
  });
  await reporter.onEnd({ status: 'failed', startTime: new Date(), duration: 0 });
  return 2;
}

/**
 * Playwright in a child process. A SIGINT (Ctrl-C) or SIGTERM is passed on as one SIGINT, which makes Playwright
 * stop the tests, run the teardown (which revokes the tokens) and write the reports marked incomplete. A second
 * signal ends it at once.
 */
function runPlaywright(args: string[], env: NodeJS.ProcessEnv): Promise<NodeJS.Signals | undefined> {
  return playwright(['test', '--config', join(root, `playwright.config.${CODE_EXT}`), ...args], env);
}

function playwright(args: string[], env: NodeJS.ProcessEnv): Promise<NodeJS.Signals | undefined> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  // Its own process group: a terminal's Ctrl-C reaches only this process, which passes it on once (Playwright reads
  // a second SIGINT as "stop now", without teardown or reports).
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'inherit', cwd: process.cwd(), detached: true });
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    child.kill(received ? 'SIGKILL' : 'SIGINT');
    received ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise((done) => {
    child.on('exit', () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done(received);
    });
  });
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
    writeRunFile(folder, 'options', {
      ...(await import('../fixtures/run/run-options.ts')).parseRunOptions({}),
      reportDir,
    });
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
        [RUN_FOLDER_ENV]: folder,
      });
    } finally {
      removeRunFolder(folder);
    }
    return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
  } finally {
    rmSync(together, { recursive: true, force: true });
  }
}

/** `list requirements` (ID, level, since, statement) and `list mutants` (ID and the defect each injects). */
async function list(what: 'requirements' | 'mutants'): Promise<string> {
  if (what === 'mutants') {
    const { listMutants } = await import('../fixtures/reference-server/index.ts');
    const mutants = listMutants();
    const width = Math.max(...mutants.map((m) => m.id.length));
    return mutants.map((m) => `${m.id.padEnd(width)}  ${m.description}  (breaks ${m.breaks.join(', ')})\n`).join('');
  }
  const { registry } = await import('../fixtures/core/registry.ts');
  const requirements = [...registry().values()];
  const width = Math.max(...requirements.map((r) => r.id.length));
  return requirements
    .map((r) => `${r.id.padEnd(width)}  ${r.level.padEnd(6)}  ${r.since.padEnd(6)}  ${r.statement}\n`)
    .join('');
}

/** Playwright's own listing of the chosen tests: no global setup runs, so the target is not touched. */
async function selectsAnyTest(args: string[]): Promise<boolean> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  const listing = spawnSync(
    process.execPath,
    [cli, 'test', '--list', '--reporter=json', '--config', join(root, `playwright.config.${CODE_EXT}`), ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    return (JSON.parse(listing.stdout) as { suites: unknown[] }).suites.length > 0;
  } catch {
    return true; // Playwright will say what is wrong with the arguments itself.
  }
}

/** Exit 3, with the report a run that judged nothing writes: the reporter itself, fed no test. */
async function nothingSelected(args: string[], named: Record<string, string | undefined>): Promise<number> {
  process.stderr.write(
    `mastodon-oauth-conformance: the selection (${args.join(' ')}) matches no test; nothing was run\n`,
  );
  const { default: ConformanceReporter } = await import('../reporter/conformance-reporter.ts');
  await new ConformanceReporter({ reportDir: resolve(named.CONFORMANCE_REPORT_DIR || 'reports'), partial: true }).onEnd(
    { status: 'passed', startTime: new Date(), duration: 0 },
  );
  return 3;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

async function checkBaseline(env: Record<string, string | undefined>): Promise<void> {
  if (env.CONFORMANCE_BASELINE) {
    const { readBaseline, resolveBaseline } = await import('../reporter/baseline.ts');
    try {
      // A file, or the name of a shipped baseline (baselines/gotosocial-0.19.yaml); a new file with --update-baseline.
      env.CONFORMANCE_BASELINE =
        env.CONFORMANCE_UPDATE_BASELINE === '1'
          ? resolve(env.CONFORMANCE_BASELINE)
          : resolveBaseline(env.CONFORMANCE_BASELINE);
      if (env.CONFORMANCE_UPDATE_BASELINE !== '1' || existsSync(env.CONFORMANCE_BASELINE))
        readBaseline(env.CONFORMANCE_BASELINE);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (env.CONFORMANCE_UPDATE_BASELINE === '1') {
    throw new UsageError('--update-baseline needs --baseline FILE');
  }
}

function usageFailure(error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`mastodon-oauth-conformance: ${error.message}\n`);
  return 2;
}

// Run as a script (through a symlinked checkout too), not when imported by the bin or a test.
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === fileURLToPath(import.meta.url))
  process.exit(await main(process.argv.slice(2)));
