import { expect, test } from '@playwright/test';
import {
  compareVersions,
  hasSince,
  inWindow,
  isPreReleaseOf,
  parseVersion,
  preRelease,
} from '../../fixtures/core/version.ts';

/** What targets report (`/api/v1/instance` `version`) and what the registry's windows make of it. */

test('the versions targets report parse to the Mastodon version they name, pre-release tag and all', () => {
  const cases: [string, [number, number, number] | undefined, string | undefined][] = [
    ['4.3.2', [4, 3, 2], undefined],
    ['4.3.0-rc.1', [4, 3, 0], 'rc.1'],
    ['4.4.0-beta.2', [4, 4, 0], 'beta.2'],
    ['4.2.0 (compatible; GoToSocial 0.17.0)', [4, 2, 0], undefined],
    ['3.5.3+0.19.2', [3, 5, 3], undefined],
    ['4.2.0+glitch', [4, 2, 0], undefined],
    ['4.3.0-alpha.5+glitch', [4, 3, 0], 'alpha.5'],
    ['4.3', [4, 3, 0], undefined],
    ['v4.1.0', [4, 1, 0], undefined],
    ['4', undefined, undefined],
    ['unknown', undefined, undefined],
  ];
  for (const [text, version, tag] of cases) {
    expect(parseVersion(text), text).toEqual(version);
    expect(preRelease(text), text).toBe(tag);
  }
});

test('versions order as semver does: pre-releases below their release, numbers numerically, build tags ignored', () => {
  const ordered = ['4.2.0', '4.3.0-alpha.4', '4.3.0-alpha.5', '4.3.0-alpha.10', '4.3.0-beta.1', '4.3.0-rc.1', '4.3.0'];
  for (let i = 1; i < ordered.length; i++)
    expect(compareVersions(ordered[i - 1]!, ordered[i]!), ordered[i]).toBeLessThan(0);
  expect(compareVersions('4.3.0+glitch', '4.3.0')).toBe(0);
  expect(compareVersions('4.2.0 (compatible; GoToSocial 0.17.0)', '4.2.0')).toBe(0);
  expect(compareVersions('3.5.3+0.19.2', '3.5.4')).toBeLessThan(0);
  expect(compareVersions('4.10.0', '4.9.9')).toBeGreaterThan(0);
  expect(() => compareVersions('unknown', '4.3.0')).toThrow(/not a version/);
});

test('a window is since-inclusive and until-exclusive, and never judged on a pre-release of either bound', () => {
  expect(inWindow('4.3.9', '0.0.0', '4.4.0')).toBe(true);
  expect(inWindow('4.4.0', '0.0.0', '4.4.0')).toBe(false);
  expect(inWindow('4.4.0-alpha.1', '0.0.0', '4.4.0')).toBe(false);
  expect(inWindow('4.3.0', '4.3.0')).toBe(true);
  expect(inWindow('4.3.0-rc.1', '4.3.0')).toBe(false);
  expect(inWindow('4.2.0 (compatible; GoToSocial 0.17.0)', '4.3.0')).toBe(false);
  expect(isPreReleaseOf('4.4.0-alpha.1', '4.4.0')).toBe(true);
  expect(isPreReleaseOf('4.4.1-alpha.1', '4.4.0')).toBe(false);
  expect(hasSince('4.4.0-beta.1', '4.4.0')).toBeUndefined();
  expect(hasSince('4.5.0-beta.1', '4.4.0')).toBe(true);
});
