import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
import { registry, registryHash } from '../fixtures/core/registry.ts';
import { contractHash } from '../fixtures/core/contract.ts';
import type { LearnedRun, RunConfig } from '../fixtures/run/run-config.ts';
import { readRunFile, runFile } from '../fixtures/run/run-folder.ts';
import type { ReporterOptions } from '../fixtures/run/run-options.ts';
import { redact } from '../fixtures/core/secrets.ts';
import { SUITE_NAME, suiteVersion } from '../fixtures/core/suite.ts';
import { takeSetupFailure, type SetupFailure } from '../fixtures/run/setup-failure.ts';
import type { RunStats } from '../fixtures/client/run-ledger.ts';
import { aggregate, countVerdicts, mustConformance, type RequirementResult, type TestRecord } from './aggregate.ts';
import { applyBaseline, readBaseline, writeBaseline, type BaselineOutcome } from './baseline.ts';
import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { consoleSummary, githubAnnotations, githubReportLocation, githubStepSummary } from './summary.ts';
import { Progress } from './progress.ts';
import { coloursFor } from './colour.ts';
import { type MergeCheck, type MergeSummary, type ShardManifest, writeManifests } from './shards.ts';

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
  /** Merged from shards (`merge`): the blobs, and why they are not one whole run when they are not. */
  merge?: MergeSummary;
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
  /** From global setup in a live run; from the tests' attachments when shards are merged (merge-reports). */
  private run?: Omit<RunConfig, 'stateDir'>;
  private readonly outputDir: string;
  private progress?: Progress;
  /** A --grep, a shard or a file filter chose some tests: the run cannot speak for the whole catalogue. */
  private partial: boolean;
  /** Tests chosen by something other than the shard (a --grep, a file filter). */
  private selected: boolean;
  /** A shard writing a blob report for `merge`: its manifest goes beside the blob, and the merge speaks on GitHub. */
  private blob?: { dir: string; shard?: { current: number; total: number }; manifest?: ShardManifest };

  /**
   * The reporter options of playwright.config.ts (or reporter/merge.config.ts): the run's options, without secrets;
   * when merging, what the merge found of its blobs.
   */
  constructor(private readonly options: ReporterOptions & { merge?: MergeCheck } = {}) {
    this.outputDir = resolve(options.reportDir ?? 'reports');
    this.partial = !!options.partial || !!options.merge?.selected || !!options.merge?.problems.length;
    this.selected = !!options.partial;
    // From the start: global setup, before any test, is where a slow target's first seconds go. A merge is quick.
    if (!options.merge) this.progress = new Progress({ total: registry().size, judged: () => this.judgedSoFar() });
  }

  onBegin(config: FullConfig, _suite: Suite): void {
    const grep = [config.grep].flat();
    this.selected ||= !!config.grepInvert || grep.some((g) => g.source !== '.*');
    this.partial ||= this.selected || !!config.shard;
    const dir = blobDir(config);
    if (dir) this.blob = { dir, shard: config.shard ?? undefined };
    this.progress?.running();
  }

  /** Requirements judged so far, counted as the last lines count them (pass, fail, warn, info). */
  private judgedSoFar(): number {
    const counts = countVerdicts(aggregate([...this.tests.values()], this.run?.version, this.run?.profile));
    return counts.pass + counts.fail + counts.warn + counts.info;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
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
    this.progress?.changed();
  }

  onError(error: TestError): void {
    this.errors.push(redact(error.message ?? String(error.value ?? '')));
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    const folder = this.options.runFolder;
    const merge = this.options.merge;
    // In a live run, what global setup learned; when shards are merged (merge-reports), the tests' attachments.
    const run: LearnedRun | undefined = (folder ? readRunFile<LearnedRun>(folder, 'run') : undefined) ?? this.run;
    const profile = this.run?.profile ?? this.options.profile ?? 'mastodon';
    const setupFailure =
      takeSetupFailure(folder) ??
      merge?.setupFailure ??
      (run
        ? undefined
        : result.status === 'interrupted'
          ? {
              kind: 'interrupted' as const,
              message: 'the run was stopped while it was being set up, before any test ran',
            }
          : this.errors.length
            ? { kind: 'setup' as const, message: this.errors[0]! }
            : undefined);
    const stats = takeRunStats(folder) ?? merge?.stats;
    const tests = [...this.tests.values()];
    // Blobs that are not one whole run (a shard missing or there twice, another target) are not a verdict.
    const unmerged = merge?.problems.length ? merge.problems : undefined;
    const unfinished =
      result.status === 'interrupted'
        ? 'not run: the run was interrupted before this test ran'
        : result.status === 'timedout'
          ? 'not run: the run reached its time limit (--run-timeout) before this test ran'
          : setupFailure && run
            ? `not run: ${setupFailure.message}`
            : unmerged
              ? `not judged in the merged blobs: ${unmerged.join('; ')}`
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
        : counts.error > 0 || result.status === 'interrupted' || result.status === 'timedout' || unmerged
          ? 2
          : judged === 0
            ? 3
            : 0;
    const report: ConformanceReport = {
      suite: { name: SUITE_NAME, version: suiteVersion() },
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
      complete: !setupFailure && result.status !== 'interrupted' && result.status !== 'timedout' && !unmerged,
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
      merge: merge ? { blobs: merge.blobs, shards: merge.shards, problems: merge.problems } : undefined,
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
      colour: { out: coloursFor(process.stdout), err: coloursFor(process.stderr) },
    });
    process.stderr.write(summary.err);
    process.stdout.write(summary.out);
    if (this.blob) this.blob.manifest = this.manifest(report);
    // A shard's findings reach GitHub through the merge, once: annotated here as well, each would show twice.
    if (process.env.GITHUB_ACTIONS === 'true' && !this.blob) {
      process.stdout.write(githubAnnotations(report));
      if (process.env.GITHUB_STEP_SUMMARY)
        appendFileSync(
          process.env.GITHUB_STEP_SUMMARY,
          githubStepSummary(report, this.partial, githubReportLocation(this.outputDir)),
        );
    }
    return { status: exitCode === 0 ? 'passed' : result.status === 'interrupted' ? 'interrupted' : 'failed' };
  }

  /** The blob reporter writes its report in its onEnd; the manifest goes beside it once every reporter has ended. */
  async onExit(): Promise<void> {
    if (this.blob?.manifest) writeManifests(this.blob.dir, this.blob.manifest);
  }

  /** What `merge` needs to know of this shard besides its tests (reporter/shards.ts). */
  private manifest(r: ConformanceReport): ShardManifest {
    const file = r.baseline?.file;
    return {
      suite: { version: r.suite.version, registryHash: r.registryHash, contractHash: r.contractHash },
      shard: this.blob?.shard,
      selected: this.selected,
      target: {
        url: r.target.url,
        embedded: r.target.embedded,
        product: r.target.product,
        version: r.target.version,
        profile: r.profile,
      },
      baseline: file ? { file, entries: existsSync(file) ? readBaseline(file) : [] } : undefined,
      setupFailure: r.setupFailure,
      stats: r.run?.stats,
    };
  }

  /**
   * --baseline FILE applies a list of known failures; --update-baseline rewrites it from this run. A merge applies the
   * baseline its shards applied.
   */
  private baseline(requirements: RequirementResult[]): BaselineOutcome | undefined {
    const shards = this.options.merge?.baseline;
    if (shards) return applyBaseline(shards.file, shards.entries, requirements);
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

/** Where the blob reporter of this run writes (playwright.config.ts adds one with --blob-dir), if it has one. */
function blobDir(config: FullConfig): string | undefined {
  const blob = config.reporter.find(([name]) => name === 'blob');
  if (!blob) return undefined;
  // As configured (Playwright's own PLAYWRIGHT_BLOB_OUTPUT_DIR would move the blob away from its manifest, and the
  // merge would then refuse it rather than take it for a whole run).
  const dir = (blob[1] as { outputDir?: string } | undefined)?.outputDir;
  return resolve(config.configFile ? dirname(config.configFile) : process.cwd(), dir ?? 'blob-report');
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
