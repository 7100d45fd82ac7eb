import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, sourcesUnder } from './support/run-suite.ts';

/**
 * The import directions between the layers, checked on the source: the reference server stands alone (it is a
 * target, and must not know the harness that judges it); conformance specs know nothing of the server they talk to;
 * the reporter reads results, it never drives a run; the harness never reaches up into specs, reporter or CLI.
 */
interface Import {
  from: string;
  to: string;
}

/** Relative imports (static and dynamic) of each file, resolved to paths from the project root. */
function imports(dir: string): Import[] {
  return sourcesUnder(dir).flatMap((from) => {
    const text = readFileSync(join(ROOT, from), 'utf8');
    const specifiers = [...text.matchAll(/(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
    return specifiers.map((s) => ({ from, to: relative(ROOT, resolve(ROOT, dirname(from), s)) }));
  });
}

const under = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}/`);
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.to}`);

test('the reference server imports nothing of the harness: only itself and the pure version library', () => {
  const allowed = (to: string) => under('fixtures/reference-server')(to) || to === 'fixtures/core/version.ts';
  const all = imports('fixtures/reference-server');
  expect(all.length, "the scanner sees the server's own imports").toBeGreaterThan(100);
  expect(show(all.filter((i) => !allowed(i.to)))).toEqual([]);
});

test('conformance specs import the test API (fixtures/api/index.ts) and nothing else of the project', () => {
  const conformance = imports('specs').filter((i) => !under('specs/_meta')(i.from));
  expect(conformance.length, "the scanner sees the specs' imports").toBeGreaterThan(30);
  expect(show(conformance.filter((i) => i.to !== 'fixtures/api/index.ts'))).toEqual([]);
});

/** The harness's layers, lowest first: each may import its own layer and those below it, never one above. */
const LAYERS = ['fixtures/core', 'fixtures/client', 'fixtures/consent', 'fixtures/run', 'fixtures/api'];
const layerOf = (path: string) => LAYERS.findIndex((l) => under(l)(path));

test('every harness file lives in a layer folder, and no layer imports one above it', () => {
  const loose = sourcesUnder('fixtures').filter((f) => !under('fixtures/reference-server')(f) && layerOf(f) < 0);
  expect(loose, 'fixtures/ holds only its layer folders and the reference server').toEqual([]);
  const harness = imports('fixtures').filter((i) => layerOf(i.from) >= 0 && under('fixtures')(i.to));
  expect(harness.length).toBeGreaterThan(50);
  // Run orchestration starts the embedded target: through the server's front door, and only from the run layer.
  const startsTarget = (i: Import) => under('fixtures/run')(i.from) && i.to === 'fixtures/reference-server/index.ts';
  const upward = harness.filter((i) => !startsTarget(i) && (layerOf(i.to) < 0 || layerOf(i.to) > layerOf(i.from)));
  expect(show(upward)).toEqual([]);
});

test("the reporter reads results: the harness's core, the run's folder and the ledger's counts, never a driver", () => {
  const reporter = imports('reporter').filter((i) => under('fixtures')(i.to));
  expect(reporter.length).toBeGreaterThan(5);
  const reads = (to: string) =>
    under('fixtures/core')(to) || under('fixtures/run')(to) || to === 'fixtures/client/run-ledger.ts';
  expect(show(reporter.filter((i) => !reads(i.to)))).toEqual([]);
});

test('the harness never reaches up into specs, the reporter or the CLI', () => {
  const harness = imports('fixtures').filter((i) => !under('fixtures/reference-server')(i.from));
  const banned = (to: string) => ['specs', 'reporter', 'cli'].some((f) => under(f)(to));
  expect(show(harness.filter((i) => banned(i.to)))).toEqual([]);
});
