import { parseArgs as tokenize } from 'node:util';
import { DRIVERS, PROFILES } from '../fixtures/run/target.ts';

/** Command-line options, each mirrored by an environment variable so CI can use either. */
export interface Option {
  flag: string;
  short?: string;
  env?: string;
  value?: string;
  help: string;
}

export const OPTIONS: Option[] = [
  {
    flag: '--config',
    env: 'CONFORMANCE_CONFIG',
    value: 'FILE',
    help: 'YAML config file (see "Configuration reference" in the README); options and environment win over it',
  },
  {
    flag: '--target',
    env: 'TARGET_URL',
    value: 'URL',
    help: 'server to test (default: the embedded reference server)',
  },
  { flag: '--username', env: 'TARGET_USERNAME', value: 'EMAIL', help: 'account to sign in with' },
  { flag: '--password', env: 'TARGET_PASSWORD', value: 'PASSWORD', help: 'its password (prefer --password-env)' },
  { flag: '--password-env', value: 'NAME', help: 'read the password from this environment variable' },
  {
    flag: '--totp-secret-env',
    value: 'NAME',
    help: 'read a base32 TOTP secret for two-factor sign-in from this variable',
  },
  {
    flag: '--profile',
    env: 'CONFORMANCE_PROFILE',
    value: 'mastodon|rfc-strict',
    help: 'which contract to judge against (default mastodon)',
  },
  {
    flag: '--mastodon-version',
    env: 'CONFORMANCE_MASTODON_VERSION',
    value: 'X.Y.Z',
    help: 'judge as this Mastodon version instead of the one the target reports',
  },
  {
    flag: '--driver',
    env: 'CONFORMANCE_DRIVER',
    value: 'browser|http',
    help: 'sign-in and consent through Chromium (default when found) or plain HTTP forms',
  },
  {
    flag: '--report-dir',
    env: 'CONFORMANCE_REPORT_DIR',
    value: 'DIR',
    help: 'where conformance.json, conformance.html and junit.xml go (default reports)',
  },
  {
    flag: '--workers',
    env: 'CONFORMANCE_WORKERS',
    value: 'N',
    help: 'parallel workers (default 2; each uses its own app)',
  },
  { flag: '--timeout', env: 'CONFORMANCE_TIMEOUT_MS', value: 'MS', help: 'per-request time limit (default 15000)' },
  {
    flag: '--run-timeout',
    env: 'CONFORMANCE_RUN_TIMEOUT_MS',
    value: 'MS',
    help: 'time limit for the whole run; reports are still written (default 1800000)',
  },
  {
    flag: '--include-slow',
    env: 'CONFORMANCE_INCLUDE_SLOW',
    help: 'also run slow requirements (a code older than 600 s)',
  },
  {
    flag: '--baseline',
    env: 'CONFORMANCE_BASELINE',
    value: 'FILE',
    help: 'known failures (YAML: id, reason, expires) that do not fail the run; stale entries do',
  },
  {
    flag: '--update-baseline',
    env: 'CONFORMANCE_UPDATE_BASELINE',
    help: "write this run's MUST failures to the --baseline file",
  },
  {
    flag: '--app-cache',
    env: 'CONFORMANCE_APP_CACHE',
    value: 'DIR',
    help: 'keep registered apps here and reuse them on later runs (default .conformance/apps)',
  },
  { flag: '--fresh-apps', env: 'CONFORMANCE_FRESH_APPS', help: 'register new apps even if cached ones still work' },
  { flag: '--insecure', env: 'CONFORMANCE_INSECURE', help: "accept the target's self-signed TLS certificate" },
  {
    flag: '--allow-http',
    env: 'CONFORMANCE_ALLOW_HTTP',
    help: 'allow sending the password over plain http to a host other than loopback',
  },
  { flag: '--grep', value: 'REGEX', help: 'only tests whose title matches (titles start with the requirement ID)' },
  { flag: '--shard', value: 'I/N', help: 'run shard I of N' },
  { flag: '--blob-dir', value: 'DIR', help: "also write this run's blob report here, for `merge` (shards)" },
  {
    flag: '--verbose',
    env: 'CONFORMANCE_VERBOSE',
    help: 'list every requirement at the end, not only what does not pass',
  },
  {
    flag: '--reference-version',
    env: 'REFERENCE_VERSION',
    value: 'X.Y.Z',
    help: 'the embedded reference server pretends to be this Mastodon (default 4.7.0)',
  },
  {
    flag: '--reference-variant',
    env: 'REFERENCE_VARIANTS',
    value: 'ID[,ID]',
    help:
      'configure the embedded reference server like a real instance (CATALOGUE.md §2.4: ' +
      'default-locale-de, no-vapid-key, authenticated-api-only, limited-federation)',
  },
  {
    flag: '--mutant',
    env: 'REFERENCE_MUTANTS',
    value: 'ID[,ID]',
    help: 'inject defects into the embedded reference server (self-testing)',
  },
  { flag: '--help', short: 'h', help: 'show this help' },
  { flag: '--version', help: 'show the suite version' },
];

export class UsageError extends Error {}

export type Command =
  | {
      name: 'run';
      /** The options given, by their environment-variable names (parsed into RunOptions once, by the CLI). */
      env: Record<string, string>;
      playwright: string[];
      /** Some tests chosen (--grep, --shard, a filter after --). */
      partial: boolean;
    }
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | { name: 'merge'; folders: string[]; reportDir?: string }
  | { name: 'compare'; files: string[]; reportDir?: string }
  | { name: 'list'; what: 'requirements' | 'mutants' };

export const SUBCOMMANDS = ['merge', 'compare', 'list'] as const;

/**
 * The command line as a command: a run (the default) or a subcommand. Every mistake is a UsageError naming what was
 * typed.
 */
export function parseCommand(argv: string[], environment: NodeJS.ProcessEnv = process.env): Command {
  // The command is the first word that is not an option or an option's value, wherever it stands before `--`.
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const config = Object.fromEntries(
    OPTIONS.map((o) => [o.flag.slice(2), { type: o.value ? ('string' as const) : ('boolean' as const) }]),
  );
  const { tokens } = tokenize({ args: own, options: config, strict: false, allowPositionals: true, tokens: true });
  const at = tokens.find((t) => t.kind === 'positional')?.index;
  // An unknown option is named as such (with a suggestion), not its value as an unknown command.
  const unknown = tokens.some(
    (t) => t.kind === 'option' && t.index < (at ?? Infinity) && !(t.name in config) && !(t.name === 'h'),
  );
  if (at === undefined || unknown) return parseRun(argv, environment);
  const first = argv[at]!;
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (rest.includes('--help') || rest.includes('-h')) return { name: 'help', topic: first };
  if (first === 'merge' || first === 'compare') {
    const { positionals, values } = options(rest, ['--report-dir'], first);
    const reportDir = values['--report-dir'];
    if (first === 'merge') {
      if (!positionals.length)
        throw new UsageError("merge needs the folders holding the shards' blob reports (--blob-dir)");
      return { name: 'merge', folders: positionals, reportDir };
    }
    if (positionals.length < 2) throw new UsageError('compare needs at least two conformance.json files');
    return { name: 'compare', files: positionals, reportDir };
  }
  if (first === 'list') {
    const { positionals } = options(rest, ['--report-dir'], first);
    const what = positionals[0];
    if (what !== 'requirements' && what !== 'mutants')
      throw new UsageError(`list needs what to list: requirements or mutants${what ? `; got ${what}` : ''}`);
    if (positionals.length > 1) throw new UsageError(`list ${what} takes nothing more; got ${positionals[1]}`);
    return { name: 'list', what };
  }
  const near = closest(first, [...SUBCOMMANDS]);
  throw new UsageError(`unknown command ${first}${near ? ` (did you mean ${near}?)` : ''}; see --help`);
}

/** The options of a run; everything after `--` goes to Playwright as it is. */
export function parseRun(argv: string[], environment: NodeJS.ProcessEnv = process.env): Command {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const passed = split < 0 ? [] : argv.slice(split + 1);
  const { values, booleans, positionals } = options(
    own,
    OPTIONS.map((o) => o.flag),
    'the run',
  );
  if (positionals.length) {
    const near = closest(positionals[0]!, [...SUBCOMMANDS]);
    const hint = near ? ` (did you mean the command ${near}?)` : '';
    throw new UsageError(`unexpected argument ${positionals[0]}${hint}; Playwright options go after --`);
  }
  if (booleans.has('--help')) return { name: 'help' };
  if (booleans.has('--version')) return { name: 'version' };
  const out = {
    name: 'run' as const,
    env: {} as Record<string, string>,
    playwright: [] as string[],
    partial: passed.some((a) => !a.startsWith('-')),
  };
  for (const flag of booleans) out.env[OPTIONS.find((o) => o.flag === flag)!.env!] = '1';
  for (const [flag, value] of Object.entries(values))
    apply(OPTIONS.find((o) => o.flag === flag)!, value, out, environment);
  out.partial ||=
    out.playwright.includes('--grep') ||
    out.playwright.includes('--shard') ||
    passed.some((a) => /^--(grep|grep-invert|shard|last-failed|only-changed)\b/.test(a));
  out.playwright.push(...passed);
  return out;
}

/** Tokens by node:util, checked here so that each mistake is named with the option the user typed. */
function options(
  argv: string[],
  allowed: string[],
  where: string,
): { values: Record<string, string>; booleans: Set<string>; positionals: string[] } {
  const known = OPTIONS.filter((o) => allowed.includes(o.flag));
  const config = Object.fromEntries(
    known.map((o) => [
      o.flag.slice(2),
      { type: o.value ? ('string' as const) : ('boolean' as const), ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  const { tokens } = tokenize({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string> = {};
  const booleans = new Set<string>();
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const option = known.find((o) => o.flag === `--${t.name}`);
    if (!option) {
      const near = closest(
        t.rawName,
        known.map((o) => o.flag),
      );
      const scope = where === 'the run' ? '' : ` for ${where}`;
      throw new UsageError(`unknown option ${t.rawName}${scope}${near ? ` (did you mean ${near}?)` : ''}; see --help`);
    }
    if (!option.value) {
      if (t.inlineValue) throw new UsageError(`${option.flag} takes no value; got ${t.rawName}=${t.value}`);
      booleans.add(option.flag);
    } else {
      // `--target --username x`: a missing value, not a URL that starts with two dashes.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--')))
        throw new UsageError(`${option.flag} needs a value: ${option.value}`);
      values[option.flag] = t.value;
    }
  }
  return { values, booleans, positionals };
}

const VERSION = /^\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.+-]*)?$/;

function apply(
  option: Option,
  value: string,
  out: { env: Record<string, string>; playwright: string[] },
  environment: NodeJS.ProcessEnv,
): void {
  switch (option.flag) {
    case '--password-env':
    case '--totp-secret-env': {
      const secret = environment[value];
      if (!secret) throw new UsageError(`${option.flag} ${value}: that environment variable is empty or not set`);
      out.env[option.flag === '--password-env' ? 'TARGET_PASSWORD' : 'TARGET_TOTP_SECRET'] = secret;
      return;
    }
    case '--target': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new UsageError(`--target is not a URL: ${value}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new UsageError(`--target must be an http or https URL; got ${value}`);
      break;
    }
    case '--workers':
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--workers must be a positive whole number; got ${value}`);
      break;
    case '--timeout':
    case '--run-timeout':
      if (!/^[1-9]\d*$/.test(value))
        throw new UsageError(`${option.flag} must be a positive number of milliseconds; got ${value}`);
      break;
    case '--profile':
      if (!(PROFILES as readonly string[]).includes(value))
        throw new UsageError(`--profile must be ${PROFILES.join(' or ')}; got ${value}`);
      break;
    case '--driver':
      if (!(DRIVERS as readonly string[]).includes(value))
        throw new UsageError(`--driver must be ${DRIVERS.join(' or ')}; got ${value}`);
      break;
    case '--mastodon-version':
    case '--reference-version':
      if (!VERSION.test(value))
        throw new UsageError(`${option.flag} must be a Mastodon version like 4.7.0; got ${value}`);
      break;
    case '--grep':
      try {
        new RegExp(value);
      } catch {
        throw new UsageError(`--grep is not a regular expression: ${value}`);
      }
      out.playwright.push('--grep', value);
      return;
    case '--blob-dir':
      out.env.CONFORMANCE_BLOB_DIR = value;
      return;
    case '--shard': {
      const m = /^(\d+)\/(\d+)$/.exec(value);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
        throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, like 1/3; got ${value}`);
      out.playwright.push('--shard', value);
      return;
    }
  }
  out.env[option.env!] = value;
}

/** The nearest of the candidates within two edits (or one that starts the same way), for "did you mean". */
export function closest(typed: string, candidates: string[]): string | undefined {
  const scored = candidates
    .map((c) => ({ c, d: c.startsWith(typed) && typed.length > 3 ? 1 : distance(typed, c) }))
    .sort((a, b) => a.d - b.d);
  return scored[0] && scored[0].d <= Math.max(2, Math.floor(typed.length / 4)) ? scored[0].c : undefined;
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

const WIDTH = 100;

/** Words folded to lines of at most `width` columns, each after `indent`. */
function wrap(text: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].map((l, i) => (i ? ' '.repeat(indent) : '') + l);
}

const COMMANDS = `Usage: mastodon-oauth-conformance [options] [-- playwright options]
       mastodon-oauth-conformance merge BLOB-DIR… [--report-dir DIR]
       mastodon-oauth-conformance compare A.json B.json… [--report-dir DIR]
       mastodon-oauth-conformance list requirements|mutants
       mastodon-oauth-conformance where REQUIREMENT-ID…`;

const EXIT_CODES = `Exit codes: 0 every applicable MUST passes · 1 a MUST fails · 2 the target could not be judged
(unreachable, sign-in refused, bad configuration) · 3 nothing was judged`;

export function usage(topic?: string): string {
  const topicUsage = (line: string, text: string) => `Usage: ${line}\n\n${wrap(text, 0).join('\n')}\n`;
  if (topic === 'merge')
    return topicUsage(
      'mastodon-oauth-conformance merge BLOB-DIR… [--report-dir DIR]',
      'One conformance report from the blob reports of a sharded run (--shard I/N --blob-dir DIR), found anywhere ' +
        'under the folders, as CI artifacts download them. Exits as one run would have.',
    );
  if (topic === 'compare')
    return topicUsage(
      'mastodon-oauth-conformance compare A.json B.json… [--report-dir DIR]',
      'A requirements × targets matrix of several runs, written to compare.html in the report folder ' +
        '(default reports).',
    );
  if (topic === 'list')
    return (
      'Usage: mastodon-oauth-conformance list requirements|mutants\n\n' +
      'requirements: ID, level, since and statement of each requirement the suite judges.\n' +
      'mutants: the defects --mutant can inject into the embedded reference server.\n'
    );
  const column = 34;
  const lines = OPTIONS.flatMap((o) => {
    const name = `  ${o.short ? `-${o.short}, ` : ''}${o.flag}${o.value ? ` ${o.value}` : ''}`;
    const help = wrap(`${o.help}${o.env ? ` [${o.env}]` : ''}`, column);
    return name.length < column
      ? [`${name.padEnd(column)}${help.join('\n')}`]
      : [name, `${' '.repeat(column)}${help.join('\n')}`];
  });
  return `${COMMANDS}

Runs the Mastodon OAuth conformance suite against a server and writes conformance.json,
conformance.html and junit.xml to reports/. With no --target it tests the embedded reference server.
merge: one report from the shards' blob reports. compare: runs side by side (compare.html).
list: the requirements (ID, level, since, statement) or the reference mutants. COMMAND -h: its help.
where: one requirement's entry, sources, tests and mutants; every requirement: CATALOGUE.md.

${lines.join('\n')}

${EXIT_CODES}
`;
}
