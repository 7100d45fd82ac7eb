import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A result built once per self-test run, by whichever worker asks first (it takes `<name>.lock` in the folder); the
 * others wait for `<name>.json`. A build that throws leaves its message there, and every asker throws it.
 */
export async function buildOnce<T>(
  folder: string,
  name: string,
  build: () => Promise<T>,
  o: { waitMs: number; what: string },
): Promise<T> {
  const file = join(folder, `${name}.json`);
  mkdirSync(folder, { recursive: true });
  try {
    mkdirSync(join(folder, `${name}.lock`));
  } catch {
    return waitFor<T>(file, o);
  }
  let result: T | { error: string };
  try {
    result = await build();
  } catch (error) {
    result = { error: (error as Error).message };
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(result));
  renameSync(`${file}.tmp`, file);
  return unwrap(result);
}

async function waitFor<T>(file: string, o: { waitMs: number; what: string }): Promise<T> {
  for (let waited = 0; waited < o.waitMs; waited += 250) {
    if (existsSync(file)) return unwrap(JSON.parse(readFileSync(file, 'utf8')) as T | { error: string });
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${o.what} was not built within ${o.waitMs / 60_000} minutes`);
}

function unwrap<T>(result: T | { error: string }): T {
  if (result && typeof result === 'object' && 'error' in result) throw new Error(result.error);
  return result as T;
}
