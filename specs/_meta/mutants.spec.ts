import { expect, test } from '@playwright/test';
import { listMutants } from '../../fixtures/reference-server/index.ts';
import { registry } from '../../fixtures/core/registry.ts';
import { sweepable, sweepResults } from './support/mutant-sweep.ts';

/**
 * Proof that every verdict can be false: the suite runs against each defect of the reference server, and exactly
 * the requirements the defect declares must be reported broken (fail for a MUST, warn for a SHOULD, info for a MAY),
 * and nothing else. The sweep (project `sweep`, support/mutant-sweep.ts) runs every mutant in one Playwright run,
 * each against the tests its edit can reach (support/mutant-reach.ts), or the whole suite when global setup reaches
 * its edit or it cannot be located; MUTANT_SWEEP=full runs every mutant against the whole suite. These tests judge
 * what it found. A slow requirement's mutant needs --include-slow and is skipped here.
 */
const mutants = listMutants();
const runnable = new Set(sweepable().map((m) => m.id));

test.describe.configure({ mode: 'parallel' });

for (const mutant of mutants) {
  test(`mutant ${mutant.id} is caught by ${mutant.breaks.join(', ')}`, async () => {
    test.skip(
      !runnable.has(mutant.id),
      process.env.MUTANT_SWEEP_ONLY
        ? 'not in MUTANT_SWEEP_ONLY'
        : 'breaks a slow requirement: its test runs only with --include-slow',
    );
    // The sweep takes minutes; a test that starts while it is still being built waits for it.
    test.setTimeout(30 * 60_000);
    const sweep = await sweepResults(test.info().project.outputDir);
    const outcome = sweep.mutants[mutant.id];
    expect(
      outcome,
      `no test reaches the steps mutant ${mutant.id} edits, or the sweep lost it:\n${sweep.tail}`,
    ).toBeDefined();
    test.info().annotations.push({ type: 'reach', description: outcome!.reach });
    const why = `${mutant.description}\nreport: ${outcome!.reportDir}\n${JSON.stringify(outcome!.reasons, null, 1)}`;
    expect(outcome!.complete, why).toBe(true);
    // The project ran exactly the tests the reach map chose (its selection by title lost none, added none).
    if (outcome!.selected !== undefined) expect(outcome!.ran, 'tests run of those selected').toBe(outcome!.selected);
    // Exactly the declared requirements are reported broken. Others may be blocked (their prerequisite is broken),
    // which is neither a pass nor a fail; none may end in a harness error.
    const idsWith = (...verdicts: string[]) =>
      Object.entries(outcome!.verdicts)
        .filter(([, v]) => verdicts.includes(v))
        .map(([id]) => id)
        .sort();
    expect(idsWith('fail', 'warn', 'info'), why).toEqual([...mutant.breaks].sort());
    expect(idsWith('error'), why).toEqual([]);
    const expectedVerdict = (id: string) => ({ MUST: 'fail', SHOULD: 'warn', MAY: 'info' })[registry().get(id)!.level];
    for (const id of mutant.breaks) expect(outcome!.verdicts[id], id).toBe(expectedVerdict(id));
    expect(outcome!.exitCode).toBe(mutant.breaks.some((id) => registry().get(id)?.level === 'MUST') ? 1 : 0);
  });
}

test('every tested MUST and SHOULD requirement is broken by at least one mutant', () => {
  const covered = new Set(mutants.flatMap((m) => m.breaks));
  const uncovered = [...registry().values()]
    .filter((r) => r.level !== 'MAY' && !r.untested && !covered.has(r.id))
    .map((r) => r.id);
  expect(uncovered).toEqual([]);
  console.log(`mutants: ${mutants.length}; requirements exercised: ${covered.size} of ${registry().size}`);
});
