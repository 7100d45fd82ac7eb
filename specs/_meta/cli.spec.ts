import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from '@playwright/test';
import { baselineFile } from '../../fixtures/run/option-table.ts';
import { runSuite } from './support/run-suite.ts';

/**
 * The command line as a CI user meets it: what runs is chosen as test runners choose it, and a mistake ends the run
 * before anything starts, with lines naming what the user typed. Each case is the CLI in a child process.
 */
test.describe.configure({ mode: 'parallel' });

const folder = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
// The outcome line is coloured when the self-tests' Playwright sets FORCE_COLOR: the words are what is judged.
const lines = (output: string) => stripVTControlCharacters(output).trimEnd().split('\n');

/** A report folder holding a last good report, as a CI workspace or a developer's checkout has one. */
function lastGoodReport(verdicts: Record<string, string> = {}): { dir: string; files: () => Record<string, string> } {
  const dir = folder('last-report-');
  const requirements = Object.entries(verdicts).map(([id, verdict]) => ({ id, verdict }));
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify({ outcome: 'conformant', requirements }));
  mkdirSync(join(dir, 'screenshots'));
  writeFileSync(join(dir, 'screenshots/AUTHZ-OOB-consent-0.png'), 'a picture');
  const files = () =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((f) => [f, f.endsWith('screenshots') ? '' : readFileSync(join(dir, f), 'utf8')]),
    );
  return { dir, files };
}

test('an empty or missing target with account options is a usage error, not a run of the embedded server', async () => {
  const empty = join(folder('config-'), 'staging.yaml');
  writeFileSync(empty, '# filled in by the deploy job\n');
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['an unset CI variable', [], { TARGET_URL: '' }, /^TARGET_URL is set but empty \(an unset CI variable\?\)/],
    [
      'an account without a target',
      ['--username', 'me@staging.example', '--password-env', 'PW'],
      { PW: 'a-password-1234' },
      /^--username needs a target \(--target URL\)/,
    ],
    ['an empty config file', ['--config', empty], {}, /staging\.yaml is empty: it would quietly test the embedded/],
    [
      'an account in the environment without a target',
      [],
      { CONFORMANCE_USERNAME: 'me@staging.example', CONFORMANCE_PASSWORD: 'pw-1234' },
      /^CONFORMANCE_USERNAME needs a target/,
    ],
  ];
  for (const [what, args, env, message] of cases) {
    const run = await runSuite(args, env);
    expect(run.exitCode, `${what}: ${run.output.slice(-500)}`).toBe(2);
    expect(lines(run.output)[0]!.replace('mastodon-oauth-conformance: ', ''), what).toMatch(message);
    expect(run.report, `${what}: nothing is written`).toBeUndefined();
    expect(run.reference, `${what}: the embedded reference server never started`).toBeUndefined();
  }
});

test('a report folder that cannot be written is one line and exit 2, before anything starts', async () => {
  test.setTimeout(60_000);
  const file = join(folder('not-a-folder-'), 'reports');
  writeFileSync(file, 'a file where a folder would go');
  for (const dir of [join(file, 'r'), '/proc/conformance-reports']) {
    const started = Date.now();
    const run = await runSuite(['--report-dir', dir]);
    expect(run.exitCode, run.output.slice(-500)).toBe(2);
    expect(lines(run.output), dir).toEqual([
      expect.stringMatching(new RegExp(`^mastodon-oauth-conformance: --report-dir ${dir}: cannot write there \\(`)),
    ]);
    expect(run.reference, 'the embedded reference server never started').toBeUndefined();
    expect(Date.now() - started, 'no hang').toBeLessThan(20_000);
  }
});

test('a failed start leaves the last report as it was, and names only what the user typed', async () => {
  const last = lastGoodReport();
  const before = last.files();
  // A forgotten --username.
  const run = await runSuite(
    ['--report-dir', last.dir, '--target', 'https://staging.example', '--password-env', 'STAGING_PASSWORD'],
    { STAGING_PASSWORD: 'a-password-1234' },
  );
  expect(run.exitCode).toBe(2);
  expect(lines(run.output)).toEqual([
    'mastodon-oauth-conformance: --target needs the account to sign in with: --username EMAIL',
  ]);
  expect(run.output, 'no variable the user never typed').not.toMatch(/\b(?:TARGET|CONFORMANCE)_[A-Z_]+/);
  expect(last.files(), 'the last report and its screenshots are untouched').toEqual(before);
});

test('unknown IDs in --mutant, --reference-variant and a baseline are found before the run', async () => {
  const baseline = join(folder('baseline-'), 'known.yaml');
  writeFileSync(baseline, '- id: TOKEN-CODE-REUS\n  reason: fixed in the next release\n');
  const run = await runSuite([
    '--mutant',
    'code-reuse-acepted',
    '--reference-variant',
    'no-vapid',
    '--baseline',
    baseline,
  ]);
  expect(run.exitCode).toBe(2);
  expect(lines(run.output).map((l) => l.replace('mastodon-oauth-conformance: ', ''))).toEqual([
    '--mutant code-reuse-acepted: no such mutant (did you mean code-reuse-accepted?); see list mutants',
    '--reference-variant no-vapid: no such variant (did you mean no-vapid-key?); see list variants',
    `baseline ${baseline}: TOKEN-CODE-REUS is not a requirement (did you mean TOKEN-CODE-REUSE?)`,
  ]);
  expect(run.report).toBeUndefined();
  expect(run.reference, 'the embedded reference server never started').toBeUndefined();
});

test('--baseline NAME finds a baseline shipped with the suite when no file has that name', () => {
  const shipped = folder('shipped-');
  writeFileSync(join(shipped, 'gotosocial-0.19.yaml'), '[]\n');
  const work = folder('work-');
  const kind = baselineFile(shipped);
  expect(kind.parse('gotosocial-0.19', work)).toBe(join(shipped, 'gotosocial-0.19.yaml'));
  writeFileSync(join(work, 'gotosocial-0.19'), '[]\n');
  expect(kind.parse('gotosocial-0.19', work), 'a file of that name wins').toBe(join(work, 'gotosocial-0.19'));
  expect(kind.parse('mine.yaml', work), 'a path stays a path').toBe(join(work, 'mine.yaml'));
  expect(kind.parse('no-such-name', work)).toBe(join(work, 'no-such-name'));
});

test('--list names the tests the selection would run, and runs nothing', async () => {
  const run = await runSuite(['--list', 'TOKEN-CODE-REUSE', 'REVOKE-FOREIGN']);
  expect(run.exitCode, run.output.slice(-1000)).toBe(0);
  const listed = lines(run.output);
  expect(listed.at(-1)).toMatch(/^\d+ test\(s\) judging \d+ requirement\(s\) would run against the embedded/);
  const tests = listed.slice(0, -1);
  expect(tests.length).toBeGreaterThanOrEqual(2);
  for (const t of tests) expect(t).toMatch(/^ {2}specs\/\S+\.spec\.ts:\d+ {2}(TOKEN-CODE-REUSE|REVOKE-FOREIGN) /);
  expect(run.report, 'nothing was run').toBeUndefined();
  expect(run.reference).toBeUndefined();
  // Playwright's own --list, after --, is the same listing (it used to run nothing and end "vacuous").
  const all = await runSuite(['--', '--list']);
  expect(all.exitCode).toBe(0);
  expect(lines(all.output).length).toBeGreaterThan(90);
});

test('--last-failed selects what did not pass in the last report', async () => {
  const last = lastGoodReport({ 'TOKEN-CODE-REUSE': 'fail', 'REVOKE-FOREIGN': 'pass', 'USE-401-INVALID': 'blocked' });
  const run = await runSuite(['--report-dir', last.dir, '--last-failed', '--list']);
  expect(run.exitCode, run.output.slice(-1000)).toBe(0);
  const ids = new Set(
    lines(run.output)
      .slice(0, -1)
      .map((l) => l.trim().split(/\s+/)[1]),
  );
  expect([...ids].sort()).toEqual(['TOKEN-CODE-REUSE', 'USE-401-INVALID']);
  const none = await runSuite(['--report-dir', folder('empty-'), '--last-failed']);
  expect(none.exitCode).toBe(2);
  expect(none.output).toMatch(/--last-failed: there is no last report to read/);
});

test('requirements by ID run exactly those, and the run says partial, never conformant', async () => {
  const run = await runSuite(['--driver', 'http', '-r', 'REVOKE-FOREIGN,TOKEN-CODE-REUSE']);
  expect(run.exitCode, run.output.slice(-1500)).toBe(0);
  const judged = run.report?.requirements.filter((r) => r.verdict === 'pass').map((r) => r.id);
  expect(judged?.sort()).toEqual(['REVOKE-FOREIGN', 'TOKEN-CODE-REUSE']);
  expect(run.report?.outcome).toBe('partial');
  expect(lines(run.output).at(-1)).toBe(
    'conformance: partial — exit 0 (every judged MUST passes; a partial run is no conformance verdict)',
  );
  const typo = await runSuite(['TOKEN-CODE-REUS']);
  expect(lines(typo.output)).toEqual([
    'mastodon-oauth-conformance: no requirement TOKEN-CODE-REUS (did you mean TOKEN-CODE-REUSE?); ' +
      'see list requirements',
  ]);
});

test('matrix runs each config as a run of its own, then one page, requirement × server, and its Markdown', async () => {
  const configs = folder('matrix-configs-');
  const config = (name: string, version: string) => {
    const file = join(configs, `${name}.yaml`);
    writeFileSync(file, `referenceVersion: ${version}\ndriver: http\n`);
    return file;
  };
  const older = config('mastodon-4.3', '4.3.0');
  const newer = config('mastodon-4.7', '4.7.0');

  const alone = await runSuite(['matrix', older]);
  expect(alone.exitCode).toBe(2);
  expect(lines(alone.output)).toEqual([
    'mastodon-oauth-conformance: matrix needs at least two config files (one per target)',
  ]);

  const run = await runSuite(['matrix', older, newer]);
  expect(run.exitCode, run.output.slice(-2000)).toBe(0);
  expect(lines(run.output).at(-1)).toBe(`wrote ${join(run.reportDir, 'matrix.html')}`);
  // Each column is a whole run, with its reports in a folder of its own that the page links to.
  for (const name of ['mastodon-4.3', 'mastodon-4.7'])
    expect(JSON.parse(readFileSync(join(run.reportDir, name, 'conformance.json'), 'utf8')).outcome).toBe('conformant');
  const html = readFileSync(join(run.reportDir, 'matrix.html'), 'utf8');
  expect(html).toContain('<h1>Mastodon OAuth conformance — compatibility matrix, 2 targets</h1>');
  expect(html).toContain('href="mastodon-4.3/conformance.html#USERINFO-OK"');
  // USERINFO-OK came with Mastodon 4.4: the two versions differ on it, and the Markdown lists it among the differences.
  const md = readFileSync(join(run.reportDir, 'matrix.md'), 'utf8');
  expect(md).toContain('| Judged as Mastodon | 4.3.0 | 4.7.0 |');
  expect(md).toContain('| USERINFO-OK | MUST | not-applicable | pass |');
});
