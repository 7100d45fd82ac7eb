import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from './support/run-suite.ts';

/** Biome formats at 120 columns but does not break strings or comments; this holds the rest to the same width. */
const MAX = 120;

/**
 * Lines that cannot be split without changing what they mean, each with its reason. A line is matched by its file and
 * a piece of its text, so that edits elsewhere in the file do not move it out of the list.
 */
const EXCEPTIONS: { file: string; contains: string; reason: string }[] = [
  {
    file: 'fixtures/reference-server/routes/token.ts',
    contains: "step('refuseScopesOutsideApp', refuseScopesOutsideApp), // TOKEN-CC-SUBSET",
    reason:
      'a step and the requirement IDs it enforces stay on one line: cli/where.ts and where.spec.ts read them ' +
      'line by line, and the step name and its three IDs are long',
  },
];

function trackedSources(): string[] {
  return execFileSync('git', ['ls-files', '*.ts'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

test('every tracked .ts line is within 120 columns, but for the listed exceptions', () => {
  const used = new Set<(typeof EXCEPTIONS)[number]>();
  const long = trackedSources().flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const columns = [...line].length;
        if (columns <= MAX) return [];
        const exception = EXCEPTIONS.find((e) => e.file === file && line.includes(e.contains));
        if (exception) used.add(exception);
        return exception ? [] : [`${file}:${i + 1} is ${columns} columns`];
      }),
  );
  expect(long, `lines over ${MAX} columns`).toEqual([]);
  expect(
    EXCEPTIONS.filter((e) => !used.has(e)).map((e) => `${e.file}: ${e.contains}`),
    'exceptions that no longer match a long line',
  ).toEqual([]);
});
