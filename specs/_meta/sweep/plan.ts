import type { RunPlan } from '../../../fixtures/run/run-options.ts';

/** What runSweep (support/run-suite.ts) hands the sweep's playwright.config.ts, as a JSON file named by SWEEP_PLAN. */
export interface SweepPlan {
  workers: number;
  timeoutMs: number;
  outputDir: string;
  entries: {
    /** The project's name: the mutant's ID. */
    name: string;
    /** Its run plan, as the CLI makes it of the mutant's arguments (`setUpInWorker`). */
    plan: RunPlan;
    /** The tests to run, by file (under specs/) and title; absent: the whole suite. */
    tests?: { file: string; title: string }[];
  }[];
}
