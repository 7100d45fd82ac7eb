/**
 * `npx tsx interop/matrix.ts [DIR]`: the compatibility matrix of every server the self-tests run (the embedded
 * reference as Mastodon 4.2, 4.3 and 4.7; Doorkeeper 5.5 in a Rails app configured as Mastodon 4.3; GoToSocial 0.19.2
 * with its shipped baseline), made by the suite's own `matrix` command into DIR (default reports/matrix), and the
 * README's matrix section rewritten from its matrix.md. A server that cannot run here is left out, with one line why.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { withReadmeSection } from '../cli/docs.ts';
import { matrix } from '../cli/matrix.ts';
import { packageFile } from '../fixtures/core/package-root.ts';
import { ENGINE_MASTODON_VERSION, engineUnavailable, startEngine } from './engine.ts';
import { GOTOSOCIAL_VERSION, gotosocialUnavailable, startGoToSocial } from './gotosocial.ts';

/** A server the self-tests start: why it cannot run here, how to start it, its column's config beyond the account. */
interface Started {
  name: string;
  what: string;
  unavailable: () => string | undefined;
  start: (user: {
    email: string;
    password: string;
    username: string;
  }) => Promise<{ url: string; close(): Promise<void> }>;
  config?: Record<string, unknown>;
}

const SERVERS: Started[] = [
  {
    name: `doorkeeper-5.5-as-${ENGINE_MASTODON_VERSION}`,
    what: 'Doorkeeper: the engine',
    unavailable: engineUnavailable,
    start: startEngine,
  },
  {
    name: `gotosocial-${GOTOSOCIAL_VERSION}`,
    what: 'GoToSocial:',
    unavailable: gotosocialUnavailable,
    start: startGoToSocial,
    config: { baseline: 'gotosocial-0.19' },
  },
];

async function main(dir: string): Promise<number> {
  const configs = join(dir, 'configs');
  mkdirSync(configs, { recursive: true });
  const write = (name: string, config: Record<string, unknown>) => {
    const file = join(configs, `${name}.yaml`);
    writeFileSync(file, stringify(config));
    return file;
  };
  const files = ['4.2.0', '4.3.0', '4.7.0'].map((v) => write(`reference-${v}`, { referenceVersion: v }));
  const stops: (() => Promise<void>)[] = [];
  try {
    for (const [i, s] of SERVERS.entries()) {
      const missing = s.unavailable();
      if (missing) {
        console.log(`matrix: without ${s.what} ${missing}`);
        continue;
      }
      const user = { email: 'matrix@localhost', password: `Matrix-Password-${5813 + i}!`, username: 'matrix' };
      const server = await s.start(user);
      stops.push(() => server.close());
      // Each column's password by variable name, as a user's config file names it.
      const variable = `MATRIX_PASSWORD_${i}`;
      process.env[variable] = user.password;
      files.push(write(s.name, { target: server.url, username: user.email, passwordEnv: variable, ...s.config }));
    }
    const { page, complete } = await matrix(files, dir);
    const readme = packageFile('README.md');
    const markdown = readFileSync(join(dir, 'matrix.md'), 'utf8');
    writeFileSync(readme, withReadmeSection(readFileSync(readme, 'utf8'), 'matrix', markdown));
    console.log(`matrix: wrote ${page} and the README's matrix section`);
    return complete ? 0 : 2;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(resolve(process.argv[2] ?? 'reports/matrix'));
