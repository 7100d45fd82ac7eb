import { fileURLToPath } from 'node:url';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import conformance from '../../playwright.config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const testDir = process.env.BENCH_TEST_DIR;
if (!testDir)
  throw new Error('bench/growth/playwright.config.ts wants BENCH_TEST_DIR: run it through npm run bench -- --growth');
// Paths in the real config are relative to it; here they must stay the same files.
const absolute = (path: string) => (path.startsWith('.') ? new URL(path, `file://${root}`).pathname : path);

/**
 * The conformance config as it is, with specs/ swapped for BENCH_TEST_DIR: a temporary folder holding N copies of
 * every conformance spec (bench/growth.ts), to see how a run's cost grows with the number of tests.
 */
export default defineConfig({
  ...conformance,
  reporter: (conformance.reporter as ReporterDescription[]).map(
    ([name, o]) => [absolute(name), o] as ReporterDescription,
  ),
  globalSetup: absolute(conformance.globalSetup as string),
  testDir,
  testIgnore: [],
});
