import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ajvForReport } from './support/report-schema.ts';
import { filesUnder, idsWith, ROOT, runSuite, type SuiteRun } from './support/run-suite.ts';

/** Every raw secret the reference server issued or received, searched for in every file the run wrote. */
function leaks(run: SuiteRun): string[] {
  const secrets = (run.reference?.secrets ?? []).filter((s) => s.length >= 8);
  const hits: string[] = [];
  for (const file of [...filesUnder(run.reportDir), ...filesUnder(run.outputDir)]) {
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    for (const s of secrets)
      if (text.includes(s) || bytes.includes(Buffer.from(s).toString('base64')))
        hits.push(`${file}: ${s.slice(0, 4)}…`);
  }
  if (run.output) for (const s of secrets) if (run.output.includes(s)) hits.push(`console: ${s.slice(0, 4)}…`);
  return hits;
}

test.describe.configure({ mode: 'parallel' });

test(
  'the clean reference server passes every applicable ' + 'requirement through a real browser, and nothing leaks',
  async ({ page }) => {
    test.setTimeout(240_000);
    // Three workers: one more than the default, so one more main app; the embedded server's registration budget grows
    // with the run's plan (5 apps and the refused one here), where Mastodon's 5 would stop the run at setup.
    const run = await runSuite(['--workers', '3']);
    expect(run.report, run.output.slice(-3000)).toBeDefined();
    const report = run.report!;
    expect(idsWith(report, 'fail', 'warn', 'info', 'error', 'blocked'), run.output.slice(-3000)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(report.outcome).toBe('conformant');
    expect(report.target.driver).toBe('browser');
    expect(report.counts.pass).toBeGreaterThan(85);
    // Every token the suite created was revoked again.
    expect(run.reference?.stats.liveTokens).toBe(0);
    expect(run.reference?.stats.signIns).toBe(1);
    expect(run.reference?.stats.appsRegistered).toBe(5);
    // The reports exist, the JSON matches its schema, and the browser's pictures made it in.
    for (const f of ['conformance.json', 'conformance.html', 'junit.xml'])
      expect(statSync(join(run.reportDir, f)).size).toBeGreaterThan(0);
    const validate = ajvForReport();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.tests.some((t) => t.screenshots.length > 0)).toBe(true);
    expect(leaks(run)).toEqual([]);
    expect(run.reference!.secrets.length).toBeGreaterThan(20);

    // The HTML report, as a person opens it: offline, the verdict first, and evidence behind each requirement.
    const outside: string[] = [];
    page.on(
      'request',
      (r) => void (r.url().startsWith('file:') || r.url().startsWith('data:') || outside.push(r.url())),
    );
    await page.goto(`file://${join(run.reportDir, 'conformance.html')}`);
    await expect(page.locator('.verdict')).toHaveText('Conformant');
    await expect(page.locator('#attention h2')).toHaveText('Needs attention: nothing');
    const row = page.locator('details.req[id="REVOKE-FOREIGN"]');
    await row.locator('summary').first().click();
    await expect(row.locator('summary .why')).toHaveText(/^Passed: /);
    await row
      .locator('summary', { hasText: /^(All \d+ tests and their exchanges|The test and its exchanges)$/ })
      .click();
    await row.locator('details.more details.more > summary').first().click();
    await expect(row).toContainText('POST /oauth/revoke');
    await expect(row).toContainText('403');
    // Pictures of the consent page are built with their row's evidence.
    const consent = page.locator('details.req[id="AUTHZ-APPROVE-REDIRECT"]');
    await consent.locator('summary').first().click();
    await consent
      .locator('summary', { hasText: /^(All \d+ tests and their exchanges|The test and its exchanges)$/ })
      .click();
    // The page builds what a <details> holds when it opens, and a click on an open one closes it: open every level
    // of the row until the pictures are there, rather than click each test once and count at once.
    const pictured = report.tests.filter((t) => t.screenshots.length).map((t) => t.title.slice(0, 60));
    await expect
      .poll(
        async () => {
          await consent.locator('details:not([open])').evaluateAll((all) => {
            for (const d of all) (d as HTMLDetailsElement).open = true;
          });
          return consent.locator('img.shot').count();
        },
        { message: `tests with pictures: ${pictured.join('; ')}` },
      )
      .toBeGreaterThan(0);
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'reports', 'conformance-report.png'), fullPage: false });
    expect(outside).toEqual([]);
  },
);

for (const [version, notApplicable] of [
  [
    '4.2.0',
    [
      'APP-CREATE-REDIRECT-MULTI',
      'AUTHZ-ERR-PAGE',
      'META-OK',
      'PKCE-S256-OK',
      'REVOKE-CORS',
      'TOKEN-200-HEADERS-PRAGMA',
      'TOKEN-AUTH-MULTI',
      'USERINFO-OK',
    ],
  ],
  ['4.3.0', ['TOKEN-200-HEADERS-PRAGMA', 'TOKEN-AUTH-MULTI', 'USERINFO-OK']],
] as const) {
  const newer = 'with the newer requirements not applicable';
  test(`the reference server pretending to be Mastodon ${version} passes, ${newer}`, async () => {
    test.setTimeout(240_000);
    const run = await runSuite(['--driver', 'http', '--reference-version', version]);
    const report = run.report!;
    expect(idsWith(report, 'fail', 'warn', 'info', 'error', 'blocked'), run.output.slice(-3000)).toEqual([]);
    expect(run.exitCode).toBe(0);
    const na = idsWith(report, 'not-applicable');
    for (const id of notApplicable) expect(na).toContain(id);
    console.log(`Mastodon ${version}: ${na.length} not applicable: ${na.join(' ')}`);
  });
}

test('under --profile rfc-strict, exactly the rows where Mastodon departs from the RFCs are reported', async () => {
  test.setTimeout(240_000);
  const run = await runSuite(['--driver', 'http', '--profile', 'rfc-strict']);
  const report = run.report!;
  expect(report.profile).toBe('rfc-strict');
  // Mastodon 4.7 keeps Doorkeeper's ways where the RFCs ask otherwise (catalogue §2): MUSTs fail, SHOULDs warn.
  expect(idsWith(report, 'fail'), run.output.slice(-3000)).toEqual([
    'AUTHZ-ERR-PAGE',
    'PKCE-METHOD',
    'REVOKE-BAD-CLIENT',
    'REVOKE-MISSING-TOKEN',
  ]);
  expect(idsWith(report, 'warn')).toEqual([
    'AUTHZ-REDIRECT-MATCH',
    'META-ENDPOINTS',
    'REVOKE-HINT',
    'TOKEN-CODE-REUSE-NO-REVOKE',
  ]);
  expect(idsWith(report, 'error', 'blocked', 'info')).toEqual([]);
  expect(run.exitCode).toBe(1);
});
