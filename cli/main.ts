import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, UsageError } from './args.ts';
import { readBaseline } from '../reports/baseline.ts';
import { compare } from './compare.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the suite through Playwright and turns the conformance report into the documented exit code. */
export function main(argv: string[]): number {
  if (argv[0] === 'compare') {
    try {
      process.stdout.write(`wrote ${compare(argv.slice(1), resolve(process.env.CONFORMANCE_REPORT_DIR ?? 'reports'))}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`mastodon-oauth-conformance: ${error.message}\n`);
      return 2;
    }
  }
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mastodon-oauth-conformance: ${error.message}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(usage());
    return 0;
  }
  if (parsed.version) {
    process.stdout.write(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  const env = { ...process.env, ...parsed.env };
  if (env.CONFORMANCE_BASELINE) {
    env.CONFORMANCE_BASELINE = resolve(env.CONFORMANCE_BASELINE);
    try {
      if (env.CONFORMANCE_UPDATE_BASELINE !== '1' || existsSync(env.CONFORMANCE_BASELINE)) readBaseline(env.CONFORMANCE_BASELINE);
    } catch (error) {
      process.stderr.write(`mastodon-oauth-conformance: ${(error as Error).message}\n`);
      return 2;
    }
  } else if (env.CONFORMANCE_UPDATE_BASELINE === '1') {
    process.stderr.write('mastodon-oauth-conformance: --update-baseline needs --baseline FILE\n');
    return 2;
  }
  const reportDir = resolve(env.CONFORMANCE_REPORT_DIR ?? 'reports');
  env.CONFORMANCE_REPORT_DIR = reportDir;
  const reportFile = join(reportDir, 'conformance.json');
  rmSync(reportFile, { force: true });
  const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'test', '--config', join(root, 'playwright.config.ts'), ...parsed.playwright], { env, stdio: 'inherit', cwd: process.cwd() });
  if (result.signal) return 130;
  try {
    return (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
  } catch {
    process.stderr.write(`mastodon-oauth-conformance: the run wrote no report (${reportFile}); Playwright exited with ${result.status}\n`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
