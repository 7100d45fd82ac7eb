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
  const allowed = (to: string) => under('fixtures/reference-server')(to) || to === 'fixtures/version.ts';
  const all = imports('fixtures/reference-server');
  expect(all.length, "the scanner sees the server's own imports").toBeGreaterThan(100);
  expect(show(all.filter((i) => !allowed(i.to)))).toEqual([]);
});

test('conformance specs never import the reference server, the reporter or the CLI', () => {
  const conformance = imports('specs').filter((i) => !under('specs/_meta')(i.from));
  const banned = (to: string) => ['fixtures/reference-server', 'reporter', 'cli'].some((f) => under(f)(to));
  expect(show(conformance.filter((i) => banned(i.to)))).toEqual([]);
});

test('the reporter reads results: it never imports the test fixtures, flows, consent drivers, the reference server or the CLI', () => {
  const banned = (to: string) =>
    ['fixtures/test.ts', 'fixtures/flows.ts'].includes(to) ||
    ['fixtures/consent', 'fixtures/reference-server', 'cli'].some((f) => under(f)(to));
  expect(show(imports('reporter').filter((i) => banned(i.to)))).toEqual([]);
});

test('the harness never reaches up into specs, the reporter or the CLI', () => {
  const harness = imports('fixtures').filter((i) => !under('fixtures/reference-server')(i.from));
  const banned = (to: string) => ['specs', 'reporter', 'cli'].some((f) => under(f)(to));
  expect(show(harness.filter((i) => banned(i.to)))).toEqual([]);
});
