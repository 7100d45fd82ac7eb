import { createHash } from 'node:crypto';
import type { ConformanceReport } from './conformance-reporter.ts';
import type { RequirementResult } from './aggregate.ts';
import { VERDICTS } from './aggregate.ts';
import { buildModel, prerequisiteOf, type AttentionItem, type Model } from './html/model.ts';
import { count } from './plural.ts';
import { rerunCommand } from './reproduce.ts';
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
  partial: 'Partial run: no conformance verdict',
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
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${sha(SCRIPT)}'`;
  const target = esc(r.target.product ?? r.target.url);
  const title = `${esc(OUTCOME_TITLE[r.outcome])} — Mastodon OAuth conformance — ${target}`;
  const search =
    '<label for="q" class="vh">Search requirements</label>' +
    '<input id="q" type="search" placeholder="Search IDs, statements, reasons" autocomplete="off">';
  const show =
    '<label class="only"><input type="checkbox" id="attention-only" autocomplete="off"> needs attention only</label>' +
    VERDICTS.map(
      (v) =>
        `<label><input type="checkbox" data-verdict="${v}" checked autocomplete="off"> ${v} (${r.counts[v]})</label>`,
    ).join('');
  const endpointOptions = endpoints.map((e) => `<option>${esc(e)}</option>`).join('');
  const sort =
    '<option value="catalogue">catalogue order</option><option value="verdict">verdict, most severe first</option>';
  const verdict = `<span class="verdict v-${esc(r.outcome)}">${esc(OUTCOME_TITLE[r.outcome])}</span>`;
  const exit =
    `exit code ${r.exitCode}` +
    (r.mustConformance === undefined ? '' : ` · MUST conformance ${r.mustConformance}%`) +
    (r.complete ? '' : ' · <b>incomplete run</b>');
  const counts = VERDICTS.map(
    (v) => `<li class="count"><span class="badge b-${v}">${v}</span> ${r.counts[v]}</li>`,
  ).join('');
  const runMeta =
    `suite ${esc(r.suite.version)} · contract ${esc(r.contractHash.slice(0, 12))} · ` +
    `registry ${esc(r.registryHash.slice(0, 12))} · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${title}</title><style>${STYLE}</style></head>
<body>
<div class="toolbar noprint" role="search"><div class="wrap">
${search}
<fieldset><legend>Show</legend>${show}</fieldset>
<label class="pick">Endpoint <select id="endpoint" autocomplete="off"><option value="">all</option>
${endpointOptions}</select></label>
<label class="pick">Sort <select id="sort" autocomplete="off">${sort}</select></label>
<output id="shown" class="meta" aria-live="polite"></output>
</div></div>
<header class="wrap">
<h1>Mastodon OAuth conformance</h1>
<div class="meta">${targetLine(r)}</div>
<p>${verdict} <span class="meta">${exit}</span></p>
<ul class="counts">${counts}</ul>
<div class="meta runmeta">${runMeta}</div>
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
  const stopped = r.target.product ? 'stopped' : 'could not start';
  const setup = r.setupFailure
    ? `<p class="setup"><b>The run ${stopped} (${esc(r.setupFailure.kind)}):</b> ${esc(r.setupFailure.message)}</p>`
    : '';
  const problems = r.merge?.problems ?? [];
  const merge = problems.length
    ? '<div class="setup"><b>The merged blobs are not one whole run</b>, so this report is no verdict on the target:' +
      `<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>`
    : '';
  const box = (cls: string, heading: string, content: string) =>
    `<section id="attention"${cls} aria-labelledby="attention-h">` +
    `<h2 id="attention-h">Needs attention: ${heading}</h2>${setup}${merge}${content}</section>`;
  if (items.length === 0) {
    const judged = r.counts.pass + r.counts.info;
    const untested = r.counts.untested ? `, ${r.counts.untested} untested` : '';
    const notApplicable = r.counts['not-applicable'] ? `, ${r.counts['not-applicable']} not applicable` : '';
    // "Nothing" only when nothing does: never above a box saying the run could not start or did not finish.
    const [heading, text] = r.setupFailure
      ? [`the run ${stopped}`, 'No requirement was judged.']
      : problems.length
        ? ['the merge is incomplete', 'No requirement failed in the blobs that were merged.']
        : !r.complete
          ? ['the run did not finish', 'No requirement failed before it ended; the rest was not judged.']
          : judged === 0
            ? ['nothing was judged', 'Nothing was judged in this run.']
            : ['nothing', `Every judged requirement passed (${r.counts.pass} passed${untested}${notApplicable}).`];
    const ok = heading === 'nothing' ? ' class="ok"' : '';
    return box(ok, heading, `<p>${esc(text)}</p>`);
  }
  const li = (a: AttentionItem) => {
    const tests = count(a.tests, 'test');
    const times = a.count > 1 ? ` <span class="meta">· seen ${a.count}× in ${tests}</span>` : '';
    const blocked = a.blockedBy
      ? ` <span class="meta">· blocked by <a href="#${esc(a.blockedBy)}">${esc(a.blockedBy)}</a></span>`
      : '';
    return (
      `<li><span class="badge b-${a.verdict}">${a.verdict}</span> <a href="#${esc(a.id)}"><b>${esc(a.id)}</b></a> ` +
      `<span class="meta">${a.level}</span>${blocked}${times}` +
      `<span class="why why-${a.verdict}" title="${esc(a.reason)}">${esc(oneLine(a.reason))}</span></li>`
    );
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
    const ids = g.map((a) => `<li><a href="#${esc(a.id)}">${esc(a.id)}</a> <span class="meta">${a.level}</span></li>`);
    return (
      `<li class="group"><span class="badge b-blocked">blocked</span> <b>${g.length} requirements</b> ${head}` +
      `<span class="why why-blocked" title="${esc(g[0]!.reason)}">${esc(oneLine(g[0]!.reason))}</span>` +
      `<details><summary>Show the ${g.length}</summary><ul class="ids">${ids.join('')}</ul></details></li>`
    );
  };
  const listed = items.flatMap((a) => {
    if (a.verdict !== 'blocked') return [li(a)];
    const g = groups.get(a.blockedBy ?? a.reason)!;
    if (g.length <= 3) return [li(a)];
    return g[0] === a ? [group(g)] : [];
  });
  const heading = `${count(items.length, 'requirement')} (${summary})`;
  return box('', heading, `<ol>${listed.join('')}</ol>`);
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
  const attributes = `data-endpoint="${esc(endpoint)}" data-index="${index}" aria-label="${esc(endpoint)}"`;
  return `<section class="ep" ${attributes}><h2>${esc(endpoint)}</h2><div class="rows">
${reqs.map((q) => row(r, q, model, known)).join('\n')}</div></section>`;
}

function passLine(q: RequirementResult, model: Model): string {
  const e = model.rows.get(q.id);
  const held = e?.held.length ?? 0;
  const tests = e?.tests.length ?? 0;
  const checks = held ? `${count(held, 'check')} held` : 'held';
  return `Passed: ${checks}${tests ? ` in ${count(tests, 'test')}` : ''}.`;
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
  const level = `<span class="meta">${q.level}</span>`;
  const idCell = `<span class="idcell"><span class="rid">${esc(q.id)}</span> ${level}</span>`;
  const why = reason ? `<span class="why why-${tone}">${esc(reason)}</span>` : '';
  const place =
    `<a href="#${esc(q.id)}">Permalink</a> · section ${esc(q.section)} · since Mastodon ${esc(q.since)}` +
    (q.until ? `, until ${esc(q.until)}` : '') +
    (prerequisite ? ` · blocked by <a href="#${esc(prerequisite)}">${esc(prerequisite)}</a>` : '');
  const rerun =
    '<div class="meta">Re-run just this requirement (add --username and --password-env for a real target):</div>' +
    `<pre>${esc(rerunCommand(r, q.id))}</pre>`;
  const attributes = `id="${esc(q.id)}" data-verdict="${q.verdict}" data-endpoint="${esc(q.endpoint)}"`;
  return `<details class="req" ${attributes}><summary>
<span class="badge b-${q.verdict}">${q.verdict}</span>${idCell}
<span class="st">${esc(q.statement)}</span>${why}</summary>
<div class="body">
<p class="meta">${place}</p>
${q.notes ? `<p class="meta">${esc(q.notes)}</p>` : ''}
<div class="evidence"></div>
<h3>Reproduce</h3><div class="cmds">${rerun}
<div class="meta">Each exchange above has its <code>curl</code>.</div></div>
<h3>Sources (upstream, at the commit they were read at)</h3><ul class="plain">${sources}</ul>
</div></details>`;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Who was judged, as what; a run that could not start says why instead of an empty version (`Mastodon ()`). */
function targetLine(r: ConformanceReport): string {
  const where = `<code>${esc(r.target.url)}</code>`;
  const unjudged = r.setupFailure?.message ?? 'the run learned no version of the target';
  if (!r.target.version) return `${where} · <b>not judged:</b> ${esc(unjudged)}`;
  const version = `Mastodon ${esc(r.target.version)} (${esc(r.target.versionSource)})`;
  const driver = esc(r.target.driverNote ?? r.target.driver);
  return `${esc(r.target.product)} · ${where} · ${version} · profile <b>${esc(r.profile)}</b> · ${driver}`;
}
