import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { launchOptions } from './fixtures/run/browser.ts';
import { CODE_EXT } from './fixtures/core/package-root.ts';
import { createRunFolder, removeRunFolder, RUN_FOLDER_ENV } from './fixtures/run/run-folder.ts';
import { loadRunOptions, reporterOptions } from './fixtures/run/run-options.ts';

/**
 * The conformance run. Global setup starts the embedded reference server unless a target is given, signs in once and
 * registers the run's apps; the conformance reporter folds the results into one verdict per requirement.
 * Traces, videos and Playwright's own screenshots stay off: they would record tokens and cookies.
 *
 * The run's options come validated from the CLI, as options.json in the run's private folder, whose path is the one
 * thing the CLI passes (RUN_FOLDER_ENV). A bare `playwright test` runs with the defaults against the embedded
 * reference server, in a temporary folder made here once (workers load this file too, and inherit the path).
 */
let runFolder = process.env[RUN_FOLDER_ENV];
if (!runFolder) {
  const made = createRunFolder();
  runFolder = process.env[RUN_FOLDER_ENV] = made;
  process.on('exit', () => removeRunFolder(made));
}
const options = loadRunOptions(runFolder);

export default defineConfig<object, { runFolder: string | undefined }>({
  testDir: './specs',
  testIgnore: ['**/_meta/**'],
  // Compiled to .js in the published package, where Playwright loads these by path and cannot transform TypeScript.
  globalSetup: `./fixtures/run/global-setup.${CODE_EXT}`,
  fullyParallel: true,
  workers: options.workers,
  retries: 0,
  timeout: 60_000,
  // A faulty target must not hold a run forever: at the limit Playwright stops and the reporter still writes.
  globalTimeout: options.runTimeoutMs,
  forbidOnly: true,
  // Under the user's working directory (the CLI points it at the run's private folder), never beside an installed
  // config.
  outputDir: options.outputDir ?? resolve('test-results'),
  // The conformance reporter is the run's one voice: a progress line, then what is not a pass (Playwright's own
  // list would print a second, different count and a line per test).
  reporter: [
    [`./reporter/conformance-reporter.${CODE_EXT}`, reporterOptions(options, runFolder)],
    ...(options.blobDir ? [['blob', { outputDir: options.blobDir }] as ReporterDescription] : []),
  ],
  use: {
    runFolder,
    launchOptions: launchOptions(),
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
  metadata: { reportDir: options.reportDir, runFolder },
});
