import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { aggregate, countVerdicts } from '../../reporter/aggregate.ts';
import { renderHtml } from '../../reporter/render-html.ts';
import { renderJunit } from '../../reporter/render-junit.ts';
import { renderCompare } from '../../reporter/render-compare.ts';

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
    request: { method: 'POST', url: `http://127.0.0.1:1/oauth/token?x=${encodeURIComponent(HOSTILE)}`, headers: { 'x-h': HOSTILE }, body: HOSTILE },
    response: { status: 400, headers: { 'content-type': 'text/html', 'x-evil': HOSTILE, location: 'javascript:window.__pwned=6' }, body: HOSTILE },
    violations: [{ requirement: 'TOKEN-ERR-SHAPE', message: HOSTILE, instancePath: HOSTILE, schemaPath: HOSTILE }],
  };
  const tests = [{
    title: `TOKEN-ERR-SHAPE ${HOSTILE}`, file: HOSTILE, line: 1, status: 'failed', durationMs: 5, requirements: ['TOKEN-ERR-SHAPE'],
    findings: [{ id: 'TOKEN-ERR-SHAPE', outcome: 'fail' as const, message: HOSTILE }], evidence: [evidence], screenshots: [], annotations: [], errors: [HOSTILE],
  }];
  const requirements = aggregate(tests, '4.7.0');
  return {
    suite: { name: 'mastodon-oauth-conformance', version: HOSTILE }, contractHash: '0'.repeat(64), registryHash: '0'.repeat(64),
    target: { url: `http://${HOSTILE}`, product: HOSTILE, version: '4.7.0', versionSource: HOSTILE, driver: 'http', driverNote: HOSTILE },
    profile: 'mastodon', startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), durationMs: 1, complete: true,
    setupFailure: { kind: 'setup', message: HOSTILE }, outcome: 'not-conformant', exitCode: 1,
    counts: countVerdicts(requirements), requirements, tests,
  };
}

test('a hostile target cannot run script in the report, and the report fetches nothing', async ({ page }) => {
  const dir = join(tmpdir(), `report-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'conformance.html');
  writeFileSync(file, renderHtml(hostileReport(), () => Buffer.alloc(0)));
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
  for (let round = 0; round < 6; round++) await page.locator('details:not([open])').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  // Links within the page are followed; the only links off the page are the registry's sources, never the target's.
  const offPage = await page.locator('a:not([href^="#"])').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
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
  expect(xml).toContain('name="TOKEN-ERR-SHAPE (MUST)');
});

test('compare puts the requirements whose verdicts differ between targets first, and escapes what targets said', () => {
  const a = hostileReport();
  const b = { ...hostileReport(), requirements: a.requirements.map((q) => (q.id === 'TOKEN-ERR-SHAPE' ? { ...q, verdict: 'pass' as const } : q)) };
  const html = renderCompare([{ name: 'a', report: a }, { name: 'b', report: b }]);
  expect(html).not.toContain('<script>window');
  const firstRow = /<tbody>\s*<tr class="([^"]*)"><td>([^<]+)<\/td>/.exec(html);
  expect(firstRow?.[1]).toBe('differs');
  expect(firstRow?.[2]).toBe('TOKEN-ERR-SHAPE');
  expect(html).toContain(`1 of ${a.requirements.length} requirements differ`);
});
