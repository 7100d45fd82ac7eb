import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../../../reporter/conformance-reporter.ts';
import { parseCommand } from '../../../cli/args.ts';
import { planRun } from '../../../cli/plan.ts';
import { VARIABLES } from '../../../fixtures/run/option-table.ts';
import { createRunFolder, removeRunFolder } from '../../../fixtures/run/run-folder.ts';
import { PLAN_ENV, type RunPlan, writeSecrets } from '../../../fixtures/run/run-options.ts';
import type { SweepPlan } from '../sweep/plan.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SuiteRun {
  exitCode: number;
  output: string;
  report?: ConformanceReport;
  reportDir: string;
  outputDir: string;
  /** What the embedded reference server issued and counted (when it ran). */
  reference?: { secrets: string[]; stats: Record<string, number> };
}

interface RunHooks {
  /** Checked on each output and every 100 ms. */ interruptWhen?: (output: string) => boolean;
  signal?: NodeJS.Signals /** Called once, when `when` first holds of the output so far. */;
  /** The signal sent twice, 50 ms apart, as a terminal and npm both send one Ctrl-C. */
  twice?: boolean;
  meanwhile?: { when: (output: string) => boolean; then: () => unknown };
}

/** Runs the whole conformance suite as a user would (the CLI, in a child process), in folders of its own. */
export async function runSuite(args: string[], env: Record<string, string> = {}, o: RunHooks = {}): Promise<SuiteRun> {
  const work = mkdtempSync(join(tmpdir(), 'suite-run-'));
  const folders = runEnvironment(work, env);
  const run = await runChild(
    ['--import', 'tsx', join(ROOT, 'cli/main.ts'), '--report-dir', folders.reportDir, ...args],
    folders.env,
    o,
  );
  return collect(run, folders);
}

/**
 * The same run without the CLI: the plan the CLI would have made (its own planner turns `args` and the environment
 * into it) goes to Playwright directly. What it skips is the CLI's own work (its start, the listing that spares the
 * target an empty selection, the check of the report folder): for sweeps that judge verdicts, whose selections are
 * known not to be empty. The exit code is the report's, which is what the CLI would have returned.
 */
export async function runBare(args: string[], env: Record<string, string> = {}): Promise<SuiteRun> {
  const work = mkdtempSync(join(tmpdir(), 'suite-run-'));
  const folders = runEnvironment(work, env);
  const { plan, playwright } = await planFor(args, folders.reportDir, folders.env);
  try {
    const argv = [PLAYWRIGHT_CLI, 'test', '--config', join(ROOT, 'playwright.config.ts'), ...playwright];
    const run = await runChild(argv, { ...folders.env, [PLAN_ENV]: JSON.stringify(plan) }, {});
    const collected = collect(run, folders);
    return { ...collected, exitCode: collected.report?.exitCode ?? (run.exitCode || 2) };
  } finally {
    removeRunFolder(plan.runFolder);
  }
}

/** One mutant of a sweep: its CLI-style arguments (the mutant, the driver) and the tests it runs, or all. */
export interface SweepEntry {
  name: string;
  args: string[];
  tests?: { file: string; title: string }[];
}

/**
 * Many runs in one Playwright run (specs/_meta/sweep/playwright.config.ts): each entry gets a run folder and the plan
 * the CLI's planner makes of its arguments, a project of its own, and its own report; its worker prepares the
 * target (`setUpInWorker`). Returns each entry's run, with the exit code its report gives.
 */
export async function runSweep(
  entries: SweepEntry[],
  o: { workers: number; timeoutMs: number },
): Promise<{ runs: Map<string, SuiteRun>; output: string; exitCode: number }> {
  const work = mkdtempSync(join(tmpdir(), 'sweep-'));
  const prepared = await Promise.all(
    entries.map(async (e) => {
      const folders = runEnvironment(join(work, e.name), {});
      mkdirSync(join(work, e.name), { recursive: true });
      // The entry's arguments alone, not the environment: each project's options are its own.
      const { plan } = await planFor(e.args, folders.reportDir, {});
      return { e, folders, plan: { ...plan, partial: !!e.tests, setUpInWorker: true } };
    }),
  );
  const plan: SweepPlan = {
    workers: o.workers,
    timeoutMs: o.timeoutMs,
    outputDir: join(work, 'test-results'),
    entries: prepared.map(({ e, plan }) => ({ name: e.name, plan, tests: e.tests })),
  };
  const planFile = join(work, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  try {
    const config = join(ROOT, 'specs/_meta/sweep/playwright.config.ts');
    const env = { ...runEnvironment(work, { CONFORMANCE_REFERENCE_DUMP: '' }).env, SWEEP_PLAN: planFile };
    const run = await runChild([PLAYWRIGHT_CLI, 'test', '--config', config], env, {});
    const runs = new Map(
      prepared.map(({ e, folders }) => {
        const collected = collect(run, folders);
        return [e.name, { ...collected, exitCode: collected.report?.exitCode ?? 2 }] as const;
      }),
    );
    return { runs, output: run.output, exitCode: run.exitCode };
  } finally {
    for (const { plan } of prepared) removeRunFolder(plan.runFolder);
  }
}

const PLAYWRIGHT_CLI = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');

/**
 * The plan the CLI would make of these arguments and this environment (its own planner), with a run folder holding
 * its secrets, and the arguments it would hand Playwright: what a run without the CLI starts from.
 */
async function planFor(
  args: string[],
  reportDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ plan: RunPlan; playwright: string[] }> {
  const command = parseCommand(['--report-dir', reportDir, ...args], env, ROOT);
  if (command.name !== 'run') throw new Error(`a run without the CLI needs a run's arguments; got ${command.name}`);
  const planned = await planRun(command, env, ROOT);
  const { plan, secrets } = planned.make(createRunFolder());
  writeSecrets(plan.runFolder, secrets);
  return { plan, playwright: planned.playwright };
}

/** The environment a run's child gets: the caller's without any run option (a self-test takes none), then `env`. */
export function childEnvironment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CONFORMANCE_CONFIG', PLAN_ENV, ...VARIABLES]) delete clean[name];
  return { ...clean, ...env };
}

/** A run's own folders, and the environment that points it at them. */
function runEnvironment(work: string, env: Record<string, string>) {
  const reportDir = join(work, 'reports');
  const outputDir = join(work, 'test-results');
  const dump = join(work, 'reference.json');
  return {
    reportDir,
    outputDir,
    dump,
    env: childEnvironment({
      CI: '1',
      // One worker per child by default: the self-tests run several children side by side on two cores.
      CONFORMANCE_WORKERS: '1',
      CONFORMANCE_OUTPUT_DIR: outputDir,
      CONFORMANCE_REFERENCE_DUMP: dump,
      CONFORMANCE_APP_CACHE: join(work, 'apps'),
      ...env,
    }),
  };
}

async function runChild(
  argv: string[],
  env: NodeJS.ProcessEnv,
  o: RunHooks,
): Promise<{ exitCode: number; output: string }> {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let interrupted = false;
  let acted = false;
  const watch = () => {
    // As a user's Ctrl-C: one signal to the CLI, which passes it on to Playwright.
    if (o.interruptWhen && !interrupted && o.interruptWhen(output)) {
      interrupted = child.kill(o.signal ?? 'SIGINT');
      // A terminal's Ctrl-C under npm: the terminal's signal and npm's own, a moment apart.
      if (o.twice) setTimeout(() => child.kill(o.signal ?? 'SIGINT'), 50);
    }
    if (o.meanwhile && !acted && o.meanwhile.when(output)) {
      acted = true;
      void o.meanwhile.then();
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    watch();
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // A quiet run prints nothing for a while: conditions on the target's state are checked on a clock too.
  const clock = o.interruptWhen || o.meanwhile ? setInterval(watch, 100) : undefined;
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
  clearInterval(clock);
  return { exitCode, output };
}

function collect(
  run: { exitCode: number; output: string },
  folders: { reportDir: string; outputDir: string; dump: string },
): SuiteRun {
  const read = <T>(path: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  return {
    ...run,
    report: read(join(folders.reportDir, 'conformance.json')),
    reportDir: folders.reportDir,
    outputDir: folders.outputDir,
    reference: read(folders.dump),
  };
}

/** Each requirement's verdict, for comparing two runs requirement by requirement. */
export function verdictsOf(report: ConformanceReport | undefined): Record<string, string> {
  return Object.fromEntries((report?.requirements ?? []).map((r) => [r.id, r.verdict]));
}

/** Requirement IDs by verdict, for assertions that name exactly what failed. */
export function idsWith(report: ConformanceReport | undefined, ...verdicts: string[]): string[] {
  return (report?.requirements ?? [])
    .filter((r) => verdicts.includes(r.verdict))
    .map((r) => r.id)
    .sort();
}

/** Every file under a folder (a run's reports and test results), for the leak scans. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  } catch {
    return [];
  }
}

/** The TypeScript sources under a folder of the project, as paths from its root (for checks that read the code). */
export function sourcesUnder(dir: string): string[] {
  return filesUnder(join(ROOT, dir))
    .filter((path) => path.endsWith('.ts'))
    .map((path) => relative(ROOT, path));
}
