import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';
import { EVIDENCE_ATTACHMENT, FINDINGS_ATTACHMENT, RUN_ATTACHMENT, type Finding } from '../fixtures/core/findings.ts';
import type { Evidence } from '../fixtures/core/findings.ts';
import { registryHash } from '../fixtures/core/registry.ts';
import { contractHash } from '../fixtures/core/contract.ts';
import type { LearnedRun, RunConfig } from '../fixtures/run/run-config.ts';
import { readRunFile, runFile } from '../fixtures/run/run-folder.ts';
import type { ReporterOptions } from '../fixtures/run/run-options.ts';
import { redact } from '../fixtures/core/secrets.ts';
import { packageFile } from '../fixtures/core/package-root.ts';
import { takeSetupFailure, type SetupFailure } from '../fixtures/run/setup-failure.ts';
import type { RunStats } from '../fixtures/client/run-ledger.ts';
import { aggregate, countVerdicts, mustConformance, type RequirementResult, type TestRecord } from './aggregate.ts';
import { applyBaseline, readBaseline, writeBaseline, type BaselineOutcome } from './baseline.ts';
import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { consoleSummary, githubAnnotations, githubStepSummary } from './summary.ts';
import { Progress } from './progress.ts';

export interface ConformanceReport {
  suite: { name: string; version: string };
  contractHash: string;
  registryHash: string;
  target: {
    url?: string;
    product?: string;
    version?: string;
    versionSource?: string;
    embedded?: boolean;
    driver?: string;
    driverNote?: string;
  };
  profile: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** False when the run was interrupted or could not start: what is here is what was observed. */
  complete: boolean;
  setupFailure?: SetupFailure;
  /** What the run cost the target (absent when merged from shards or when setup never ran). */
  run?: { stats: RunStats };
  /** `partial`: what was judged passes, but a selection (requirements, --grep, a shard) left the rest unjudged. */
  outcome: 'conformant' | 'partial' | 'not-conformant' | 'could-not-judge' | 'vacuous';
  exitCode: 0 | 1 | 2 | 3;
  counts: ReturnType<typeof countVerdicts>;
  /** With --baseline: the failures it accepts, and its stale entries (which fail the run). */
  baseline?: BaselineOutcome;
  mustConformance?: number;
  requirements: RequirementResult[];
  tests: TestRecord[];
}

/**
 * Folds the run into one verdict per requirement and writes conformance.json (canonical), conformance.html and
 * junit.xml. It reads each test's final result only, and sets the run's status from the verdicts: only a MUST
 * failure (or a run that could not judge) fails it.
 */
export default class ConformanceReporter implements Reporter {
  private readonly started = new Date();
  private readonly tests = new Map<string, TestRecord>();
  private readonly errors: string[] = [];
  /** Screenshot bytes by test, written next to the report at the end. */
  private readonly pictures = new Map<string, Buffer[]>();
  /** From the tests' attachments: what global setup learned, and the profile the tests judged against. */
  private run?: Omit<RunConfig, 'stateDir'>;
  private readonly outputDir: string;
  private progress?: Progress;
  /** A --grep, a shard or a file filter chose some tests: the run cannot speak for the whole catalogue. */
  private partial: boolean;

  /** The reporter options of playwright.config.ts (or reporter/merge.config.ts): the run plan (no secret in it). */
  constructor(private readonly options: ReporterOptions = {}) {
    this.outputDir = resolve(options.reportDir ?? 'reports');
    this.partial = !!options.partial;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    const grep = [config.grep].flat();
    this.partial ||= !!config.grepInvert || !!config.shard || grep.some((g) => g.source !== '.*');
    this.progress = new Progress(
      suite.allTests().map((t) => ({
        id: t.id,
        requirements: t.annotations.filter((a) => a.type === 'requirement').map((a) => a.description!),
      })),
    );
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.progress?.testEnded(test.id);
    this.run ??= readAttachment<Omit<RunConfig, 'stateDir'>>(result, RUN_ATTACHMENT);
    const findings = readAttachment<Finding[]>(result, FINDINGS_ATTACHMENT) ?? [];
    const evidence = readAttachment<Evidence[]>(result, EVIDENCE_ATTACHMENT) ?? [];
    const pictures = result.attachments.filter((a) => a.contentType === 'image/png' && (a.body || a.path));
    this.pictures.set(
      test.id,
      pictures.map((a) => a.body ?? readFileSync(a.path!)),
    );
    const screenshots = pictures.map((a) => ({
      name: a.name.replace(/^screenshot-/, '').replace(/\.png$/, ''),
      path: '',
    }));
    const requirements = test.annotations.filter((a) => a.type === 'requirement').map((a) => a.description!);
    // A later attempt replaces an earlier one: the verdict is the test's outcome, not a count of attempts.
    this.tests.set(test.id, {
      title: test.title,
      file: relative(process.cwd(), test.location.file),
      line: test.location.line,
      status: result.status,
      durationMs: result.duration,
      requirements,
      findings:
        findings.length || !requirements.length
          ? findings
          : requirements.map((id) => ({
              id,
              outcome: result.status === 'skipped' ? 'blocked' : 'error',
              message: redact(result.error?.message?.split('\n')[0] ?? 'the test recorded no findings'),
            })),
      evidence,
      screenshots,
      annotations: [...test.annotations, ...result.annotations].filter((a) => a.type !== 'requirement'),
      errors: result.errors.map((e) => redact(e.message ?? String(e.value ?? ''))),
    });
  }

  onError(error: TestError): void {
    this.errors.push(redact(error.message ?? String(error.value ?? '')));
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    const folder = this.options.runFolder;
    // In a live run, what global setup learned; when shards are merged (merge-reports), the tests' attachments.
    const run: LearnedRun | undefined = (folder ? readRunFile<LearnedRun>(folder, 'run') : undefined) ?? this.run;
    const profile = this.run?.profile ?? this.options.profile ?? 'mastodon';
    const setupFailure =
      takeSetupFailure(folder) ??
      (run ? undefined : this.errors.length ? { kind: 'setup' as const, message: this.errors[0]! } : undefined);
    const stats = takeRunStats(folder);
    const tests = [...this.tests.values()];
    const unfinished =
      result.status === 'interrupted'
        ? 'not run: the run was interrupted before this test ran'
        : result.status === 'timedout'
          ? 'not run: the run reached its time limit (--run-timeout) before this test ran'
          : setupFailure && run
            ? `not run: ${setupFailure.message}`
            : undefined;
    const requirements = aggregate(tests, run?.version, profile, unfinished);
    const counts = countVerdicts(requirements);
    const judged = counts.pass + counts.fail + counts.warn + counts.info;
    const baseline = this.baseline(requirements);
    const failing = counts.fail - (baseline?.accepted.length ?? 0) + (baseline?.stale.length ?? 0);
    const exitCode: ConformanceReport['exitCode'] = setupFailure
      ? 2
      : failing > 0
        ? 1
        : counts.error > 0 || result.status === 'interrupted' || result.status === 'timedout'
          ? 2
          : judged === 0
            ? 3
            : 0;
    const report: ConformanceReport = {
      suite: { name: 'mastodon-oauth-conformance', version: packageVersion() },
      contractHash: contractHash(),
      registryHash: registryHash(),
      target: {
        url: run?.baseUrl ?? this.options.target,
        product: run?.product,
        version: run?.version,
        versionSource: run?.versionSource,
        embedded: run?.embedded,
        driver: run?.driver,
        driverNote: run?.driverNote,
      },
      profile,
      startedAt: this.started.toISOString(),
      endedAt: new Date().toISOString(),
      durationMs: Date.now() - this.started.getTime(),
      complete: !setupFailure && result.status !== 'interrupted' && result.status !== 'timedout',
      setupFailure,
      run: stats ? { stats } : undefined,
      outcome:
        exitCode === 0
          ? this.partial
            ? 'partial'
            : 'conformant'
          : exitCode === 1
            ? 'not-conformant'
            : exitCode === 3
              ? 'vacuous'
              : 'could-not-judge',
      exitCode,
      counts,
      baseline,
      mustConformance: mustConformance(requirements),
      requirements,
      tests,
    };
    this.write(report);
    this.progress?.stop();
    const summary = consoleSummary(report, {
      verbose: !!this.options.verbose,
      partial: this.partial,
      reportDir: this.outputDir,
    });
    process.stderr.write(summary.err);
    process.stdout.write(summary.out);
    if (process.env.GITHUB_ACTIONS === 'true') {
      process.stdout.write(githubAnnotations(report));
      if (process.env.GITHUB_STEP_SUMMARY)
        appendFileSync(process.env.GITHUB_STEP_SUMMARY, githubStepSummary(report, this.partial));
    }
    return { status: exitCode === 0 ? 'passed' : result.status === 'interrupted' ? 'interrupted' : 'failed' };
  }

  /** --baseline FILE applies a list of known failures; --update-baseline rewrites it from this run. */
  private baseline(requirements: RequirementResult[]): BaselineOutcome | undefined {
    const file = this.options.baseline;
    if (!file) return undefined;
    const previous = existsSync(file) ? readBaseline(file) : [];
    if (this.options.updateBaseline) writeBaseline(file, previous, requirements);
    return applyBaseline(file, this.options.updateBaseline ? readBaseline(file) : previous, requirements);
  }

  private write(report: ConformanceReport): void {
    const dir = this.outputDir;
    rmSync(join(dir, 'screenshots'), { recursive: true, force: true });
    mkdirSync(join(dir, 'screenshots'), { recursive: true });
    // Screenshots move next to the report so the JSON can name them and the HTML can embed them.
    for (const [testId, t] of this.tests) {
      const bytes = this.pictures.get(testId) ?? [];
      t.screenshots = t.screenshots.map((s, i) => {
        const name = `${t.requirements[0] ?? 'test'}-${t.line}-${s.name}-${i}.png`.replace(/[^\w.-]/g, '_');
        writeFileSync(join(dir, 'screenshots', name), bytes[i]!);
        return { name: s.name, path: `screenshots/${name}` };
      });
    }
    const json = redact(JSON.stringify(report, null, 2));
    writeFileSync(join(dir, 'conformance.json'), json);
    writeFileSync(join(dir, 'junit.xml'), redact(renderJunit(report)));
    writeFileSync(join(dir, 'conformance.html'), redact(renderHtml(report, (p) => readFileSync(join(dir, p)))));
  }

  printsToStdio(): boolean {
    return true;
  }
}

/** Written into the run's private folder by global teardown, which runs before the reporter ends. */
function takeRunStats(folder: string | undefined): RunStats | undefined {
  if (!folder) return undefined;
  const stats = readRunFile<RunStats>(folder, 'stats');
  rmSync(runFile(folder, 'stats'), { force: true });
  return stats;
}

function readAttachment<T>(result: TestResult, name: string): T | undefined {
  const a = result.attachments.find((x) => x.name === name);
  if (!a) return undefined;
  try {
    return JSON.parse(a.body ? a.body.toString('utf8') : readFileSync(a.path!, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
