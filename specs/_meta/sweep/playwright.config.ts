import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { RunPlan } from '../../../fixtures/run/run-options.ts';
import type { SweepPlan } from './plan.ts';

/**
 * The mutant sweep as one Playwright run: one project per mutant, each with its own run plan and run folder (made by
 * support/run-suite.ts's runSweep, `setUpInWorker`) and its own reference server, started by the project's one worker
 * (fixtures/api/test.ts, `run`) with global setup's own code. A project's tests never share a worker with another
 * project's, and never run in two workers at once (`workers: 1`: Playwright hands a project's next group to the
 * worker that ran its last one). What is saved against a Playwright run per mutant is the runner's start, the listing
 * of the tests and the reporter's start, once per mutant.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const plan = JSON.parse(readFileSync(process.env.SWEEP_PLAN ?? '', 'utf8')) as SweepPlan;
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig<object, { plan: RunPlan }>({
  testDir: join(ROOT, 'specs'),
  testIgnore: ['**/_meta/**'],
  fullyParallel: false,
  workers: plan.workers,
  retries: 0,
  timeout: 60_000,
  globalTimeout: plan.timeoutMs,
  forbidOnly: true,
  outputDir: plan.outputDir,
  reporter: [
    [
      join(ROOT, 'specs/_meta/sweep/reporter.ts'),
      { plans: Object.fromEntries(plan.entries.map((e) => [e.name, e.plan])) },
    ],
  ],
  use: { trace: 'off', video: 'off', screenshot: 'off' },
  projects: plan.entries.map((e) => ({
    name: e.name,
    workers: 1,
    use: { plan: e.plan },
    // The selected tests by file, then by title: a title ends the grep title (before the tags).
    ...(e.tests
      ? {
          testMatch: [...new Set(e.tests.map((t) => t.file))].map((f) => `**/${f}`),
          grep: new RegExp(`(?:^| )(?:${e.tests.map((t) => literal(t.title)).join('|')})(?: @\\S+)*$`),
        }
      : {}),
  })),
});
