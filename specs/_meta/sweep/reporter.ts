import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import ConformanceReporter from '../../../reporter/conformance-reporter.ts';
import { loadRunOptions, reporterOptions } from '../../../fixtures/run/run-options.ts';

/**
 * The sweep's one reporter: a conformance reporter per project (one per mutant), each given its project's tests and
 * writing the report its run folder's options name, as the run per mutant did.
 */
export default class SweepReporter implements Reporter {
  private readonly byProject = new Map<string, ConformanceReporter>();

  constructor(private readonly o: { folders: Record<string, string> }) {}

  onBegin(config: FullConfig, suite: Suite): void {
    for (const project of suite.suites) {
      const folder = this.o.folders[project.title];
      if (!folder) continue;
      const reporter = new ConformanceReporter(reporterOptions(loadRunOptions(folder), folder));
      reporter.onBegin(config, project);
      this.byProject.set(project.title, reporter);
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.byProject.get(test.parent.project()?.name ?? '')?.onTestEnd(test, result);
  }

  async onEnd(result: FullResult): Promise<void> {
    for (const reporter of this.byProject.values()) await reporter.onEnd(result);
  }

  printsToStdio(): boolean {
    return true;
  }
}
