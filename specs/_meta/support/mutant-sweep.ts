import { listMutants, mutantReach } from '../../../fixtures/reference-server/index.ts';
import { registry } from '../../../fixtures/core/registry.ts';
import { buildOnce } from './build-once.ts';
import { reachMap, select } from './mutant-reach.ts';
import { runSweep, type SweepEntry } from './run-suite.ts';

/** What the sweep found about one mutant: what mutants.spec.ts judges. */
export interface MutantOutcome {
  /** The tests it ran: "N tests", or "whole suite: why". */
  reach: string;
  /** How many tests the reach map selected (undefined: the whole suite), and how many the project ran. */
  selected?: number;
  ran: number;
  exitCode: number;
  complete?: boolean;
  /** Verdict by requirement ID, and why for each that is not a pass. */
  verdicts: Record<string, string>;
  reasons: Record<string, string>;
  reportDir: string;
}

export interface SweepResults {
  mutants: Record<string, MutantOutcome>;
  /** The sweep's own output, its end (a run that wrote no report says why there). */
  tail: string;
}

/**
 * The mutants the sweep runs: all but a slow requirement's (it needs --include-slow); MUTANT_SWEEP_ONLY=id,id for a
 * quick look at a few.
 */
export const sweepable = () => {
  const only = process.env.MUTANT_SWEEP_ONLY?.split(',').map((id) => id.trim());
  return listMutants().filter(
    (m) => !m.breaks.some((id) => registry().get(id)?.slow) && (!only || only.includes(m.id)),
  );
};

/**
 * The mutant sweep, once per self-test run (by whichever test asks first; the others wait for its file): every
 * mutant in one Playwright run, one project each, running the tests its edit can reach (the reach map), or the whole
 * suite when global setup reaches its edit, when its edit cannot be located, or under MUTANT_SWEEP=full.
 */
export function sweepResults(folder: string): Promise<SweepResults> {
  return buildOnce(folder, 'mutant-sweep', () => build(folder), { waitMs: 30 * 60_000, what: 'the mutant sweep' });
}

async function build(folder: string): Promise<SweepResults> {
  const full = process.env.MUTANT_SWEEP === 'full';
  const map = await reachMap(folder);
  const reach = new Map<string, string>();
  const selected = new Map<string, number>();
  const entries: SweepEntry[] = sweepable().flatMap((m) => {
    const selection = full ? { all: 'MUTANT_SWEEP=full' } : select(mutantReach(m.id), map);
    const args = ['--driver', 'http', '--mutant', m.id];
    if ('all' in selection) {
      reach.set(m.id, `whole suite: ${selection.all}`);
      return [{ name: m.id, args }];
    }
    reach.set(m.id, `${selection.tests.length} tests`);
    // No test reaches its edit: a finding of its own (mutants.spec.ts says so), and nothing to run.
    if (!selection.tests.length) return [];
    const tests = selection.tests.flatMap((at) => {
      const titles = map.titles[at];
      if (!titles?.length) throw new Error(`the reach map has no test title for ${at}`);
      return titles.map((title) => ({ file: at.replace(/:\d+$/, ''), title }));
    });
    selected.set(m.id, tests.length);
    return [{ name: m.id, args, tests }];
  });
  const sweep = await runSweep(entries, { workers: 2, timeoutMs: 25 * 60_000 });
  const mutants: Record<string, MutantOutcome> = {};
  for (const [id, run] of sweep.runs) {
    const requirements = run.report?.requirements ?? [];
    mutants[id] = {
      reach: reach.get(id)!,
      selected: selected.get(id),
      ran: run.report?.tests.length ?? 0,
      exitCode: run.exitCode,
      complete: run.report?.complete,
      verdicts: Object.fromEntries(requirements.map((r) => [r.id, r.verdict])),
      reasons: Object.fromEntries(
        requirements.filter((r) => r.verdict !== 'pass').map((r) => [r.id, JSON.stringify(r.failures ?? [])]),
      ),
      reportDir: run.reportDir,
    };
  }
  return { mutants, tail: sweep.output.slice(-3000) };
}
