import { createHash } from 'node:crypto';
import type { Evidence } from '../fixtures/judge.ts';
import type { ConformanceReport } from './conformance-reporter.ts';
import type { RequirementResult, TestRecord } from './aggregate.ts';
import { VERDICTS } from './aggregate.ts';

/** Everything from the target is text: escaped here, never trusted as markup. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root{--fg:#1d2430;--muted:#5b6577;--bg:#f7f8fa;--card:#fff;--line:#e2e6ee;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--na:#6e7781;--info:#0969da}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
.verdict{font-size:1.3rem;font-weight:700;padding:10px 14px;border-radius:8px;color:#fff;display:inline-block}
.v-conformant{background:var(--pass)}.v-not-conformant{background:var(--fail)}.v-could-not-judge,.v-vacuous{background:var(--warn)}
.meta{color:var(--muted);font-size:.9rem}.counts{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}
.count{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:4px 10px}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:6px 8px;border-top:1px solid var(--line);vertical-align:top}th{background:#eef1f5;font-size:.85rem}
.badge{font-weight:600;font-size:.8rem;padding:1px 6px;border-radius:4px;color:#fff;white-space:nowrap}
.b-pass{background:var(--pass)}.b-fail,.b-error{background:var(--fail)}.b-warn,.b-blocked{background:var(--warn)}.b-info{background:var(--info)}.b-not-applicable,.b-untested{background:var(--na)}
details{margin:4px 0}summary{cursor:pointer}pre{white-space:pre-wrap;word-break:break-all;background:#f2f4f7;border:1px solid var(--line);padding:8px;border-radius:6px;font-size:.8rem;max-height:360px;overflow:auto}
.ex{border-left:3px solid var(--line);padding-left:8px;margin:8px 0}.viol{color:var(--fail)}
img.shot{max-width:100%;border:1px solid var(--line);border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px}
code{font-size:.85em}.id{font-family:ui-monospace,monospace;font-size:.85rem;white-space:nowrap}
@media (max-width:700px){td:nth-child(4),th:nth-child(4){display:none}body{font-size:14px}}
`;

// Filters only hide rows: no network, no data from the target is evaluated.
const SCRIPT = `
const boxes=[...document.querySelectorAll('input[data-verdict]')];const sel=document.getElementById('endpoint');
function apply(){const on=new Set(boxes.filter(b=>b.checked).map(b=>b.dataset.verdict));const ep=sel.value;
document.querySelectorAll('tr[data-verdict]').forEach(r=>{r.hidden=!(on.has(r.dataset.verdict)&&(ep===''||r.dataset.endpoint===ep))});
document.querySelectorAll('section[data-endpoint]').forEach(s=>{s.hidden=!(ep===''||s.dataset.endpoint===ep)})}
boxes.forEach(b=>b.addEventListener('change',apply));sel.addEventListener('change',apply);
`;

export function renderHtml(r: ConformanceReport, readFile: (path: string) => Buffer): string {
  const endpoints = [...new Set(r.requirements.map((q) => q.endpoint))];
  const testsById = new Map<string, TestRecord[]>();
  for (const t of r.tests) for (const f of new Set(t.findings.map((f) => f.id))) testsById.set(f, [...(testsById.get(f) ?? []), t]);
  const title = r.outcome === 'conformant' ? 'Conformant' : r.outcome === 'not-conformant' ? 'Not conformant' : r.outcome === 'vacuous' ? 'Nothing was judged' : 'Could not judge the target';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${sha(SCRIPT)}'">
<title>Mastodon OAuth conformance — ${esc(r.target.product ?? r.target.url)}</title><style>${STYLE}</style></head>
<body><header>
<h1>Mastodon OAuth conformance</h1>
<div class="meta">${esc(r.target.product)} · <code>${esc(r.target.url)}</code> · Mastodon ${esc(r.target.version)} (${esc(r.target.versionSource)}) · profile <b>${esc(r.profile)}</b> · ${esc(r.target.driverNote ?? r.target.driver)}</div>
<p><span class="verdict v-${esc(r.outcome)}">${esc(title)}</span> <span class="meta">exit code ${r.exitCode}${r.mustConformance === undefined ? '' : ` · MUST conformance ${r.mustConformance}%`}${r.complete ? '' : ' · <b>incomplete run</b>'}</span></p>
${r.setupFailure ? `<p class="viol"><b>The run could not start (${esc(r.setupFailure.kind)}):</b> ${esc(r.setupFailure.message)}</p>` : ''}
<div class="counts">${VERDICTS.map((v) => `<span class="count"><span class="badge b-${v}">${v}</span> ${r.counts[v]}</span>`).join('')}</div>
<div class="meta">suite ${esc(r.suite.version)} · contract ${esc(r.contractHash.slice(0, 12))} · registry ${esc(r.registryHash.slice(0, 12))} · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s</div>
</header><main>
<div class="filters"><b>Show</b>${VERDICTS.map((v) => `<label><input type="checkbox" data-verdict="${v}" checked> ${v}</label>`).join('')}
<label>endpoint <select id="endpoint"><option value="">all</option>${endpoints.map((e) => `<option>${esc(e)}</option>`).join('')}</select></label></div>
${endpoints.map((e) => section(e, r.requirements.filter((q) => q.endpoint === e), testsById, readFile)).join('\n')}
</main><script>${SCRIPT}</script></body></html>
`;
}

function section(endpoint: string, reqs: RequirementResult[], testsById: Map<string, TestRecord[]>, readFile: (p: string) => Buffer): string {
  return `<section data-endpoint="${esc(endpoint)}"><h2>${esc(endpoint)}</h2><table><thead><tr><th>ID</th><th>Level</th><th>Verdict</th><th>Statement</th></tr></thead><tbody>
${reqs.map((q) => row(q, endpoint, testsById.get(q.id) ?? [], readFile)).join('\n')}</tbody></table></section>`;
}

function row(q: RequirementResult, endpoint: string, tests: TestRecord[], readFile: (p: string) => Buffer): string {
  return `<tr data-verdict="${q.verdict}" data-endpoint="${esc(endpoint)}"><td class="id" id="${esc(q.id)}">${esc(q.id)}</td><td>${q.level}</td><td><span class="badge b-${q.verdict}">${q.verdict}</span></td>
<td>${esc(q.statement)}<div class="meta">since ${esc(q.since)}${q.until ? `, until ${esc(q.until)}` : ''} · ${q.source.map(esc).join(' · ')}</div>
${q.reason && q.verdict !== 'pass' ? `<div class="${q.verdict === 'fail' ? 'viol' : 'meta'}">${esc(q.reason)}</div>` : ''}
${tests.length ? `<details><summary>evidence (${tests.length} test${tests.length > 1 ? 's' : ''})</summary>${tests.map((t) => testEvidence(t, q.id, readFile)).join('')}</details>` : ''}</td></tr>`;
}

function testEvidence(t: TestRecord, id: string, readFile: (p: string) => Buffer): string {
  const mine = t.findings.filter((f) => f.id === id);
  return `<div class="ex"><b>${esc(t.title)}</b> <span class="meta">${esc(t.file)}:${t.line} · ${esc(t.status)} · ${t.durationMs} ms</span>
<ul>${mine.map((f) => `<li><span class="badge b-${f.outcome === 'fail' ? 'fail' : f.outcome === 'pass' ? 'pass' : 'na'}">${esc(f.outcome)}</span> ${esc(f.message ?? '')}${f.incidental ? ' <i>(seen in another test\'s exchange)</i>' : ''}</li>`).join('')}</ul>
${t.evidence.map(exchange).join('')}
${t.screenshots.map((s) => screenshot(s, readFile)).join('')}</div>`;
}

function exchange(e: Evidence, i: number): string {
  const req = e.request;
  const res = e.response;
  const headers = (h: Record<string, string | string[]>) => Object.entries(h).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\n');
  return `<details><summary>${i + 1}. ${esc(req.method)} ${esc(new URL(req.url).pathname)} → ${res.status}${e.note ? ` (${esc(e.note)})` : ''}${e.violations.length ? ' <span class="viol">contract violation</span>' : ''}</summary>
${e.violations.map((v) => `<div class="viol">${esc(v.requirement)}: ${esc(v.message)}${v.instancePath !== undefined ? ` <code>instance ${esc(v.instancePath || '/')}</code>` : ''}${v.schemaPath ? ` <code>schema ${esc(v.schemaPath)}</code>` : ''}</div>`).join('')}
<pre>${esc(`${req.method} ${req.url}\n${headers(req.headers)}${req.body ? `\n\n${req.body}` : ''}`)}</pre>
<pre>${esc(`HTTP ${res.status}\n${headers(res.headers)}\n\n${res.body.length > 4000 ? `${res.body.slice(0, 4000)}…` : res.body}`)}</pre>
<details><summary>curl</summary><pre>${esc(curl(e))}</pre></details></details>`;
}

/** A reproduction with the secrets left as their fingerprints: replace `<token#3f2a>` and the like with your own values. */
export function curl(e: Evidence): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const placeholder = (s: string) => s.replace(/\b(token|secret|code|verifier|password|cookie|csrf|basic|totp)#[0-9a-f]{4}\b/g, '<$&>');
  const parts = [`curl -i -X ${e.request.method} ${q(placeholder(e.request.url))}`];
  for (const [k, v] of Object.entries(e.request.headers)) if (!['content-length', 'host', 'connection'].includes(k.toLowerCase())) parts.push(`-H ${q(`${k}: ${placeholder(String(v))}`)}`);
  if (e.request.body) parts.push(`--data-raw ${q(placeholder(e.request.body))}`);
  return parts.join(' \\\n  ');
}

function screenshot(s: { name: string; path: string }, readFile: (p: string) => Buffer): string {
  try {
    return `<figure><img class="shot" alt="${esc(s.name)} page" src="data:image/png;base64,${readFile(s.path).toString('base64')}"><figcaption class="meta">${esc(s.name)} page (secret fields masked)</figcaption></figure>`;
  } catch {
    return '';
  }
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
