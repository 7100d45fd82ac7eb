import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { suiteCheckouts, readmeWorkflow } from './support/readme-workflow.ts';
import { ROOT } from './support/run-suite.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
  homepage?: string;
};

/**
 * The GNU AGPL v3 as spdx-license-list 6.12.0 ships it (licenses/AGPL-3.0-or-later.json, `licenseText`), written to
 * LICENSE unchanged: its sha256, so that nobody edits the licence by hand.
 */
const AGPL_3_0_SHA256 = 'd8a6cc31abc16b6748c7a21f21611f5a1ec33f67d22ca23d7da1c19b95496bee';

test('LICENSE is the full text of the licence package.json declares', () => {
  const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  expect(pkg.license).toBe('AGPL-3.0-or-later');
  expect(text.split('\n').slice(0, 2)).toEqual(['GNU AFFERO GENERAL PUBLIC LICENSE', 'Version 3, 19 November 2007']);
  // "or later": the licence's own notice lets a program be used under version 3 or any later one.
  expect(text).toContain('either version 3 of the License, or (at your option) any later version');
  expect(text).toContain('END OF TERMS AND CONDITIONS');
  expect(createHash('sha256').update(text).digest('hex')).toBe(AGPL_3_0_SHA256);
});

test('package.json names the repository, its issues and its home: the one the README clones and checks out', () => {
  const repo = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(pkg.repository?.url ?? '')?.[1];
  expect(repo, 'repository.url').toBeDefined();
  expect(pkg.repository?.type).toBe('git');
  expect(pkg.bugs?.url).toBe(`https://github.com/${repo}/issues`);
  expect(pkg.homepage).toBe(`https://github.com/${repo}#readme`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain(`git clone https://github.com/${repo}`);
  expect(suiteCheckouts(readmeWorkflow()).map((s) => s.with!.repository)).toEqual([repo, repo]);
});

test('git ignores the tarballs npm pack writes', () => {
  const ignored = execFileSync('git', ['check-ignore', '--no-index', 'mastodon-oauth-conformance-0.1.0.tgz'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(ignored.trim()).toBe('mastodon-oauth-conformance-0.1.0.tgz');
});
