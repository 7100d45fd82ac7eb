import type { CompareInput } from './render-compare.ts';
import type { ConformanceReport } from './conformance-reporter.ts';
import { count } from './plural.ts';
import { markdownText } from './summary.ts';

/** A row of cells the suite wrote (verdicts, IDs, counts) or escaped (markdownText): nothing in them is Markdown. */
function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function verdictOf(report: ConformanceReport, id: string): string {
  const q = report.requirements.find((r) => r.id === id);
  if (!q) return '—';
  return report.baseline?.accepted.includes(id) ? 'fail (baseline)' : q.verdict;
}

/**
 * The matrix as Markdown, for a README, an issue or a pull request: one column per server, first what each server is
 * and how its run ended, then only the requirements whose verdicts differ (the rest agree, and are counted).
 */
export function renderMatrixMarkdown(inputs: CompareInput[]): string {
  const reports = inputs.map((i) => i.report);
  const ids = [...new Set(reports.flatMap((r) => r.requirements.map((q) => q.id)))];
  const differing = ids.filter((id) => new Set(reports.map((r) => verdictOf(r, id))).size > 1);
  const level = (id: string) => reports.flatMap((r) => r.requirements.filter((q) => q.id === id))[0]?.level ?? '';
  const counts = (r: ConformanceReport) =>
    (['pass', 'fail', 'warn', 'blocked', 'info', 'not-applicable', 'error'] as const)
      .filter((v) => r.counts[v])
      .map((v) => `${r.counts[v]} ${v}`)
      .join(', ');
  const outcome = (r: ConformanceReport) => {
    const accepted = r.baseline?.accepted.length;
    const gate = accepted ? `; with the baseline: ${count(accepted, 'known failure')} accepted` : '';
    return `${r.outcome} (exit ${r.exitCode}${gate})`;
  };
  const suite = reports[0]?.suite;
  const by = markdownText(suite ? `${suite.name} ${suite.version}` : 'mastodon-oauth-conformance');
  const judgedOn = reports.map((r) => r.startedAt.slice(0, 10)).sort()[0] ?? '';
  const lines = [
    `Judged on ${judgedOn} by ${by}; ` +
      `${ids.length} requirements, ${differing.length} with verdicts that differ between the servers.`,
    '',
    // What a server or a user named is text, whatever it holds (a pipe, a tag, a link).
    row(['', ...inputs.map((i) => markdownText(i.name))]),
    row(['---', ...inputs.map(() => '---')]),
    row(['Server', ...reports.map((r) => markdownText(r.target.product ?? r.target.url ?? ''))]),
    row(['Judged as Mastodon', ...reports.map((r) => markdownText(r.target.version ?? ''))]),
    row(['Outcome', ...reports.map(outcome)]),
    row(['Verdicts', ...reports.map(counts)]),
    row(['MUST conformance', ...reports.map((r) => (r.mustConformance === undefined ? '—' : `${r.mustConformance}%`))]),
    '',
  ];
  if (differing.length) {
    lines.push(
      `<details><summary>The ${differing.length} requirements whose verdicts differ</summary>`,
      '',
      row(['Requirement', 'Level', ...inputs.map((i) => markdownText(i.name))]),
      row(['---', '---', ...inputs.map(() => '---')]),
      ...differing.map((id) => row([id, level(id), ...reports.map((r) => verdictOf(r, id))])),
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}
