import { mkdirSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends the self-test run with the plain line CI reads: `N passed, N failed[, N skipped]`, from each test's final
 * outcome.
 */
export default class CountReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();
  private readonly mutants = new Map<string, ReturnType<TestCase['outcome']>>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
    if (test.title.startsWith('mutant ')) this.mutants.set(test.id, test.outcome());
  }

  onEnd(_result: FullResult): void {
    const all = [...this.outcomes.values()];
    const passed = all.filter((o) => o === 'expected' || o === 'flaky').length;
    const failed = all.filter((o) => o === 'unexpected').length;
    const skipped = all.filter((o) => o === 'skipped').length;
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    if (this.mutants.size) {
      const run = [...this.mutants.values()].filter((o) => o !== 'skipped');
      const caught = run.filter((o) => o === 'expected' || o === 'flaky').length;
      const slow = this.mutants.size - run.length;
      const notRun = slow > 0 ? ` (${slow} need --include-slow)` : '';
      process.stdout.write(`\nmutants caught: ${caught} of ${run.length}${notRun}\n`);
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/selftest-counts.txt', `${line}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}
