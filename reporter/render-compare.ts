import type { ConformanceReport } from './conformance-reporter.ts';
import { esc } from './render-html.ts';

/** One row per requirement, one column per target; rows whose verdicts differ come first. */
export function renderCompare(reports: { name: string; report: ConformanceReport }[]): string {
  const ids = [...new Set(reports.flatMap((r) => r.report.requirements.map((q) => q.id)))];
  const cell = (r: ConformanceReport, id: string) => r.requirements.find((q) => q.id === id);
  const rows = ids.map((id) => {
    const verdicts = reports.map((r) => cell(r.report, id)?.verdict ?? 'absent');
    return { id, level: reports.map((r) => cell(r.report, id)?.level).find(Boolean) ?? '', verdicts, differs: new Set(verdicts).size > 1 };
  });
  rows.sort((a, b) => Number(b.differs) - Number(a.differs));
  const differing = rows.filter((r) => r.differs).length;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Mastodon OAuth conformance — comparison</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#1d2430}table{border-collapse:collapse}th,td{border:1px solid #e2e6ee;padding:4px 8px;text-align:left}
th{background:#eef1f5}.pass{background:#dafbe1}.fail,.error{background:#ffebe9}.warn,.blocked{background:#fff8c5}.info{background:#ddf4ff}.differs td:first-child{font-weight:700}
</style></head><body><h1>Mastodon OAuth conformance — ${reports.length} targets</h1>
<p>${differing} of ${rows.length} requirements differ between targets (listed first).</p>
<table><thead><tr><th>Requirement</th><th>Level</th>${reports.map((r) => `<th>${esc(r.name)}<br><small>${esc(r.report.target.product ?? r.report.target.url)} · ${esc(r.report.target.version)} · ${esc(r.report.outcome)}</small></th>`).join('')}</tr></thead><tbody>
${rows.map((r) => `<tr class="${r.differs ? 'differs' : ''}"><td>${esc(r.id)}</td><td>${esc(r.level)}</td>${r.verdicts.map((v) => `<td class="${esc(v)}">${esc(v)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></body></html>
`;
}
