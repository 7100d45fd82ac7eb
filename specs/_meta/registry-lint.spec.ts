import { expect, test } from '@playwright/test';
import { registry } from '../../fixtures/core/registry.ts';
import { listConformanceTests, type ListedTest } from './support/list-tests.ts';

// The suite's metadata is data; this lint keeps the tests, their titles and the registry in step (as test262's linter
// does).
let tests: ListedTest[] = [];
test.beforeAll(() => {
  tests = listConformanceTests();
});

test('every conformance test names at least one requirement, and its title starts with the first', () => {
  const bad = tests.filter((t) => t.requirements.length === 0 || !t.title.startsWith(`${t.requirements[0]} `));
  expect(bad.map((t) => `${t.file}: ${t.title}`)).toEqual([]);
});

test('every ID a test names exists in the registry', () => {
  const ids = registry();
  const unknown = tests.flatMap((t) => t.requirements.filter((id) => !ids.has(id)).map((id) => `${t.file}: ${id}`));
  expect(unknown).toEqual([]);
});

test('every requirement has a test or a recorded reason why it has none', () => {
  const tested = new Set(tests.flatMap((t) => t.requirements));
  const orphans = [...registry().values()].filter((r) => !tested.has(r.id) && !r.untested).map((r) => r.id);
  expect(orphans, 'give each a test, or an `untested:` reason in openapi/requirements.yaml').toEqual([]);
});

test('a requirement with a recorded reason has no test, so the reason cannot go stale', () => {
  const tested = new Set(tests.flatMap((t) => t.requirements));
  expect([...registry().values()].filter((r) => r.untested && tested.has(r.id)).map((r) => r.id)).toEqual([]);
});

test('no requirement is tested in two files by accident (a family of cases lives in one file)', () => {
  const files = new Map<string, Set<string>>();
  for (const t of tests) for (const id of t.requirements) files.set(id, (files.get(id) ?? new Set()).add(t.file));
  expect([...files].filter(([, f]) => f.size > 1).map(([id, f]) => `${id}: ${[...f].join(', ')}`)).toEqual([]);
});

test('titles are unique and made of constant text (no ports, tokens or timestamps)', () => {
  const titles = tests.map((t) => t.title);
  expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  expect(titles.filter((t) => /127\.0\.0\.1|localhost:\d+|\d{10}/.test(t))).toEqual([]);
});

test('counts: requirements by level, tested and with a reason', () => {
  const tested = new Set(tests.flatMap((t) => t.requirements));
  const rows = [...registry().values()];
  const line = (['MUST', 'SHOULD', 'MAY'] as const).map((level) => {
    const of = rows.filter((r) => r.level === level);
    const testedCount = of.filter((r) => tested.has(r.id)).length;
    return `${level} ${of.length} (${testedCount} tested, ${of.filter((r) => r.untested).length} with a reason)`;
  });
  console.log(`registry: ${rows.length} requirements — ${line.join(' · ')}; ${tests.length} conformance tests`);
  expect(rows.length).toBeGreaterThan(90);
  expect(tests.length).toBeGreaterThan(0);
});
