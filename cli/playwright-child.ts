import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const CLI = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');

/**
 * Playwright in a child process. A SIGINT (Ctrl-C) or SIGTERM is passed on as one SIGINT, which makes Playwright
 * stop the tests, run the teardown (which revokes the tokens) and write the reports marked incomplete; a second
 * signal ends it at once. Hand-written (a dozen lines): foreground-child and its like forward every signal to a child
 * in the terminal's process group, which then gets Ctrl-C twice and stops without teardown or reports.
 */
export function playwright(args: string[], env: NodeJS.ProcessEnv): Promise<NodeJS.Signals | undefined> {
  // Its own process group: a terminal's Ctrl-C reaches only this process, which passes it on once (Playwright reads
  // a second SIGINT as "stop now", without teardown or reports).
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'inherit', cwd: process.cwd(), detached: true });
  let received: NodeJS.Signals | undefined;
  let at = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // One Ctrl-C often arrives twice: from the terminal and from npm, which passes its own on to its child. Within a
    // second it is the same one; a second press after that stops at once.
    if (received && Date.now() - at < 1_000) return;
    child.kill(received ? 'SIGKILL' : 'SIGINT');
    received ??= signal;
    at = Date.now();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise((done) => {
    child.on('exit', () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // What is left (settling tokens, reading the report) may still meet the late copy of the same Ctrl-C; a press
      // after that stops it at once.
      if (received) {
        const late = () => {
          if (Date.now() - at >= 1_000) process.exit(130);
        };
        process.on('SIGINT', late);
        process.on('SIGTERM', late);
      }
      done(received);
    });
  });
}

export interface ListedTest {
  file: string;
  line: number;
  title: string;
  requirements: string[];
}

/**
 * The tests a run would run, from Playwright's own listing: no global setup runs, so the target is not touched.
 * Undefined when Playwright refused the arguments (it says why itself, on a run).
 */
export function listTests(args: string[], env: NodeJS.ProcessEnv): ListedTest[] | undefined {
  const listing = spawnSync(process.execPath, [CLI, 'test', '--list', '--reporter=json', ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  interface Suite {
    specs?: {
      file: string;
      line: number;
      title: string;
      tests: { annotations: { type: string; description?: string }[] }[];
    }[];
    suites?: Suite[];
  }
  let report: { suites: Suite[] };
  try {
    report = JSON.parse(listing.stdout) as { suites: Suite[] };
  } catch {
    return undefined;
  }
  const walk = (s: Suite): ListedTest[] => [
    ...(s.specs ?? []).map((spec) => ({
      file: spec.file,
      line: spec.line,
      title: spec.title,
      requirements: (spec.tests[0]?.annotations ?? [])
        .filter((a) => a.type === 'requirement')
        .map((a) => a.description!),
    })),
    ...(s.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}
