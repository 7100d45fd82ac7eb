import { mkdirSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends the self-test run with the plain line CI reads: `N passed, N failed[, N skipped]`, from each test's final
 * outcome. Also keeps each test's duration (test-results/selftest-durations.json, slowest first) and prints the time
 * by project: where `npm test`'s minutes go.
 */
export default class CountReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();
  private readonly mutants = new Map<string, ReturnType<TestCase['outcome']>>();
  private readonly needSlow = new Set<string>();
  private readonly durations = new Map<string, { project: string; title: string; ms: number }>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
    const project = test.parent.project()?.name ?? '';
    this.durations.set(test.id, {
      project,
      title: `${test.location.file.split('/').pop()} › ${test.title}`,
      ms: result.duration,
    });
    if (test.title.startsWith('mutant ')) this.mutants.set(test.id, test.outcome());
    if (result.annotations.some((a) => a.type === 'skip' && a.description?.includes('--include-slow')))
      this.needSlow.add(test.id);
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
      const slow = this.needSlow.size;
      const others = this.mutants.size - run.length - slow;
      const notRun =
        (slow > 0 ? ` (${slow} need --include-slow)` : '') + (others > 0 ? ` (${others} left out by the filter)` : '');
      process.stdout.write(`\nmutants caught: ${caught} of ${run.length}${notRun}\n`);
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/selftest-counts.txt', `${line}\n`);
    const slowest = [...this.durations.values()].sort((a, b) => b.ms - a.ms);
    writeFileSync('test-results/selftest-durations.json', JSON.stringify(slowest, null, 1));
    const byProject = new Map<string, number>();
    for (const d of slowest) byProject.set(d.project, (byProject.get(d.project) ?? 0) + d.ms);
    const summary = [...byProject].map(([p, ms]) => `${p} ${Math.round(ms / 1000)} s`).join(', ');
    process.stdout.write(`\ntest time by project (summed over workers): ${summary}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}
