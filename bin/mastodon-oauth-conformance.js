#!/usr/bin/env node
// The package's command: loads the TypeScript CLI through tsx, so the suite ships as source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exit(await main(process.argv.slice(2)));
