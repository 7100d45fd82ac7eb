import { join, relative, resolve } from 'node:path';
import type { ConformanceReport } from './conformance-reporter.ts';
import { VERDICTS, type RequirementResult } from './aggregate.ts';
import { printable } from '../fixtures/core/printable.ts';
import { paint, type Style } from './colour.ts';
import { count } from './plural.ts';
import { reproduceLine } from './reproduce.ts';

const MARK: Record<string, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  error: 'E',
  blocked: 'B',
  info: 'i',
  'not-applicable': '-',
  untested: '?',
};

/** What the console shows by default: everything that is not a pass. */
const NOT_A_PASS = new Set(['fail', 'warn', 'error', 'blocked']);

const EXIT_MEANING = {
  0: 'every applicable MUST passes',
  1: 'a MUST requirement fails',
  2: 'the run could not judge the target',
  3: 'vacuous run: no requirement was judged',
} as const;

/** Why the run exits as it does: a partial run is never called conformant, a stale baseline is said as such. */
function exitMeaning(r: ConformanceReport, partial?: boolean): string {
  const stale = r.baseline?.stale ?? [];
  if (r.exitCode === 1 && stale.length) {
    const failing = r.requirements.some((q) => q.verdict === 'fail' && !r.baseline?.accepted.includes(q.id));
    const entries = `stale baseline: ${stale.map((s) => s.id).join(', ')}`;
    return failing ? `${EXIT_MEANING[1]}; ${entries}` : entries;
  }
  if (r.exitCode === 0 && partial) return 'every judged MUST passes; a partial run is no conformance verdict';
  return EXIT_MEANING[r.exitCode];
}

export interface ConsoleSummary {
  /** For stdout: the verdicts, the counts, the cost, where the report is, the outcome. */
  out: string;
  /** For stderr: why the run could not start or did not finish. */
  err: string;
}

/** A line of the summary and how it is coloured on a terminal (reporter/colour.ts decides whether). */
type Line = [text: string, style?: Style];

const VERDICT_STYLE: Partial<Record<string, Style>> = {
  pass: 'green',
  fail: 'red',
  error: 'red',
  warn: 'yellow',
  blocked: 'yellow',
};

/**
 * The end of a run on the console. By default one line per requirement that is not a pass, each failure followed by
 * one line that reproduces it (reporter/reproduce.ts); `verbose` lists every requirement, grouped by endpoint. A
 * partial run (a --grep or a shard) says how much it judged instead of a rate. `colour`: per stream, whether to
 * colour it.
 */
export function consoleSummary(
  r: ConformanceReport,
  o: { verbose?: boolean; partial?: boolean; reportDir?: string; colour?: { out: boolean; err: boolean } } = {},
): ConsoleSummary {
  const out: Line[] = [[`Mastodon OAuth conformance — ${header(r)} (profile ${r.profile})`, 'bold']];
  const err: Line[] = [];
  // A browser was wanted (the default) and none was there: said here too, not only in the HTML report.
  const fallback = r.target.driver === 'http' && /^HTTP form driver: (.*)$/.exec(r.target.driverNote ?? '')?.[1];
  if (fallback) out.push([`note: signed in with the HTTP form driver, not a browser: ${fallback}`, 'yellow']);
  // A run set up (its target known) that then lost the target stopped; one that never got that far could not start.
  if (r.setupFailure)
    err.push([
      `mastodon-oauth-conformance: the run ${r.target.product ? 'stopped' : 'could not start'} ` +
        `(${r.setupFailure.kind}): ${r.setupFailure.message}`,
      'red',
    ]);
  // A run that could not start judged nothing: a hundred "untested" lines would bury the one that says why.
  const listed = r.setupFailure
    ? []
    : o.verbose
      ? r.requirements
      : r.requirements.filter((q) => NOT_A_PASS.has(q.verdict));
  const endpoints = [...new Set(listed.map((q) => q.endpoint))];
  for (const endpoint of endpoints) {
    if (o.verbose) out.push([`  ${endpoint}`, 'bold']);
    for (const q of listed.filter((x) => x.endpoint === endpoint)) {
      out.push([line(q), VERDICT_STYLE[q.verdict]]);
      if (q.verdict === 'fail' || q.verdict === 'warn') out.push([`      reproduce: ${reproduceLine(r, q)}`, 'dim']);
    }
  }
  const counts = VERDICTS.filter((v) => r.counts[v])
    .map((v) => `${r.counts[v]} ${v}`)
    .join(', ');
  out.push([`${counts || 'nothing run'} · ${rate(r, o.partial)}`]);
  if (r.baseline) {
    const accepted = r.baseline.accepted;
    out.push([
      `baseline ${r.baseline.file}: ${count(accepted.length, 'known failure')} accepted` +
        (accepted.length ? ` (${accepted.join(', ')})` : ''),
    ]);
    for (const e of r.baseline.stale) out.push([`  ✗ stale baseline entry ${e.id}: ${e.why}`, 'red']);
    for (const id of r.baseline.unmet ?? [])
      out.push([`  ${id} passed this time: a race shows by chance, so its baseline entry stays`]);
  }
  const s = r.run?.stats;
  const left = s?.tokensLeft ? `, ${s.tokensLeft} NOT revoked` : '';
  if (s)
    out.push([
      `cost to the target: ${count(s.requests, 'request')} · ${count(s.appsRegistered, 'app')} registered, ` +
        `${s.appsReused} reused · ${count(s.signIns, 'sign-in')} · ${count(s.browserPages, 'browser page')} · ` +
        `${count(s.tokensCreated, 'token')} created, ${s.tokensRevoked} revoked${left}`,
    ]);
  if (s?.tokensLeft)
    err.push([
      `mastodon-oauth-conformance: ${count(s.tokensLeft, 'token')} the run created could not be revoked`,
      'red',
    ]);
  for (const problem of r.merge?.problems ?? []) err.push([`mastodon-oauth-conformance: merge: ${problem}`, 'red']);
  if (r.merge?.problems.length)
    err.push([
      'mastodon-oauth-conformance: the blobs are not one whole run: the merged report is no verdict on the target',
      'red',
    ]);
  else if (!r.complete && !r.setupFailure)
    err.push([
      'mastodon-oauth-conformance: the run did not finish (interrupted or out of time): ' +
        'the report holds what was observed',
      'red',
    ]);
  out.push([`report: ${join(resolve(o.reportDir ?? 'reports'), 'conformance.html')}`]);
  out.push([
    `conformance: ${r.outcome} — exit ${r.exitCode} (${exitMeaning(r, o.partial)})`,
    r.exitCode !== 0 ? 'red' : r.outcome === 'partial' ? 'yellow' : 'green',
  ]);
  // Product names, reasons and setup messages quote the target: none of it may act on the terminal. Colour goes on
  // after that, so only the suite's own escape sequences reach it.
  const text = (lines: Line[], on = false) => lines.map(([l, style]) => `${paint(style, printable(l), on)}\n`).join('');
  return { out: text(out, o.colour?.out), err: text(err, o.colour?.err) };
}

/** A whole run's MUST conformance; a partial run (a --grep, a shard) can only say how much it judged. */
function rate(r: ConformanceReport, partial = false): string {
  const judged = r.counts.pass + r.counts.fail + r.counts.warn + r.counts.info;
  if (partial) return `partial run: ${judged} of ${r.requirements.length} requirements judged`;
  return r.mustConformance === undefined ? 'nothing judged' : `MUST conformance ${r.mustConformance}%`;
}

/** The target as the report knows it; before the run learned its version, why it did not. */
function header(r: ConformanceReport): string {
  const url = r.target.url ?? 'the embedded reference server';
  if (r.target.product) return `${r.target.product} at ${url}`;
  return r.setupFailure ? `${url}: not judged, the run could not start (${r.setupFailure.kind})` : url;
}

function line(q: RequirementResult): string {
  const quiet = q.verdict === 'pass' || q.verdict === 'not-applicable' || (q.verdict === 'untested' && !q.reason);
  const detail = quiet || !q.reason ? '' : ` — ${q.reason.split('\n')[0]}`;
  const shown = detail.length > 150 ? `${detail.slice(0, 150)}…` : detail;
  return `  ${MARK[q.verdict]} ${q.id.padEnd(30)} ${q.level.padEnd(6)} ${q.verdict}${shown}`;
}

/**
 * GitHub Actions: an annotation per failed MUST and per SHOULD warning, shown on the workflow run's page. A failure
 * the baseline accepts is a warning (the job passes), a stale baseline entry an error (it fails the job). Written
 * here, not with @actions/core: its escaping is these two lines, it would bring @actions/http-client and
 * @actions/exec, and its summary.addTable() writes cell text as raw HTML (what markdownText exists to prevent).
 */
export function githubAnnotations(r: ConformanceReport): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const annotation = (kind: 'error' | 'warning', title: string, text: string) =>
    `::${kind} title=${property(title)}::${data(printable(text))}\n`;
  const accepted = new Set(r.baseline?.accepted);
  const requirements = r.requirements
    .filter((q) => (q.verdict === 'fail' && q.level === 'MUST') || q.verdict === 'warn')
    .map((q) => {
      const text = `${q.statement} — ${q.reason ?? q.verdict}`;
      if (accepted.has(q.id)) return annotation('warning', `${q.id} (${q.level}) accepted by the baseline`, text);
      return annotation(q.verdict === 'fail' ? 'error' : 'warning', `${q.id} (${q.level})`, text);
    });
  const stale = (r.baseline?.stale ?? []).map((e) =>
    annotation('error', `${e.id} (stale baseline entry)`, `${r.baseline!.file}: ${e.why}`),
  );
  return [...requirements, ...stale].join('');
}

/**
 * Text from the target inside GitHub's Markdown (which also renders HTML): shown as text, one line, one table cell.
 * Markdown's punctuation is backslash-escaped (no link, image, emphasis, math or extra column) and `&<>` become
 * entities (no tag).
 */
export function markdownText(s: string): string {
  return printable(s)
    .replace(/[\\`*_[\]()!|~$]/g, '\\$&')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * GitHub Actions: the job summary, the counts and a Markdown table of what is not a pass, then where the whole report
 * is: `report`, the HTML report's path (in the workspace), and `run`, the workflow run whose artifacts hold it.
 */
export function githubStepSummary(
  r: ConformanceReport,
  partial = false,
  where: { report?: string; run?: string } = {},
): string {
  const cell = markdownText;
  const rows = r.requirements.filter((q) => NOT_A_PASS.has(q.verdict));
  const counts = VERDICTS.filter((v) => r.counts[v])
    .map((v) => `${r.counts[v]} ${v}`)
    .join(', ');
  const problems = r.merge?.problems ?? [];
  return [
    `### Mastodon OAuth conformance: ${r.outcome} (exit ${r.exitCode})`,
    '',
    `${cell(header(r))} · ${counts} · ${rate(r, partial)}`,
    '',
    ...(problems.length
      ? ['**The merged blobs are not one whole run:**', '', ...problems.map((p) => `- ${cell(p)}`), '']
      : []),
    ...(rows.length
      ? [
          '| Requirement | Level | Verdict | Reason |',
          '| --- | --- | --- | --- |',
          ...rows.map((q) => `| ${q.id} | ${q.level} | ${q.verdict} | ${cell(q.reason ?? '')} |`),
        ]
      : ['Every judged requirement passes.']),
    '',
    ...(where.report
      ? [
          `The whole report, with the evidence of each finding: \`${where.report.replace(/[`\r\n]/g, '')}\`` +
            (where.run ? ` — download it from [this run's artifacts](${where.run}#artifacts).` : '.'),
          '',
        ]
      : []),
  ].join('\n');
}

/** Where the job summary points for the report, from what GitHub Actions sets in the environment. */
export function githubReportLocation(reportDir: string, env: NodeJS.ProcessEnv = process.env) {
  const html = join(resolve(reportDir), 'conformance.html');
  const workspace = env.GITHUB_WORKSPACE;
  const inside = workspace && !relative(workspace, html).startsWith('..');
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  return {
    report: inside ? relative(workspace, html) : html,
    run: server && repository && run ? `${server}/${repository}/actions/runs/${encodeURIComponent(run)}` : undefined,
  };
}
