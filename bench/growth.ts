/**
 * npm run bench -- --growth [--runs N]: how a run's cost grows with the evidence and with the number of tests.
 *   evidence 1×, 4×, 10×  CONFORMANCE_BENCH_EVIDENCE_FACTOR=N: each test keeps every exchange N times (the judge), so
 *                         redaction, attachment and the reporter's JSON and HTML handle N× the evidence; the wire
 *                         exchanges, their capture and contract checks stay 1×.
 *   tests 1×, 2×, 5×      N copies of every spec of specs/<endpoint>/ in a temporary folder, run through
 *                         bench/growth/playwright.config.ts (the conformance config with that folder as testDir).
 * Every point is a bare Playwright run (no CLI) with the HTTP form driver against the embedded reference server.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareRun, type Driver, machine, measure, median, PLAYWRIGHT, ROOT, sec } from './measure.ts';

const CONFIG = join(ROOT, 'bench/growth/playwright.config.ts');

const DRIVER: Driver = 'http';
const EVIDENCE = [1, 4, 10];
const TESTS = [1, 2, 5];

interface Point {
  wallMs: number;
  cpuMs: number;
  /**
   * CPU of the Playwright runner (global setup, the embedded server, the dispatcher, the reporter) and of the
   * workers.
   */
  runnerCpuMs: number;
  workersCpuMs: number;
  peakPssMiB: number;
  reportBytes: number;
  tests: number;
  exitCode: number;
}

/**
 * A folder holding `copies` copies of every conformance spec, their relative imports made absolute. Its Playwright
 * transform cache is warmed by listing its tests (unmeasured): specs a user runs twice are cached, and new files each
 * time would add their first transform to every point.
 */
async function specCopies(copies: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-growth-'));
  // Outside the checkout no package.json says ESM:
  // without this, Playwright loads the copies (and the harness) as CommonJS.
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const specs = join(ROOT, 'specs');
  for (const endpoint of readdirSync(specs)) {
    if (endpoint.startsWith('_')) continue;
    // Under a folder named specs/: the judge finds a finding's call site by the first frame in specs/<endpoint>/.
    mkdirSync(join(dir, 'specs', endpoint), { recursive: true });
    for (const file of readdirSync(join(specs, endpoint)).filter((f) => f.endsWith('.spec.ts'))) {
      const text = readFileSync(join(specs, endpoint, file), 'utf8').replaceAll("'../../", `'${ROOT}/`);
      for (let i = 1; i <= copies; i++)
        writeFileSync(join(dir, 'specs', endpoint, file.replace(/\.spec\.ts$/, `.copy${i}.spec.ts`)), text);
    }
  }
  const list = await measure(process.execPath, [PLAYWRIGHT, 'test', '--list', '--reporter=null', '-c', CONFIG], {
    BENCH_TEST_DIR: join(dir, 'specs'),
  });
  if (list.exitCode !== 0) throw new Error(`listing the copies failed:\n${list.output.slice(-2000)}`);
  return dir;
}

async function point(label: string, runs: number, o: { evidence: number; copies: number }): Promise<Point> {
  const samples: Point[] = [];
  for (let i = 0; i < runs; i++) {
    const testDir = o.copies > 1 ? await specCopies(o.copies) : undefined;
    try {
      const r = await bareRun({
        driver: DRIVER,
        config: testDir ? CONFIG : undefined,
        env: {
          CONFORMANCE_BENCH_EVIDENCE_FACTOR: String(o.evidence),
          ...(testDir ? { BENCH_TEST_DIR: join(testDir, 'specs') } : {}),
        },
      });
      const p: Point = {
        wallMs: r.wallMs,
        cpuMs: r.cpuMs,
        runnerCpuMs: cpuOf(r.cpuMsByKind, /runner/),
        workersCpuMs: cpuOf(r.cpuMsByKind, /workers/),
        peakPssMiB: r.peakPssMiB,
        reportBytes: Object.values(r.reportBytes).reduce((a, b) => a + b, 0),
        tests: r.report?.tests.length ?? 0,
        exitCode: r.exitCode,
      };
      process.stderr.write(
        `  ${label} ${i + 1}/${runs}: ${sec(p.wallMs)}, CPU ${sec(p.cpuMs)}, PSS ${p.peakPssMiB} MiB, ` +
          `report ${mib(p.reportBytes)}, ${p.tests} tests, exit ${p.exitCode}\n`,
      );
      if (p.exitCode !== 0) process.stderr.write(`${r.output.slice(-3000)}\n`);
      samples.push(p);
    } finally {
      if (testDir) rmSync(testDir, { recursive: true, force: true });
    }
  }
  const pick = (k: keyof Point) => median(samples.map((s) => s[k]));
  return {
    wallMs: pick('wallMs'),
    cpuMs: pick('cpuMs'),
    runnerCpuMs: pick('runnerCpuMs'),
    workersCpuMs: pick('workersCpuMs'),
    peakPssMiB: pick('peakPssMiB'),
    reportBytes: pick('reportBytes'),
    tests: pick('tests'),
    exitCode: Math.max(...samples.map((s) => s.exitCode)),
  };
}

const cpuOf = (byKind: Record<string, number>, kind: RegExp) =>
  Object.entries(byKind)
    .filter(([k]) => kind.test(k))
    .reduce((a, [, ms]) => a + ms, 0);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const METRICS = [
  ['wall', 'wallMs', sec],
  ['CPU', 'cpuMs', sec],
  ['CPU runner', 'runnerCpuMs', sec],
  ['CPU workers', 'workersCpuMs', sec],
  ['peak PSS', 'peakPssMiB', (v: number) => `${Math.round(v)} MiB`],
  ['report', 'reportBytes', mib],
] as const;

/**
 * One table per axis: each point's medians, and per step the cost of one more × (the step's increase over the factor's
 * increase) and the step's ratio. Linear growth (a fixed cost plus a cost per ×) keeps the cost per added × flat; a
 * step is called faster than linear when its point lies more than 10% above the line through the two points before
 * it (a smaller excess is within the noise of a shared 2-core machine).
 */
function table(axis: string, factors: number[], points: Point[]): { text: string; superlinear: string[] } {
  const names = METRICS.map(([n]) => n);
  const header = [axis, 'tests run', 'exit', ...names, ...names.map((n) => `${n}: per added × (step ratio)`)];
  let text = `| ${header.join(' | ')} |\n`;
  text += `|${'---|'.repeat(3 + 2 * METRICS.length)}\n`;
  const superlinear: string[] = [];
  const marginal = (k: (typeof METRICS)[number][1], i: number) =>
    (points[i]![k] - points[i - 1]![k]) / (factors[i]! - factors[i - 1]!);
  points.forEach((p, i) => {
    const cells = METRICS.map(([, k, fmt]) => fmt(p[k]));
    const steps = METRICS.map(([, k, fmt]) => {
      if (i === 0) return '—';
      const ratio = p[k] / points[i - 1]![k];
      return `${fmt(marginal(k, i))} (×${ratio.toFixed(2)} for ×${(factors[i]! / factors[i - 1]!).toFixed(2)})`;
    });
    text += `| ${factors[i]}× | ${p.tests} | ${p.exitCode} | ${cells.join(' | ')} | ${steps.join(' | ')} |\n`;
  });
  for (const [name, k, fmt] of METRICS)
    for (let i = 2; i < points.length; i++) {
      const line = points[i - 1]![k] + Math.max(0, marginal(k, i - 1)) * (factors[i]! - factors[i - 1]!);
      if (points[i]![k] > 1.1 * line)
        superlinear.push(
          `${axis} ${name} at ${factors[i]}×: ${fmt(points[i]![k])}, ` +
            `the line through the points before says ${fmt(line)}`,
        );
    }
  return { text, superlinear };
}

export async function growthMode(runs: number): Promise<void> {
  const m = machine();
  process.stderr.write(`bench --growth: ${runs} run(s) per point, driver ${DRIVER}, on ${m.nproc} × ${m.cpu}\n`);
  // Unmeasured: the first run after a change pays Playwright's transform cache and a cold file cache.
  await point('warm-up (not counted)', 1, { evidence: 1, copies: 1 });
  const base = await point('evidence 1× tests 1×', runs, { evidence: 1, copies: 1 });
  const evidence = [base];
  for (const n of EVIDENCE.slice(1)) evidence.push(await point(`evidence ${n}×`, runs, { evidence: n, copies: 1 }));
  const tests = [base];
  for (const n of TESTS.slice(1)) tests.push(await point(`tests ${n}×`, runs, { evidence: 1, copies: n }));
  const e = table('evidence', EVIDENCE, evidence);
  const t = table('tests', TESTS, tests);
  const verdict = [...e.superlinear, ...t.superlinear];
  const title =
    `Growth (driver ${DRIVER}, bare Playwright runs against the embedded reference, median of ${runs}; ` +
    `load at start ${m.loadAtStart}):`;
  const faster = verdict.length
    ? verdict.join('; ')
    : 'nothing (no point lies more than 10% above the line through the two before it)';
  const out = `\n${title}\n\n${e.text}\n${t.text}\nFaster than linear: ${faster}\n`;
  process.stdout.write(out);
  writeFileSync(
    join(ROOT, 'bench/growth-results.json'),
    JSON.stringify({ machine: m, runs, evidence, tests, out }, null, 2),
  );
  process.stderr.write('wrote bench/growth-results.json\n');
}
