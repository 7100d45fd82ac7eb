import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from './support/run-suite.ts';

// The HTML report of a real run against a mutant, opened in Chromium: the repeated root cause is one entry.
test(
  'a run against token-without-created-at: the failures box leads ' +
    'to one root cause with its count, example and schema line',
  async ({ page }) => {
    test.setTimeout(240_000);
    const run = await runSuite(['--mutant', 'token-without-created-at', '--driver', 'http']);
    expect(run.exitCode, run.output.slice(-2000)).toBe(1);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${join(run.reportDir, 'conformance.html')}`);
    const item = page.locator('#attention li', { hasText: 'ENTITY-TOKEN-CREATED' });
    await expect(item).toContainText('/created_at is required but missing');
    await expect(item).toContainText(/seen \d+× in \d+ tests/);
    await item.locator('a[href="#ENTITY-TOKEN-CREATED"]').click();
    const row = page.locator('details.req[id="ENTITY-TOKEN-CREATED"]');
    await expect(row).toHaveAttribute('open', '');
    // The contract check of every token answer is one entry, however many exchanges repeated it.
    const cause = row.locator('.cause', {
      hasText: 'contract: POST /oauth/token 200 body: /created_at is required but missing',
    });
    await expect(cause).toHaveCount(1);
    const causes = await row.locator('.cause > div:first-child').allTextContents();
    console.log(`ENTITY-TOKEN-CREATED causes: ${causes.join(' | ')}; ` + `${await cause.locator('.n').textContent()}`);
    await expect(cause.locator('.loc').first()).toHaveText(/^openapi\/mastodon-oauth\.yaml:\d+$/);
    await expect(cause.locator('details.ex.example .miss')).toHaveText('(no "created_at" in this body)');
    await expect(row.locator('.cmds pre')).toHaveText(
      'npx mastodon-oauth-conformance --mutant token-without-created-at --driver http ' +
        "--grep '(^| )ENTITY-TOKEN-CREATED '",
    );
    expect(errors).toEqual([]);
  },
);
