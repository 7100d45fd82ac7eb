/**
 * For `playwright merge-reports --config reporter/merge.config.ts <blob folders>`: folds the blob reports of a
 * sharded run (`--shard i/n --blob-dir DIR`) into one conformance report, as a single run would write it. The CLI's
 * `merge` hands it its run plan (PLAN_ENV) as playwright.config.ts gets one, and writes what it found of the blobs
 * (reporter/shards.ts) into the plan's run folder; without a plan, the report goes to `reports`.
 */
import { CODE_EXT } from '../fixtures/core/package-root.ts';
import { readRunFile } from '../fixtures/run/run-folder.ts';
import { PLAN_ENV, parsePlan } from '../fixtures/run/run-options.ts';
import type { MergeCheck } from './shards.ts';

const plan = parsePlan(process.env[PLAN_ENV]);
const merge = plan ? readRunFile<MergeCheck>(plan.runFolder, 'merge') : undefined;

export default {
  testDir: '../specs',
  reporter: [[`./conformance-reporter.${CODE_EXT}`, { ...plan, merge }]],
};
