import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { launchOptions } from './fixtures/run/browser.ts';
import { CODE_EXT } from './fixtures/core/package-root.ts';
import { createRunFolder, removeRunFolder } from './fixtures/run/run-folder.ts';
import { defaultPlan, PLAN_ENV, parsePlan, type RunPlan, selection } from './fixtures/run/run-options.ts';

/**
 * The conformance run. Global setup starts the embedded reference server unless a target is given, signs in once and
 * registers the run's apps; the conformance reporter folds the results into one verdict per requirement.
 * Traces, videos and Playwright's own screenshots stay off: they would record tokens and cookies.
 *
 * The run plan comes validated from the CLI (PLAN_ENV), and goes on from here by Playwright's own routes: to global
 * setup and the tests as `use: { plan }`, to the reporter as its options. A bare `playwright test` runs with the
 * defaults against the embedded reference server, in a temporary run folder made here once (workers load this file
 * too, and inherit the plan).
 */
let plan = parsePlan(process.env[PLAN_ENV]);
if (!plan) {
  const made: RunPlan = defaultPlan(createRunFolder());
  process.env[PLAN_ENV] = JSON.stringify(made);
  process.on('exit', () => removeRunFolder(made.runFolder));
  plan = made;
}

export default defineConfig<object, { plan: RunPlan }>({
  testDir: './specs',
  testIgnore: ['**/_meta/**'],
  // Compiled to .js in the published package, where Playwright loads these by path and cannot transform TypeScript.
  globalSetup: `./fixtures/run/global-setup.${CODE_EXT}`,
  fullyParallel: true,
  workers: plan.workers,
  retries: 0,
  timeout: 60_000,
  // A faulty target must not hold a run forever: at the limit Playwright stops and the reporter still writes.
  globalTimeout: plan.runTimeoutMs,
  forbidOnly: true,
  grep: selection(plan),
  shard: plan.shard ?? null,
  // Under the user's working directory (the CLI points it at the run's private folder), never beside an installed
  // config.
  outputDir: plan.outputDir ?? resolve('test-results'),
  // The conformance reporter is the run's one voice: a progress line, then what is not a pass (Playwright's own
  // list would print a second, different count and a line per test).
  reporter: [
    [`./reporter/conformance-reporter.${CODE_EXT}`, plan],
    ...(plan.blobDir ? [['blob', { outputDir: plan.blobDir }] as ReporterDescription] : []),
  ],
  use: {
    plan,
    launchOptions: launchOptions(),
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
});
