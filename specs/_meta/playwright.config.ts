import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { launchOptions } from '../../fixtures/run/browser.ts';

/**
 * The unit tier (`npm run test:unit`, seconds): the pure modules — registry, contract, versions, redaction, the
 * checker — and the data they read, judged without a server, a browser or a conformance run.
 */
const UNIT = [
  'browser-choice.spec.ts',
  'catalogue.spec.ts',
  'checker.spec.ts',
  'contract-cache.spec.ts',
  'contract.spec.ts',
  'flows-pkce.spec.ts',
  'interop-differences.spec.ts',
  'registry-data.spec.ts',
  'secrets.spec.ts',
  'target.spec.ts',
  'versions.spec.ts',
];

/** Self-tests that spawn whole conformance runs (children of this run): slow, so outside the fast tier. */
const RUNS = [
  'app-reuse.spec.ts',
  'ci-workflow.spec.ts',
  'cli.spec.ts',
  'consent-proof.spec.ts',
  'exit-codes.spec.ts',
  'faulty-target.spec.ts',
  'gotosocial.spec.ts',
  'installed-package.spec.ts',
  'interop.spec.ts',
  'interop-order.spec.ts',
  'one-fault.spec.ts',
  'readme.spec.ts',
  'real-target.spec.ts',
  'reference-run.spec.ts',
  'report-run.spec.ts',
  'variants.spec.ts',
];

/** What the mutant sweep found, judged mutant by mutant: a project of its own, after the sweep (project `sweep`). */
const MUTANTS = 'mutants.spec.ts';

/**
 * The suite's own tests. Project `unit` (`npm run test:unit`): the pure modules. Project `fast` (`npm run test:fast`
 * runs it with `unit`): the reporter, the reference server in process, the CLI's parsing, the README and package.
 * Project `runs`: whole conformance runs against the reference server and its variants; project `sweep`: the reach
 * map, then every mutant in one Playwright run; project `mutants`: each mutant judged on what the sweep found.
 * `npm test` runs them all.
 */
export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  // One more than the cores: the whole runs wait (timeouts, Retry-After, a child's start) about a fifth of the time,
  // and a third worker fills it (npm test on 2 cores: 8.4 min with 3 workers, 11 with 2).
  workers: Number(process.env.SELFTEST_WORKERS ?? availableParallelism() + 1),
  timeout: 120_000,
  forbidOnly: true,
  outputDir: '../../test-results/selftest',
  reporter: [[process.env.CI ? 'dot' : 'list'], ['./count-reporter.ts']],
  use: { launchOptions: launchOptions(), trace: 'off', video: 'off', screenshot: 'off' },
  // The sweep first and with no dependency of its own (it builds the reach map itself): Playwright runs a project
  // that depends on another only once every project of the phase before has ended, and the sweep is the longest test.
  // The other workers take the other projects' tests meanwhile.
  projects: [
    { name: 'sweep', testMatch: 'mutant-sweep.setup.ts' },
    { name: 'unit', testMatch: UNIT },
    { name: 'fast', testMatch: '*.spec.ts', testIgnore: [...UNIT, ...RUNS, MUTANTS] },
    { name: 'runs', testMatch: RUNS },
    { name: 'mutants', testMatch: MUTANTS, dependencies: ['sweep'] },
  ],
});
