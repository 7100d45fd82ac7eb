import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import ConformanceReporter from '../../../reporter/conformance-reporter.ts';
import type { RunPlan } from '../../../fixtures/run/run-options.ts';

/**
 * The sweep's one reporter: a conformance reporter per project (one per mutant), each given its project's tests and
 * writing the report its run plan names, as the run per mutant did.
 */
export default class SweepReporter implements Reporter {
  private readonly byProject = new Map<string, ConformanceReporter>();

  constructor(private readonly o: { plans: Record<string, RunPlan> }) {}

  onBegin(config: FullConfig, suite: Suite): void {
    for (const project of suite.suites) {
      const plan = this.o.plans[project.title];
      if (!plan) continue;
      const reporter = new ConformanceReporter(plan);
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
