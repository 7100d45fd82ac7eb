import { expect, test } from '@playwright/test';
import { listMutants, mutantReach } from '../../fixtures/reference-server/index.ts';
import { registry } from '../../fixtures/core/registry.ts';
import { reachMap, select } from './support/mutant-reach.ts';
import { idsWith, runBare } from './support/run-suite.ts';

/**
 * Proof that every verdict can be false: the suite runs against each defect of the reference server, and exactly
 * the requirements the defect declares must be reported broken (fail for a MUST, warn for a SHOULD, info for a MAY),
 * and nothing else. Each mutant runs the tests its edit can reach (support/mutant-reach.ts: the steps it touched,
 * and the tests whose requests reached them on the unmutated server); a mutant that reaches global setup, or whose
 * edit cannot be located, runs the whole suite, and MUTANT_SWEEP=full runs every mutant against the whole suite.
 * A slow requirement's mutant needs --include-slow and is skipped here.
 */
const mutants = listMutants();
const slow = (ids: string[]) => ids.some((id) => registry().get(id)?.slow);
const full = process.env.MUTANT_SWEEP === 'full';

test.describe.configure({ mode: 'parallel' });

for (const mutant of mutants) {
  test(`mutant ${mutant.id} is caught by ${mutant.breaks.join(', ')}`, async () => {
    const testInfo = test.info();
    test.skip(slow(mutant.breaks), 'breaks a slow requirement: its test runs only with --include-slow');
    test.setTimeout(240_000);
    const selection = full
      ? { all: 'MUTANT_SWEEP=full' }
      : select(mutantReach(mutant.id), await reachMap(testInfo.project.outputDir));
    const filters = 'tests' in selection ? ['--', ...selection.tests.map((t) => `specs/${t}`)] : [];
    testInfo.annotations.push({
      type: 'reach',
      description: 'tests' in selection ? `${selection.tests.length} tests` : `whole suite: ${selection.all}`,
    });
    expect(filters.length === 0 || filters.length > 1, `no test reaches the steps mutant ${mutant.id} edits`).toBe(
      true,
    );
    const run = await runBare(['--driver', 'http', '--mutant', mutant.id, ...filters]);
    expect(run.report, run.output.slice(-2000)).toBeDefined();
    // Exactly the declared requirements are reported broken. Others may be blocked (their prerequisite is broken),
    // which is neither a pass nor a fail; none may end in a harness error.
    const broken = idsWith(run.report, 'fail', 'warn', 'info');
    expect(broken, `${mutant.description}\n${run.output.slice(-2500)}`).toEqual([...mutant.breaks].sort());
    expect(idsWith(run.report, 'error'), run.output.slice(-2500)).toEqual([]);
    const expectedVerdict = (id: string) => ({ MUST: 'fail', SHOULD: 'warn', MAY: 'info' })[registry().get(id)!.level];
    for (const id of mutant.breaks)
      expect(run.report!.requirements.find((r) => r.id === id)?.verdict, id).toBe(expectedVerdict(id));
    expect(run.exitCode).toBe(mutant.breaks.some((id) => registry().get(id)?.level === 'MUST') ? 1 : 0);
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
