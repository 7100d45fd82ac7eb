import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OPTIONS } from '../../cli/args.ts';
import { parseRunOptions, reporterOptions } from '../../fixtures/run/run-options.ts';
import { ROOT, sourcesUnder } from './support/run-suite.ts';

/**
 * The run's options are parsed once, by the CLI, and reach Playwright as one file in the run's private folder: the
 * harness and the reporter never read an option back from an environment variable. Only the self-test hooks below
 * (documented in the README as such) are read where they are used.
 */
const SELF_TEST_HOOKS = [
  'CONFORMANCE_REFERENCE_FAULT_LOG',
  'CONFORMANCE_REFERENCE_REACH_LOG',
  'CONFORMANCE_REFERENCE_DUMP',
  'CONFORMANCE_TAG_REQUESTS',
  'CONFORMANCE_BENCH_EVIDENCE_FACTOR',
];

/** The environment twins of the CLI's options (README "Configuration reference"). */
const CLI_NAMES = new Set(OPTIONS.flatMap((o) => (o.env ? [o.env] : [])));

test('no module of the harness or the reporter reads a run option from the environment', () => {
  const files = [...sourcesUnder('fixtures'), ...sourcesUnder('reporter')];
  expect(files.length).toBeGreaterThan(30);
  const reads = files.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const named = [
      ...text.matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*['"`]([A-Z_][A-Z0-9_]*)['"`]\s*\])/g),
    ].map((m) => m[1] ?? m[2]!);
    // An index by a constant would hide the name from this check.
    const hidden = [...text.matchAll(/process\.env\[\s*(?!['"`])([^\]]+)\]/g)].map((m) => `process.env[${m[1]}]`);
    // The run folder's path is the one thing the CLI passes; only Playwright config files read it.
    const allowed = (h: string) => file.endsWith('.config.ts') && h === 'process.env[RUN_FOLDER_ENV]';
    return [
      ...named.filter(
        (n) => (CLI_NAMES.has(n) || /^(CONFORMANCE|TARGET|PLAYWRIGHT)_/.test(n)) && !SELF_TEST_HOOKS.includes(n),
      ),
      ...hidden.filter((h) => !allowed(h)),
    ].map((n) => `${file}: ${n}`);
  });
  expect(reads).toEqual([]);
});

test('every option the CLI mirrors by an environment variable is parsed into the run options', () => {
  // The names the options are known by, as the README documents them; each must change the parsed options.
  const defaults = parseRunOptions({});
  const sample: Record<string, string> = {
    TARGET_URL: 'https://example.test',
    TARGET_USERNAME: 'a@b.test',
    TARGET_PASSWORD: 'pw-123456',
    CONFORMANCE_PROFILE: 'rfc-strict',
    CONFORMANCE_MASTODON_VERSION: '4.2.0',
    CONFORMANCE_DRIVER: 'http',
    CONFORMANCE_REPORT_DIR: '/tmp/elsewhere',
    CONFORMANCE_WORKERS: '3',
    CONFORMANCE_TIMEOUT_MS: '1000',
    CONFORMANCE_RUN_TIMEOUT_MS: '2000',
    CONFORMANCE_INCLUDE_SLOW: '1',
    CONFORMANCE_BASELINE: '/tmp/b.yaml',
    CONFORMANCE_UPDATE_BASELINE: '1',
    CONFORMANCE_APP_CACHE: '/tmp/apps',
    CONFORMANCE_FRESH_APPS: '1',
    CONFORMANCE_INSECURE: '1',
    CONFORMANCE_ALLOW_HTTP: '1',
    CONFORMANCE_VERBOSE: '1',
    REFERENCE_VERSION: '4.3.0',
    REFERENCE_VARIANTS: 'no-vapid-key',
    REFERENCE_MUTANTS: 'x',
  };
  const unparsed = OPTIONS.filter((o) => o.env && o.env !== 'CONFORMANCE_CONFIG').filter((o) => {
    if (!(o.env! in sample)) return true;
    const alone = o.env!.startsWith('TARGET_') ? sample : { [o.env!]: sample[o.env!] };
    return JSON.stringify(parseRunOptions(alone)) === JSON.stringify(defaults);
  });
  expect(unparsed.map((o) => o.env)).toEqual([]);
  expect(() => parseRunOptions({ CONFORMANCE_PROFILE: 'lenient' })).toThrow(
    /CONFORMANCE_PROFILE must be mastodon or rfc-strict/,
  );
  expect(() => parseRunOptions({ CONFORMANCE_WORKERS: '0' })).toThrow(/CONFORMANCE_WORKERS must be a positive number/);
});

test('the reporter options carry no secret', () => {
  const options = parseRunOptions({
    TARGET_URL: 'https://example.test',
    TARGET_USERNAME: 'a@b.test',
    TARGET_PASSWORD: 'pw-never-in-reporter',
    TARGET_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
  });
  const text = JSON.stringify(reporterOptions(options, '/tmp/run'));
  expect(text).not.toContain('pw-never-in-reporter');
  expect(text).not.toContain('JBSWY3DPEHPK3PXP');
  expect(text).not.toContain('a@b.test');
});
