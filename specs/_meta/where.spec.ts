import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatWhere, mutantFile, referenceServerFiles, where, whereInCode, writeWhereIndex } from '../../cli/where.ts';
import { listMutants } from '../../fixtures/reference-server/index.ts';
import { registry } from '../../fixtures/core/registry.ts';
import { ROOT } from './support/run-suite.ts';

/** `npm run where ID` follows links generated from the code; these keep every link it prints true. */

test('every tested requirement leads to the test declared for it', () => {
  const orphans = [...registry().values()]
    .filter((r) => !r.untested && where(r.id)!.tests.length === 0)
    .map((r) => r.id);
  expect(orphans).toEqual([]);
});

test("every mutant's file is named after it", () => {
  const missing = listMutants()
    .map((m) => mutantFile(m.id))
    .filter((file) => !existsSync(join(ROOT, file)));
  expect(missing).toEqual([]);
});

test('every requirement ID the reference server names beside a step exists in the registry', () => {
  const known = registry();
  const unknown = referenceServerFiles().flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^\s*step\(|^\s*branch\(/.test(line) && line.includes('//'))
      .flatMap((line) => line.slice(line.indexOf('//') + 2).match(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:-\*)?/g) ?? [])
      // `ENTITY-TOKEN-*` names a family: at least one ID must start with it.
      .filter((id) =>
        id.endsWith('-*') ? ![...known.keys()].some((k) => k.startsWith(id.slice(0, -1))) : !known.has(id),
      )
      .map((id) => `${file}: ${id}`),
  );
  expect(unknown).toEqual([]);
});

test('where names the registry entry, the test, the mutants and the reference step of a requirement', () => {
  const w = where('REVOKE-FOREIGN')!;
  expect(w.tests.map((p) => p.file)).toEqual(['specs/revoke/revoking-another-apps-token-is-refused.spec.ts']);
  expect(w.mutants.map((m) => m.id)).toContain('revoke-ignores-ownership');
  expect(
    w.referenceSteps.some(
      (p) => p.file === 'fixtures/reference-server/routes/revoke.ts' && p.text.includes('refuseForeignToken'),
    ),
  ).toBe(true);
  expect(formatWhere(w)).toContain('REVOKE-FOREIGN (MUST');
  expect(where('NO-SUCH-REQUIREMENT')).toBeUndefined();
  // A declaration spread over lines (test(, title, requirement) is one test at its test( line, with its title.
  const reuse = where('TOKEN-CODE-REUSE')!;
  expect(reuse.tests).toHaveLength(1);
  expect(reuse.tests[0]!.text).toMatch(/^test\(\s*'TOKEN-CODE-REUSE a second exchange/);
  expect(
    reuse.alsoJudgedAt.filter((p) => p.file === reuse.tests[0]!.file && p.line <= reuse.tests[0]!.line + 2),
  ).toEqual([]);
});

test('the installed package’s index answers as the code does; the answer names CATALOGUE.md and links sources', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'where-')), 'where.json');
  writeWhereIndex(file);
  const index = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(index)).toEqual([...registry().keys()]);
  const { requirement: _, ...inCode } = whereInCode('REVOKE-FOREIGN')!;
  expect(index['REVOKE-FOREIGN']).toEqual(inCode);
  const text = formatWhere(where('REVOKE-FOREIGN')!, { run: 'npx mastodon-oauth-conformance', filesIn: 'https://x' });
  expect(text).toContain('CATALOGUE.md §1.8');
  expect(text).toContain('https://github.com/doorkeeper-gem/doorkeeper/blob/');
  expect(text).toContain('(npx mastodon-oauth-conformance --mutant revoke-ignores-ownership)');
});
