/**
 * The approve-* and deny-* verdicts rest on a consent form that was shown and submitted (issue #11: AUTHZ-APPROVE-
 * REDIRECT passed in a run where the server auto-approved and no consent page was ever shown). Against a server that
 * never shows the page, they are blocked, never passed.
 */
import { expect, test } from '@playwright/test';
import { runSuite } from './support/run-suite.ts';

test('approve and deny requirements are blocked, not passed, when the consent page is never shown', async () => {
  test.setTimeout(120_000);
  const run = await runSuite([
    '--driver',
    'http',
    '--mutant',
    'consent-never-shown',
    '--grep',
    'AUTHZ-APPROVE-REDIRECT|AUTHZ-DENY-REDIRECT',
  ]);
  const verdict = (id: string) => run.report?.requirements.find((r) => r.id === id)?.verdict;
  expect(verdict('AUTHZ-APPROVE-REDIRECT'), run.output.slice(-2000)).toBe('blocked');
  expect(verdict('AUTHZ-DENY-REDIRECT')).toBe('blocked');
});
