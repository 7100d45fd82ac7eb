import { expect, test } from '@playwright/test';
import { closest, parseCommand, usage, UsageError } from '../../cli/args.ts';
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
  const testcase = /<testcase classname="[^"]+" name="TOKEN-CODE-REUSE" time="[\d.]+"><properties>.*?<\/properties>/;
  expect(xml).toMatch(new RegExp(`${testcase.source}<failure message="a used code got a token: 200">`));
  expect(xml).toMatch(/name="APP-CREATE-OK" time="[\d.]+"><properties>.*?<\/properties><system-out>MUST Registering/);
});

test('JUnit: a SHOULD warning is a skipped case with its reason (shown, not red); the run is in properties', () => {
  const r = { ...report(), startedAt: '2026-12-01T12:00:00.000Z' };
  const xml = renderJunit(r);
  // Dashboards (GitHub's test-report actions, GitLab, Jenkins) show skipped with its message and fail no build on it.
  const warn = /<testcase [^>]*name="TOKEN-200-HEADERS-PRAGMA"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml)![1]!;
  expect(warn).toContain('<skipped message="warn (SHOULD not met): no Pragma: no-cache"/>');
  expect(warn).toContain('<property name="verdict" value="warn"/><property name="level" value="SHOULD"/>');
  expect(warn).not.toMatch(/<failure|<error/);
  const pass = /<testcase [^>]*name="APP-CREATE-OK"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml)![1]!;
  expect(pass).not.toMatch(/<skipped|<failure|<error/);
  const suite = /<testsuite name="POST \/oauth\/token" ([^>]*)>\s*<properties>(.*?)<\/properties>/.exec(xml)!;
  expect(suite[1]).toContain('timestamp="2026-12-01T12:00:00.000Z"');
  expect(suite[1]).toMatch(/skipped="[1-9]\d*"/);
  for (const [name, value] of [
    ['target', 'http://127.0.0.1:1'],
    ['server', 'Mastodon 4.7.0'],
    ['version', '4.7.0'],
    ['profile', 'mastodon'],
  ])
    expect(suite[2]).toContain(`<property name="${name}" value="${value}"/>`);
  expect(xml).toMatch(
    /<testsuites name="mastodon-oauth-conformance" tests="\d+" failures="1" errors="0" skipped="\d+"/,
  );
});

test('the help fits 100 columns; mistyped options and commands get a suggestion; merge takes its first folder', () => {
  for (const topic of [undefined, 'merge', 'compare', 'list'])
    for (const line of usage(topic).split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  expect(closest('--tagret', ['--target', '--timeout'])).toBe('--target');
  expect(closest('--zzzzzz', ['--target'])).toBeUndefined();
  expect(() => parseCommand(['--tagret', 'x'])).toThrow(
    new UsageError('unknown option --tagret (did you mean --target?); see --help'),
  );
  expect(parseCommand(['merge', 'a', 'b', '--report-dir', 'out'])).toEqual({
    name: 'merge',
    folders: ['a', 'b'],
    reportDir: 'out',
  });
  expect(parseCommand(['-h'])).toEqual({ name: 'help' });
  expect(parseCommand(['list', 'mutants'])).toEqual({ name: 'list', what: 'mutants' });
  const run = parseCommand(['--target=https://example.test', '--verbose', '--', '--headed']);
  expect(run).toEqual({
    name: 'run',
    env: { TARGET_URL: 'https://example.test', CONFORMANCE_VERBOSE: '1' },
    playwright: ['--headed'],
    partial: false,
  });
  expect(parseCommand(['--grep', 'TOKEN-', '--shard', '1/2'])).toMatchObject({
    playwright: ['--grep', 'TOKEN-', '--shard', '1/2'],
    partial: true,
  });
});
