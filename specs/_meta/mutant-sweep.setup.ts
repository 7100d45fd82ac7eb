import { test } from '@playwright/test';
import { sweepResults } from './support/mutant-sweep.ts';

/**
 * Before mutants.spec.ts judges them: the reach map (one run against the unmutated server, the steps each request
 * reached), then every mutant in one Playwright run, each against the tests its edit can reach
 * (support/mutant-sweep.ts).
 */
test('the mutant sweep: every mutant in one Playwright run, each against the tests its edit can reach', async () => {
  test.setTimeout(30 * 60_000);
  await sweepResults(test.info().project.outputDir);
});
