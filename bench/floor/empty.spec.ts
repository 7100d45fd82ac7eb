import { test } from '@playwright/test';

const workers = Number(process.env.CONFORMANCE_WORKERS ?? 2);
const browser = process.env.FLOOR_BROWSER === '1';

// One test per worker: fullyParallel hands each to its own worker, so the floor pays every worker's start-up.
for (let i = 0; i < workers; i++) {
  if (browser) test(`empty test ${i} with a launched browser`, async ({ browser: _launched }) => {});
  else test(`empty test ${i}`, async () => {});
}
