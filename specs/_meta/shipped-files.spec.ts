import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TREES } from '../../reporter/html/sources.ts';
import { ROOT } from './support/run-suite.ts';
import { shippedFiles } from './support/shipped.ts';

/** What a user gets names no folder of one machine and links upstream, at a commit or a tag, never a fork. */

/** Folders that exist on one machine only: a checkout, a home, a mount. Debian's /usr paths are everyone's. */
const MACHINE_PATH = /(?<![\w.~/-])\/(?:work|home|Users|root|mnt|srv)\/[\w.-]+|(?<![\w.])\.\.\/shared\//g;
/** The upstream repositories of the sources the registry cites. */
const UPSTREAM: string[] = [...new Set(Object.values(TREES).map((t) => t.repo))];
const GITHUB = /https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)(?:\/(blob|tree|commit|pull)\/([^/\s)'"`#$]+))?/g;

function offences(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(MACHINE_PATH)) found.push(`${file}: names a folder of one machine: ${m[0]}`);
  if (/mjankowski/i.test(text)) found.push(`${file}: names a personal fork (mjankowski)`);
  for (const [url, owner, repo, kind, ref] of text.matchAll(GITHUB)) {
    const name = repo!.replace(/\.git$/, '');
    // Another owner's copy of a repository the sources come from is a fork.
    const forked = UPSTREAM.find((u) => u.split('/')[1] === name && u !== `${owner}/${name}`);
    if (forked) found.push(`${file}: links a fork (${url}) instead of ${forked}`);
    if ((kind === 'blob' || kind === 'tree' || kind === 'commit') && !/^([0-9a-f]{7,40}|v\d+\.\d+\.\d+)$/.test(ref!))
      found.push(`${file}: links ${url} at ${ref}, not at a commit or a release tag`);
    if (kind === 'pull') found.push(`${file}: links a pull request (${url}); link the commit it merged`);
  }
  return found;
}

test('no shipped file names a folder of one machine or links a fork, and every upstream link is pinned', () => {
  const files = shippedFiles();
  expect(files).toContain('openapi/requirements.yaml');
  expect(files).toContain('reporter/html/sources.ts');
  expect(files.flatMap(offences)).toEqual([]);
});

test('the check sees a machine path, a fork and an unpinned link', () => {
  const probe = (text: string) => {
    const m = [...text.matchAll(MACHINE_PATH)].length;
    const links = [...text.matchAll(GITHUB)].map(([, owner, repo, kind, ref]) => ({ owner, repo, kind, ref }));
    return { m, links };
  };
  expect(probe('# (/work/shared/reference/x.md)').m).toBe(1);
  expect(probe("resolve(ROOT, '../shared/reference/x.md')").m).toBe(1);
  expect(probe('/usr/bin/chromium and /opt/google/chrome/chrome').m).toBe(0);
  expect(probe('https://github.com/mjankowski/mastodon/blob/main/x.rb').links).toEqual([
    { owner: 'mjankowski', repo: 'mastodon', kind: 'blob', ref: 'main' },
  ]);
});
