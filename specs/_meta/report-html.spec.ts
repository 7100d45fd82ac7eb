import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { aggregate, countVerdicts } from '../../reporter/aggregate.ts';
import { renderHtml } from '../../reporter/render-html.ts';
import { renderJunit } from '../../reporter/render-junit.ts';
import { renderCompare } from '../../reporter/render-compare.ts';
import { renderMatrixMarkdown } from '../../reporter/render-matrix-markdown.ts';
import { githubStepSummary } from '../../reporter/summary.ts';
import { sourceLink, UPSTREAM_REPOS } from '../../reporter/html/sources.ts';
import { contractLine } from '../../reporter/html/contract-lines.ts';
import { registry } from '../../fixtures/core/registry.ts';
import { CONTRACT_PATH, checkExchange } from '../../fixtures/core/contract.ts';

// Whatever a target sends is shown as text. Every field a target can influence carries markup here.
const HOSTILE = [
  `<script>window.__pwned = 1</script>`,
  `<img src=x onerror="window.__pwned = 2">`,
  `"><svg onload="window.__pwned=3">`,
  `javascript:window.__pwned=4`,
  `<a href="javascript:window.__pwned=5">click</a>`,
  `<iframe src="http://127.0.0.1:9/leak"></iframe><link rel=stylesheet href="http://127.0.0.1:9/x.css">`,
  '\u0000\u0007\u001b[31mcontrol\u202e',
].join(' ');

function hostileReport(): ConformanceReport {
  const evidence = {
    request: {
      method: 'POST',
      url: `http://127.0.0.1:1/oauth/token?x=${encodeURIComponent(HOSTILE)}`,
      headers: { 'x-h': HOSTILE },
      body: HOSTILE,
    },
    response: {
      status: 400,
      headers: { 'content-type': 'text/html', 'x-evil': HOSTILE, location: 'javascript:window.__pwned=6' },
      body: HOSTILE,
    },
    violations: [{ requirement: 'TOKEN-ERR-SHAPE', message: HOSTILE, instancePath: HOSTILE, schemaPath: HOSTILE }],
  };
  const tests = [
    {
      title: `TOKEN-ERR-SHAPE ${HOSTILE}`,
      file: HOSTILE,
      line: 1,
      status: 'failed',
      durationMs: 5,
      requirements: ['TOKEN-ERR-SHAPE'],
      findings: [{ id: 'TOKEN-ERR-SHAPE', outcome: 'fail' as const, message: HOSTILE }],
      evidence: [evidence],
      screenshots: [],
      annotations: [],
      errors: [HOSTILE],
    },
  ];
  const requirements = aggregate(tests, '4.7.0');
  return {
    suite: { name: 'mastodon-oauth-conformance', version: HOSTILE },
    contractHash: '0'.repeat(64),
    registryHash: '0'.repeat(64),
    target: {
      url: `http://${HOSTILE}`,
      product: HOSTILE,
      version: '4.7.0',
      versionSource: HOSTILE,
      driver: 'http',
      driverNote: HOSTILE,
    },
    profile: 'mastodon',
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    durationMs: 1,
    complete: true,
    setupFailure: { kind: 'setup', message: HOSTILE },
    outcome: 'not-conformant',
    exitCode: 1,
    counts: countVerdicts(requirements),
    requirements,
    tests,
  };
}

test('a hostile target cannot run script in the report, and the report fetches nothing', async ({ page }) => {
  const dir = join(tmpdir(), `report-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'conformance.html');
  writeFileSync(
    file,
    renderHtml(hostileReport(), () => Buffer.alloc(0)),
  );
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  // Open every row and every block inside it, so all the evidence the page builds on demand is built.
  await page.locator('details.req[data-verdict="fail"] > summary').first().click();
  for (let round = 0; round < 6; round++)
    await page
      .locator('details:not([open])')
      .evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  // Links within the page are followed; the only links off the page are the registry's sources, never the target's.
  const offPage = await page
    .locator('a:not([href^="#"])')
    .evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
  for (const [href, rel] of offPage) {
    expect(href).toMatch(/^https:\/\/(github\.com|www\.rfc-editor\.org)\//);
    expect(rel).toBe('noreferrer noopener');
  }
  await page.locator('a[href^="#"]').evaluateAll((links) => links.forEach((a) => (a as HTMLAnchorElement).click()));
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(requests).toEqual([]);
  expect(dialogs).toEqual([]);
  // The hostile text is there, as text.
  await expect(page.locator('body')).toContainText('<script>window.__pwned = 1</script>');
  // The filters still work: the page's own script is the only one allowed to run.
  await page.locator('input[data-verdict="fail"]').uncheck();
  await expect(page.locator('details.req[data-verdict="fail"]').first()).toBeHidden();
});

test('JUnit output stays well-formed XML whatever the target sent', () => {
  const xml = renderJunit(hostileReport());
  expect(xml).not.toContain('<script>');
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  expect(xml).toContain('name="TOKEN-ERR-SHAPE"');
});

test('the GitHub job summary shows what the target sent as text: no markup, no Markdown link or image', () => {
  const r = hostileReport();
  const reason = `${HOSTILE} ![pixel](http://127.0.0.1:9/p.png) [click](javascript:alert(1)) **bold** | cell`;
  r.requirements = r.requirements.map((q) => (q.id === 'TOKEN-ERR-SHAPE' ? { ...q, reason } : q));
  const md = githubStepSummary(r);
  // GitHub renders the summary as Markdown with HTML: a tag, a link or an image from the target would be live there.
  expect(md).not.toMatch(/<[a-z!/]/i);
  expect(md).not.toMatch(/(?<!\\)\]\(/);
  expect(md).not.toMatch(/(?<!\\)\*\*bold/);
  const row = md.split('\n').find((l) => l.startsWith('| TOKEN-ERR-SHAPE |'))!;
  // One row of four cells: a pipe from the target does not add a column.
  expect(row.split(/(?<!\\)\|/).length).toBe(6);
  expect(row).toContain('&lt;img src=x onerror=');
});

test('compare puts the requirements whose verdicts differ between targets first, and escapes what targets said', () => {
  const a = hostileReport();
  const b = {
    ...hostileReport(),
    requirements: a.requirements.map((q) => (q.id === 'TOKEN-ERR-SHAPE' ? { ...q, verdict: 'pass' as const } : q)),
  };
  const html = renderCompare([
    { name: 'a', report: a },
    { name: 'b', report: b },
  ]);
  expect(html).not.toContain('<script>window');
  const firstRow = /<tbody>\s*<tr class="([^"]*)"><th scope="row" class="id">([^<]+)<\/th>/.exec(html);
  expect(firstRow?.[1]).toBe('differs');
  expect(firstRow?.[2]).toBe('TOKEN-ERR-SHAPE');
  expect(html).toContain(`Verdicts differ between targets for 1 requirement of ${a.requirements.length}`);
});

test('a matrix cell shows its evidence and the baseline entry that accepted it; its Markdown cannot break', () => {
  const a = hostileReport();
  const accepted = {
    ...hostileReport(),
    baseline: {
      file: 'baselines/x.yaml',
      accepted: ['TOKEN-ERR-SHAPE'],
      reasons: { 'TOKEN-ERR-SHAPE': { reason: `known | ${HOSTILE}`, source: 'https://example.org/issue/1' } },
      stale: [],
    },
  };
  const html = renderCompare(
    [
      { name: 'a', report: a },
      { name: 'b', report: accepted },
    ],
    { title: 'compatibility matrix' },
  );
  expect(html).toContain('<title>Mastodon OAuth conformance — compatibility matrix</title>');
  expect(html).not.toContain('<script>window');
  expect(html).toMatch(/<small class="accepted">accepted by the baseline: known \| &lt;script&gt;/);
  expect(html).toContain('<a href="https://example.org/issue/1">source</a>');
  // The evidence: the first line of the reason, in the cell.
  expect(html).toMatch(/<td class="fail">fail<small title="[^"]*">&lt;script&gt;/);

  const b = {
    ...a,
    requirements: a.requirements.map((q) => (q.id === 'TOKEN-ERR-SHAPE' ? { ...q, verdict: 'pass' as const } : q)),
  };
  const md = renderMatrixMarkdown([
    { name: 'a|b', report: accepted },
    { name: 'c', report: b },
  ]);
  // Every row of a table has as many cells as its header: a pipe in a name or a product adds none; no tag survives.
  const cells = (l: string) => l.split(/(?<!\\)\|/).length;
  for (const table of md.split('\n\n').map((t) => t.split('\n').filter((l) => l.startsWith('| '))))
    expect(new Set(table.map(cells)).size, table.join('\n')).toBeLessThanOrEqual(1);
  expect(md).not.toMatch(/<(?!\/?(details|summary)>)[a-z!/]/i);
  expect(md).toContain('| TOKEN-ERR-SHAPE | MUST | fail (baseline) | pass |');
  expect(md).toContain(`${a.requirements.length} requirements, 1 with verdicts that differ`);
});

test('every registry source that names a file links to it upstream at the commit it was read at', () => {
  const sources = [...registry().values()].flatMap((q) => q.source);
  const unlinked = sources.filter((s) => !sourceLink(s).href);
  // Only prose stays text: a Doorkeeper config option, a Rails behaviour.
  expect(
    unlinked.every((s) => /^(\[DK\] config |Rails )/.test(s)),
    unlinked.join('\n'),
  ).toBe(true);
  const pinned = [
    new RegExp(`github\\.com/(${UPSTREAM_REPOS})/blob/[0-9a-f]{40}/[\\w./-]+\\.\\w+`),
    /github\.com\/mastodon\/mastodon\/commit\/[0-9a-f]{40}/,
    /www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]+)?/,
  ];
  const link = new RegExp(`^https:\\/\\/(${pinned.map((r) => r.source).join('|')})$`);
  for (const s of sources) {
    const href = sourceLink(s).href;
    if (href) expect(href).toMatch(link);
  }
  expect(sourceLink('[DK] lib/doorkeeper/request.rb (note)').href).toBe(
    'https://github.com/doorkeeper-gem/doorkeeper/blob/75a84fefe686b9306a46b7826e5a6e389ff53848' +
      '/lib/doorkeeper/request.rb',
  );
  expect(sourceLink('[M] app/lib/application_extension.rb').href).toBe(
    'https://github.com/mastodon/mastodon/blob/2f40549d41d77bd4941214e1915074d2e9113b80' +
      '/app/lib/application_extension.rb',
  );
});

test('a contract violation is placed on the line of the schema node that judged it', () => {
  const lines = readFileSync(CONTRACT_PATH, 'utf8').split('\n');
  const token = (body: object) => ({
    request: { method: 'POST', url: 'http://127.0.0.1:1/oauth/token', headers: {} },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' },
      body: JSON.stringify(body),
    },
  });
  const at = (ex: ReturnType<typeof token>) => checkExchange(ex).map((v) => lines[contractLine(ex, v)! - 1]!.trim());
  expect(at(token({ access_token: 'a', token_type: 'Bearer', scope: 'read' }))).toEqual([
    'required: [access_token, token_type, scope, created_at]',
  ]);
  expect(at(token({ access_token: 'a', token_type: 'Bearer', scope: 'read', created_at: 'now' }))).toEqual([
    'type: integer',
  ]);
  const noPragma = token({ access_token: 'a', token_type: 'Bearer', scope: 'read', created_at: 1 });
  delete (noPragma.response.headers as Record<string, string>).pragma;
  expect(at(noPragma)[0]).toMatch(/^Pragma:/i);
});
