import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SILENCED_FIXTURES } from '../../fixtures/api/silent-fixtures.ts';

/**
 * fixtures/api/test.ts replaces Playwright's own per-test automatic fixtures with ones that do nothing (each of them
 * cost a captured stack per set-up and teardown). Their names are Playwright's, not public: after an upgrade that
 * renames one or adds another, the replacement would silently stop replacing. Read from Playwright's own source.
 */
test("every per-test automatic fixture of Playwright's is one the suite silences", () => {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('playwright/package.json')), 'lib', 'index.js');
  const source = readFileSync(lib, 'utf8');
  // `  name: [async (...) => { ... }, { auto: ..., ... }],` at the top level of Playwright's fixtures object.
  const perTestAuto = [...source.matchAll(/^ {2}(\w+): \[async \([\s\S]*?^ {2}\}, (\{[^\n]*\})\],$/gm)]
    .filter(([, , options]) => /auto: /.test(options!) && !/scope: "worker"/.test(options!))
    .map(([, name]) => name!)
    .sort();
  expect(perTestAuto.length, `no per-test automatic fixture found in ${lib}: has its layout changed?`).toBeGreaterThan(
    0,
  );
  expect(perTestAuto).toEqual([...SILENCED_FIXTURES].sort());
});
