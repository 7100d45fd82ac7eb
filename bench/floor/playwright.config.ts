import { fileURLToPath } from 'node:url';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import conformance from '../../playwright.config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Reporter paths in the real config are relative to it; here they must stay the same files. The bench hands each
// floor run a plan with a report folder of its own (bench/measure.ts), as the CLI hands a run its plan.
const reporter = (conformance.reporter as ReporterDescription[]).map(([name, options]) => {
  const path = name.startsWith('.') ? new URL(name, `file://${root}`).pathname : name;
  return [path, options] as ReporterDescription;
});

/**
 * The framework floor: the conformance config as it is (workers, fullyParallel, reporters, launch options, timeouts),
 * with the suite's own work taken out: no global setup (no reference server, no version read, no apps, no sign-in)
 * and, instead of specs/, one empty test per worker, so that Playwright still starts every worker a full run starts.
 * With FLOOR_BROWSER=1 each of those tests also launches Chromium with the run's launch options, once per worker,
 * as the browser driver does; the suite's pages, contexts and requests are still left out.
 */
export default defineConfig({
  ...conformance,
  reporter,
  testDir: '.',
  testMatch: 'empty.spec.ts',
  testIgnore: [],
  globalSetup: undefined,
});
