/** What runSweep (support/run-suite.ts) hands the sweep's playwright.config.ts, as a JSON file named by SWEEP_PLAN. */
export interface SweepPlan {
  workers: number;
  timeoutMs: number;
  outputDir: string;
  entries: {
    /** The project's name: the mutant's ID. */
    name: string;
    runFolder: string;
    /** The tests to run, by file (under specs/) and title; absent: the whole suite. */
    tests?: { file: string; title: string }[];
  }[];
}
