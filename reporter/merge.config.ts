/**
 * For `playwright merge-reports --config reporter/merge.config.ts <blob folders>`: folds the blob reports of a
 * sharded run (`--shard i/n --blob-dir DIR`) into one conformance report, as a single run would write it. The CLI's
 * `merge` names the report folder in the options file of a run folder of its own; without one, it is `reports`.
 */
import { CODE_EXT } from '../fixtures/core/package-root.ts';
import { RUN_FOLDER_ENV } from '../fixtures/run/run-folder.ts';
import { loadRunOptions } from '../fixtures/run/run-options.ts';

const options = loadRunOptions(process.env[RUN_FOLDER_ENV]);

export default {
  testDir: '../specs',
  reporter: [[`./conformance-reporter.${CODE_EXT}`, { reportDir: options.reportDir }]],
};
