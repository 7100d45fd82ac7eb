import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../reporter/conformance-reporter.ts';
import { type CompareInput, renderCompare, reportHref } from '../reporter/render-compare.ts';
import { renderMatrixMarkdown } from '../reporter/render-matrix-markdown.ts';
import { UsageError } from './args.ts';

/** The CLI this module belongs to: each target is a run of its own, as the user would start it. */
const CLI = join(dirname(fileURLToPath(import.meta.url)), `main${extname(fileURLToPath(import.meta.url))}`);

/**
 * `matrix A.yaml B.yaml …`: the suite against several targets, one after another (each config file names its target,
 * account and, where it has known deviations, its baseline), each run's reports in its own folder, and one page,
 * requirement × server, each cell a verdict linked to the evidence in that run's report and, where a baseline accepted
 * the failure, the entry that did; and matrix.md, the same for a README or an issue (the requirements that differ).
 * Returns the page's path and whether every run judged its target.
 */
export async function matrix(configs: string[], reportDir: string): Promise<{ page: string; complete: boolean }> {
  for (const config of configs) if (!existsSync(config)) throw new UsageError(`matrix: ${config} does not exist`);
  const names = configs.map((c) => basename(c).replace(/\.(ya?ml)$/, ''));
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new UsageError(`matrix: two config files are named ${clash}; each names its column`);
  mkdirSync(reportDir, { recursive: true });
  const inputs: CompareInput[] = [];
  let complete = true;
  for (const [i, config] of configs.entries()) {
    const dir = join(reportDir, names[i]!);
    process.stdout.write(`matrix: ${names[i]} (${config})\n`);
    // A run is the CLI itself, with its own exit code; the matrix reads what it wrote.
    const exit = await run([CLI, '--config', resolve(config), '--report-dir', dir]);
    const file = join(dir, 'conformance.json');
    let report: ConformanceReport;
    try {
      report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
    } catch {
      process.stderr.write(`matrix: ${names[i]} wrote no report (exit ${exit}); its column is empty\n`);
      complete = false;
      continue;
    }
    if (!report.complete) complete = false;
    inputs.push({ name: names[i]!, report, href: reportHref(reportDir, file) });
  }
  const page = join(reportDir, 'matrix.html');
  writeFileSync(page, renderCompare(inputs, { title: 'compatibility matrix' }));
  writeFileSync(join(reportDir, 'matrix.md'), renderMatrixMarkdown(inputs));
  return { page, complete };
}

function run(argv: string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...argv], { stdio: 'inherit' });
  return new Promise((done) => child.on('close', (code) => done(code ?? 2)));
}
