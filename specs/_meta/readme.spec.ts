import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { COMMAND_LINE } from '../../cli/args.ts';
import { readmeWithReference } from '../../cli/docs.ts';
import { ROWS } from '../../fixtures/run/option-table.ts';
import { ROOT } from './support/run-suite.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (title: string) =>
  readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 3));

test('the configuration reference is the one the option table makes, every option and key in it', () => {
  expect(readmeWithReference(readme), 'regenerate it: npm run docs:options').toBe(readme);
  const reference = section('Configuration reference');
  const spelled = ROWS.flatMap(([, row]) =>
    [row.flag, row.named?.flag, row.env, ...(row.aliases ?? []), row.config, row.named?.config].filter(
      (x): x is string => !!x,
    ),
  );
  expect(spelled.filter((x) => !new RegExp(`[\`, ]${x}\\b`).test(reference))).toEqual([]);
  expect(COMMAND_LINE.filter((s) => !reference.includes(s.flag))).toEqual([]);
});

test('the README gives the main command and the test command .ci/run uses', () => {
  const quick = section('Quick start (fresh machine)');
  expect(quick).toContain('npm ci && npm run conformance');
  expect(quick).toContain('npm ci && npm test');
  const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  expect(ci).toMatch(/npm ci/);
  expect(ci).toMatch(/npm test/);
});
