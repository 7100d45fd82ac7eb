/**
 * For `playwright merge-reports --config reporter/merge.config.ts <blob folders>`: folds the blob reports of a
 * sharded run (`--shard i/n` with CONFORMANCE_BLOB=1) into one conformance report, as a single run would write it.
 */
import { CODE_EXT } from '../fixtures/package-root.ts';

export default {
  testDir: '../specs',
  reporter: [[`./conformance-reporter.${CODE_EXT}`]],
};
