import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-suite.ts';

/**
 * The tracked files whose text a user gets: what package.json `files` ships, the sources compiled into dist/
 * (tsconfig.build.json), and the files npm always packs. Comments survive compilation, so they count.
 */
export function shippedFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
    include: string[];
    exclude: string[];
  };
  const under = (path: string, entries: string[]) => entries.some((e) => path === e || path.startsWith(`${e}/`));
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  return tracked.filter(
    (f) =>
      ['package.json', 'README.md', 'LICENSE'].includes(f) ||
      under(f, pkg.files) ||
      (under(f, build.include) && !under(f, build.exclude) && /\.(ts|json|ya?ml)$/.test(f)),
  );
}
