import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { cacheFile, IGNORE_ALL, readCache, writeCache } from '../../fixtures/run/app-cache.ts';

const state = {
  target: 'https://staging.example',
  reported: '4.3.2',
  savedAt: '2026-01-01T00:00:00.000Z',
  apps: {},
} as unknown as Parameters<typeof writeCache>[1];

/** The app cache lies in the user's working folder, usually a git repository that is not the suite's. */
test('the app cache folder ignores itself: git in the user’s repository sees no client secret', () => {
  const repo = mkdtempSync(join(tmpdir(), 'user-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const file = cacheFile(join(repo, '.conformance/apps'), state.target);
  writeCache(file, state);
  expect(readCache(file, state.target, state.reported)?.target).toBe(state.target);
  expect(readFileSync(join(repo, '.conformance/apps/.gitignore'), 'utf8')).toBe(IGNORE_ALL);
  expect(statSync(join(repo, '.conformance/apps')).mode & 0o777).toBe(0o700);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const untracked = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: repo,
    encoding: 'utf8',
  });
  expect(untracked, 'files git would offer to commit').toBe('');
});

test('a .gitignore the user wrote in the cache folder is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apps-'));
  writeFileSync(join(dir, '.gitignore'), '*.json\n');
  writeCache(cacheFile(dir, state.target), state);
  expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('*.json\n');
});
