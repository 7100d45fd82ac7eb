/**
 * npm run bench [-- --runs 5 --driver browser|http --skip-far | --profile | --growth]
 *
 * Measures, on this machine, each run as a fresh child process (cold: server start, worker start and browser launch
 * included), and prints a markdown table of medians, both drivers side by side unless --driver names one:
 *   floor   Playwright with the conformance config and one empty test per worker (bench/floor/), no global setup;
 *           "floor+browser" also launches Chromium once per worker; "floor, N tests" runs as many empty tests as the
 *           first near run had (what Playwright costs per test before a test does anything; not a goal ratio).
 *   near    the full conformance run against the embedded reference server (the CLI, as a user runs it), per driver.
 *   failing the near run against a mutant that breaks a contract rule in most tests (token-without-created-at): a
 *           run with failures should cost what a passing run costs (goal ≤ 1.5× near). First driver only.
 *   far     the same run with the reference server (a child process) behind bench/latency-proxy.ts, which waits
 *           50 ms before forwarding each request; its ideal is the near run plus 50 ms per request of the longest
 *           chain of dependent requests (bench/chain.ts): global setup's, then a test's. First driver only.
 * Per run: HTTP requests, apps registered, sign-ins, browser pages and peak memory of the whole process tree.
 * --profile (bench/profile.ts): where the time goes, per phase, from CPU profiles. --growth (bench/growth.ts): how
 * cost grows with evidence and with the number of tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { longestChain } from './chain.ts';
import {
  calibrate,
  DELAY_MS,
  type Driver,
  FAILING_MUTANT,
  farRun,
  floorRun,
  machine,
  median,
  nearRun,
  ROOT,
  type Report,
  type Sample,
  type Stats,
  sec,
  series,
  testChain,
  WORKER_PROBE_CHAIN,
} from './measure.ts';

interface Options {
  runs: number;
  drivers: Driver[];
  skipFar: boolean;
  mode: 'compare' | 'profile' | 'growth';
}

/** The goals of issue #16, as ratios of medians. */
const GOALS = { browserNear: 2, httpNear: 1.5, failing: 1.5, far: 1.25 };
const USAGE = 'usage: npm run bench -- [--runs N] [--driver browser|http] [--skip-far] [--profile | --growth]';

function parseOptions(argv: string[]): Options {
  const o: Options = { runs: 5, drivers: ['browser', 'http'], skipFar: false, mode: 'compare' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--driver') {
      const d = argv[++i];
      if (d !== 'browser' && d !== 'http') throw new Error(`--driver wants browser or http; ${USAGE}`);
      o.drivers = [d];
    } else if (a === '--skip-far') o.skipFar = true;
    else if (a === '--profile') o.mode = 'profile';
    else if (a === '--growth') o.mode = 'growth';
    else throw new Error(`unknown option ${a}; ${USAGE}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs wants a positive integer');
  return o;
}

interface Ideal {
  ms: number;
  chain: number;
  setupChain: number;
  testChain: ReturnType<typeof testChain>;
  setupOnlyRunMs: number;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (o.mode === 'profile') return (await import('./profile.ts')).profileMode(o.drivers);
  if (o.mode === 'growth') return (await import('./growth.ts')).growthMode(o.runs);
  const m = machine();
  const [primary] = o.drivers as [Driver];
  process.stderr.write(`bench: ${o.runs} runs each, drivers ${o.drivers.join(' and ')}, on ${m.nproc} × ${m.cpu}\n`);

  const floor = await series('floor', o.runs, () => floorRun(false));
  const floorBrowser = o.drivers.includes('browser') ? await series('floor+browser', o.runs, () => floorRun(true)) : [];
  const near = new Map<Driver, Sample[]>();
  for (const d of o.drivers) near.set(d, await series(`near ${d}`, o.runs, () => nearRun(d)));
  const failing = await series(`failing ${primary}`, o.runs, () => nearRun(primary, ['--mutant', FAILING_MUTANT]));
  const testCount = near.get(primary)![0]!.report?.tests.length;
  const floorTests = testCount
    ? await series(`floor, ${testCount} tests`, o.runs, () => floorRun(false, testCount))
    : [];

  const wall = (xs: Sample[]) => median(xs.map((s) => s.wallMs));
  const nearPrimary = near.get(primary)!;
  let far: Sample[] = [];
  let ideal: Ideal | undefined;
  let perRequestMs: number | undefined;
  if (!o.skipFar) {
    // Global setup alone (no test selected), recorded at a proxy with no delay: its own chain of dependent requests.
    // A selection of nothing now ends before global setup (no app, no sign-in), so the probe selects one test whose
    // only request (an unauthenticated GET of the metadata) depends on nothing and cannot lengthen the chain.
    const probe = await farRun(primary, 0, ['--grep', 'META-OK '], true);
    const instance = probe.exchanges.filter((e) => /^\/api\/v[12]\/instance/.test(e.url));
    // Registration depends on the version (apps.ts picks fields by it) though no value flows:
    // the version read comes first.
    const setupChain = instance.length + longestChain(probe.exchanges.filter((e) => !instance.includes(e))).length;
    const tc = testChain(nearPrimary[0]!.report!);
    const chain = setupChain + WORKER_PROBE_CHAIN + tc.length;
    ideal = {
      ms: wall(nearPrimary) + chain * DELAY_MS,
      chain,
      setupChain,
      testChain: tc,
      setupOnlyRunMs: probe.wallMs,
    };
    far = await series(`far ${primary}`, o.runs, () => farRun(primary, DELAY_MS));
    perRequestMs = await calibrate(DELAY_MS);
  }

  const { table, goals } = tables(o, { floor, floorBrowser, floorTests, near, failing, far }, ideal, testCount);
  let notes = goals;
  if (ideal) {
    const longest = ideal.testChain;
    notes +=
      `\nFar ideal chain (driver ${primary}) = ${ideal.setupChain} (global setup) + ${WORKER_PROBE_CHAIN} ` +
      `(a worker's PKCE probe) + ${longest.length} (longest test: ${longest.test}: ${longest.path.join(' → ')}).\n`;
    if (perRequestMs)
      notes +=
        `One request through the ${DELAY_MS} ms proxy, measured here after the far runs: ` +
        `${perRequestMs.toFixed(1)} ms end to end.\n`;
    notes +=
      'A run of global setup and META-OK alone (reference in its own process, no delay): ' +
      `${sec(ideal.setupOnlyRunMs)}.\n`;
    notes += `Most requests in one test as it runs now: ${longest.serialMax} (${longest.serialTest}).\n`;
  }
  const verdicts = (s: Sample) => JSON.stringify(s.counts ?? {});
  for (const [d, xs] of near) {
    const same = [...xs, ...(d === primary ? far : [])];
    const ok = same.every((s) => verdicts(s) === verdicts(xs[0]!) && s.exitCode === 0);
    const which = `${d} near${d === primary && far.length ? ' and far' : ''}`;
    const differing = () => [...new Set(same.map((s) => `exit ${s.exitCode} ${verdicts(s)}`))].join(' | ');
    notes += `Verdicts and exit codes identical across all ${which} runs: ${ok ? 'yes' : `NO (${differing()})`}\n`;
  }
  let where = '';
  for (const [d, xs] of near) {
    if (xs[0]!.report) where += byFolder(d, xs[0]!.report);
    const kinds = [...new Set(xs.flatMap((s) => Object.keys(s.cpuMsByKind)))];
    where += `  CPU of the ${d} near run by process (median): ${kinds
      .map((k) => [k, median(xs.map((s) => s.cpuMsByKind[k] ?? 0))] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([k, ms]) => `${k} ${sec(ms)}`)
      .join(' · ')}\n`;
  }
  process.stdout.write(`\n${table}${notes}${where}`);
  const runs = {
    floor,
    floorBrowser,
    floorTests,
    ...Object.fromEntries([...near].map(([d, xs]) => [`near ${d}`, xs])),
    failing,
    far,
  };
  const out = {
    machine: m,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    options: o,
    delayMs: DELAY_MS,
    medians: Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, xs.length ? wall(xs) : undefined])),
    ideal,
    proxyPerRequestMs: perRequestMs,
    runs: Object.fromEntries(
      Object.entries(runs).map(([k, xs]) => [k, xs.map(({ report: _r, ...s }) => ({ ...s, exchanges: undefined }))]),
    ),
    table,
    notes,
  };
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(out, null, 2));
  process.stderr.write('wrote bench/results.json\n');
}

/** The runs' table, one row per kind of run and driver, and the goal ratios under it. */
function tables(
  o: Options,
  r: {
    floor: Sample[];
    floorBrowser: Sample[];
    floorTests: Sample[];
    near: Map<Driver, Sample[]>;
    failing: Sample[];
    far: Sample[];
  },
  ideal: Ideal | undefined,
  testCount: number | undefined,
): { table: string; goals: string } {
  const wall = (xs: Sample[]) => median(xs.map((s) => s.wallMs));
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const [primary] = o.drivers as [Driver];
  const floorMs = wall(r.floor);
  const floorBrowserMs = r.floorBrowser.length ? wall(r.floorBrowser) : undefined;
  const row = (name: string, driver: string, xs: Sample[], ratioText: string) => {
    if (!xs.length) return '';
    const pick = (k: keyof Stats) => {
      const vs = xs.map((s) => s.stats[k]).filter((v): v is number => v !== undefined);
      return vs.length ? String(median(vs)) : '—';
    };
    const ws = xs.map((s) => s.wallMs);
    const cells = [
      name,
      driver,
      sec(wall(xs)),
      `${sec(Math.min(...ws))}–${sec(Math.max(...ws))}`,
      ratioText,
      pick('requests'),
      pick('appsRegistered'),
      pick('signIns'),
      pick('browserPages'),
      `${median(xs.map((s) => s.peakRssMiB))} / ${median(xs.map((s) => s.peakPssMiB))} MiB`,
      sec(median(xs.map((s) => s.cpuMs))),
      `${median(xs.map((s) => s.load))}`,
      xs[0]!.statsSource,
    ];
    return `| ${cells.join(' | ')} |\n`;
  };
  const columns = [
    `run (median of ${o.runs})`,
    'driver',
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
  table += row('floor: empty Playwright run, same config', '—', r.floor, '1.00× (floor)');
  if (floorBrowserMs !== undefined)
    table += row(
      'floor+browser: same, one Chromium per worker',
      'browser',
      r.floorBrowser,
      `${ratio(floorBrowserMs, floorMs)} floor`,
    );
  const floorTestsMs = r.floorTests.length ? wall(r.floorTests) : undefined;
  if (floorTestsMs !== undefined)
    table += row(
      `floor, ${testCount} tests: same, as many empty tests as the near run`,
      '—',
      r.floorTests,
      `${ratio(floorTestsMs, floorMs)} floor`,
    );
  for (const [d, xs] of r.near) {
    let extra = d === 'browser' && floorBrowserMs ? ` · ${ratio(wall(xs), floorBrowserMs)} floor+browser` : '';
    if (floorTestsMs !== undefined) extra += ` · ${ratio(wall(xs), floorTestsMs)} floor, ${testCount} tests`;
    table += row('near: full run, embedded reference', d, xs, `${ratio(wall(xs), floorMs)} floor${extra}`);
  }
  const nearMs = wall(r.near.get(primary)!);
  const failingMs = wall(r.failing);
  table += row(`failing: full run, mutant ${FAILING_MUTANT}`, primary, r.failing, `${ratio(failingMs, nearMs)} near`);
  const farMs = r.far.length ? wall(r.far) : undefined;
  if (ideal && farMs !== undefined) {
    const idealRun = `far ideal: near + ${ideal.chain} dependent requests × ${DELAY_MS} ms`;
    table += `| ${idealRun} | ${primary} | ${sec(ideal.ms)} | | | | | | | | | | chain analysis |\n`;
    table += row(
      `far: full run, +${DELAY_MS} ms before each request`,
      primary,
      r.far,
      `${ratio(farMs, ideal.ms)} ideal · ${ratio(farMs, nearMs)} near`,
    );
  }
  const goal = (what: string, a: number, b: number, limit: number) =>
    `| ${what} | ≤ ${limit}× | ${ratio(a, b)} | ${a <= limit * b ? 'met' : '**not met**'} |\n`;
  let goals = `\n| goal (issue #16) | limit | measured | |\n|---|---|---|---|\n`;
  const nearOf = (d: Driver) => r.near.get(d);
  if (nearOf('browser')) goals += goal('browser near / floor', wall(nearOf('browser')!), floorMs, GOALS.browserNear);
  if (nearOf('http')) goals += goal('http near / floor', wall(nearOf('http')!), floorMs, GOALS.httpNear);
  goals += goal(`failing / near (${primary})`, failingMs, nearMs, GOALS.failing);
  if (ideal && farMs !== undefined) goals += goal(`far / ideal (${primary})`, farMs, ideal.ms, GOALS.far);
  for (const [d, xs] of r.near) {
    const apps = Math.max(...xs.map((s) => s.stats.appsRegistered ?? 0));
    const signIns = Math.max(...xs.map((s) => s.stats.signIns ?? 0));
    const met = apps <= 4 && signIns === 1 ? 'met' : '**not met**';
    goals += `| ${d}: apps registered / sign-ins | ≤ 4 / 1 | ${apps} / ${signIns} | ${met} |\n`;
  }
  return { table, goals };
}

/** Where a near run's time goes, by the report: the sum per spec folder and the slowest tests. */
function byFolder(driver: Driver, report: Report): string {
  const tests = [...report.tests].sort((a, b) => b.durationMs - a.durationMs);
  const total = tests.reduce((a, t) => a + t.durationMs, 0);
  const folders = new Map<string, number>();
  for (const t of tests) {
    const folder = t.file.split('/').slice(0, 2).join('/');
    folders.set(folder, (folders.get(folder) ?? 0) + t.durationMs);
  }
  let s =
    `\nWhere the ${driver} near run's time goes (one run: ${sec(report.durationMs)} from reporter start to end; ` +
    `test bodies and fixtures sum to ${sec(total)} over the workers):\n`;
  s += [...folders]
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
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exit(2);
});
