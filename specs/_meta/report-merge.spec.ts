import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkBlobs, manifestPath, type ShardManifest } from '../../reporter/shards.ts';

// What `merge` makes of the blobs it is given, before Playwright folds them: one whole run, or why not. The merge
// itself, with real shards, is ci-workflow.spec's.
const SUITE = { version: '0.1.0', registryHash: 'a'.repeat(64), contractHash: 'c'.repeat(64) };

function manifest(current: number | undefined, total: number, over: Partial<ShardManifest> = {}): ShardManifest {
  return {
    suite: SUITE,
    shard: current === undefined ? undefined : { current, total },
    selected: false,
    target: { url: 'https://staging.example', product: 'Mastodon 4.3.2', version: '4.3.2', profile: 'mastodon' },
    baseline: { file: '/ci/conformance-baseline.yaml', entries: [{ id: 'REVOKE-FOREIGN', reason: 'tracked in #1' }] },
    stats: {
      requests: 10,
      appsRegistered: 1,
      appsReused: 0,
      signIns: 1,
      browserPages: 2,
      tokensCreated: 3,
      tokensRevoked: 3,
      tokensLeft: 0,
    },
    ...over,
  };
}

/** Blob folders as download-artifact lays them out: one folder per artifact, a zip and its manifest in each. */
function blobs(...manifests: (ShardManifest | undefined)[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'blobs-'));
  return manifests.map((m, i) => {
    const dir = join(root, `conformance-blobs-${i + 1}`);
    mkdirSync(dir);
    const zip = join(dir, `report-${m?.shard?.current ?? 0}.zip`);
    writeFileSync(zip, '');
    if (m) writeFileSync(manifestPath(zip), JSON.stringify(m));
    return zip;
  });
}

test('every shard once, of one target and this suite: one whole run, with its baseline and summed cost', () => {
  const check = checkBlobs(blobs(manifest(1, 3), manifest(2, 3), manifest(3, 3)), SUITE);
  expect(check.problems).toEqual([]);
  expect(check.shards).toEqual({ total: 3, merged: [1, 2, 3], missing: [], repeated: [] });
  expect(check.baseline?.entries.map((e) => e.id)).toEqual(['REVOKE-FOREIGN']);
  expect(check.stats?.requests).toBe(30);
  expect(checkBlobs(blobs(manifest(undefined, 1)), SUITE).problems).toEqual([]);
});

test('a shard missing, or there twice, is named', () => {
  const lacking = checkBlobs(blobs(manifest(1, 3), manifest(3, 3)), SUITE);
  expect(lacking.problems).toEqual(['shard 2 of 3 is missing']);
  expect(lacking.shards?.missing).toEqual([2]);
  const twice = checkBlobs(blobs(manifest(1, 2), manifest(1, 2), manifest(2, 2)), SUITE);
  expect(twice.problems).toEqual(['shard 1 of 2 is there twice']);
  expect(twice.shards?.repeated).toEqual([1]);
});

test('runs of another target, profile, version of the suite, split or baseline are not one run', () => {
  const other = manifest(2, 2, { target: { url: 'https://prod.example', profile: 'mastodon', version: '4.3.2' } });
  expect(checkBlobs(blobs(manifest(1, 2), other), SUITE).problems).toEqual([
    expect.stringMatching(
      /^blobs of different runs: Mastodon 4\.3\.2 at https:\/\/staging\.example.*; .*prod\.example/,
    ),
  ]);
  const strict = manifest(2, 2, { target: { ...manifest(1, 2).target, profile: 'rfc-strict' } });
  expect(checkBlobs(blobs(manifest(1, 2), strict), SUITE).problems[0]).toMatch(/profile rfc-strict/);
  const older = manifest(2, 2, { suite: { ...SUITE, version: '0.0.9', registryHash: 'b'.repeat(64) } });
  expect(checkBlobs(blobs(manifest(1, 2), older), SUITE).problems).toEqual([
    `blobs written by suite 0.1.0 (registry ${'a'.repeat(12)}) and 0.0.9 (registry ${'b'.repeat(12)}), ` +
      `merged by suite 0.1.0 (registry ${'a'.repeat(12)})`,
  ]);
  expect(checkBlobs(blobs(manifest(1, 2), manifest(1, 3), manifest(2, 2)), SUITE).problems).toContain(
    'shards of runs split 2 and 3 ways are merged together',
  );
  expect(checkBlobs(blobs(manifest(1, 2), manifest(2, 2, { baseline: undefined })), SUITE).problems).toEqual([
    'the shards applied different baselines',
  ]);
  expect(checkBlobs(blobs(manifest(undefined, 1), manifest(1, 2), manifest(2, 2)), SUITE).problems).toContain(
    'a run without --shard is merged with shards',
  );
});

test('a blob without its manifest (another tool, a partial artifact) is not taken for a whole run', () => {
  const check = checkBlobs(blobs(manifest(1, 2), undefined), SUITE);
  expect(check.problems).toEqual([
    "report-0.zip has no .conformance.json beside it: not written by this suite's run (or not all of the artifact)",
    'shard 2 of 2 is missing',
  ]);
  expect(check.baseline).toBeDefined();
});

test('a shard that could not start carries its reason into the merge, and a --grep in a shard makes it partial', () => {
  const failed = manifest(2, 2, { setupFailure: { kind: 'rate-limited', message: 'the target answered 429' } });
  expect(checkBlobs(blobs(manifest(1, 2), failed), SUITE).setupFailure).toEqual({
    kind: 'rate-limited',
    message: 'shard 2 of 2: the target answered 429',
  });
  expect(checkBlobs(blobs(manifest(1, 2, { selected: true }), manifest(2, 2)), SUITE).selected).toBe(true);
});
