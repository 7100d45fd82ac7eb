/**
 * `npm run docs:options`: writes what is made from the option table into the files that show it, the README's
 * configuration reference (between its `<!-- options -->` markers) and the config file's JSON Schema. The self-tests
 * (readme.spec.ts, run-options.spec.ts) fail when either is out of step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from './config-file.ts';
import { configurationReference } from './help.ts';
import { packageFile } from '../fixtures/core/package-root.ts';

/** The README with the generated section between `<!-- name -->` and `<!-- /name -->` replaced by `body`. */
export function withReadmeSection(readme: string, name: string, body: string): string {
  const [open, close] = [`<!-- ${name} -->`, `<!-- /${name} -->`];
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} block`);
  return `${readme.slice(0, start + open.length)}\n${body.trimEnd()}\n${readme.slice(end)}`;
}

/** The README with its configuration reference made anew. */
export function readmeWithReference(readme: string): string {
  return withReadmeSection(readme, 'options', configurationReference());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = packageFile('README.md');
  writeFileSync(readme, readmeWithReference(readFileSync(readme, 'utf8')));
  writeFileSync(
    join(packageFile('openapi'), 'conformance-config.schema.json'),
    `${JSON.stringify(configSchema(), null, 2)}\n`,
  );
}
