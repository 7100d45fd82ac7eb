import { defineConfig } from '@playwright/test';
import { launchOptions } from '../../fixtures/browser.ts';

/**
 * The suite's own tests: registry lint, contract, checker, secrets, reporter, the reference server, and whole
 * conformance runs against the clean reference and against every mutant (children of this run).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: Number(process.env.SELFTEST_WORKERS ?? 2),
  timeout: 120_000,
  forbidOnly: true,
  outputDir: '../../test-results/selftest',
  reporter: [[process.env.CI ? 'dot' : 'list'], ['./count-reporter.ts']],
  use: { launchOptions: launchOptions(), trace: 'off', video: 'off', screenshot: 'off' },
});
