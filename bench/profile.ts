/**
 * npm run bench -- --profile [--driver browser|http]: where a near run's time goes, per phase, for each driver.
 *
 * Per driver, three runs against the embedded reference server: the CLI as a user runs it, a bare Playwright run with
 * the options the CLI would have written (bareRun), and the same bare run under `node --cpu-prof` (Playwright forks
 * its workers with the runner's execArgv, so each worker writes its own profile). The profiles are laid on one clock:
 *   runner start-up   runner's first sample → first sample under fixtures/run/global-setup.ts
 *   global setup      → the first worker's start (samples of the reference server and the reporter excepted)
 *   worker start-up   a worker's start → its first sample under Playwright's _runTest (each worker; wall: the longest)
 *   tests             the first test → the last worker's end; workers' CPU by what the sample's stack runs in
 *   reporter's end    the last worker's end → the runner's end
 * The reference server and the reporter run in the runner beside everything else: their CPU is counted from their
 * frames over the whole run. Chromium's CPU comes from /proc (bench/proc-tree.ts), the CLI's share from the CLI run
 * (its own process's CPU; its wall minus the unprofiled bare run's).
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CpuProfile, type Frame, isIdle, readCpuProfile } from './cpu-profile.ts';
import { bareRun, type Driver, machine, nearRun, ROOT, sec } from './measure.ts';

/** Playwright's step and stack machinery: each recorded step captures and source-maps a stack. */
const STEP_FUNCTIONS = new Set(['captureRawStack', '_addStep', 'prepareStackTrace', 'wrapCallSite', 'cloneCallSite']);

type Category = [string, (f: Frame) => boolean];

/**
 * What a sample runs in. The specific categories are looked for first, from the sample's leaf up through its parents
 * (a Node stream under undici is undici's; a regular expression under secrets.ts is redaction); only a stack none of
 * them names falls to the generic ones, again from the leaf up, and to `other` when none matches.
 */
const SPECIFIC: Category[] = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  [
    "Playwright's step/stack machinery",
    (f) => STEP_FUNCTIONS.has(f.functionName) && /playwright(-core)?\/lib\//.test(f.url),
  ],
  ['TypeScript transform (babel)', (f) => /playwright\/lib\/transform\//.test(f.url)],
  ['contract/ajv', (f) => /node_modules\/ajv|fixtures\/core\/contract\.ts/.test(f.url)],
  ['yaml', (f) => /node_modules\/yaml\//.test(f.url)],
  ['undici', (f) => /node_modules\/undici\//.test(f.url)],
  ['redaction (fixtures/core/secrets.ts)', (f) => /fixtures\/core\/secrets\.ts/.test(f.url)],
  ['reference server', (f) => /fixtures\/reference-server\//.test(f.url)],
  ['reporter', (f) => /\/reporter\//.test(f.url)],
];
const GENERIC: Category[] = [
  ['module loading (node:internal/modules)', (f) => f.url.startsWith('node:internal/modules')],
  ['other harness code (fixtures/, specs/)', (f) => /\/(fixtures|specs)\//.test(f.url)],
  ['Playwright, other', (f) => /node_modules\/playwright/.test(f.url)],
  ['other node_modules', (f) => /node_modules\//.test(f.url)],
  ['Node internals, other (streams, net, timers)', (f) => f.url.startsWith('node:')],
  ['V8/native, unattributed ((program))', (f) => f.functionName === '(program)'],
];

export function categorize(stack: Frame[]): string {
  for (const categories of [SPECIFIC, GENERIC])
    for (const f of stack) for (const [name, test] of categories) if (test(f)) return name;
  return 'other';
}

const has = (stack: Frame[], re: RegExp) => stack.some((f) => re.test(f.url));

type Kind = 'runner' | 'worker' | 'other thread';
function kindOf(p: CpuProfile): Kind {
  const urls = new Set(p.samples.flatMap((s) => s.stack.map((f) => f.url)));
  if ([...urls].some((u) => /worker\/workerProcessEntry\.js/.test(u))) return 'worker';
  if ([...urls].some((u) => /playwright\/lib\/(runner|program)/.test(u))) return 'runner';
  return 'other thread';
}

interface Row {
  phase: string;
  wallMs?: number;
  cpuMs: number;
  inside?: Map<string, number>;
}

/** CPU (µs → ms) of the samples that are not idle, and what they run in. */
function cpuOf(samples: CpuProfile['samples']): { ms: number; inside: Map<string, number> } {
  const inside = new Map<string, number>();
  let us = 0;
  for (const s of samples) {
    if (isIdle(s)) continue;
    us += s.us;
    const c = categorize(s.stack);
    inside.set(c, (inside.get(c) ?? 0) + s.us / 1000);
  }
  return { ms: us / 1000, inside };
}

function phases(profiles: CpuProfile[]): { rows: Row[]; workers: number; threads: number } {
  const runner = profiles.find((p) => kindOf(p) === 'runner');
  if (!runner) throw new Error('no profile of the Playwright runner among the .cpuprofile files');
  const workers = profiles.filter((p) => kindOf(p) === 'worker');
  const threads = profiles.filter((p) => kindOf(p) === 'other thread');
  const setupStart =
    runner.samples.find((s) => has(s.stack, /fixtures\/run\/global-setup\.ts/))?.atUs ?? runner.startUs;
  const setupEnd = Math.min(runner.endUs, ...workers.map((w) => w.startUs));
  const lastWorkerEnd = Math.max(setupEnd, ...workers.map((w) => w.endUs));
  const rows: Row[] = [];
  const inRunner = (from: number, to: number, keep: (s: CpuProfile['samples'][number]) => boolean) =>
    cpuOf(runner.samples.filter((s) => s.atUs >= from && s.atUs < to && keep(s)));
  const special = (s: CpuProfile['samples'][number]) => has(s.stack, /fixtures\/reference-server\/|\/reporter\//);
  const start = inRunner(runner.startUs, setupStart, () => true);
  rows.push({
    phase: 'runner start-up (Playwright loading, config, test files)',
    wallMs: (setupStart - runner.startUs) / 1000,
    cpuMs: start.ms,
    inside: start.inside,
  });
  const setup = inRunner(setupStart, setupEnd, (s) => !special(s));
  rows.push({
    phase: 'global setup (fixtures/run/global-setup.ts and what it calls)',
    wallMs: (setupEnd - setupStart) / 1000,
    cpuMs: setup.ms,
    inside: setup.inside,
  });
  const server = inRunner(setupStart, Number.POSITIVE_INFINITY, (s) => has(s.stack, /fixtures\/reference-server\//));
  rows.push({ phase: 'embedded reference server (in the runner, whole run)', cpuMs: server.ms, inside: server.inside });
  const reporter = inRunner(
    runner.startUs,
    Number.POSITIVE_INFINITY,
    (s) => has(s.stack, /\/reporter\//) && !has(s.stack, /fixtures\/reference-server\//),
  );
  rows.push({ phase: 'reporter (reporter/, whole run)', cpuMs: reporter.ms, inside: reporter.inside });
  const rest = inRunner(setupEnd, Number.POSITIVE_INFINITY, (s) => !special(s));
  rows.push({
    phase: "runner, other (Playwright's dispatcher, after global setup)",
    cpuMs: rest.ms,
    inside: rest.inside,
  });
  rows.push({
    phase: "reporter's end: last worker's end → runner's end",
    wallMs: (runner.endUs - lastWorkerEnd) / 1000,
    cpuMs: inRunner(lastWorkerEnd, Number.POSITIVE_INFINITY, () => true).ms,
  });

  let firstTest = Number.POSITIVE_INFINITY;
  let startupWall = 0;
  const startup: CpuProfile['samples'] = [];
  const tests: CpuProfile['samples'] = [];
  for (const w of workers) {
    const first = w.samples.find((s) => s.stack.some((f) => f.functionName === '_runTest'))?.atUs ?? w.endUs;
    firstTest = Math.min(firstTest, first);
    startupWall = Math.max(startupWall, (first - w.startUs) / 1000);
    for (const s of w.samples) (s.atUs < first ? startup : tests).push(s);
  }
  const ws = cpuOf(startup);
  rows.push({
    phase: `worker start-up, ${workers.length} workers (start → first test; wall: the longest)`,
    wallMs: startupWall,
    cpuMs: ws.ms,
    inside: ws.inside,
  });
  const wt = cpuOf(tests);
  rows.push({
    phase: "workers' tests (first test → last worker's end)",
    wallMs: (lastWorkerEnd - firstTest) / 1000,
    cpuMs: wt.ms,
  });
  for (const [c, ms] of [...wt.inside].sort((a, b) => b[1] - a[1])) rows.push({ phase: `  · ${c}`, cpuMs: ms });
  // A profile's file name holds its process and thread: CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile.
  const pid = (p: CpuProfile) => /CPU\.\d+\.\d+\.(\d+)\./.exec(p.file)?.[1];
  const workerPids = new Set(workers.map(pid));
  for (const [who, mine] of [
    ["the runner's", threads.filter((t) => pid(t) === pid(runner))],
    ["the workers'", threads.filter((t) => workerPids.has(pid(t)))],
    ['unplaced', threads.filter((t) => pid(t) !== pid(runner) && !workerPids.has(pid(t)))],
  ] as const) {
    if (!mine.length) continue;
    const t = cpuOf(mine.flatMap((p) => p.samples));
    rows.push({
      phase: `${who} other threads (${mine.length}: the ESM loader's TypeScript transform, …)`,
      cpuMs: t.ms,
      inside: t.inside,
    });
  }
  return { rows, workers: workers.length, threads: threads.length };
}

const top = (inside: Map<string, number> | undefined) =>
  inside
    ? [...inside]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([c, ms]) => `${c} ${sec(ms)}`)
        .join(' · ')
    : '';

async function profileDriver(driver: Driver): Promise<string> {
  const cli = await nearRun(driver);
  process.stderr.write(`  ${driver} CLI run: ${sec(cli.wallMs)}, exit ${cli.exitCode}\n`);
  const bare = await bareRun({ driver });
  process.stderr.write(`  ${driver} bare run: ${sec(bare.wallMs)}, exit ${bare.exitCode}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const profiled = await bareRun({ driver, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  process.stderr.write(
    `  ${driver} profiled run: ${sec(profiled.wallMs)}, exit ${profiled.exitCode}, ` +
      `${files.length} profiles in ${dir}\n`,
  );
  const { rows, workers, threads } = phases(files.map((f) => readCpuProfile(join(dir, f))));
  const kind = (re: RegExp) =>
    Object.entries(profiled.cpuMsByKind)
      .filter(([k]) => re.test(k))
      .reduce((a, [, ms]) => a + ms, 0);
  const cliCpu = Object.entries(cli.cpuMsByKind).find(([k]) => k.startsWith('CLI'))?.[1] ?? 0;
  rows.push({ phase: 'Chromium renderers (/proc)', cpuMs: kind(/renderers/) });
  rows.push({ phase: 'Chromium, other processes (/proc)', cpuMs: kind(/chromium \(/) });
  rows.push({
    phase: 'CLI (tsx, cli/main.ts): CLI run − bare run; its own process (/proc)',
    wallMs: cli.wallMs - bare.wallMs,
    cpuMs: cliCpu,
  });
  let t = `\n### Where the time goes: driver ${driver}\n\n`;
  t += `| phase (driver ${driver}, one profiled run) | wall | CPU | what it runs in (top 3, CPU) |\n`;
  t += '|---|---|---|---|\n';
  for (const r of rows)
    t += `| ${r.phase} | ${r.wallMs === undefined ? '' : sec(r.wallMs)} | ${sec(r.cpuMs)} | ${top(r.inside)} |\n`;
  t += `\nWhole runs: CLI ${sec(cli.wallMs)} wall / ${sec(cli.cpuMs)} CPU; `;
  t += `bare Playwright ${sec(bare.wallMs)} / ${sec(bare.cpuMs)}; `;
  t += `bare under --cpu-prof ${sec(profiled.wallMs)} / ${sec(profiled.cpuMs)} `;
  t += "(the profiler's overhead is in the rows above). ";
  t += `${files.length} profiles: 1 runner, ${workers} workers, ${threads} other threads. `;
  t += 'CPU by process (/proc, profiled run): ';
  t += `${Object.entries(profiled.cpuMsByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${sec(ms)}`)
    .join(' · ')}.\n`;
  return t;
}

export async function profileMode(drivers: Driver[]): Promise<void> {
  const m = machine();
  process.stderr.write(
    `bench --profile: drivers ${drivers.join(' and ')}, on ${m.nproc} × ${m.cpu}, load ${m.loadAtStart}\n`,
  );
  let out = '';
  for (const d of drivers) out += await profileDriver(d);
  process.stdout.write(out);
  writeFileSync(join(ROOT, 'bench/profile-results.json'), JSON.stringify({ machine: m, out }, null, 2));
  process.stderr.write('wrote bench/profile-results.json\n');
}
