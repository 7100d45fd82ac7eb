import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { stringify } from 'yaml';
import { parseCommand, UsageError } from '../../cli/args.ts';
import { configSchema } from '../../cli/config-file.ts';
import { planRun } from '../../cli/plan.ts';
import { type OptionName, OPTIONS, type Row, ROWS, SECRET_OPTIONS } from '../../fixtures/run/option-table.ts';
import { PLAN_ENV, type RunPlan, type Secrets } from '../../fixtures/run/run-options.ts';
import { ROOT, sourcesUnder } from './support/run-suite.ts';

/**
 * The run plan's one route: every option is a row of one table (fixtures/run/option-table.ts), reaches the plan the
 * same from its flag, its variable (and the older name) and its config key, and goes to the tests and the reporter
 * as Playwright's `use` and reporter options; only the secrets travel apart. No product module reads an option, or a
 * self-test's hook, from the environment.
 */

/** The variables a product module may read: the machine's, none of them an option of a run. */
const MACHINE_VARIABLES: Record<string, string> = {
  CHROMIUM_PATH: "which Chromium binary to use (README Quick start): the machine's, like PATH",
  XDG_CACHE_HOME: "where the contract cache lives: the machine's convention",
  GITHUB_ACTIONS: 'running under GitHub Actions: annotations and the step summary',
  GITHUB_STEP_SUMMARY: "the step summary's file, GitHub's",
  GITHUB_WORKSPACE: 'where the step summary finds the report, by GitHub',
  GITHUB_SERVER_URL: "the run's page the step summary links, by GitHub",
  GITHUB_REPOSITORY: "the run's page the step summary links, by GitHub",
  GITHUB_RUN_ID: "the run's page the step summary links, by GitHub",
  FORCE_COLOR: 'colour on or off, the convention Node reads itself (tty getColorDepth)',
  NO_COLOR: 'colour on or off, the convention Node reads itself (tty getColorDepth)',
  TERM: 'colour on or off, the convention Node reads itself (tty getColorDepth)',
  REFERENCE_SERVER_DEBUG: "a developer's switch of the embedded server (its own errors on stderr): no test sets it",
};

test('no product module reads the environment but the machine’s variables; Playwright configs read the plan', () => {
  const files = [...sourcesUnder('fixtures'), ...sourcesUnder('reporter'), 'playwright.config.ts'];
  expect(files.length).toBeGreaterThan(30);
  const reads = files.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const named = [
      ...text.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"`]([A-Za-z_][A-Za-z0-9_]*)['"`]\s*\])/g),
    ].map((m) => m[1] ?? m[2]!);
    // An index by a constant would hide the name from this check; a whole environment handed on, every name, but
    // as the default of a parameter `env` whose reads are named here too.
    const hidden = [...text.matchAll(/process\.env(?!\s*(?:\.|\[\s*['"`]))/g)]
      .filter((m) => !/env: NodeJS\.ProcessEnv = $/.test(text.slice(Math.max(0, m.index - 30), m.index)))
      .map((m) => {
        const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
        return `process.env${rest.split(/[\s);,]/)[0]}`;
      });
    if (/env: NodeJS\.ProcessEnv = process\.env/.test(text))
      named.push(
        ...[...text.matchAll(/\benv\.([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!),
        ...[...text.matchAll(/const \{([^}]*)\} = env\b/g)].flatMap((m) =>
          [...m[1]!.matchAll(/([A-Z_][A-Z0-9_]*)\s*:/g)].map((n) => n[1]!),
        ),
      );
    const plan = (h: string) => file.endsWith('.config.ts') && h === 'process.env[PLAN_ENV]';
    return [...named.filter((n) => !(n in MACHINE_VARIABLES)), ...hidden.filter((h) => !plan(h))].map(
      (n) => `${file}: ${n}`,
    );
  });
  expect(reads).toEqual([]);
});

/** A row's example as the channel gives it: a flag's text, a variable's, or the config file's YAML value. */
function example(row: Row<unknown>, cwd: string): { text: string; yaml: unknown; value: unknown } {
  const shaped = row.schema.type === 'object';
  const raw = shaped ? JSON.parse(row.example) : row.example;
  const value = row.parse(raw, cwd);
  return { text: row.example, yaml: shaped ? raw : row.metavar ? value : true, value };
}

/** Every way the table says an option can be given. */
function channels(row: Row<unknown>): string[] {
  return [
    ...(row.flag ? ['flag'] : []),
    ...(row.named?.flag ? ['named flag'] : []),
    ...(row.env ? ['env'] : []),
    ...(row.aliases ?? []).map((a) => `alias ${a}`),
    ...(row.config ? ['config'] : []),
    ...(row.named?.config ? ['named config'] : []),
  ];
}

const BASE_PASSWORD = 'base-password-0815';

/** What an option needs beside it to make a valid run: a target and its account, or nothing at all. */
function base(name: OptionName, cwd: string): { argv: string[]; env: Record<string, string> } {
  const row = OPTIONS[name];
  const argv: string[] = [];
  if (row.needs !== 'embedded' && !['requirements', 'lastFailed', 'mutants', 'outputDir'].includes(name)) {
    if (name !== 'target') argv.push('--target', 'https://base.example');
    if (name !== 'username') argv.push('--username', 'base@example.test');
    if (name !== 'password') argv.push('--password-env', 'SELFTEST_BASE_PASSWORD');
  }
  if (name === 'updateBaseline') argv.push('--baseline', join(cwd, 'conformance-baseline.yaml'));
  if (name === 'lastFailed') argv.push('--report-dir', join(cwd, 'last'));
  return { argv, env: { SELFTEST_BASE_PASSWORD: BASE_PASSWORD } };
}

/** A working folder with what the examples refer to: a baseline file, a last report, a variable per secret. */
function workFolder(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'options-'));
  writeFileSync(join(cwd, 'conformance-baseline.yaml'), '- id: REVOKE-FOREIGN\n  reason: known\n');
  mkdirSync(join(cwd, 'last'));
  writeFileSync(
    join(cwd, 'last/conformance.json'),
    JSON.stringify({ requirements: [{ id: 'REVOKE-FOREIGN', verdict: 'fail' }] }),
  );
  return cwd;
}

async function plan(argv: string[], env: Record<string, string>, cwd: string) {
  const command = parseCommand(argv, env, cwd);
  if (command.name !== 'run') throw new Error(`not a run: ${argv.join(' ')}`);
  return (await planRun(command, env, cwd)).make(join(cwd, 'run'));
}

test('every option reaches the plan the same from its flag, its variables and its config key', async () => {
  const cwd = workFolder();
  const checked: string[] = [];
  const defaults = (await plan([], {}, cwd)).plan;
  for (const [name, row] of ROWS) {
    const { text, yaml, value } = example(row, cwd);
    const secret = (SECRET_OPTIONS as readonly string[]).includes(name);
    expect(JSON.stringify(value), `${name}: its example differs from the default`).not.toBe(
      JSON.stringify((defaults as unknown as Record<string, unknown>)[name]),
    );
    for (const channel of channels(row)) {
      const { argv, env } = base(name, cwd);
      const config = join(cwd, `${name}.yaml`);
      let subject = '';
      if (channel === 'flag') {
        argv.push(...(row.metavar ? [row.flag!, text] : [row.flag!]));
        subject = row.flag!;
      } else if (channel === 'named flag') {
        argv.push(row.named!.flag!, 'SELFTEST_VALUE');
        env.SELFTEST_VALUE = text;
        subject = `${row.named!.flag} SELFTEST_VALUE`;
      } else if (channel === 'env' || channel.startsWith('alias ')) {
        subject = channel === 'env' ? row.env! : channel.slice('alias '.length);
        env[subject] = text;
      } else {
        const key = channel === 'config' ? row.config! : row.named!.config!;
        if (channel === 'named config') env.SELFTEST_VALUE = text;
        writeFileSync(config, stringify({ [key]: channel === 'config' ? yaml : 'SELFTEST_VALUE' }));
        argv.push('--config', config);
        subject = key;
        if (name === 'apps') env.OTHER_SECRET = 'other-secret-4711';
      }
      const made = await plan(argv, env, cwd).catch((error: unknown) => {
        throw new Error(`${name} by ${channel}: ${(error as UsageError).problems?.join('; ') ?? error}`);
      });
      const reached = secret
        ? (made.secrets as Record<string, unknown>)[name]
        : (made.plan as unknown as Record<string, unknown>)[name];
      expect(reached, `${name} by ${channel}`).toEqual(value);
      expect(made.plan.given[name], `${name} by ${channel}: how it was given`).toContain(subject);
      checked.push(`${name} by ${channel}`);
    }
  }
  // Every row is reachable some way, and the table is the whole of it.
  expect(new Set(checked.map((c) => c.split(' by ')[0])).size).toBe(ROWS.length);
});

test('the plan Playwright gets holds no secret; the secrets go to the private file alone', async () => {
  const cwd = workFolder();
  writeFileSync(join(cwd, 'apps.yaml'), stringify({ apps: { other: { clientId: 'id-1', clientSecretEnv: 'OS' } } }));
  const made = await plan(
    ['--target', 'https://t.example', '--username', 'u@t.example', '--password-env', 'PW', '-c', 'apps.yaml'],
    {
      PW: 'pw-never-in-plan-1',
      TOTP: 'JBSWY3DPEHPK3PXP',
      OS: 'client-secret-never-in-plan',
      CONFORMANCE_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
    },
    cwd,
  );
  const text = JSON.stringify(made.plan);
  for (const secret of ['pw-never-in-plan-1', 'JBSWY3DPEHPK3PXP', 'client-secret-never-in-plan'])
    expect(text).not.toContain(secret);
  expect(made.secrets satisfies Secrets).toEqual({
    password: 'pw-never-in-plan-1',
    totpSecret: 'JBSWY3DPEHPK3PXP',
    clientSecrets: { other: 'client-secret-never-in-plan' },
  });
});

interface LoadedConfig {
  use: { plan: RunPlan };
  reporter: [string, unknown][];
  rest: object;
}

/**
 * playwright.config.ts as Playwright loads it, in a child given the plan as the CLI gives it; then loaded again
 * without one, as a bare `playwright test` loads it.
 */
function loadConfig(plan: RunPlan): { given: LoadedConfig; bare: LoadedConfig } {
  const seen = (c: string) =>
    `JSON.stringify({ use: ${c}.use, reporter: ${c}.reporter, rest: { workers: ${c}.workers, ` +
    `globalTimeout: ${c}.globalTimeout, grep: String(${c}.grep), shard: ${c}.shard, outputDir: ${c}.outputDir } })`;
  const script =
    "const { default: given } = await import('./playwright.config.ts');" +
    `delete process.env.${PLAN_ENV};` +
    "const { default: bare } = await import('./playwright.config.ts?bare');" +
    `console.log(\`{"given": \${${seen('given')}}, "bare": \${${seen('bare')}}}\`);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, [PLAN_ENV]: JSON.stringify(plan) },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

test('playwright.config.ts hands the whole plan to the tests (use) and to the reporter, and runs by it', async () => {
  const cwd = workFolder();
  const { plan: made } = await plan(
    [
      '--target',
      'https://t.example',
      '--username',
      'u@t.example',
      '--password-env',
      'PW',
      '-j',
      '3',
      '--run-timeout',
      '600000',
      '-r',
      'REVOKE-FOREIGN',
      '-g',
      'revoking',
      '--shard',
      '2/3',
      '--profile',
      'rfc-strict',
      '-v',
    ],
    { PW: 'pw-1234', CONFORMANCE_OUTPUT_DIR: join(cwd, 'out') },
    cwd,
  );
  const { given: config, bare } = loadConfig(made);
  expect(config.use.plan).toEqual(made);
  const [reporter, options] = config.reporter[0]!;
  expect(reporter).toMatch(/conformance-reporter\.ts$/);
  expect(options).toEqual(made);
  expect(config.rest).toEqual({
    workers: 3,
    globalTimeout: 600_000,
    grep: String(/(?=.*(?:^| )@(?:REVOKE-FOREIGN)(?: |$))(?=.*(?:revoking))/i),
    shard: { current: 2, total: 3 },
    outputDir: join(cwd, 'out'),
  });
  // A bare `playwright test`: the defaults, in a run folder of its own.
  expect(bare.use.plan.target).toBeUndefined();
  expect(bare.use.plan.runFolder).toMatch(/conformance-/);
});

test('the config file schema is the one the option table makes', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'openapi/conformance-config.schema.json'), 'utf8')) as unknown;
  expect(file, 'regenerate it: npm run docs:options').toEqual(configSchema());
});

test('every mistake is told at once: the config file’s in its order, then the others', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'options-'));
  writeFileSync(
    join(cwd, 'staging.yaml'),
    'target: https://staging.example\nprofil: rfc-strict\nworkers: 0\npasswordEnv: NOT_SET_ANYWHERE\n',
  );
  const command = parseCommand(['-c', 'staging.yaml', '--driver', 'chrome', '--tagret', 'x'], {}, cwd);
  if (command.name !== 'run') throw new Error('not a run');
  const error = await planRun(command, { CONFORMANCE_TIMEOUT_MS: 'soon' }, cwd).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).problems).toEqual([
    'staging.yaml:2:1: unknown key "profil" (did you mean profile?) (see the configuration reference in the README)',
    'staging.yaml:3:10: workers must be a positive whole number up to 16; got 0',
    'staging.yaml:4:14: passwordEnv names NOT_SET_ANYWHERE, but that environment variable is empty or not set',
    'unknown option --tagret (did you mean --target?); see --help',
    'CONFORMANCE_TIMEOUT_MS must be a positive number of milliseconds; got soon',
    '--driver must be browser or http; got chrome',
    'staging.yaml:1:9: target needs the account to sign in with: username and passwordEnv',
  ]);
});
