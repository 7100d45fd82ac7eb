import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../../../reporter/conformance-reporter.ts';

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

/** Runs the whole conformance suite as a user would (the CLI, in a child process), in folders of its own. */
export async function runSuite(
  args: string[],
  env: Record<string, string> = {},
  o: {
    /** Checked on each output and every 100 ms. */ interruptWhen?: (output: string) => boolean;
    signal?: NodeJS.Signals /** Called once, when `when` first holds of the output so far. */;
    meanwhile?: { when: (output: string) => boolean; then: () => unknown };
  } = {},
): Promise<SuiteRun> {
  const work = mkdtempSync(join(tmpdir(), 'suite-run-'));
  const reportDir = join(work, 'reports');
  const outputDir = join(work, 'test-results');
  const dump = join(work, 'reference.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'cli/main.ts'), '--report-dir', reportDir, ...args],
    {
      cwd: ROOT,
      // One worker per child by default: the self-tests run several children side by side on two cores.
      env: {
        ...process.env,
        CI: '1',
        CONFORMANCE_WORKERS: '1',
        CONFORMANCE_OUTPUT_DIR: outputDir,
        CONFORMANCE_REFERENCE_DUMP: dump,
        CONFORMANCE_APP_CACHE: join(work, 'apps'),
        TARGET_URL: '',
        TARGET_USERNAME: '',
        TARGET_PASSWORD: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let interrupted = false;
  let acted = false;
  const watch = () => {
    // As a user's Ctrl-C: one signal to the CLI, which passes it on to Playwright.
    if (o.interruptWhen && !interrupted && o.interruptWhen(output)) interrupted = child.kill(o.signal ?? 'SIGINT');
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
  const read = <T>(path: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  return {
    exitCode,
    output,
    report: read(join(reportDir, 'conformance.json')),
    reportDir,
    outputDir,
    reference: read(dump),
  };
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
