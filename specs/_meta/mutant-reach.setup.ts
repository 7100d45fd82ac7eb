import { test } from '@playwright/test';
import { reachMap } from './support/mutant-reach.ts';

/** Before the mutant sweep: which steps of the reference server each test reaches (support/mutant-reach.ts). */
test('the reach map: one run against the unmutated server, the steps each request reached', async () => {
  test.setTimeout(300_000);
  await reachMap(test.info().project.outputDir);
});
