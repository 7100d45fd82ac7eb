import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, UsageError } from './args.ts';
import { STATE_DIR_ENV } from '../fixtures/run-config.ts';
import { CODE_EXT, packageFile } from '../fixtures/package-root.ts';

/** The folder holding playwright.config: the checkout, or dist/ in the published package. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the suite through Playwright and turns the conformance report into the documented exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'compare') {
    try {
      const { compare } = await import('./compare.ts');
      process.stdout.write(`wrote ${compare(argv.slice(1), resolve(process.env.CONFORMANCE_REPORT_DIR || 'reports'))}\n`);
      return 0;
    } catch (error) {
      return usageFailure(error);
    }
  }
  if (argv[0] === 'merge') {
    try {
      return await merge(argv.slice(1));
    } catch (error) {
      return usageFailure(error);
    }
  }
  let parsed;
  let env: NodeJS.ProcessEnv;
  try {
    parsed = parseArgs(argv);
    if (parsed.help) {
      process.stdout.write(usage());
      return 0;
    }
    if (parsed.version) {
      process.stdout.write(`${(JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version}\n`);
      return 0;
    }
    // A config file sets defaults; the environment and then the command line win over it.
    const configFile = parsed.env.CONFORMANCE_CONFIG ?? process.env.CONFORMANCE_CONFIG;
    const setInEnvironment = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
    // Modules that only some runs need are loaded when needed: every run pays for the CLI's start.
    const fromFile = configFile ? (await import('./config-file.ts')).readConfigFile(configFile) : {};
    env = { ...process.env, ...fromFile, ...setInEnvironment, ...parsed.env };
    await checkBaseline(env);
  } catch (error) {
    return usageFailure(error);
  }
  const reportDir = resolve(env.CONFORMANCE_REPORT_DIR || 'reports');
  env.CONFORMANCE_REPORT_DIR = reportDir;
  const reportFile = join(reportDir, 'conformance.json');
  rmSync(reportFile, { force: true });
  // The run's private folder (session, apps, token ledger) belongs to this process, so that whatever becomes of
  // Playwright, the tokens it created can still be revoked and the folder removed.
  const stateDir = mkdtempSync(join(tmpdir(), 'conformance-'));
  chmodSync(stateDir, 0o700);
  env[STATE_DIR_ENV] = stateDir;
  // Playwright's per-test folders (error context, attachments) live and die with the run: the reports hold the rest.
  env.CONFORMANCE_OUTPUT_DIR ||= join(stateDir, 'test-results');
  try {
    const signal = await runPlaywright(parsed.playwright, env);
    // Global teardown has revoked the run's tokens; only if Playwright died first is anything left to do here.
    const { liveTokens } = await import('../fixtures/run-ledger.ts');
    if (liveTokens(stateDir).length) await (await import('../fixtures/settle.ts')).settleTokens(stateDir).catch(() => undefined);
    try {
      return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
    } catch {
      process.stderr.write(`mastodon-oauth-conformance: the run wrote no report (${reportFile})${signal ? `; it was stopped by ${signal}` : ''}\n`);
      return signal ? 130 : 2;
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
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
async function merge(args: string[]): Promise<number> {
  const dirIndex = args.indexOf('--report-dir');
  const reportDir = resolve(dirIndex >= 0 ? args[dirIndex + 1] ?? '' : process.env.CONFORMANCE_REPORT_DIR || 'reports');
  const folders = args.filter((_, i) => i !== dirIndex && i !== dirIndex + 1);
  if (!folders.length) throw new UsageError('merge needs the folders holding the shards\' blob reports (--blob-dir)');
  const blobs = folders.flatMap((f) => {
    if (!existsSync(f)) throw new UsageError(`merge: ${f} does not exist`);
    return readdirSync(f, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.zip')).map((p) => join(f, p));
  });
  if (!blobs.length) throw new UsageError(`merge: no blob report (*.zip) under ${folders.join(', ')}`);
  const together = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  try {
    blobs.forEach((b, i) => copyFileSync(b, join(together, `${i}-${basename(b)}`)));
    const reportFile = join(reportDir, 'conformance.json');
    rmSync(reportFile, { force: true });
    await playwright(['merge-reports', '--config', join(root, `reporter/merge.config.${CODE_EXT}`), together], { ...process.env, CONFORMANCE_REPORT_DIR: reportDir });
    return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
  } finally {
    rmSync(together, { recursive: true, force: true });
  }
}

async function checkBaseline(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.CONFORMANCE_BASELINE) {
    env.CONFORMANCE_BASELINE = resolve(env.CONFORMANCE_BASELINE);
    const { readBaseline } = await import('../reporter/baseline.ts');
    try {
      if (env.CONFORMANCE_UPDATE_BASELINE !== '1' || existsSync(env.CONFORMANCE_BASELINE)) readBaseline(env.CONFORMANCE_BASELINE);
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
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === fileURLToPath(import.meta.url)) process.exit(await main(process.argv.slice(2)));
