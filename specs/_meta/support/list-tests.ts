import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run-suite.ts';

export interface ListedTest {
  title: string;
  file: string;
  requirements: string[];
}

interface JsonSuite {
  specs?: { title: string; file: string; tests: { annotations: { type: string; description?: string }[] }[] }[];
  suites?: JsonSuite[];
}

/** The conformance suite's tests as Playwright lists them (no target is touched: --list runs no global setup). */
export function listConformanceTests(): ListedTest[] {
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/@playwright/test/cli.js'),
      'test',
      '--list',
      '--reporter=json',
      '-c',
      join(ROOT, 'playwright.config.ts'),
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const tests: ListedTest[] = [];
  const walk = (s: JsonSuite) => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests)
        tests.push({
          title: spec.title,
          file: spec.file,
          requirements: t.annotations.filter((a) => a.type === 'requirement').map((a) => a.description!),
        });
    }
    for (const child of s.suites ?? []) walk(child);
  };
  for (const s of (JSON.parse(out) as { suites: JsonSuite[] }).suites) walk(s);
  return tests;
}
