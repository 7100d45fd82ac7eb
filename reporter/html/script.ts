/**
 * The report's only script, allowed by its hash in the page's CSP. It filters and sorts rows, follows permalinks,
 * and builds a requirement's evidence from the embedded JSON when its row opens. Everything from the target is set
 * as text (textContent, append of strings): never parsed as markup, never fetched, never evaluated.
 */
export const SCRIPT = String.raw`(() => {
  const $ = (s, r = document) => r.querySelector(s);
  const $$ = (s, r = document) => Array.from(r.querySelectorAll(s));
  let data;
  const D = () => (data ??= JSON.parse($('#evidence').textContent));
  const SEV = ['fail', 'error', 'warn', 'blocked', 'info', 'untested', 'not-applicable', 'pass'];
  const ATTENTION = ['fail', 'error', 'warn', 'blocked'];
  // The count and its noun in the form English gives that count, as reporter/plural.ts does.
  const rules = new Intl.PluralRules('en');
  const count = (n, one, other) => n + ' ' + (rules.select(n) === 'one' ? one : other || one + 's');
  function el(tag, cls, ...kids) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    for (const k of kids) if (k !== undefined && k !== null && k !== false) e.append(k);
    return e;
  }
  function badge(v) {
    return el('span', 'badge b-' + v, v);
  }
  function lazy(summary, build, open) {
    const d = el('details', 'more', el('summary', '', summary));
    let built = false;
    const go = () => {
      if (d.open && !built) {
        built = true;
        build(d);
      }
    };
    d.addEventListener('toggle', go);
    if (open) {
      d.open = true;
      go();
    }
    return d;
  }
  function pretty(body, type) {
    if (!body) return '';
    if (/json/i.test(type || '') || /^\s*[\[{]/.test(body)) {
      try {
        return JSON.stringify(JSON.parse(body), null, 2);
      } catch (e) {
        /* not JSON after all */
      }
    }
    if (/x-www-form-urlencoded/i.test(type || '')) {
      try {
        return Array.from(new URLSearchParams(body))
          .map(([k, v]) => k + '=' + v)
          .join('\n');
      } catch (e) {
        /* keep as sent */
      }
    }
    return body;
  }
  function headerOf(h, name) {
    for (const k of Object.keys(h || {}))
      if (k.toLowerCase() === name) return Array.isArray(h[k]) ? h[k].join(', ') : String(h[k]);
    return '';
  }
  // One block of lines; the lines a mark points at are highlighted, and a body key that is absent says so.
  function code(lines, hits, missing) {
    const box = el('div', 'code');
    box.tabIndex = 0;
    for (const l of lines) {
      const hit = hits(l);
      const line = el('span', 'ln' + (hit ? ' hit' : ''), l.text === '' ? ' ' : l.text);
      if (hit) line.setAttribute('title', 'the part that broke the rule');
      box.append(line);
    }
    for (const m of missing) box.append(el('span', 'ln miss', '(no "' + m + '" in this body)'));
    return box;
  }
  // The same command as curl() in reproduce.ts, built here so large runs do not carry it for every exchange.
  function curl(ex) {
    const q = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'");
    const ph = (s) =>
      s.replace(/\b(token|secret|code|verifier|password|cookie|csrf|basic|totp)#[0-9a-f]{4}\b/g, '<$&>');
    const parts = ['curl -i -X ' + ex.method + ' ' + q(ph(ex.url))];
    for (const [k, v] of Object.entries(ex.reqHeaders || {}))
      if (!['content-length', 'host', 'connection'].includes(k.toLowerCase()))
        parts.push('-H ' + q(ph(k + ': ' + String(v))));
    if (ex.reqBody) parts.push('--data-raw ' + q(ph(ex.reqBody)));
    return parts.join(' \\\n  ');
  }
  function exchange(t, i, marks, label, open) {
    const ex = D().tests[t].exchanges[i];
    let path = ex.url;
    try {
      path = new URL(ex.url).pathname;
    } catch (e) {
      /* keep the url */
    }
    const title =
      label +
      ex.method +
      ' ' +
      path +
      ' → ' +
      ex.status +
      (ex.note ? ' (' + ex.note + ')' : '') +
      (ex.violations.length ? ' · contract violation' : '');
    return lazy(
      title,
      (d) => {
        d.classList.add('ex');
        if (marks.length) d.classList.add('example');
        for (const v of ex.violations) {
          d.append(
            el(
              'div',
              'viol',
              v.requirement + ': ' + v.message,
              v.line ? el('span', '', ' · schema ', el('span', 'loc', 'openapi/mastodon-oauth.yaml:' + v.line)) : '',
            ),
          );
        }
        const reqType = headerOf(ex.reqHeaders, 'content-type');
        const reqLines = [{ text: ex.method + ' ' + ex.url }].concat(
          Object.entries(ex.reqHeaders || {}).map(([k, v]) => ({ text: k + ': ' + v })),
        );
        if (ex.reqBody)
          reqLines.push(
            { text: '' },
            ...pretty(ex.reqBody, reqType)
              .split('\n')
              .map((text) => ({ text })),
          );
        d.append(
          el('h4', 'meta', 'Request'),
          code(reqLines, () => false, []),
        );
        const resType = headerOf(ex.resHeaders, 'content-type');
        const resLines = [{ text: 'HTTP ' + ex.status, part: 'status' }].concat(
          Object.entries(ex.resHeaders || {}).map(([k, v]) => ({
            text: k + ': ' + (Array.isArray(v) ? v.join(', ') : v),
            part: 'header',
            key: k.toLowerCase(),
          })),
        );
        const body = pretty(ex.resBody, resType);
        if (body) resLines.push({ text: '' }, ...body.split('\n').map((text) => ({ text, part: 'body' })));
        const found = new Set();
        const hits = (l) =>
          marks.some((m) => {
            if (m.part !== l.part) return false;
            if (m.part === 'status') return true;
            if (m.part === 'header') return l.key === m.key;
            if (!m.key) return false;
            const yes = l.text.trimStart().startsWith(JSON.stringify(m.key) + ':');
            if (yes) found.add(m.key);
            return yes;
          });
        const box = code(resLines, hits, []);
        for (const m of marks)
          if (m.part === 'body' && m.key && !found.has(m.key))
            box.append(el('span', 'ln miss', '(no "' + m.key + '" in this body)'));
        d.append(el('h4', 'meta', 'Response'), box);
        d.append(
          lazy('curl (secrets are placeholders: put in your own)', (c) => c.append(el('pre', 'curl', curl(ex)))),
        );
      },
      open,
    );
  }
  function testBlock(t) {
    const x = D().tests[t];
    return lazy(x.title + ' · ' + x.status, (d) => {
      d.append(
        el(
          'div',
          'meta',
          x.file + ':' + x.line + ' · ' + x.durationMs + ' ms · ' + count(x.exchanges.length, 'exchange'),
        ),
      );
      x.exchanges.forEach((_, i) => d.append(exchange(t, i, [], i + 1 + '. ', false)));
      for (const s of x.shots) {
        const img = el('img', 'shot');
        img.alt = s.name + ' page';
        img.src = s.src;
        d.append(el('figure', '', img, el('figcaption', 'meta', s.name + ' page (secret fields masked)')));
      }
    });
  }
  function build(row) {
    // The evidence block comes after this script, so the page is usable while a large one is still being read.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => build(row), { once: true });
      return;
    }
    const id = row.id;
    const box = $('.evidence', row);
    const r = D().rows[id];
    if (!r) {
      box.append(el('p', 'meta', 'No test recorded evidence for this requirement.'));
      return;
    }
    const bad = r.causes.filter((c) => c.outcome !== 'pass');
    if (bad.length) {
      box.append(
        el(
          'h3',
          '',
          row.dataset.verdict === 'blocked'
            ? 'Why it was not judged'
            : row.dataset.verdict === 'error'
              ? 'Why it could not be judged'
              : 'What broke the rule (' + count(bad.length, 'distinct finding') + ')',
        ),
      );
      for (const c of bad) {
        const head = el('div', '', badge(c.outcome), ' ', c.text);
        const seen = el(
          'div',
          'meta',
          el('span', 'n', 'seen ' + c.count + '×'),
          ' in ' + count(c.tests.length, 'test'),
          c.incidental ? ' (in exchanges made for other requirements)' : '',
          c.contractLine
            ? el('span', '', ' · schema ', el('span', 'loc', 'openapi/mastodon-oauth.yaml:' + c.contractLine))
            : '',
          c.at ? el('span', '', ' · checked at ', el('span', 'loc', c.at)) : '',
        );
        const cause = el('div', 'cause', head, seen);
        if (c.example) {
          const label = c.example.judged ? 'Example: ' : 'The last exchange before the check: ';
          cause.append(exchange(c.example.test, c.example.exchange, c.example.marks, label, true));
        }
        const others = c.tests.filter((t) => !c.example || t !== c.example.test);
        if (others.length)
          cause.append(
            lazy(
              'The other ' + count(others.length, 'test') + ' where it was seen',
              (d) => others.forEach((t) => d.append(testBlock(t))),
            ),
          );
        box.append(cause);
      }
    }
    if (r.held.length) {
      const list = el('ul', 'plain held');
      for (const h of r.held) list.append(el('li', '', 'held: ' + h));
      const title = count(r.held.length, 'check') + ' held';
      if (bad.length) box.append(lazy(title, (d) => d.append(list)));
      else box.append(el('h3', '', 'Passed: ' + title), list);
    }
    if (r.tests.length) {
      const n = r.tests.length;
      const all = n === 1 ? 'The test and its exchanges' : 'All ' + n + ' tests and their exchanges';
      box.append(lazy(all, (d) => r.tests.forEach((t) => d.append(testBlock(t)))));
    }
  }
  for (const row of $$('details.req')) {
    row.addEventListener('toggle', () => {
      if (row.open && !row.dataset.built) {
        row.dataset.built = '1';
        build(row);
      }
    });
  }
  // ---- filters, search, sort ----
  const rows = $$('details.req');
  rows.forEach((r, i) => {
    r.dataset.order = String(i);
    r.dataset.text = $('summary', r).textContent.toLowerCase();
  });
  const q = $('#q'),
    ep = $('#endpoint'),
    sort = $('#sort'),
    shown = $('#shown');
  const boxes = $$('input[data-verdict]');
  const attentionOnly = $('#attention-only');
  function apply() {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.dataset.verdict));
    const words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const r of rows) {
      const show =
        on.has(r.dataset.verdict) &&
        (!ep.value || r.dataset.endpoint === ep.value) &&
        words.every((w) => r.dataset.text.includes(w));
      r.hidden = !show;
      if (show) n++;
    }
    for (const s of $$('section.ep')) s.hidden = !$$('details.req', s).some((r) => !r.hidden);
    shown.textContent = n + ' of ' + count(rows.length, 'requirement') + ' shown';
    $('#nothing').hidden = n > 0;
    attentionOnly.checked = boxes.every((b) => b.checked === ATTENTION.includes(b.dataset.verdict));
    remember();
  }
  // ---- the search, filters and sort live in the URL (?q=&show=&endpoint=&sort=): shareable, kept on reload ----
  function remember() {
    const p = new URLSearchParams();
    if (q.value) p.set('q', q.value);
    const on = boxes.filter((b) => b.checked).map((b) => b.dataset.verdict);
    if (on.length !== boxes.length) p.set('show', on.join(','));
    if (ep.value) p.set('endpoint', ep.value);
    if (sort.value !== 'catalogue') p.set('sort', sort.value);
    const url = new URL(location.href);
    url.search = p.toString();
    if (url.href !== location.href)
      try {
        history.replaceState(history.state, '', url.href);
      } catch (e) {
        /* a browser that keeps file: URLs as they are: the page still works */
      }
  }
  function recall() {
    const p = new URLSearchParams(location.search);
    q.value = p.get('q') || '';
    const show = p.get('show');
    const on = show === null ? SEV : show.split(',');
    for (const b of boxes) b.checked = on.includes(b.dataset.verdict);
    const endpoint = p.get('endpoint') || '';
    ep.value = Array.from(ep.options).some((o) => o.value === endpoint) ? endpoint : '';
    sort.value = p.get('sort') === 'verdict' ? 'verdict' : 'catalogue';
  }
  function order() {
    const bySeverity = sort.value === 'verdict';
    const rank = (r) => (bySeverity ? SEV.indexOf(r.dataset.verdict) * 10000 : 0) + Number(r.dataset.order);
    const sections = $$('section.ep');
    for (const s of sections) {
      const list = $('.rows', s);
      $$('details.req', s)
        .sort((a, b) => rank(a) - rank(b))
        .forEach((r) => list.append(r));
      s.dataset.rank = String(Math.min(...$$('details.req', s).map(rank)));
    }
    const main = $('#requirements');
    sections
      .sort((a, b) =>
        bySeverity
          ? Number(a.dataset.rank) - Number(b.dataset.rank)
          : Number(a.dataset.index) - Number(b.dataset.index),
      )
      .forEach((s) => main.append(s));
  }
  boxes.forEach((b) => b.addEventListener('change', apply));
  // One control for what needs attention: only failures, errors, warnings and blocked rows, or everything again.
  attentionOnly.addEventListener('change', () => {
    for (const b of boxes) b.checked = !attentionOnly.checked || ATTENTION.includes(b.dataset.verdict);
    apply();
  });
  ep.addEventListener('change', apply);
  q.addEventListener('input', apply);
  sort.addEventListener('change', () => {
    order();
    remember();
  });
  q.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const first = rows.find((r) => !r.hidden && r.parentElement && !r.closest('[hidden]'));
    if (first) {
      e.preventDefault();
      first.open = true;
      $('summary', first).focus();
    }
  });
  // ---- permalinks: #ID opens its row, even when a filter had hidden it ----
  function follow() {
    let id = '';
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    const row = id && document.getElementById(id);
    if (!row || !row.matches('details.req')) return;
    row.hidden = false;
    const s = row.closest('section.ep');
    if (s) s.hidden = false;
    row.open = true;
    $('summary', row).focus({ preventScroll: true });
    row.scrollIntoView({ block: 'start' });
  }
  window.addEventListener('hashchange', follow);
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element && e.target.closest('a[href^="#"]');
    if (a && a.getAttribute('href') === location.hash) setTimeout(follow);
  });
  // Print what needs attention with its evidence.
  window.addEventListener('beforeprint', () => {
    for (const r of rows)
      if (SEV.indexOf(r.dataset.verdict) < 4) {
        if (!r.dataset.built) {
          r.dataset.built = '1';
          build(r);
        }
        r.open = true;
      }
  });
  recall();
  order();
  apply();
  follow();
  performance.mark('report-ready');
})();`;
