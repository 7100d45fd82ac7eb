import { expect, test } from '@playwright/test';
import { closest, parseCommand } from '../../cli/args.ts';
import { usage } from '../../cli/help.ts';
import { list } from '../../cli/list.ts';
import { aggregate, countVerdicts, mustConformance } from '../../reporter/aggregate.ts';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { renderJunit } from '../../reporter/render-junit.ts';
import { consoleSummary, githubAnnotations, githubReportLocation, githubStepSummary } from '../../reporter/summary.ts';
import { coloursFor } from '../../reporter/colour.ts';
import type { Evidence } from '../../fixtures/core/findings.ts';
import { stripVTControlCharacters } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import ConformanceReporter from '../../reporter/conformance-reporter.ts';
import { Progress } from '../../reporter/progress.ts';
import { FINDINGS_ATTACHMENT } from '../../fixtures/core/findings.ts';
import { registry } from '../../fixtures/core/registry.ts';

/** A finished run in which one MUST fails, one SHOULD warns and the rest pass. */
function report(): ConformanceReport {
  const finding = (id: string, outcome: 'pass' | 'fail', message = '', exchange?: number) => ({
    id,
    outcome,
    message,
    exchange,
  });
  const exchange = (body: string, status: number): Evidence => ({
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '99' },
      body,
    },
    response: { status, headers: {}, body: '{}' },
    violations: [],
  });
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
      findings: [finding('TOKEN-CODE-REUSE', 'fail', 'a used code got a token: 200', 0)],
      evidence: [
        exchange("grant_type=authorization_code&code=code#ab12&client_secret=secret#9f9f&state=it's", 200),
        exchange('grant_type=client_credentials', 200),
      ],
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
      .filter((l) => l.startsWith('  ') && !l.trimStart().startsWith('reproduce: '))
      .map((l) => l.trim().split(/\s+/).slice(1, 4).join(' '))
      .sort(),
  ).toEqual(['TOKEN-200-HEADERS-PRAGMA SHOULD warn', 'TOKEN-CODE-REUSE MUST fail']);
  expect(quiet.length).toBeLessThanOrEqual(10);
  expect(quiet).toContain('report: /tmp/r/conformance.html');
  expect(quiet.at(-1)).toBe('conformance: not-conformant — exit 1 (a MUST requirement fails)');
  expect(consoleSummary(r, { verbose: true }).out.split('\n').length).toBeGreaterThan(r.requirements.length);
});

test('each failure is followed by one line that reproduces it, secrets as placeholders, never their values', () => {
  const lines = consoleSummary(report()).out.split('\n');
  const at = lines.findIndex((l) => l.includes('TOKEN-CODE-REUSE'));
  // The exchange the failing check judged, as curl: one line, quoted for a POSIX shell, the secrets' fingerprints in
  // placeholders for the reader's own values.
  expect(lines[at + 1]).toBe(
    '      reproduce: curl -i -X POST http://127.0.0.1:1/oauth/token ' +
      "-H 'content-type: application/x-www-form-urlencoded' " +
      "--data-raw 'grant_type=authorization_code&code=<code#ab12>&client_secret=<secret#9f9f>&state=it'\\''s'",
  );
  // A failure with no exchange behind it gets the suite's command for that one requirement.
  const pragma = lines.findIndex((l) => l.includes('TOKEN-200-HEADERS-PRAGMA'));
  expect(lines[pragma + 1]).toBe(
    '      reproduce: npx mastodon-oauth-conformance --target http://127.0.0.1:1 ' +
      "--grep '(^| )TOKEN-200-HEADERS-PRAGMA '",
  );
  // The embedded reference server is gone after the run: its failures are reproduced by running the suite again.
  const embedded = consoleSummary({ ...report(), target: { ...report().target, embedded: true } }).out;
  expect(embedded).toContain("reproduce: npx mastodon-oauth-conformance --grep '(^| )TOKEN-CODE-REUSE '");
  expect(lines.filter((l) => l.includes('reproduce:'))).toHaveLength(2);
});

test('colour on a terminal, and with FORCE_COLOR; none with NO_COLOR, FORCE_COLOR=0, TERM=dumb or in a pipe', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  expect(coloursFor(tty, { TERM: 'xterm-256color' })).toBe(true);
  expect(coloursFor(tty, { TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(false);
  expect(coloursFor(tty, { TERM: 'dumb' })).toBe(false);
  expect(coloursFor(tty, { TERM: 'xterm-256color', FORCE_COLOR: '0' })).toBe(false);
  expect(coloursFor(pipe, { TERM: 'xterm-256color' })).toBe(false);
  expect(coloursFor(pipe, { FORCE_COLOR: '1' })).toBe(true);
  const plain = consoleSummary(report()).out;
  const coloured = consoleSummary(report(), { colour: { out: true, err: true } }).out;
  expect(plain).not.toContain('\u001b[');
  expect(coloured).toMatch(/\u001b\[31m {2}✗ TOKEN-CODE-REUSE/);
  expect(coloured).toMatch(/\u001b\[31mconformance: not-conformant/);
  expect(stripVTControlCharacters(coloured)).toBe(plain);
});

test('a run that signed in without a browser because none was found says so in one line', () => {
  const note = 'no Chromium found (set CHROMIUM_PATH, install Debian chromium-headless-shell or chromium)';
  const fallback = { ...report(), target: { ...report().target, driver: 'http' as const } };
  const said = (driverNote: string) =>
    consoleSummary({ ...fallback, target: { ...fallback.target, driverNote } })
      .out.split('\n')
      .filter((l) => l.startsWith('note: '));
  expect(said(`HTTP form driver: ${note}`)).toEqual([
    `note: signed in with the HTTP form driver, not a browser: ${note}`,
  ]);
  expect(said('HTTP form driver (asked for)')).toEqual([]);
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
  // The summary points at the whole report: its path in the workspace, and the run whose artifacts hold it.
  const where = githubReportLocation('/home/runner/work/server/server/conformance/reports', {
    GITHUB_WORKSPACE: '/home/runner/work/server/server',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/server',
    GITHUB_RUN_ID: '4242',
  });
  expect(githubStepSummary(r, false, where)).toContain(
    'The whole report, with the evidence of each finding: `conformance/reports/conformance.html` — download it ' +
      "from [this run's artifacts](https://github.com/example/server/actions/runs/4242#artifacts).",
  );
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
  for (const topic of [undefined, 'merge', 'compare', 'matrix', 'list'])
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
  expect(parseCommand(['matrix', 'a.yaml', 'b.yaml'])).toEqual({
    name: 'matrix',
    configs: ['a.yaml', 'b.yaml'],
    reportDir: undefined,
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

/** A terminal that keeps what was written to it. */
function terminal(): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY: true,
    columns: 120,
    written,
    write: (chunk: string) => written.push(chunk) > 0,
    clearLine: () => true,
    cursorTo: () => true,
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

test('progress shows from the start (setup, before any test), then counts requirements judged of all', async () => {
  const out = terminal();
  let judged = 0;
  const progress = new Progress({ total: 104, judged: () => judged }, out);
  try {
    // Drawn within a second or so (the first tick), before any test has begun.
    await expect
      .poll(() => out.written.at(-1), { timeout: 5_000 })
      .toMatch(/^setting up the run \(target, sign-in, apps\) · \d+ s$/);
    judged = 3;
    progress.running();
    expect(out.written.at(-1)).toMatch(/^running: 3 of 104 requirements judged · \d+ s$/);
  } finally {
    progress.stop();
  }
});

test('the progress line and the last lines give one count: requirements judged of those in the catalogue', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'progress-'));
  const reporter = new ConformanceReporter({ reportDir: dir });
  const config = { grep: /TOKEN-CODE-REUSE/, grepInvert: null, shard: null, reporter: [] } as unknown as FullConfig;
  reporter.onBegin(config, {} as Suite);
  for (const [i, id] of ['TOKEN-CODE-REUSE', 'TOKEN-CODE-REUSE-NO-REVOKE'].entries()) {
    const findings = [{ id, outcome: 'pass' }];
    reporter.onTestEnd(
      {
        id: String(i),
        title: id,
        location: { file: 'x', line: i },
        annotations: [{ type: 'requirement', description: id }],
      } as unknown as TestCase,
      {
        status: 'passed',
        duration: 1,
        attachments: [
          { name: FINDINGS_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(findings)) },
        ],
        annotations: [],
        errors: [],
      } as unknown as TestResult,
    );
  }
  const during = (reporter as unknown as { progress: Progress }).progress.text();
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => printed.push(chunk) > 0) as typeof write;
  try {
    await reporter.onEnd({ status: 'passed', startTime: new Date(), duration: 1 });
  } finally {
    process.stdout.write = write;
  }
  const total = registry().size;
  expect(during).toMatch(new RegExp(`^running: 2 of ${total} requirements judged · \\d+ s$`));
  expect(printed.join('')).toContain(`partial run: 2 of ${total} requirements judged`);
});
