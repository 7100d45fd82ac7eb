#!/usr/bin/env node
// The package's command. The published package runs the compiled dist/ (Playwright does not transform TypeScript
// inside node_modules); a checkout, which has the sources and no dist/, runs them through tsx.
import { existsSync } from 'node:fs';

const source = new URL('../cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exit(await main(process.argv.slice(2)));
