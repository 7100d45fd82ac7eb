import { test as base } from '@playwright/test';
import { silencedFixtures } from '../../fixtures/api/silent-fixtures.ts';

const workers = Number(process.env.CONFORMANCE_WORKERS ?? 2);
const browser = process.env.FLOOR_BROWSER === '1';
// FLOOR_TESTS=N: N empty tests instead of one per worker (the bench passes a full run's count), with Playwright's
// per-test fixtures silenced as the suite's own `test` has them: what N tests cost before any of them does something.
const many = Number(process.env.FLOOR_TESTS) || 0;
const test = many ? base.extend(silencedFixtures) : base;

// One test per worker: fullyParallel hands each to its own worker, so the floor pays every worker's start-up.
for (let i = 0; i < Math.max(workers, many); i++) {
  if (browser) test(`empty test ${i} with a launched browser`, async ({ browser: _launched }) => {});
  else test(`empty test ${i}`, async () => {});
}
