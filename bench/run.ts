/**
 * npm run bench [-- --runs 5 --driver browser|http --skip-far]
 *
 * Measures, on this machine, each run as a fresh child process (cold: server start, worker start and browser launch
 * included), and prints a markdown table of medians:
 *   floor   Playwright with the conformance config and one empty test per worker (bench/floor/), no global setup;
 *           "floor+browser" also launches Chromium once per worker.
 *   near    the full conformance run against the embedded reference server (the CLI, as a user runs it).
 *   failing the near run against a mutant that breaks a contract rule in most tests (token-without-created-at): a
 *           run with failures should cost what a passing run costs (goal ≤ 1.5× near).
 *   far     the same run with the reference server (a child process) behind bench/latency-proxy.ts, which waits
 *           50 ms before forwarding each request; its ideal is the near run plus 50 ms per request of the longest
 *           chain of dependent requests (bench/chain.ts): global setup's, then a test's.
 * Per run: HTTP requests, apps registered, sign-ins, browser pages and peak memory of the whole process tree.
 * Counts come from the report's run.stats when the suite writes it, otherwise from what the reference server
 * counted (near) or what the proxy saw (far); the table says which.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromReport, longestChain, type WireExchange } from './chain.ts';
import { startLatencyProxy, type ProxyCounts } from './latency-proxy.ts';
import { TreeMemory } from './proc-tree.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PLAYWRIGHT = join(ROOT, 'node_modules/@playwright/test/cli.js');
const DELAY_MS = 50;
/**
 * Requests a worker makes before its first test. None since flows take PKCE from the target's declaration, not a probe.
 */
const WORKER_PROBE_CHAIN = 0;
/** Breaks one contract rule (created_at) in almost every test: the failing run's target. */
const FAILING_MUTANT = 'token-without-created-at';
const USER = { email: 'bench@localhost', password: 'bench-password-0815', username: 'bench' };

interface Options {
  runs: number;
  driver: 'browser' | 'http';
  skipFar: boolean;
}

interface Stats {
  requests?: number;
  appsRegistered?: number;
  signIns?: number;
  browserPages?: number;
  tokensCreated?: number;
  tokensRevoked?: number;
}

interface Sample {
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

interface Report {
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

function parseOptions(argv: string[]): Options {
  const o: Options = { runs: 5, driver: 'browser', skipFar: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--driver') o.driver = argv[++i] === 'http' ? 'http' : 'browser';
    else if (a === '--skip-far') o.skipFar = true;
    else
      throw new Error(`unknown option ${a}; usage: npm run bench -- [--runs N] [--driver browser|http] [--skip-far]`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs wants a positive integer');
  return o;
}

/** Runs a child to its end, timing it and sampling its process tree's memory. */
async function measure(
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
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, CI: '1', ...env },
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

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function floorRun(_o: Options, browser: boolean): Promise<Sample> {
  const work = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const r = await measure(
    process.execPath,
    [PLAYWRIGHT, 'test', '-c', join(ROOT, 'bench/floor/playwright.config.ts')],
    {
      FLOOR_BROWSER: browser ? '1' : '0',
      CONFORMANCE_REPORT_DIR: join(work, 'reports'),
      CONFORMANCE_OUTPUT_DIR: join(work, 'test-results'),
    },
  );
  // The conformance reporter is the run's only voice: it ends every run that got as far as its tests with
  // `conformance:`.
  if (!/^conformance: /m.test(r.output))
    throw new Error(`the floor run did not run its tests:\n${r.output.slice(-2000)}`);
  return { ...r, stats: {}, statsSource: '—' };
}

async function nearRun(o: Options, extra: string[] = []): Promise<Sample> {
  const work = mkdtempSync(join(tmpdir(), 'bench-near-'));
  const dump = join(work, 'reference.json');
  const r = await measure(
    process.execPath,
    [TSX, join(ROOT, 'cli/main.ts'), '--driver', o.driver, '--report-dir', join(work, 'reports'), ...extra],
    {
      CONFORMANCE_REFERENCE_DUMP: dump,
      CONFORMANCE_OUTPUT_DIR: join(work, 'test-results'),
      TARGET_URL: '',
      TARGET_USERNAME: '',
      TARGET_PASSWORD: '',
    },
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
async function startReferenceChild(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [TSX, join(ROOT, 'fixtures/reference-server/main.ts'), '--user', `${USER.email}:${USER.password}:${USER.username}`],
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
async function farRun(
  o: Options,
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
        TSX,
        join(ROOT, 'cli/main.ts'),
        '--driver',
        o.driver,
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
async function calibrate(delayMs: number): Promise<number> {
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function machine() {
  const chromium = (() => {
    try {
      // Debian's /usr/bin/chromium is a wrapper script; the binary answers --version itself.
      return execFileSync('/usr/lib/chromium/chromium', ['--version'], { encoding: 'utf8' }).trim();
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

async function series(label: string, n: number, run: () => Promise<Sample>): Promise<Sample[]> {
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
function testChain(report: Report): {
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

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const m = machine();
  process.stderr.write(`bench: ${o.runs} runs each, driver ${o.driver}, on ${m.nproc} × ${m.cpu}\n`);

  const floor = await series('floor', o.runs, () => floorRun(o, false));
  const floorBrowser = o.driver === 'browser' ? await series('floor+browser', o.runs, () => floorRun(o, true)) : [];
  const near = await series('near', o.runs, () => nearRun(o));
  const failing = await series('failing', o.runs, () => nearRun(o, ['--mutant', FAILING_MUTANT]));
  const failingMedian = median(failing.map((s) => s.wallMs));

  let far: Sample[] = [];
  let ideal:
    | { ms: number; chain: number; setupChain: number; testChain: ReturnType<typeof testChain>; setupOnlyRunMs: number }
    | undefined;
  const nearMedian = median(near.map((s) => s.wallMs));
  let perRequestMs: number | undefined;
  if (!o.skipFar) {
    // Global setup alone (no test selected), recorded at a proxy with no delay: its own chain of dependent requests.
    // A selection of nothing now ends before global setup (no app, no sign-in), so the probe selects one test whose
    // only request (an unauthenticated GET of the metadata) depends on nothing and cannot lengthen the chain.
    const probe = await farRun(o, 0, ['--grep', 'META-OK '], true);
    const instance = probe.exchanges.filter((e) => /^\/api\/v[12]\/instance/.test(e.url));
    // Registration depends on the version (apps.ts picks fields by it) though no value flows: the version read comes
    // first.
    const setupChain = instance.length + longestChain(probe.exchanges.filter((e) => !instance.includes(e))).length;
    const tc = testChain(near[0]!.report!);
    const chain = setupChain + WORKER_PROBE_CHAIN + tc.length;
    ideal = { ms: nearMedian + chain * DELAY_MS, chain, setupChain, testChain: tc, setupOnlyRunMs: probe.wallMs };
    far = await series('far', o.runs, () => farRun(o, DELAY_MS));
    perRequestMs = await calibrate(DELAY_MS);
  }

  const verdicts = (s: Sample) => JSON.stringify(s.counts ?? {});
  const allSame = [...near, ...far].every((s) => verdicts(s) === verdicts(near[0]!) && s.exitCode === 0);

  const floorMedian = median(floor.map((s) => s.wallMs));
  const floorBrowserMedian = floorBrowser.length ? median(floorBrowser.map((s) => s.wallMs)) : undefined;
  const farMedian = far.length ? median(far.map((s) => s.wallMs)) : undefined;
  const row = (name: string, xs: Sample[], ratio: string) => {
    if (!xs.length) return '';
    const pick = (k: keyof Stats) => {
      const vs = xs.map((s) => s.stats[k]).filter((v): v is number => v !== undefined);
      return vs.length ? String(median(vs)) : '—';
    };
    const pages =
      pick('browserPages') === '—' && name.startsWith('near') && far.length
        ? `${median(far.map((s) => s.stats.browserPages ?? 0))}¹`
        : pick('browserPages');
    const walls = xs.map((s) => s.wallMs);
    const cells = [
      name,
      sec(median(walls)),
      `${sec(Math.min(...walls))}–${sec(Math.max(...walls))}`,
      ratio,
      pick('requests'),
      pick('appsRegistered'),
      pick('signIns'),
      pages,
      `${median(xs.map((s) => s.peakRssMiB))} / ${median(xs.map((s) => s.peakPssMiB))} MiB`,
      sec(median(xs.map((s) => s.cpuMs))),
      median(xs.map((s) => s.load)),
      xs[0]!.statsSource,
    ];
    return `| ${cells.join(' | ')} |\n`;
  };
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const columns = [
    `run (driver ${o.driver}, median of ${o.runs})`,
    'wall',
    'min–max',
    'ratio',
    'requests',
    'apps registered',
    'sign-ins',
    'browser pages',
    'peak RSS / PSS',
    'CPU',
    'load',
    'counts from',
  ];
  let table = `| ${columns.join(' | ')} |\n|${'---|'.repeat(columns.length)}\n`;
  table += row('floor: empty Playwright run, same config', floor, '1.00× (floor)');
  if (floorBrowserMedian !== undefined)
    table += row(
      'floor+browser: same, one Chromium per worker',
      floorBrowser,
      `${ratio(floorBrowserMedian, floorMedian)} floor`,
    );
  table += row(
    'near: full run, embedded reference',
    near,
    `${ratio(nearMedian, floorMedian)} floor` +
      (floorBrowserMedian ? ` · ${ratio(nearMedian, floorBrowserMedian)} floor+browser` : ''),
  );
  table += row(`failing: full run, mutant ${FAILING_MUTANT}`, failing, `${ratio(failingMedian, nearMedian)} near`);
  if (far.length && ideal && farMedian !== undefined) {
    table += `| far ideal: near + ${ideal.chain} dependent requests × ${DELAY_MS} ms | ${sec(ideal.ms)} |`;
    table += ' | | | | | | | | | chain analysis |\n';
    table += row(
      `far: full run, +${DELAY_MS} ms before each request`,
      far,
      `${ratio(farMedian, ideal.ms)} ideal · ${ratio(farMedian, nearMedian)} near`,
    );
  }
  let notes = '';
  if (near.some((s) => s.statsSource !== 'run.stats') && far.length)
    notes +=
      '\n¹ counted at the proxy in the far run (same suite, same pages): the report had no run.stats.browserPages.\n';
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  notes += `\nGoals: near ≤ 2× floor: ${ratio(nearMedian, floorMedian)} ${met(nearMedian <= 2 * floorMedian)}`;
  notes += ` · failing ≤ 1.5× near: ${ratio(failingMedian, nearMedian)} ${met(failingMedian <= 1.5 * nearMedian)}`;
  if (farMedian !== undefined && ideal)
    notes += ` · far ≤ 1.5× ideal: ${ratio(farMedian, ideal.ms)} ${met(farMedian <= 1.5 * ideal.ms)}`;
  const apps = Math.max(...near.map((s) => s.stats.appsRegistered ?? 0));
  const signIns = Math.max(...near.map((s) => s.stats.signIns ?? 0));
  notes += ` · ≤ 4 apps: ${apps} ${met(apps <= 4)} · 1 sign-in: ${signIns} ${met(signIns === 1)}\n`;
  if (ideal) {
    const longest = ideal.testChain;
    notes +=
      `\nFar ideal chain = ${ideal.setupChain} (global setup) + ${WORKER_PROBE_CHAIN} (a worker's PKCE probe) + ` +
      `${longest.length} (longest test: ${longest.test}: ${longest.path.join(' → ')}).\n`;
    if (perRequestMs)
      notes +=
        `One request through the ${DELAY_MS} ms proxy, measured here after the far runs: ` +
        `${perRequestMs.toFixed(1)} ms end to end.\n`;
    notes +=
      'A run of global setup and META-OK alone (reference in its own process, no delay): ' +
      `${sec(ideal.setupOnlyRunMs)}.\n`;
    notes += `Most requests in one test as it runs now: ${longest.serialMax} (${longest.serialTest}).\n`;
  }
  const outcomes = [...new Set([...near, ...far].map((s) => `exit ${s.exitCode} ${verdicts(s)}`))];
  notes += 'Verdicts and exit codes identical across all near and far runs: ';
  notes += `${allSame ? 'yes' : `NO (${outcomes.join(' | ')})`}\n`;

  let where = near[0]!.report ? profile(near[0]!.report) : '';
  const kinds = [...new Set(near.flatMap((s) => Object.keys(s.cpuMsByKind)))];
  where += `  CPU of the near run by process (median): ${kinds
    .map((k) => [k, median(near.map((s) => s.cpuMsByKind[k] ?? 0))] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${sec(ms)}`)
    .join(' · ')}\n`;
  process.stdout.write(`\n${table}${notes}${where}`);
  const out = {
    machine: m,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    options: o,
    delayMs: DELAY_MS,
    medians: {
      floorMs: floorMedian,
      floorBrowserMs: floorBrowserMedian,
      nearMs: nearMedian,
      failingMs: failingMedian,
      farMs: farMedian,
      farIdealMs: ideal?.ms,
    },
    ideal,
    proxyPerRequestMs: perRequestMs,
    runs: Object.fromEntries(
      Object.entries({ floor, floorBrowser, near, failing, far }).map(([k, xs]) => [
        k,
        xs.map(({ report: _r, ...s }) => ({ ...s, exchanges: undefined })),
      ]),
    ),
    table,
    notes,
  };
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(out, null, 2));
  process.stderr.write('wrote bench/results.json\n');
}

/** Where the near run's time goes, by the report: the slowest tests and the sum per spec folder. */
function profile(report: Report): string {
  const tests = [...report.tests].sort((a, b) => b.durationMs - a.durationMs);
  const total = tests.reduce((a, t) => a + t.durationMs, 0);
  const byFolder = new Map<string, number>();
  for (const t of tests) {
    const folder = t.file.split('/').slice(0, 2).join('/');
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + t.durationMs);
  }
  let s =
    `\nWhere the near run's time goes (one run: ${sec(report.durationMs)} from reporter start to end; ` +
    `test bodies and fixtures sum to ${sec(total)} over the workers):\n`;
  s += [...byFolder]
    .sort((a, b) => b[1] - a[1])
    .map(([f, ms]) => `  ${f}: ${sec(ms)}`)
    .join('\n');
  s += `\n  slowest tests:\n${tests
    .slice(0, 8)
    .map((t) => `    ${sec(t.durationMs)}  ${t.title.slice(0, 100)}`)
    .join('\n')}\n`;
  return s;
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(2);
});
