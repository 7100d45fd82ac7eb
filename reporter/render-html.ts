import { createHash } from 'node:crypto';
import type { Evidence } from '../fixtures/core/findings.ts';
import type { ConformanceReport } from './conformance-reporter.ts';
import type { RequirementResult } from './aggregate.ts';
import { VERDICTS } from './aggregate.ts';
import { buildModel, prerequisiteOf, type AttentionItem, type Model } from './html/model.ts';
import { rerunCommand } from './html/rerun.ts';
import { SCRIPT } from './html/script.ts';
import { sourceLink } from './html/sources.ts';
import { STYLE } from './html/style.ts';

/** Everything from the target is text: escaped here, never trusted as markup. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** JSON inside <script type="application/json">: no `<` survives, so nothing in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const OUTCOME_TITLE: Record<ConformanceReport['outcome'], string> = {
  conformant: 'Conformant',
  'not-conformant': 'Not conformant',
  vacuous: 'Nothing was judged',
  'could-not-judge': 'Could not judge the target',
};

/**
 * One self-contained page: what needs attention first, then every requirement by endpoint. A row's evidence is
 * embedded as JSON and built when the row opens, so a run with thousands of exchanges still opens at once.
 */
export function renderHtml(r: ConformanceReport, readFile: (path: string) => Buffer): string {
  const model = buildModel(r, (path) => {
    try {
      return `data:image/png;base64,${readFile(path).toString('base64')}`;
    } catch {
      return undefined;
    }
  });
  const known = new Set(r.requirements.map((q) => q.id));
  const endpoints = [...new Set(r.requirements.map((q) => q.endpoint))];
  const evidence = { tests: model.tests, rows: Object.fromEntries(model.rows) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${sha(SCRIPT)}'">
<meta name="referrer" content="no-referrer">
<title>${esc(OUTCOME_TITLE[r.outcome])} — Mastodon OAuth conformance — ${esc(r.target.product ?? r.target.url)}</title><style>${STYLE}</style></head>
<body>
<div class="toolbar noprint" role="search"><div class="wrap">
<label for="q" class="vh">Search requirements</label><input id="q" type="search" placeholder="Search IDs, statements, reasons" autocomplete="off">
<fieldset><legend>Show</legend>${VERDICTS.map((v) => `<label><input type="checkbox" data-verdict="${v}" checked> ${v} (${r.counts[v]})</label>`).join('')}</fieldset>
<label class="pick">Endpoint <select id="endpoint"><option value="">all</option>${endpoints.map((e) => `<option>${esc(e)}</option>`).join('')}</select></label>
<label class="pick">Sort <select id="sort"><option value="catalogue">catalogue order</option><option value="verdict">verdict, most severe first</option></select></label>
<output id="shown" class="meta" aria-live="polite"></output>
</div></div>
<header class="wrap">
<h1>Mastodon OAuth conformance</h1>
<div class="meta">${targetLine(r)}</div>
<p><span class="verdict v-${esc(r.outcome)}">${esc(OUTCOME_TITLE[r.outcome])}</span> <span class="meta">exit code ${r.exitCode}${r.mustConformance === undefined ? '' : ` · MUST conformance ${r.mustConformance}%`}${r.complete ? '' : ' · <b>incomplete run</b>'}</span></p>
<ul class="counts">${VERDICTS.map((v) => `<li class="count"><span class="badge b-${v}">${v}</span> ${r.counts[v]}</li>`).join('')}</ul>
<div class="meta runmeta">suite ${esc(r.suite.version)} · contract ${esc(r.contractHash.slice(0, 12))} · registry ${esc(r.registryHash.slice(0, 12))} · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s</div>
</header>
<main class="wrap">
${attentionBox(r, model.attention)}
<div id="requirements">
${endpoints
  .map((e, i) =>
    section(
      r,
      e,
      i,
      r.requirements.filter((q) => q.endpoint === e),
      model,
      known,
    ),
  )
  .join('\n')}
</div>
<p id="nothing" class="none" hidden>No requirement matches the search and filters.</p>
</main>
<script>${SCRIPT}</script>
<script type="application/json" id="evidence">${scriptJson(evidence)}</script></body></html>
`;
}

function attentionBox(r: ConformanceReport, items: AttentionItem[]): string {
  const setup = r.setupFailure
    ? `<p class="setup"><b>The run could not start (${esc(r.setupFailure.kind)}):</b> ${esc(r.setupFailure.message)}</p>`
    : '';
  if (items.length === 0) {
    const judged = r.counts.pass + r.counts.info;
    const text = r.setupFailure
      ? 'No requirement was judged.'
      : judged === 0
        ? 'Nothing was judged in this run.'
        : `Every judged requirement passed (${r.counts.pass} passed${r.counts.untested ? `, ${r.counts.untested} untested` : ''}${r.counts['not-applicable'] ? `, ${r.counts['not-applicable']} not applicable` : ''}).`;
    return `<section id="attention" class="${r.setupFailure || judged === 0 ? '' : 'ok'}" aria-labelledby="attention-h"><h2 id="attention-h">Needs attention: nothing</h2>${setup}<p>${esc(text)}</p></section>`;
  }
  const li = (a: AttentionItem) => {
    const times =
      a.count > 1 ? ` <span class="meta">· seen ${a.count}× in ${a.tests} test${a.tests === 1 ? '' : 's'}</span>` : '';
    const blocked = a.blockedBy
      ? ` <span class="meta">· blocked by <a href="#${esc(a.blockedBy)}">${esc(a.blockedBy)}</a></span>`
      : '';
    return `<li><span class="badge b-${a.verdict}">${a.verdict}</span> <a href="#${esc(a.id)}"><b>${esc(a.id)}</b></a> <span class="meta">${a.level}</span>${blocked}${times}<span class="why why-${a.verdict}" title="${esc(a.reason)}">${esc(oneLine(a.reason))}</span></li>`;
  };
  const n = (v: string) => items.filter((a) => a.verdict === v).length;
  const summary = ['fail', 'error', 'warn', 'blocked']
    .filter((v) => n(v))
    .map((v) => `${n(v)} ${v}`)
    .join(', ');
  // Many rows blocked for one reason are one root cause: listed once, with the rows one click away.
  const groups = new Map<string, AttentionItem[]>();
  for (const a of items.filter((x) => x.verdict === 'blocked'))
    groups.set(a.blockedBy ?? a.reason, [...(groups.get(a.blockedBy ?? a.reason) ?? []), a]);
  const group = (g: AttentionItem[]) => {
    const by = g[0]!.blockedBy;
    const head = by ? `blocked by <a href="#${esc(by)}">${esc(by)}</a>` : 'blocked';
    return `<li class="group"><span class="badge b-blocked">blocked</span> <b>${g.length} requirements</b> ${head}<span class="why why-blocked" title="${esc(g[0]!.reason)}">${esc(oneLine(g[0]!.reason))}</span><details><summary>Show the ${g.length}</summary><ul class="ids">${g.map((a) => `<li><a href="#${esc(a.id)}">${esc(a.id)}</a> <span class="meta">${a.level}</span></li>`).join('')}</ul></details></li>`;
  };
  const listed = items.flatMap((a) => {
    if (a.verdict !== 'blocked') return [li(a)];
    const g = groups.get(a.blockedBy ?? a.reason)!;
    if (g.length <= 3) return [li(a)];
    return g[0] === a ? [group(g)] : [];
  });
  return `<section id="attention" aria-labelledby="attention-h"><h2 id="attention-h">Needs attention: ${items.length} requirement${items.length === 1 ? '' : 's'} (${summary})</h2>${setup}<ol>${listed.join('')}</ol></section>`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 220 ? `${line.slice(0, 219)}…` : line;
}

function section(
  r: ConformanceReport,
  endpoint: string,
  index: number,
  reqs: RequirementResult[],
  model: Model,
  known: Set<string>,
): string {
  return `<section class="ep" data-endpoint="${esc(endpoint)}" data-index="${index}" aria-label="${esc(endpoint)}"><h2>${esc(endpoint)}</h2><div class="rows">
${reqs.map((q) => row(r, q, model, known)).join('\n')}</div></section>`;
}

function passLine(q: RequirementResult, model: Model): string {
  const e = model.rows.get(q.id);
  const held = e?.held.length ?? 0;
  const tests = e?.tests.length ?? 0;
  return `Passed: ${held ? `${held} check${held === 1 ? '' : 's'} held` : 'held'}${tests ? ` in ${tests} test${tests === 1 ? '' : 's'}` : ''}.`;
}

function row(r: ConformanceReport, q: RequirementResult, model: Model, known: Set<string>): string {
  const reason = q.verdict === 'pass' ? passLine(q, model) : (q.reason ?? '');
  const tone = ['fail', 'error', 'warn', 'blocked', 'pass'].includes(q.verdict) ? q.verdict : 'other';
  const prerequisite = prerequisiteOf(q, known);
  const sources = q.source
    .map(sourceLink)
    .map((s) =>
      s.href
        ? `<li><a href="${esc(s.href)}" rel="noreferrer noopener">${esc(s.text)}</a></li>`
        : `<li>${esc(s.text)}</li>`,
    )
    .join('');
  return `<details class="req" id="${esc(q.id)}" data-verdict="${q.verdict}" data-endpoint="${esc(q.endpoint)}"><summary>
<span class="badge b-${q.verdict}">${q.verdict}</span><span class="idcell"><span class="rid">${esc(q.id)}</span> <span class="meta">${q.level}</span></span>
<span class="st">${esc(q.statement)}</span>${reason ? `<span class="why why-${tone}">${esc(reason)}</span>` : ''}</summary>
<div class="body">
<p class="meta"><a href="#${esc(q.id)}">Permalink</a> · section ${esc(q.section)} · since Mastodon ${esc(q.since)}${q.until ? `, until ${esc(q.until)}` : ''}${prerequisite ? ` · blocked by <a href="#${esc(prerequisite)}">${esc(prerequisite)}</a>` : ''}</p>
${q.notes ? `<p class="meta">${esc(q.notes)}</p>` : ''}
<div class="evidence"></div>
<h3>Reproduce</h3><div class="cmds"><div class="meta">Re-run just this requirement (add --username and --password-env for a real target):</div><pre>${esc(rerunCommand(r, q.id))}</pre>
<div class="meta">Each exchange above has its <code>curl</code>.</div></div>
<h3>Sources (at the version the catalogue read)</h3><ul class="plain">${sources}</ul>
</div></details>`;
}

/**
 * A reproduction with the secrets left as their fingerprints: replace `<token#3f2a>` and the like with your own values.
 * The page builds the same command in its script (curl there), from the exchange it shows; a self-test holds them
 * equal.
 */
export function curl(e: Evidence): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const placeholder = (s: string) =>
    s.replace(/\b(token|secret|code|verifier|password|cookie|csrf|basic|totp)#[0-9a-f]{4}\b/g, '<$&>');
  const parts = [`curl -i -X ${e.request.method} ${q(placeholder(e.request.url))}`];
  for (const [k, v] of Object.entries(e.request.headers))
    if (!['content-length', 'host', 'connection'].includes(k.toLowerCase()))
      parts.push(`-H ${q(`${k}: ${placeholder(String(v))}`)}`);
  if (e.request.body) parts.push(`--data-raw ${q(placeholder(e.request.body))}`);
  return parts.join(' \\\n  ');
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Who was judged, as what; a run that could not start says why instead of an empty version (`Mastodon ()`). */
function targetLine(r: ConformanceReport): string {
  const where = `<code>${esc(r.target.url)}</code>`;
  if (!r.target.version)
    return `${where} · <b>not judged:</b> ${esc(r.setupFailure?.message ?? 'the run learned no version of the target')}`;
  return `${esc(r.target.product)} · ${where} · Mastodon ${esc(r.target.version)} (${esc(r.target.versionSource)}) · profile <b>${esc(r.profile)}</b> · ${esc(r.target.driverNote ?? r.target.driver)}`;
}
