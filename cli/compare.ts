import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ConformanceReport } from '../reporter/conformance-reporter.ts';
import { renderCompare, reportHref } from '../reporter/render-compare.ts';
import { UsageError } from './args.ts';

/**
 * `compare a.json b.json …`: writes a requirements × targets matrix (default reports/compare.html) and returns its
 * path.
 */
export function compare(args: string[], reportDir: string): string {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length < 2) throw new UsageError('compare needs at least two conformance.json files');
  const reports = files.map((file) => {
    let report: ConformanceReport;
    try {
      report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
    } catch (error) {
      throw new UsageError(`${file} is not a readable conformance.json: ${(error as Error).message}`);
    }
    if (!Array.isArray(report.requirements))
      throw new UsageError(`${file} is not a conformance.json (no requirements)`);
    // Each cell links to the target's row in the conformance.html beside its conformance.json.
    return { name: `${basename(dirname(resolve(file)))}/${basename(file)}`, report, href: reportHref(reportDir, file) };
  });
  const out = join(reportDir, 'compare.html');
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(out, renderCompare(reports));
  return out;
}
