import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import config from './playwright.config.ts';
import { ROOT } from './support/run-suite.ts';

/** What runs in which tier: the unit tier stays pure, so that a change to a checker is judged in seconds. */

/** What a unit self-test may not do: start a server or a browser, or run the suite (listing its tests is fine). */
const IMPURE = [
  /startReferenceServer|startEngine|runSuite|runBare|runSweep/,
  /async \(\{[^}]*\b(page|browser|context)\b/,
  /\.launch\(/,
  /from 'undici'/,
];

test('npm run test:unit runs the unit project, and its self-tests start nothing', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts['test:unit']).toMatch(/--project unit$/);
  expect(pkg.scripts['test:fast']).toMatch(/--project unit --project fast$/);
  const unit = config.projects!.find((p) => p.name === 'unit')!;
  const files = unit.testMatch as string[];
  expect(files.length).toBeGreaterThan(5);
  for (const tier of ['registry', 'contract', 'versions', 'secrets', 'checker'])
    expect(
      files.some((f) => f.startsWith(tier)),
      `${tier} is in the unit tier`,
    ).toBe(true);
  const impure = files.flatMap((f) => {
    const text = readFileSync(join(ROOT, 'specs/_meta', f), 'utf8');
    return IMPURE.filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
  });
  expect(impure).toEqual([]);
  // No self-test runs twice in npm test: fast leaves the unit files to unit.
  const fast = config.projects!.find((p) => p.name === 'fast')!;
  for (const f of files) expect(fast.testIgnore as string[]).toContain(f);
});
