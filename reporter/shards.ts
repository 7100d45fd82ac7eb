/**
 * The blobs of a sharded run, checked before they are merged. Playwright's blob report knows its shard
 * (`onBlobReportMetadata`), but `merge-reports` hands its reporters a config with `shard: null` and one set of
 * metadata for all blobs: a merge that lacks a shard looks complete from inside it. So each shard's conformance
 * reporter writes a manifest beside its blob (`report-2.zip` → `report-2.conformance.json`): the shard, the suite
 * and the target it judged, and the baseline it applied. The merge reads them all first: a shard missing or there
 * twice, runs of other targets or suite versions, or a blob without its manifest make the merged report incomplete,
 * never a verdict on the target.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunStats } from '../fixtures/client/run-ledger.ts';
import type { SetupFailure } from '../fixtures/run/setup-failure.ts';
import type { BaselineEntry } from './baseline.ts';

export const MANIFEST_SUFFIX = '.conformance.json';

/** What one shard's reporter knew: written beside its blob report. */
export interface ShardManifest {
  /** The suite that ran it: merged by another version, its findings would be folded with another registry. */
  suite: { version: string; registryHash: string; contractHash: string };
  shard?: { current: number; total: number };
  /** Tests were chosen besides the shard (--grep): the merge can be no more than partial. */
  selected: boolean;
  target: { url?: string; embedded?: boolean; product?: string; version?: string; profile: string };
  /** The baseline the shard applied, entries and all: the merged verdict applies the same. */
  baseline?: { file: string; entries: BaselineEntry[] };
  setupFailure?: SetupFailure;
  stats?: RunStats;
}

/** The merge's own account of its blobs, as conformance.json keeps it. */
export interface MergeSummary {
  blobs: number;
  shards?: { total: number; merged: number[]; missing: number[]; repeated: number[] };
  /** Why the merged report is not a verdict on the target; empty when the blobs are one whole run. */
  problems: string[];
}

/** What the merge hands its reporter (reporter/merge.config.ts). */
export interface MergeCheck extends MergeSummary {
  selected: boolean;
  baseline?: ShardManifest['baseline'];
  setupFailure?: SetupFailure;
  stats?: RunStats;
}

/** The manifest's path for a blob report. */
export function manifestPath(zip: string): string {
  return join(dirname(zip), `${basename(zip, '.zip')}${MANIFEST_SUFFIX}`);
}

/** Beside each blob report in the folder (the blob reporter empties it first, so there is one). */
export function writeManifests(blobDir: string, manifest: ShardManifest): void {
  if (!existsSync(blobDir)) return;
  for (const zip of readdirSync(blobDir).filter((f) => f.endsWith('.zip')))
    writeFileSync(manifestPath(join(blobDir, zip)), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads the manifest beside each blob and says whether together they are one whole run of this suite. */
export function checkBlobs(zips: string[], own: ShardManifest['suite']): MergeCheck {
  const problems: string[] = [];
  const manifests: ShardManifest[] = [];
  const without: string[] = [];
  for (const zip of zips) {
    try {
      manifests.push(JSON.parse(readFileSync(manifestPath(zip), 'utf8')) as ShardManifest);
    } catch {
      without.push(basename(zip));
    }
  }
  if (without.length)
    problems.push(
      `${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no ${MANIFEST_SUFFIX} beside ` +
        `${without.length === 1 ? 'it' : 'them'}: not written by this suite's run (or not all of the artifact)`,
    );

  const suite = (s: ShardManifest['suite']) => `${s.version} (registry ${s.registryHash.slice(0, 12)})`;
  const suites = distinct(manifests.map((m) => suite(m.suite)));
  if (suites.some((s) => s !== suite(own)))
    problems.push(`blobs written by suite ${suites.join(' and ')}, merged by suite ${suite(own)}`);

  const targets = distinct(manifests.map((m) => targetOf(m)));
  if (targets.length > 1) problems.push(`blobs of different runs: ${targets.join('; ')}`);

  // By their entries: each job checks the file out in a workspace of its own.
  const baselines = distinct(manifests.map((m) => JSON.stringify(m.baseline?.entries ?? null)));
  if (baselines.length > 1) problems.push('the shards applied different baselines');

  const shards = shardsOf(manifests, problems);
  const failed = manifests.find((m) => m.setupFailure);
  const where = failed?.shard ? `shard ${failed.shard.current} of ${failed.shard.total}: ` : '';
  return {
    blobs: zips.length,
    shards,
    problems,
    selected: manifests.some((m) => m.selected),
    baseline: baselines.length === 1 ? manifests[0]?.baseline : undefined,
    setupFailure: failed ? { ...failed.setupFailure!, message: `${where}${failed.setupFailure!.message}` } : undefined,
    stats: manifests.length && manifests.every((m) => m.stats) ? sum(manifests.map((m) => m.stats!)) : undefined,
  };
}

function shardsOf(manifests: ShardManifest[], problems: string[]): MergeSummary['shards'] {
  const whole = manifests.filter((m) => !m.shard);
  const sharded = manifests.filter((m) => m.shard);
  if (whole.length && sharded.length) problems.push('a run without --shard is merged with shards');
  if (whole.length > 1) problems.push(`${whole.length} runs without --shard are merged together`);
  if (!sharded.length) return undefined;
  const totals = distinct(sharded.map((m) => String(m.shard!.total)));
  if (totals.length > 1) problems.push(`shards of runs split ${totals.join(' and ')} ways are merged together`);
  const total = Math.max(...sharded.map((m) => m.shard!.total));
  const seen = new Map<number, number>();
  for (const m of sharded) seen.set(m.shard!.current, (seen.get(m.shard!.current) ?? 0) + 1);
  const all = Array.from({ length: total }, (_, i) => i + 1);
  const missing = all.filter((i) => !seen.has(i));
  const repeated = all.filter((i) => (seen.get(i) ?? 0) > 1);
  for (const i of missing) problems.push(`shard ${i} of ${total} is missing`);
  for (const i of repeated)
    problems.push(`shard ${i} of ${total} is there ${seen.get(i) === 2 ? 'twice' : `${seen.get(i)} times`}`);
  return { total, merged: all.filter((i) => seen.has(i)), missing, repeated };
}

/** Which run judged what: embedded reference servers differ in port only, so they are named by what they are. */
function targetOf(m: ShardManifest): string {
  const t = m.target;
  const where = t.embedded ? 'the embedded reference server' : (t.url ?? 'an unknown target');
  const at = t.embedded ? '' : ` at ${where}`;
  return `${t.product ?? where}${at}, judged as ${t.version ?? '?'}, profile ${t.profile}`;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

function sum(all: RunStats[]): RunStats {
  const total = { ...all[0]! };
  for (const s of all.slice(1))
    for (const k of Object.keys(total) as (keyof RunStats)[]) total[k] = (total[k] ?? 0) + (s[k] ?? 0);
  return total;
}
