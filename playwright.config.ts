import { defineConfig } from '@playwright/test';
import { launchOptions } from './fixtures/browser.ts';
import { reportDir } from './fixtures/setup-failure.ts';

/**
 * The conformance run. Global setup starts the embedded reference server unless TARGET_URL is set, signs in once and
 * registers the run's apps; the conformance reporter folds the results into one verdict per requirement.
 * Traces, videos and Playwright's own screenshots stay off: they would record tokens and cookies.
 */
export default defineConfig({
  testDir: './specs',
  testIgnore: ['**/_meta/**'],
  globalSetup: './fixtures/global-setup.ts',
  fullyParallel: true,
  workers: Number(process.env.CONFORMANCE_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  // A faulty target must not hold a run forever: at the limit Playwright stops and the reporter still writes.
  globalTimeout: Number(process.env.CONFORMANCE_RUN_TIMEOUT_MS ?? 30 * 60_000),
  forbidOnly: true,
  outputDir: process.env.CONFORMANCE_OUTPUT_DIR ?? 'test-results',
  reporter: [[process.env.CI ? 'dot' : 'list'], ['./reporter/conformance-reporter.ts'], ...(process.env.CONFORMANCE_BLOB ? [['blob'] as ['blob']] : [])],
  use: {
    launchOptions: launchOptions(),
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
  metadata: { reportDir: reportDir() },
});
