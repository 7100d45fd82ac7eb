import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { launchOptions } from './fixtures/browser.ts';
import { reportDir } from './fixtures/setup-failure.ts';
import { CODE_EXT } from './fixtures/package-root.ts';

/**
 * The conformance run. Global setup starts the embedded reference server unless TARGET_URL is set, signs in once and
 * registers the run's apps; the conformance reporter folds the results into one verdict per requirement.
 * Traces, videos and Playwright's own screenshots stay off: they would record tokens and cookies.
 */
export default defineConfig({
  testDir: './specs',
  testIgnore: ['**/_meta/**'],
  // Compiled to .js in the published package, where Playwright loads these by path and cannot transform TypeScript.
  globalSetup: `./fixtures/global-setup.${CODE_EXT}`,
  fullyParallel: true,
  workers: Number(process.env.CONFORMANCE_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  // A faulty target must not hold a run forever: at the limit Playwright stops and the reporter still writes.
  globalTimeout: Number(process.env.CONFORMANCE_RUN_TIMEOUT_MS ?? 30 * 60_000),
  forbidOnly: true,
  // Under the user's working directory (the CLI points it at the run's private folder), never beside an installed config.
  outputDir: resolve(process.env.CONFORMANCE_OUTPUT_DIR ?? 'test-results'),
  // The conformance reporter is the run's one voice: a progress line, then what is not a pass (Playwright's own
  // list would print a second, different count and a line per test).
  reporter: [[`./reporter/conformance-reporter.${CODE_EXT}`], ...(process.env.CONFORMANCE_BLOB ? [['blob'] as ['blob']] : [])],
  use: {
    launchOptions: launchOptions(),
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
  metadata: { reportDir: reportDir() },
});
