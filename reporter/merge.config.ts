/**
 * For `playwright merge-reports --config reporter/merge.config.ts <blob folders>`: folds the blob reports of a
 * sharded run (`--shard i/n --blob-dir DIR`) into one conformance report, as a single run would write it. The CLI's
 * `merge` writes, in a run folder of its own, the report folder (options) and what it found of the blobs (merge: see
 * reporter/shards.ts); without one, the report goes to `reports`.
 */
import { CODE_EXT } from '../fixtures/core/package-root.ts';
import { readRunFile, RUN_FOLDER_ENV } from '../fixtures/run/run-folder.ts';
import { loadRunOptions } from '../fixtures/run/run-options.ts';
import type { MergeCheck } from './shards.ts';

const folder = process.env[RUN_FOLDER_ENV];
const options = loadRunOptions(folder);
const merge = folder ? readRunFile<MergeCheck>(folder, 'merge') : undefined;

export default {
  testDir: '../specs',
  reporter: [[`./conformance-reporter.${CODE_EXT}`, { reportDir: options.reportDir, merge }]],
};
