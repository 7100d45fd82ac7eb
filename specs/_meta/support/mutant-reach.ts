import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MutantReach } from '../../../fixtures/reference-server/index.ts';
import { buildOnce } from './build-once.ts';
import { idsWith, runBare } from './run-suite.ts';

/**
 * The reach map of the mutant sweep: one whole run against the unmutated reference server (HTTP driver, as the sweep
 * runs) with every request tagged by its test's place, and the server logging the steps each request reached.
 * A mutant then runs only the tests that reached a step its edit touched (mutation testing's coverage analysis):
 * a test that never reaches the edited step sends the same requests and gets the same answers.
 * What this cannot see: one test's requests changing, through the edited step, state another test reads. The full
 * sweep (MUTANT_SWEEP=full, `npm run test:mutants:full`) runs every mutant against the whole suite for that.
 */
export interface ReachMap {
  /** `file:line` under specs/ → the steps its requests reached. */
  tests: Record<string, string[]>;
  /** Steps reached by requests no test sent: global setup's (version, metadata, apps, sign-in) and the run's end. */
  setup: string[];
  /** Steps reached only by tests' teardown (revoking what they created: unobserved, unchecked, so in no verdict). */
  teardown: string[];
  /**
   * `file:line` under specs/ → the titles of the tests declared there (the sweep selects a project's tests by title;
   * a test declared in a loop is many tests on one line).
   */
  titles: Record<string, string[]>;
}

export type Selection = { tests: string[] } | { all: string };

/** The tests a mutant can affect, or the whole suite (with the reason). */
export function select(reach: MutantReach, map: ReachMap): Selection {
  if ('everywhere' in reach) return { all: reach.everywhere };
  const touched = new Set(reach.steps);
  const bySetup = map.setup.filter((s) => touched.has(s));
  if (bySetup.length) return { all: `global setup reaches ${bySetup.join(', ')}` };
  const tests = Object.entries(map.tests)
    .filter(([, steps]) => steps.some((s) => touched.has(s)))
    .map(([test]) => test)
    .sort();
  return { tests };
}

/** Built once per self-test run, by whichever worker asks first; the others wait for it (support/build-once.ts). */
export function reachMap(folder: string): Promise<ReachMap> {
  return buildOnce(folder, 'mutant-reach', () => build(folder), { waitMs: 5 * 60_000, what: 'the reach map' });
}

async function build(folder: string): Promise<ReachMap> {
  const log = join(folder, 'reach-log.jsonl');
  const run = await runBare(['--driver', 'http'], {
    CONFORMANCE_TAG_REQUESTS: '1',
    CONFORMANCE_REFERENCE_REACH_LOG: log,
  });
  const broken = idsWith(run.report, 'fail', 'warn', 'info', 'error');
  if (run.exitCode !== 0 || broken.length) {
    throw new Error(
      `the reach run against the unmutated server was not clean (exit ${run.exitCode}, ${broken}):\n` +
        run.output.slice(-1500),
    );
  }
  const tests: Record<string, Set<string>> = {};
  const setup = new Set<string>();
  const teardown = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as { test?: string; steps: string[] };
    if (record.test && record.test !== 'teardown') tests[record.test] ??= new Set();
    const into = record.test === 'teardown' ? teardown : record.test ? tests[record.test]! : setup;
    for (const s of record.steps) into.add(s);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  const titles: Record<string, string[]> = {};
  for (const t of run.report?.tests ?? []) {
    const at = `${t.file.replace(/^specs\//, '')}:${t.line}`;
    titles[at] = [...(titles[at] ?? []), t.title];
  }
  return {
    titles,
    tests: Object.fromEntries(Object.entries(tests).map(([t, s]) => [t, sorted(s)])),
    setup: sorted(setup),
    teardown: sorted(teardown),
  };
}
