/**
 * How the bench measures one run: a fresh child process, timed from spawn to exit, its whole process tree sampled
 * from /proc (bench/proc-tree.ts). The kinds of run (floor, near, failing, far) are here; bench/run.ts puts them
 * together into tables, bench/profile.ts and bench/growth.ts are the --profile and --growth modes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromReport, longestChain, type WireExchange } from './chain.ts';
import { findChromium } from '../fixtures/run/browser.ts';
import { startLatencyProxy, type ProxyCounts } from './latency-proxy.ts';
import { TreeMemory } from './proc-tree.ts';
import { parseCommand } from '../cli/args.ts';
import { planRun } from '../cli/plan.ts';
import { VARIABLES } from '../fixtures/run/option-table.ts';
import { createRunFolder, removeRunFolder } from '../fixtures/run/run-folder.ts';
import { defaultPlan, PLAN_ENV, type RunPlan } from '../fixtures/run/run-options.ts';

export type Driver = 'browser' | 'http';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Node's arguments to run a TypeScript entry point as `npm run conformance` does: one Node, tsx as its loader. */
export const TSX = ['--import', 'tsx'];
export const PLAYWRIGHT = join(ROOT, 'node_modules/@playwright/test/cli.js');
export const DELAY_MS = 50;
/**
 * Requests a worker makes before its first test. None since flows take PKCE from the target's declaration, not a
 * probe.
 */
export const WORKER_PROBE_CHAIN = 0;
/** Breaks one contract rule (created_at) in almost every test: the failing run's target. */
export const FAILING_MUTANT = 'token-without-created-at';
export const USER = { email: 'bench@localhost', password: 'bench-password-0815', username: 'bench' };

export interface Stats {
  requests?: number;
  appsRegistered?: number;
  signIns?: number;
  browserPages?: number;
  tokensCreated?: number;
  tokensRevoked?: number;
}

export interface Sample {
  wallMs: number;
  exitCode: number;
  peakRssMiB: number;
  peakPssMiB: number;
  cpuMs: number;
  cpuMsByKind: Record<string, number>;
  /** 1-minute load average when the run started: other work on the machine slows every number here. */
  load: number;
  stats: Stats;
  statsSource: string;
  counts?: Record<string, number>;
  report?: Report;
}

export interface Report {
  exitCode: number;
  durationMs: number;
  counts: Record<string, number>;
  run?: { stats?: Stats };
  tests: {
    title: string;
    file: string;
    durationMs: number;
    status: string;
    evidence?: Parameters<typeof fromReport>[0];
  }[];
}

/** Runs a child to its end, timing it and sampling its process tree's memory. */
export async function measure(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{
  wallMs: number;
  exitCode: number;
  output: string;
  peakRssMiB: number;
  peakPssMiB: number;
  cpuMs: number;
  cpuMsByKind: Record<string, number>;
  load: number;
}> {
  const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const started = performance.now();
  // The caller's environment, without any run option of its own: a bench run is the same on every machine.
  const clean = { ...process.env };
  for (const name of ['CONFORMANCE_CONFIG', PLAN_ENV, ...VARIABLES]) delete clean[name];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...clean, CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory = new TreeMemory(child.pid!, 100);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  const wallMs = performance.now() - started;
  return { wallMs, exitCode, output, load, ...memory.stop() };
}

export function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * The floor (bench/floor/); `tests`: that many empty tests, with the suite's silenced fixtures, instead of one per
 * worker.
 */
export async function floorRun(browser: boolean, tests?: number): Promise<Sample> {
  const work = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  // A report folder of its own, so that a floor run never overwrites the checkout's reports/.
  const plan: RunPlan = {
    ...defaultPlan(createRunFolder()),
    reportDir: join(work, 'reports'),
    outputDir: join(work, 'test-results'),
  };
  const r = await measure(
    process.execPath,
    [PLAYWRIGHT, 'test', '-c', join(ROOT, 'bench/floor/playwright.config.ts')],
    { FLOOR_BROWSER: browser ? '1' : '0', FLOOR_TESTS: tests ? String(tests) : '', [PLAN_ENV]: JSON.stringify(plan) },
  ).finally(() => removeRunFolder(plan.runFolder));
  // The conformance reporter is the run's only voice:
  // it ends every run that got as far as its tests with `conformance:`.
  if (!/^conformance: /m.test(r.output))
    throw new Error(`the floor run did not run its tests:\n${r.output.slice(-2000)}`);
  return { ...r, stats: {}, statsSource: '—' };
}

export async function nearRun(driver: Driver, extra: string[] = []): Promise<Sample> {
  const work = mkdtempSync(join(tmpdir(), 'bench-near-'));
  const dump = join(work, 'reference.json');
  const r = await measure(
    process.execPath,
    [...TSX, join(ROOT, 'cli/main.ts'), '--driver', driver, '--report-dir', join(work, 'reports'), ...extra],
    { CONFORMANCE_REFERENCE_DUMP: dump, CONFORMANCE_OUTPUT_DIR: join(work, 'test-results') },
  );
  const report = readJson<Report>(join(work, 'reports/conformance.json'));
  const reference = readJson<{
    stats: { requests: number; appsRegistered: number; signIns: number; tokensIssued: number; tokensRevoked: number };
  }>(dump)?.stats;
  if (report?.run?.stats)
    return { ...r, report, counts: report.counts, stats: report.run.stats, statsSource: 'run.stats' };
  const stats: Stats = reference
    ? {
        requests: reference.requests,
        appsRegistered: reference.appsRegistered,
        signIns: reference.signIns,
        tokensCreated: reference.tokensIssued,
        tokensRevoked: reference.tokensRevoked,
      }
    : {};
  return { ...r, report, counts: report?.counts, stats, statsSource: reference ? 'reference dump' : 'none' };
}

/** A reference server in its own process, as a far target would be; resolves with its URL. */
export async function startReferenceChild(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      join(ROOT, 'fixtures/reference-server/main.ts'),
      '--user',
      `${USER.email}:${USER.password}:${USER.username}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) ok(m[0]);
    });
    child.on('exit', (code) => fail(new Error(`the reference server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** The CLI against a fresh reference server behind the latency proxy (server and proxy start outside the timing). */
export async function farRun(
  driver: Driver,
  delayMs: number,
  extra: string[] = [],
  record = false,
): Promise<Sample & { proxy: ProxyCounts; exchanges: WireExchange[] }> {
  const server = await startReferenceChild();
  const proxy = await startLatencyProxy({ target: server.url, delayMs, record });
  const work = mkdtempSync(join(tmpdir(), 'bench-far-'));
  try {
    const r = await measure(
      process.execPath,
      [
        ...TSX,
        join(ROOT, 'cli/main.ts'),
        '--driver',
        driver,
        '--target',
        proxy.url,
        '--username',
        USER.email,
        '--password-env',
        'BENCH_PASSWORD',
        '--report-dir',
        join(work, 'reports'),
        '--app-cache',
        join(work, 'apps'),
        ...extra,
      ],
      {
        BENCH_PASSWORD: USER.password,
        CONFORMANCE_OUTPUT_DIR: join(work, 'test-results'),
      },
    );
    const report = readJson<Report>(join(work, 'reports/conformance.json'));
    const counted = proxy.counts;
    const stats: Stats = report?.run?.stats ?? {
      requests: counted.requests,
      appsRegistered: counted.appsRegistered,
      signIns: counted.signIns,
      browserPages: counted.browserPages,
      tokensCreated: counted.tokensCreated,
      tokensRevoked: counted.tokensRevoked,
    };
    return {
      ...r,
      report,
      counts: report?.counts,
      stats,
      statsSource: report?.run?.stats ? 'run.stats' : 'proxy',
      proxy: { ...counted },
      exchanges: proxy.exchanges,
    };
  } finally {
    await proxy.close();
    await server.stop();
  }
}

/** What one request through the proxy costs here, end to end, against a server that answers at once. */
export async function calibrate(delayMs: number): Promise<number> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const proxy = await startLatencyProxy({
    target: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delayMs,
  });
  const n = 40;
  const started = performance.now();
  for (let i = 0; i < n; i++) await (await fetch(`${proxy.url}/`)).text();
  const each = (performance.now() - started) / n;
  await proxy.close();
  server.close();
  return each;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function machine() {
  const chromium = (() => {
    try {
      // The one the suite runs (fixtures/run/browser.ts); Debian's /usr/bin entries are wrapper scripts.
      const { executablePath, note } = findChromium();
      if (!executablePath) return note;
      return `${execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim()} (${executablePath})`;
    } catch {
      return 'not found';
    }
  })();
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    freeGiB: Math.round(freemem() / 2 ** 30),
    loadAtStart: readFileSync('/proc/loadavg', 'utf8').trim(),
    node: process.version,
    chromium,
    playwright: readJson<{ version: string }>(join(ROOT, 'node_modules/@playwright/test/package.json'))?.version,
  };
}

export async function series(label: string, n: number, run: () => Promise<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const s = await run();
    process.stderr.write(
      `  ${label} ${i + 1}/${n}: ${sec(s.wallMs)}, CPU ${sec(s.cpuMs)}, exit ${s.exitCode}, ` +
        `peak RSS ${s.peakRssMiB} MiB, load ${s.load}\n`,
    );
    out.push(s);
  }
  return out;
}

/** The longest chain of dependent requests in any one test of a report, and which test. */
export function testChain(report: Report): {
  length: number;
  test: string;
  path: string[];
  serialMax: number;
  serialTest: string;
} {
  let best = { length: 0, test: '', path: [] as string[] };
  let serial = { n: 0, test: '' };
  for (const t of report.tests) {
    const exchanges = fromReport(t.evidence ?? []);
    const c = longestChain(exchanges);
    if (c.length > best.length) best = { length: c.length, test: t.title, path: c.path };
    if (exchanges.length > serial.n) serial = { n: exchanges.length, test: t.title };
  }
  return { ...best, serialMax: serial.n, serialTest: serial.test };
}

/** Bytes of every file the reporter wrote (JSON, HTML, JUnit), by name. */
export function reportSizes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, name));
    if (s.isFile()) out[name] = s.size;
  }
  return out;
}

/**
 * Playwright run directly, without the CLI: the run plan the CLI's planner makes (driver, report and output folders,
 * and what `env` sets), handed over as the CLI does (PLAN_ENV). `nodeArgs` go before Playwright's cli.js (--cpu-prof:
 * Playwright forks its workers with the runner's execArgv, so each worker writes its own profile too).
 */
export async function bareRun(o: {
  driver: Driver;
  config?: string;
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<Sample & { output: string; reportBytes: Record<string, number> }> {
  const work = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const reportDir = join(work, 'reports');
  const env = { ...o.env, CONFORMANCE_OUTPUT_DIR: join(work, 'test-results') };
  const command = parseCommand(['--driver', o.driver, '--report-dir', reportDir], env);
  if (command.name !== 'run') throw new Error('bareRun: not a run');
  const { plan } = (await planRun(command, env)).make(createRunFolder());
  const runFolder = plan.runFolder;
  try {
    const r = await measure(
      process.execPath,
      [...(o.nodeArgs ?? []), PLAYWRIGHT, 'test', '-c', o.config ?? join(ROOT, 'playwright.config.ts')],
      { ...o.env, [PLAN_ENV]: JSON.stringify(plan) },
    );
    const report = readJson<Report>(join(reportDir, 'conformance.json'));
    if (!report) throw new Error(`the bare run wrote no report:\n${r.output.slice(-2000)}`);
    const stats = report.run?.stats ?? {};
    return {
      ...r,
      report,
      counts: report.counts,
      stats,
      statsSource: 'run.stats',
      reportBytes: reportSizes(reportDir),
    };
  } finally {
    removeRunFolder(runFolder);
    rmSync(work, { recursive: true, force: true });
  }
}
