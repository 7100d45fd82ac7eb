/**
 * For `playwright merge-reports --config reporter/merge.config.ts <blob folders>`: folds the blob reports of a
 * sharded run (`--shard i/n --blob-dir DIR`) into one conformance report, as a single run would write it. The CLI's
 * `merge` hands it its run plan (PLAN_ENV) as playwright.config.ts gets one; without one, the report goes to `reports`.
 */
import { CODE_EXT } from '../fixtures/core/package-root.ts';
import { PLAN_ENV, parsePlan } from '../fixtures/run/run-options.ts';

const plan = parsePlan(process.env[PLAN_ENV]) ?? {};

export default {
  testDir: '../specs',
  reporter: [[`./conformance-reporter.${CODE_EXT}`, plan]],
};
