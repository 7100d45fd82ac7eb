import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OPTIONS } from '../../cli/args.ts';
import { ROOT } from './support/run-suite.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (title: string) =>
  readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 3));

test('the configuration reference lists every option, its environment variable and every config-file key', () => {
  const reference = section('Configuration reference');
  const missing = OPTIONS.flatMap((o) => [o.flag, o.env].filter((x): x is string => !!x)).filter(
    (x) => !reference.includes(`\`${x}`),
  );
  const schema = JSON.parse(readFileSync(join(ROOT, 'openapi/conformance-config.schema.json'), 'utf8')) as {
    properties: Record<string, { properties?: Record<string, unknown> }>;
  };
  const keys = Object.entries(schema.properties).flatMap(([k, v]) => [k, ...Object.keys(v.properties ?? {})]);
  const undocumented = keys.filter((k) => !new RegExp(`\\b${k}\\b`).test(reference));
  expect(missing, 'options or variables missing from the README').toEqual([]);
  expect(undocumented, 'config keys missing from the README').toEqual([]);
});

test('the README gives the main command and the test command .ci/run uses', () => {
  const quick = section('Quick start (fresh machine)');
  expect(quick).toContain('npm ci && npm run conformance');
  expect(quick).toContain('npm ci && npm test');
  const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  expect(ci).toMatch(/npm ci/);
  expect(ci).toMatch(/npm test/);
});
