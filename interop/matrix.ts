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
import { matrix } from '../cli/matrix.ts';
import { packageFile } from '../fixtures/core/package-root.ts';
import { ENGINE_MASTODON_VERSION, engineUnavailable, startEngine } from './engine.ts';
import { GOTOSOCIAL_VERSION, gotosocialUnavailable, startGoToSocial } from './gotosocial.ts';

const START = '<!-- matrix -->';
const END = '<!-- /matrix -->';

/** The README with its matrix section replaced (between the markers, which must be there). */
export function withMatrix(readme: string, markdown: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, from + START.length)}\n${markdown.trimEnd()}\n${readme.slice(to)}`;
}

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
    const noEngine = engineUnavailable();
    if (noEngine) console.log(`matrix: without Doorkeeper: the engine ${noEngine}`);
    else {
      const user = { email: 'matrix@localhost', password: 'matrix-engine-5813', username: 'matrix' };
      const engine = await startEngine(user);
      stops.push(() => engine.close());
      process.env.MATRIX_ENGINE_PASSWORD = user.password;
      files.push(
        write(`doorkeeper-5.5-as-${ENGINE_MASTODON_VERSION}`, {
          target: engine.url,
          username: user.email,
          passwordEnv: 'MATRIX_ENGINE_PASSWORD',
        }),
      );
    }
    const noGoToSocial = gotosocialUnavailable();
    if (noGoToSocial) console.log(`matrix: without GoToSocial: ${noGoToSocial}`);
    else {
      const user = { email: 'matrix@localhost', password: 'Matrix-GoToSocial-5813!', username: 'matrix' };
      const server = await startGoToSocial(user);
      stops.push(() => server.close());
      process.env.MATRIX_GTS_PASSWORD = user.password;
      files.push(
        write(`gotosocial-${GOTOSOCIAL_VERSION}`, {
          target: server.url,
          username: user.email,
          passwordEnv: 'MATRIX_GTS_PASSWORD',
          baseline: 'gotosocial-0.19',
        }),
      );
    }
    const { page, complete } = await matrix(files, dir);
    const readme = packageFile('README.md');
    writeFileSync(readme, withMatrix(readFileSync(readme, 'utf8'), readFileSync(join(dir, 'matrix.md'), 'utf8')));
    console.log(`matrix: wrote ${page} and the README's matrix section`);
    return complete ? 0 : 2;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(resolve(process.argv[2] ?? 'reports/matrix'));
