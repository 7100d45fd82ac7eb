import { dirname, relative, sep } from 'node:path';
import type { ConformanceReport } from './conformance-reporter.ts';
import { esc } from './render-html.ts';
import { count } from './plural.ts';

export interface CompareInput {
  name: string;
  report: ConformanceReport;
  /** The conformance.html beside this input's JSON, relative to compare.html; each cell links to its row there. */
  href?: string;
}

/** The link from a compare.html written in `outDir` to the conformance.html next to `jsonFile`. */
export function reportHref(outDir: string, jsonFile: string): string {
  const rel = relative(outDir, `${dirname(jsonFile)}${sep}conformance.html`);
  return rel.split(sep).map(encodeURIComponent).join('/');
}

export interface CompareOptions {
  /** What the page is called: a comparison of runs, or a compatibility matrix of servers. */
  title?: string;
}

/** A cell's evidence, as short as a table allows: the first line of the reason, cut at a word near 140 characters. */
function gist(text: string): string {
  const line = text.split('\n')[0]!;
  if (line.length <= 140) return line;
  const cut = line.slice(0, 140);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}

/**
 * One row per requirement, one column per target; rows whose verdicts differ come first. Each cell is the verdict,
 * linked to its row in that target's report, the evidence behind it and, where the target's baseline accepted the
 * failure, that entry's reason and source.
 */
export function renderCompare(reports: CompareInput[], options: CompareOptions = {}): string {
  const title = options.title ?? 'comparison';
  const ids = [...new Set(reports.flatMap((r) => r.report.requirements.map((q) => q.id)))];
  const cell = (r: ConformanceReport, id: string) => r.requirements.find((q) => q.id === id);
  const rows = ids.map((id) => {
    const verdicts = reports.map((r) => cell(r.report, id)?.verdict ?? 'absent');
    return {
      id,
      level: reports.map((r) => cell(r.report, id)?.level).find(Boolean) ?? '',
      verdicts,
      differs: new Set(verdicts).size > 1,
    };
  });
  rows.sort((a, b) => Number(b.differs) - Number(a.differs));
  const differing = rows.filter((r) => r.differs).length;
  const link = (r: CompareInput, id: string, v: string) =>
    r.href && v !== 'absent'
      ? `<a href="${esc(`${r.href}#${encodeURIComponent(id)}`)}" title="${esc(`${id} in ${r.name}`)}">${esc(v)}</a>`
      : esc(v);
  const viewport = '<meta name="viewport" content="width=device-width,initial-scale=1">';
  const linked = reports.some((r) => r.href) ? " Each verdict links to its row in that target's report." : '';
  const heads = reports.map((r) => {
    const name = r.href ? `<a href="${esc(r.href)}">${esc(r.name)}</a>` : esc(r.name);
    const target = r.report.target;
    const about = `${esc(target.product ?? target.url)} · ${esc(target.version)} · ${esc(r.report.outcome)}`;
    return `<th>${name}<br><small>${about}</small></th>`;
  });
  const detail = (input: CompareInput, id: string) => {
    const q = cell(input.report, id);
    const baseline = input.report.baseline;
    const parts: string[] = [];
    if (q?.reason && q.verdict !== 'pass' && q.verdict !== 'untested')
      parts.push(`<small title="${esc(q.reason)}">${esc(gist(q.reason))}</small>`);
    if (baseline?.accepted.includes(id)) {
      const entry = baseline.reasons?.[id];
      const why = entry ? `: ${esc(gist(entry.reason))}` : '';
      const source = entry?.source ? ` (${sourceLink(entry.source)})` : '';
      parts.push(`<small class="accepted">accepted by the baseline${why}${source}</small>`);
    }
    return parts.join('');
  };
  const body = rows.map((r) => {
    const cells = r.verdicts.map(
      (v, i) => `<td class="${esc(v)}">${link(reports[i]!, r.id, v)}${detail(reports[i]!, r.id)}</td>`,
    );
    const id = `<th scope="row" class="id">${esc(r.id)}</th><td>${esc(r.level)}</td>`;
    return `<tr class="${r.differs ? 'differs' : ''}">${id}${cells.join('')}</tr>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${viewport}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>Mastodon OAuth conformance — ${esc(title)}</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#1d2430;overflow-wrap:break-word}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:separate;border-spacing:0}th,td{border:1px solid #d5dae3;padding:4px 8px;text-align:left}
th{background:#eef1f5}.pass{background:#dafbe1}.fail,.error{background:#ffebe9}.warn,.blocked{background:#fff8c5}
.info{background:#ddf4ff}.differs .id{font-weight:700}
.id{font:600 12.5px ui-monospace,SFMono-Regular,Menlo,monospace;white-space:nowrap;background:#fff}
td,thead th{white-space:nowrap}thead th small{white-space:normal;display:block;min-width:8rem;max-width:16rem}
thead th:first-child,.id{position:sticky;left:0;z-index:1}
td a{color:inherit}td small{display:block;white-space:normal;min-width:12rem;max-width:24rem;color:#3d4654}
.accepted{font-style:italic}
</style></head><body><h1>Mastodon OAuth conformance — ${esc(title)}, ${reports.length} targets</h1>
<p>Verdicts differ between targets for ${count(differing, 'requirement')} of ${rows.length} (listed first).${linked}</p>
<div class="scroll"><table><thead><tr><th>Requirement</th><th>Level</th>${heads.join('')}</tr></thead><tbody>
${body.join('\n')}
</tbody></table></div></body></html>
`;
}

/** A baseline entry's source: a link when it is a web address, its text otherwise. */
function sourceLink(source: string): string {
  return /^https:\/\/[^\s"<>]+$/.test(source) ? `<a href="${esc(source)}">source</a>` : esc(source);
}
