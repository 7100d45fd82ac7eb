import { expect, test } from '@playwright/test';
import { closest, parseCommand } from '../../cli/args.ts';
import { usage } from '../../cli/help.ts';
import { list } from '../../cli/list.ts';
import { aggregate, countVerdicts, mustConformance } from '../../reporter/aggregate.ts';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { renderJunit } from '../../reporter/render-junit.ts';
import { consoleSummary, githubAnnotations, githubStepSummary } from '../../reporter/summary.ts';

/** A finished run in which one MUST fails, one SHOULD warns and the rest pass. */
function report(): ConformanceReport {
  const finding = (id: string, outcome: 'pass' | 'fail', message = '') => ({ id, outcome, message });
  const passing = aggregate([], '4.7.0')
    .map((q) => q.id)
    .filter((id) => !['TOKEN-CODE-REUSE', 'TOKEN-200-HEADERS-PRAGMA'].includes(id));
  const tests = [
    {
      title: 'all',
      file: 'x',
      line: 1,
      status: 'passed',
      durationMs: 1,
      requirements: passing,
      findings: passing.map((id) => finding(id, 'pass')),
      evidence: [],
      screenshots: [],
      annotations: [],
      errors: [],
    },
    {
      title: 'reuse',
      file: 'x',
      line: 2,
      status: 'failed',
      durationMs: 1,
      requirements: ['TOKEN-CODE-REUSE'],
      findings: [finding('TOKEN-CODE-REUSE', 'fail', 'a used code got a token: 200')],
      evidence: [],
      screenshots: [],
      annotations: [],
      errors: [],
    },
    {
      title: 'pragma',
      file: 'x',
      line: 3,
      status: 'passed',
      durationMs: 1,
      requirements: ['TOKEN-200-HEADERS-PRAGMA'],
      findings: [finding('TOKEN-200-HEADERS-PRAGMA', 'fail', 'no Pragma: no-cache')],
      evidence: [],
      screenshots: [],
      annotations: [],
      errors: [],
    },
  ];
  const requirements = aggregate(tests, '4.7.0');
  return {
    suite: { name: 'mastodon-oauth-conformance', version: '0' },
    contractHash: '0',
    registryHash: '0',
    target: { url: 'http://127.0.0.1:1', product: 'Mastodon 4.7.0', version: '4.7.0' },
    profile: 'mastodon',
    startedAt: '',
    endedAt: '',
    durationMs: 1,
    complete: true,
    outcome: 'not-conformant',
    exitCode: 1,
    counts: countVerdicts(requirements),
    mustConformance: mustConformance(requirements),
    requirements,
    tests,
  };
}

test('by default the console names only what is not a pass; --verbose names every requirement', () => {
  const r = report();
  const quiet = consoleSummary(r, { reportDir: '/tmp/r' }).out.trimEnd().split('\n');
  expect(
    quiet
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim().split(/\s+/).slice(1, 4).join(' '))
      .sort(),
  ).toEqual(['TOKEN-200-HEADERS-PRAGMA SHOULD warn', 'TOKEN-CODE-REUSE MUST fail']);
  expect(quiet.length).toBeLessThanOrEqual(8);
  expect(quiet).toContain('report: /tmp/r/conformance.html');
  expect(quiet.at(-1)).toBe('conformance: not-conformant — exit 1 (a MUST requirement fails)');
  expect(consoleSummary(r, { verbose: true }).out.split('\n').length).toBeGreaterThan(r.requirements.length);
});

test('a partial run says how much it judged, not a conformance rate', () => {
  const out = consoleSummary(report(), { partial: true }).out;
  expect(out).toMatch(/partial run: \d+ of \d+ requirements judged/);
  expect(out).not.toContain('MUST conformance');
  expect(githubStepSummary(report(), true)).toMatch(/partial run: \d+ of \d+ requirements judged/);
});

test('a run that could not start says why in its header and on stderr', () => {
  const r: ConformanceReport = {
    ...report(),
    target: { url: 'http://127.0.0.1:9' },
    setupFailure: { kind: 'unreachable', message: 'cannot be reached' },
  };
  const summary = consoleSummary(r);
  expect(summary.out.split('\n')[0]).toBe(
    'Mastodon OAuth conformance — http://127.0.0.1:9: not judged, ' +
      'the run could not start (unreachable) (profile mastodon)',
  );
  expect(summary.err).toBe('mastodon-oauth-conformance: the run could not start (unreachable): cannot be reached\n');
});

test('GitHub Actions: an error per failed MUST, a warning per SHOULD warning, a Markdown table', () => {
  const r = report();
  const annotations = githubAnnotations(r).trimEnd().split('\n');
  expect(annotations).toHaveLength(2);
  expect(annotations.find((a) => a.startsWith('::error '))).toMatch(
    /^::error title=TOKEN-CODE-REUSE \(MUST\)::.* — a used code got a token: 200$/,
  );
  expect(annotations.find((a) => a.startsWith('::warning '))).toMatch(
    /^::warning title=TOKEN-200-HEADERS-PRAGMA \(SHOULD\)::/,
  );
  expect(githubStepSummary(r)).toMatch(/\| TOKEN-CODE-REUSE \| MUST \| fail \| a used code got a token: 200 \|/);
});

test('JUnit test cases are named by the requirement ID alone, the statement in their output', () => {
  const xml = renderJunit(report());
  const testcase = /<testcase classname="[^"]+" name="TOKEN-CODE-REUSE" time="[\d.]+">/;
  expect(xml).toMatch(new RegExp(`${testcase.source}<failure message="a used code got a token: 200">`));
  expect(xml).toMatch(/name="APP-CREATE-OK" time="[\d.]+"><system-out>MUST Registering an app/);
});

test('the help fits 100 columns; mistyped options and commands get a suggestion; merge takes its first folder', () => {
  for (const topic of [undefined, 'merge', 'compare', 'list'])
    for (const line of usage(topic).split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  expect(closest('--tagret', ['--target', '--timeout'])).toBe('--target');
  expect(closest('--zzzzzz', ['--target'])).toBeUndefined();
  expect(parseCommand(['--tagret', 'x'])).toMatchObject({
    name: 'run',
    problems: ['unknown option --tagret (did you mean --target?); see --help'],
  });
  expect(parseCommand(['merge', 'a', 'b', '--report-dir', 'out'])).toEqual({
    name: 'merge',
    folders: ['a', 'b'],
    reportDir: 'out',
  });
  expect(parseCommand(['-h'])).toEqual({ name: 'help' });
  expect(parseCommand(['list', 'mutants'])).toEqual({ name: 'list', what: 'mutants', json: false });
  const run = parseCommand(['--target=https://example.test', '--verbose', '--', '--headed'], {}, '/w');
  expect(run).toMatchObject({
    name: 'run',
    flags: {
      target: { raw: 'https://example.test', subject: '--target' },
      verbose: { raw: true, subject: '--verbose' },
    },
    playwright: ['--headed'],
    list: false,
    problems: [],
  });
});

test('help is a command too, grouped as a test runner groups it, with examples', () => {
  expect(parseCommand(['help'])).toEqual({ name: 'help' });
  expect(parseCommand(['help', 'merge'])).toEqual({ name: 'help', topic: 'merge' });
  expect(parseCommand(['list', '-h'])).toEqual({ name: 'help', topic: 'list' });
  const help = usage();
  const headings = help.split('\n').filter((l) => /^[A-Z][^:]*:$/.test(l));
  expect(headings).toEqual([
    'General:',
    'Target and account:',
    'What runs:',
    'Output:',
    'CI:',
    'The embedded reference server (without --target):',
    'Self-testing the suite (variables alone, but --mutant):',
    'Examples:',
  ]);
  // The self-test hooks stand apart, after what a user needs.
  expect(help.indexOf('CONFORMANCE_REFERENCE_DUMP')).toBeGreaterThan(help.indexOf('--baseline'));
});

test('the short flags Playwright and pytest users reach for, each once', () => {
  const run = parseCommand(['-c', 'f.yaml', '-g', 'REVOKE', '-j', '3', '-v', '-r', 'REVOKE-FOREIGN'], {}, '/w');
  expect(run).toMatchObject({
    name: 'run',
    config: { raw: 'f.yaml' },
    flags: {
      grep: { raw: 'REVOKE' },
      workers: { raw: '3' },
      verbose: { raw: true },
      requirements: { raw: 'REVOKE-FOREIGN' },
    },
    problems: [],
  });
  expect(parseCommand(['-V'])).toEqual({ name: 'version' });
  const shorts = [...usage().matchAll(/^ {2}(-\w),/gm)].map((m) => m[1]);
  expect(shorts.sort()).toEqual(['-V', '-c', '-g', '-h', '-j', '-r', '-v']);
});

test('requirement IDs stand alone as h2spec takes a section; --list after -- is ours', () => {
  const run = parseCommand(['TOKEN-CODE-REUSE', 'REVOKE-*', '-r', 'REVOKE-FOREIGN', '--', '--list'], {}, '/w');
  expect(run).toMatchObject({
    name: 'run',
    flags: { requirements: { raw: 'TOKEN-CODE-REUSE,REVOKE-*,REVOKE-FOREIGN' } },
    playwright: [],
    list: true,
  });
});

test('list requirements has a header and a --json form; mutants and variants are sorted', async () => {
  const text = await list('requirements', false);
  expect(text.split('\n')[0]).toMatch(/^ID +LEVEL +SINCE +STATEMENT$/);
  expect(text.split('\n').length).toBeGreaterThan(100);
  const json = JSON.parse(await list('requirements', true)) as { id: string; level: string }[];
  expect(json[0]).toMatchObject({ id: expect.any(String), level: expect.stringMatching(/MUST|SHOULD|MAY/) });
  for (const what of ['mutants', 'variants'] as const) {
    const ids = (JSON.parse(await list(what, true)) as { id: string }[]).map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect((await list(what, false)).split('\n')[0]).toMatch(/^ID /);
  }
});

test('a partial run is never called conformant; a stale baseline says so as the reason', () => {
  const passing: ConformanceReport = { ...report(), outcome: 'partial', exitCode: 0 };
  const partial = consoleSummary(passing, { partial: true }).out.trimEnd().split('\n');
  expect(partial.at(-1)).toBe(
    'conformance: partial — exit 0 (every judged MUST passes; a partial run is no conformance verdict)',
  );
  expect(partial.join('\n')).not.toMatch(/conformant/);
  const stale: ConformanceReport = {
    ...report(),
    baseline: {
      file: 'b.yaml',
      accepted: ['TOKEN-CODE-REUSE'],
      stale: [{ id: 'REVOKE-FOREIGN', why: 'it passes now: remove the entry' }],
    },
  };
  expect(consoleSummary(stale).out.trimEnd().split('\n').at(-1)).toBe(
    'conformance: not-conformant — exit 1 (stale baseline: REVOKE-FOREIGN)',
  );
});
