import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { curl } from '../../reporter/reproduce.ts';
import { renderCompare, reportHref } from '../../reporter/render-compare.ts';
import { CONTRACT_PATH } from '../../fixtures/core/contract.ts';
import {
  blockedReport,
  couldNotStartReport,
  failingReport,
  largeReport,
  linkedEvidenceReport,
  passingReport,
  writeReport,
} from './support/synthetic-report.ts';

// The HTML report as a reader meets it, in Chromium: reports built from synthetic runs (no child run).
const KINDS: [string, () => ConformanceReport][] = [
  ['failing', failingReport],
  ['passing', passingReport],
  ['blocked-heavy', blockedReport],
  ['could-not-start', couldNotStartReport],
  ['linked-evidence', linkedEvidenceReport],
];
const files = new Map<string, string>();
const fileFor = (kind: string) => {
  if (!files.has(kind)) files.set(kind, writeReport(kind, KINDS.find(([k]) => k === kind)![1]()));
  return files.get(kind)!;
};

/** Errors thrown by the report's own script, per page: any one fails the test. */
const pageErrors = new WeakMap<Page, string[]>();

async function open(page: Page, kind: string, hash = ''): Promise<void> {
  if (!pageErrors.has(page)) {
    pageErrors.set(page, []);
    page.on('pageerror', (e) => pageErrors.get(page)!.push(String(e)));
  }
  await page.goto(`file://${fileFor(kind)}${hash}`);
}

test.afterEach(({ page }) => {
  expect(pageErrors.get(page) ?? []).toEqual([]);
});

const attention = (page: Page) => page.locator('#attention li');
const row = (page: Page, id: string) => page.locator(`details.req[id="${id}"]`);

test(
  'the failures box lists every requirement that is not a pass, ' +
    'most severe first, with its reason and a link to its row',
  async ({ page }) => {
    await open(page, 'failing');
    await expect(page.locator('#attention h2')).toHaveText(
      'Needs attention: 6 requirements (2 fail, 1 error, 1 warn, 2 blocked)',
    );
    const verdicts = await attention(page).locator('.badge').allTextContents();
    expect(verdicts).toEqual(['fail', 'fail', 'error', 'warn', 'blocked', 'blocked']);
    // One root cause repeated across tests is counted once, with its count.
    const created = attention(page).filter({ hasText: 'ENTITY-TOKEN-CREATED' });
    await expect(created).toContainText('/created_at is required but missing');
    await expect(created).toContainText(/seen \d+× in \d+ tests/);
    // Blocked rows name the prerequisite that blocked them, as a link.
    await expect(attention(page).filter({ hasText: 'REVOKE-FOREIGN' }).locator('a[href="#REVOKE-OK"]')).toHaveText(
      'REVOKE-OK',
    );
    // A link opens the row it names.
    await attention(page).locator('a[href="#TOKEN-CODE-REUSE"]').click();
    await expect(row(page, 'TOKEN-CODE-REUSE')).toHaveAttribute('open', '');
    await expect(row(page, 'TOKEN-CODE-REUSE').locator('.cause').first()).toContainText('status must be 400; got 200');
    await expect(row(page, 'TOKEN-CODE-REUSE')).toBeInViewport();
  },
);

test(
  'a root cause shows once with its count, one highlighted example ' +
    'exchange and its schema line; the rest is one click away',
  async ({ page }) => {
    await open(page, 'failing', '#ENTITY-TOKEN-CREATED');
    const r = row(page, 'ENTITY-TOKEN-CREATED');
    await expect(r).toHaveAttribute('open', '');
    await expect(r.locator('.cause')).toHaveCount(1);
    const cause = r.locator('.cause');
    const seen = await cause.locator('.n').textContent();
    expect(Number(/seen (\d+)×/.exec(seen ?? '')?.[1])).toBeGreaterThan(100);
    // The schema location is the line of `required: [..., created_at]` in the contract, computed from the YAML.
    const line =
      readFileSync(CONTRACT_PATH, 'utf8')
        .split('\n')
        .findIndex((l) => /required: \[access_token, token_type, scope, created_at\]/.test(l)) + 1;
    await expect(cause.locator('.loc').first()).toHaveText(`openapi/mastodon-oauth.yaml:${line}`);
    // The example is open, its JSON body pretty-printed, and the missing field marked.
    const example = cause.locator('details.ex.example');
    await expect(example).toHaveAttribute('open', '');
    await expect(example.locator('.code').nth(1)).toContainText('"token_type": "Bearer"');
    await expect(example.locator('.miss')).toHaveText('(no "created_at" in this body)');
    // Only one exchange is built until the reader asks for the others.
    await expect(r.locator('details.ex')).toHaveCount(1);
    await cause.locator('summary', { hasText: /The other \d+ tests/ }).click();
    expect(await cause.locator('details.more details.more').count()).toBeGreaterThan(10);
  },
);

test('a field that broke a rule is highlighted, and the re-run command and sources sit beside the curl', async ({
  page,
}) => {
  const report = failingReport();
  await open(page, 'failing', '#TOKEN-CODE-REUSE');
  const r = row(page, 'TOKEN-CODE-REUSE');
  await expect(r.locator('.cause').first().locator('.hit')).toHaveText('HTTP 200');
  // The failure points at the spec line that judged it.
  await expect(r.locator('.cause').first()).toContainText('checked at specs/token/a-code-cannot-be-reused.spec.ts:8');
  await expect(r.locator('.cmds pre')).toHaveText(
    `npx mastodon-oauth-conformance --target https://mastodon.example --grep '(^| )TOKEN-CODE-REUSE '`,
  );
  // The page's curl is the reporter's curl.
  await r.locator('.cause').first().locator('summary', { hasText: 'curl' }).click();
  const test0 = report.tests.find((t) => t.requirements[0] === 'TOKEN-CODE-REUSE')!;
  expect(await r.locator('pre.curl').textContent()).toBe(curl(test0.evidence.at(-1)!));
  await expect(r.locator('pre.curl')).toContainText('<secret#ab12>');
  // Sources point at the version the catalogue read, and nothing else leaves the page.
  const links = r.locator('a[rel="noreferrer noopener"]');
  expect(await links.count()).toBeGreaterThan(0);
  for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(
      /^https:\/\/(github\.com\/[\w-]+\/[\w-]+\/blob\/[0-9a-f]{40}\/|www\.rfc-editor\.org\/rfc\/rfc\d+)/,
    );
});

test('the example shown with a finding is the exchange that produced it; a redirect shows its Location', async ({
  page,
}) => {
  await open(page, 'linked-evidence', '#TOKEN-CODE-BAD-CLIENT');
  const bad = row(page, 'TOKEN-CODE-BAD-CLIENT').locator('.cause').first();
  await expect(bad.locator('details.ex.example > summary')).toHaveText('Example: POST /oauth/token → 400');
  await expect(bad.locator('.hit')).toHaveText('HTTP 400');
  await open(page, 'linked-evidence', '#AUTHZ-APPROVE-REDIRECT');
  const redirect = row(page, 'AUTHZ-APPROVE-REDIRECT').locator('.cause').first();
  await expect(redirect.locator('details.ex.example > summary')).toHaveText('Example: POST /oauth/authorize → 302');
  await expect(redirect.locator('.hit')).toHaveText(
    'location: https://client.conformance.invalid/callback?code=code#9f00',
  );
});

test('a pass is worded as a pass', async ({ page }) => {
  await open(page, 'passing', '#APP-CREATE-OK');
  await expect(page.locator('#attention h2')).toHaveText('Needs attention: nothing');
  await expect(page.locator('#attention')).toContainText('Every judged requirement passed');
  const r = row(page, 'APP-CREATE-OK');
  await expect(r.locator('summary .why')).toHaveText(/^Passed: 1 check held in 1 test\.$/);
  await expect(r.locator('.evidence h3').first()).toHaveText('Passed: 1 check held');
  await expect(r.locator('.held li').first()).toHaveText(/^held: /);
});

test('a blocked-heavy report points every blocked row at its prerequisite, and the prerequisite comes first', async ({
  page,
}) => {
  await open(page, 'blocked-heavy');
  await expect(attention(page).first()).toContainText('APP-CREATE-OK');
  await expect(attention(page).first().locator('.badge')).toHaveText('fail');
  // 95 rows blocked for one reason are one entry, naming the prerequisite, with the rows one click away.
  const group = page.locator('#attention li.group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('95 requirements blocked by APP-CREATE-OK');
  await expect(group.locator('.why')).toContainText('APP-CREATE-OK is the prerequisite');
  await group.locator('summary').click();
  await expect(group.locator('ul.ids a')).toHaveCount(95);
  await group.locator('ul.ids a[href="#TOKEN-CODE-REUSE"]').click();
  await expect(row(page, 'TOKEN-CODE-REUSE')).toHaveAttribute('open', '');
  await expect(row(page, 'TOKEN-CODE-REUSE').locator('.body a[href="#APP-CREATE-OK"]')).toHaveText('APP-CREATE-OK');
  await group.locator('> a[href="#APP-CREATE-OK"]').click();
  await expect(row(page, 'APP-CREATE-OK')).toHaveAttribute('open', '');
});

test('a run that could not start says why at the top', async ({ page }) => {
  await open(page, 'could-not-start');
  // Never "Needs attention: nothing" above the box that says the run could not start.
  await expect(page.locator('#attention h2')).toHaveText('Needs attention: the run could not start');
  await expect(page.locator('#attention .setup')).toContainText('The run could not start (unreachable)');
  await expect(page.locator('#attention .setup')).toContainText('ECONNREFUSED');
  await expect(page.locator('.verdict')).toHaveText('Could not judge the target');
  // The header names the target and why it was not judged, not an empty product and version.
  await expect(page.locator('header .meta').first()).toContainText(
    'not judged: https://mastodon.example is unreachable',
  );
  await expect(page.locator('header')).not.toContainText('Mastodon ()');
});

test('search finds IDs, statements and reasons, and sections with no match are hidden', async ({ page }) => {
  await open(page, 'failing');
  const shown = page.locator('details.req:visible');
  await page.locator('#q').fill('token-code-reuse');
  const ids = await shown.evaluateAll((all) => all.map((r) => r.id));
  expect(ids).toEqual(expect.arrayContaining(['TOKEN-CODE-REUSE', 'TOKEN-CODE-REUSE-NO-REVOKE']));
  expect(ids.every((id) => id.startsWith('TOKEN-CODE-REUSE'))).toBe(true);
  await expect(page.locator('section.ep:visible')).toHaveCount(1);
  // Words of a statement, in any order.
  await page.locator('#q').fill('already-revoked again');
  expect(await shown.evaluateAll((all) => all.map((r) => r.id))).toContain('REVOKE-IDEMPOTENT');
  await page.locator('#q').fill('socket hang up');
  expect(await shown.evaluateAll((all) => all.map((r) => r.id))).toEqual(['REVOKE-IDEMPOTENT']);
  await page.locator('#q').fill('no such thing anywhere');
  await expect(shown).toHaveCount(0);
  await expect(page.locator('#nothing')).toBeVisible();
  await page.locator('#q').fill('');
  await expect(page.locator('#shown')).toHaveText(/^(\d+) of \1 requirements shown$/);
});

test('verdict and endpoint filters hide rows and empty sections; sort by verdict puts the worst first', async ({
  page,
}) => {
  await open(page, 'failing');
  for (const v of ['pass', 'untested', 'not-applicable']) await page.locator(`input[data-verdict="${v}"]`).uncheck();
  const visible = await page
    .locator('details.req:visible')
    .evaluateAll((all) => all.map((r) => r.getAttribute('data-verdict')));
  expect(new Set(visible)).toEqual(new Set(['fail', 'warn', 'error', 'blocked']));
  for (const s of await page.locator('section.ep').all()) {
    const any = await s.locator('details.req:visible').count();
    expect(await s.isVisible()).toBe(any > 0);
  }
  expect(
    await page.locator('section.ep').evaluateAll((all) => all.filter((s) => (s as HTMLElement).hidden).length),
  ).toBeGreaterThan(0);
  for (const v of ['pass', 'untested', 'not-applicable']) await page.locator(`input[data-verdict="${v}"]`).check();
  await page.locator('#endpoint').selectOption('POST /oauth/revoke');
  await expect(page.locator('section.ep:visible')).toHaveCount(1);
  await page.locator('#endpoint').selectOption('');
  await page.locator('#sort').selectOption('verdict');
  const order = await page.locator('details.req').evaluateAll((all) => all.map((r) => r.getAttribute('data-verdict')));
  expect(order.slice(0, 2)).toEqual(['fail', 'fail']);
  expect(order.at(-1)).toBe('pass');
  await page.locator('#sort').selectOption('catalogue');
  expect(await page.locator('details.req').first().getAttribute('id')).toBe('APP-CREATE-OK');
});

test('search, filters and sort live in the URL: kept on reload, and the same view for whoever opens the link', async ({
  page,
  context,
}) => {
  await open(page, 'failing');
  await page.locator('#q').fill('revoke');
  await page.locator('input[data-verdict="pass"]').uncheck();
  await page.locator('#endpoint').selectOption('POST /oauth/revoke');
  await page.locator('#sort').selectOption('verdict');
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    q: 'revoke',
    show: 'fail,warn,error,blocked,info,not-applicable,untested',
    endpoint: 'POST /oauth/revoke',
    sort: 'verdict',
  });
  const view = async (p: Page) => ({
    q: await p.locator('#q').inputValue(),
    pass: await p.locator('input[data-verdict="pass"]').isChecked(),
    endpoint: await p.locator('#endpoint').inputValue(),
    sort: await p.locator('#sort').inputValue(),
    rows: await p.locator('details.req:visible').evaluateAll((all) => all.map((r) => r.id)),
    shown: await p.locator('#shown').textContent(),
  });
  const before = await view(page);
  expect(before.rows[0]).toBe('REVOKE-IDEMPOTENT'); // an error, first when sorted by verdict
  expect(before.rows.every((id) => id.startsWith('REVOKE-'))).toBe(true);
  await page.reload();
  expect(await view(page)).toEqual(before);
  // Shared: a new page opened on the link shows the same rows, in the same order.
  const other = await context.newPage();
  await other.goto(page.url());
  expect(await view(other)).toEqual(before);
  // Back to everything: the URL is bare again.
  await page.locator('#q').fill('');
  await page.locator('input[data-verdict="pass"]').check();
  await page.locator('#endpoint').selectOption('');
  await page.locator('#sort').selectOption('catalogue');
  expect(new URL(page.url()).search).toBe('');
});

test('one control shows only what needs attention, and is on whenever the filters say just that', async ({ page }) => {
  await open(page, 'failing');
  const only = page.locator('#attention-only');
  await expect(only).not.toBeChecked();
  await only.check();
  const verdicts = await page
    .locator('details.req:visible')
    .evaluateAll((all) => [...new Set(all.map((r) => r.getAttribute('data-verdict')))].sort());
  expect(verdicts).toEqual(['blocked', 'error', 'fail', 'warn']);
  await expect(page.locator('#shown')).toHaveText(/^6 of \d+ requirements shown$/);
  expect(new URL(page.url()).searchParams.get('show')).toBe('fail,warn,error,blocked');
  await page.reload();
  await expect(page.locator('#attention-only')).toBeChecked();
  await page.locator('#attention-only').uncheck();
  await expect(page.locator('input[data-verdict="pass"]')).toBeChecked();
  // Reached by hand, the same filter turns the control on.
  for (const v of ['pass', 'info', 'not-applicable', 'untested'])
    await page.locator(`input[data-verdict="${v}"]`).uncheck();
  await expect(page.locator('#attention-only')).toBeChecked();
});

test('counts take the form their number needs', async ({ page }) => {
  await open(page, 'linked-evidence', '#TOKEN-CODE-BAD-CLIENT');
  const r = row(page, 'TOKEN-CODE-BAD-CLIENT');
  await expect(r.locator('.evidence h3').first()).toHaveText('What broke the rule (1 distinct finding)');
  await expect(r.locator('.cause .meta').first()).toContainText('seen 1× in 1 test');
  await expect(r.locator('.evidence > details.more > summary').last()).toHaveText('The test and its exchanges');
  await page.locator('#q').fill('TOKEN-CODE-BAD-CLIENT');
  await expect(page.locator('#shown')).toHaveText(/^1 of \d+ requirements shown$/);
  await expect(page.locator('#attention h2')).toHaveText('Needs attention: 2 requirements (2 fail)');
});

test('keyboard: Tab reaches the search first, Enter opens the first match, Enter on a row toggles it', async ({
  page,
}) => {
  await open(page, 'failing');
  await page.keyboard.press('Tab');
  await expect(page.locator('#q')).toBeFocused();
  await page.keyboard.type('REVOKE-IDEMPOTENT');
  await page.keyboard.press('Enter');
  const r = row(page, 'REVOKE-IDEMPOTENT');
  await expect(r).toHaveAttribute('open', '');
  await expect(page.locator('details.req[id="REVOKE-IDEMPOTENT"] > summary')).toBeFocused();
  await expect(r.locator('.evidence')).toContainText('Why it could not be judged');
  await page.keyboard.press('Enter');
  await expect(r).not.toHaveAttribute('open', '');
});

for (const width of [360, 390, 1280, 1400, 1920]) {
  test(`no sideways scroll at ${width} px, with a failing row open; statement and reason stay visible`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const [kind] of KINDS) {
      await open(page, kind, kind === 'failing' ? '#ENTITY-TOKEN-CREATED' : '');
      const { scroll, inner } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(scroll, `${kind} at ${width} px`).toBeLessThanOrEqual(inner);
    }
    const summary = row(page, 'ENTITY-TOKEN-CREATED').locator('summary');
    for (const part of ['.st', '.why']) {
      const box = (await summary.locator(part).boundingBox())!;
      expect(box.width).toBeGreaterThan(Math.min(width, 1180) / 2 - 60);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
  });
}

test('readable in print: the toolbar goes, failing rows open with their evidence', async ({ page }) => {
  await open(page, 'failing');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.toolbar')).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(row(page, 'ENTITY-TOKEN-CREATED')).toHaveAttribute('open', '');
  await expect(row(page, 'ENTITY-TOKEN-CREATED').locator('.cause')).toHaveCount(1);
  expect((await page.pdf()).length).toBeGreaterThan(10_000);
});

// One test per report, so workers share the work: axe is the slowest check here.
for (const kind of ['failing', 'blocked-heavy', 'could-not-start', 'failing at 390 px with a row open']) {
  test(`no serious or critical accessibility violation (axe): ${kind} report`, async ({ page }) => {
    if (kind.startsWith('failing at')) {
      await page.setViewportSize({ width: 390, height: 900 });
      await open(page, 'failing', '#ENTITY-TOKEN-CREATED');
      await row(page, 'ENTITY-TOKEN-CREATED').locator('summary', { hasText: 'curl' }).first().click();
    } else {
      // The passing report has the failing one's structure without its failures box.
      await open(page, kind);
    }
    // Only violations are detailed (axe's own speed-up for large pages); passes are still counted.
    const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    console.log(
      `axe ${kind}: ${result.violations.length} violations ` +
        `(${result.violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'}), ` +
        `${result.passes.length} rules passed`,
    );
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}) ${v.nodes.length}× ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  });
}

test(
  'a report with 5,000 exchanges opens at once; ' +
    'its evidence is built when a row opens (time printed, not asserted)',
  async ({ page }) => {
    const report = largeReport(5000);
    const exchanges = report.tests.reduce((n, t) => n + t.evidence.length, 0);
    const file = writeReport('large', report);
    const times: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`file://${file}`);
      const t = await page.evaluate(() => ({
        ready: Math.round(performance.getEntriesByName('report-ready')[0]?.startTime ?? -1),
        paint: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
        parsed: Math.round(
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
        ),
      }));
      times.push(`usable ${t.ready} ms, first paint ${t.paint} ms, whole file parsed ${t.parsed} ms`);
    }
    console.log(
      `report with ${exchanges} exchanges (${(readFileSync(file).length / 1e6).toFixed(1)} MB): ${times.join(' | ')}`,
    );
    expect(exchanges).toBeGreaterThanOrEqual(5000);
    await page.locator('details.req > summary').first().click();
    await page
      .locator('details.req')
      .first()
      .locator('summary', { hasText: /^(All \d+ tests and their exchanges|The test and its exchanges)$/ })
      .click();
    await expect(page.locator('details.req').first().locator('details.more details.more').first()).toBeVisible();
  },
);

test('a run that did not finish never says "nothing" needs attention', async ({ page }) => {
  const file = writeReport('interrupted', {
    ...passingReport(),
    complete: false,
    exitCode: 2,
    outcome: 'could-not-judge',
  });
  await page.goto(`file://${file}`);
  await expect(page.locator('#attention h2')).toHaveText('Needs attention: the run did not finish');
  await expect(page.locator('#attention')).not.toHaveClass(/\bok\b/);
});

test('compare.html at 390 px: IDs whole on one line, no sideways scroll of the page, the ID column stays', async ({
  page,
}) => {
  const reports = [failingReport(), passingReport(), blockedReport()];
  const html = renderCompare(reports.map((report, i) => ({ name: `target-${i}/conformance.json`, report })));
  const dir = dirname(writeReport('compare-narrow', passingReport()));
  writeFileSync(join(dir, 'compare.html'), html);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`file://${join(dir, 'compare.html')}`);
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(inner);
  // Each ID is one line box: broken letter by letter, a long ID would take a line per few letters.
  const lines = await page.locator('tbody .id').evaluateAll((cells) =>
    cells.map((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      return [c.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
    }),
  );
  expect(lines.filter(([, n]) => n !== 1)).toEqual([]);
  // Scrolled to the last target, the row's ID is still in view.
  await page.locator('.scroll').evaluate((s) => s.scrollTo({ left: s.scrollWidth }));
  const id = page.locator('tbody .id').first();
  const box = (await id.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});

test("compare.html: each verdict links to that target's row in the report next to its JSON", async ({ page }) => {
  const a = writeReport('cmp-a', failingReport());
  const b = writeReport('cmp-b', passingReport());
  const outDir = join(dirname(dirname(a)), `compare-${process.pid}-${Date.now()}`);
  mkdirSync(outDir, { recursive: true });
  const inputs = [a, b].map((html, i) => {
    const json = join(dirname(html), 'conformance.json');
    return {
      name: `target-${i}`,
      report: JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport,
      href: reportHref(outDir, json),
    };
  });
  expect(inputs[0]!.href).toMatch(/^\.\.\/report-cmp-a-[^/]+\/conformance\.html$/);
  writeFileSync(join(outDir, 'compare.html'), renderCompare(inputs));
  await page.goto(`file://${join(outDir, 'compare.html')}`);
  const cell = page.locator('tbody tr', { hasText: 'TOKEN-CODE-REUSE ' }).first().locator('td a').first();
  await expect(cell).toHaveText('fail');
  await cell.click();
  await expect(page).toHaveURL(/report-cmp-a-.*conformance\.html#TOKEN-CODE-REUSE$/);
  await expect(row(page, 'TOKEN-CODE-REUSE')).toHaveAttribute('open', '');
});
