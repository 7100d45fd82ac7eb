/** Command-line options, each mirrored by an environment variable so CI can use either. */
export interface Option {
  flag: string;
  env?: string;
  value?: string;
  help: string;
}

export const OPTIONS: Option[] = [
  { flag: '--config', env: 'CONFORMANCE_CONFIG', value: 'FILE', help: 'YAML config file (see "Configuration reference" in the README); options and environment win over it' },
  { flag: '--target', env: 'TARGET_URL', value: 'URL', help: 'server to test (default: the embedded reference server)' },
  { flag: '--username', env: 'TARGET_USERNAME', value: 'EMAIL', help: 'account to sign in with' },
  { flag: '--password', env: 'TARGET_PASSWORD', value: 'PASSWORD', help: 'its password (prefer --password-env)' },
  { flag: '--password-env', value: 'NAME', help: 'read the password from this environment variable' },
  { flag: '--totp-secret-env', value: 'NAME', help: 'read a base32 TOTP secret for two-factor sign-in from this variable' },
  { flag: '--profile', env: 'CONFORMANCE_PROFILE', value: 'mastodon|rfc-strict', help: 'which contract to judge against (default mastodon)' },
  { flag: '--mastodon-version', env: 'CONFORMANCE_MASTODON_VERSION', value: 'X.Y.Z', help: 'judge as this Mastodon version instead of the one the target reports' },
  { flag: '--driver', env: 'CONFORMANCE_DRIVER', value: 'browser|http', help: 'sign-in and consent through Chromium (default when found) or plain HTTP forms' },
  { flag: '--report-dir', env: 'CONFORMANCE_REPORT_DIR', value: 'DIR', help: 'where conformance.json, conformance.html and junit.xml go (default reports)' },
  { flag: '--workers', env: 'CONFORMANCE_WORKERS', value: 'N', help: 'parallel workers (default 2; each uses its own app)' },
  { flag: '--timeout', env: 'CONFORMANCE_TIMEOUT_MS', value: 'MS', help: 'per-request time limit (default 15000)' },
  { flag: '--run-timeout', env: 'CONFORMANCE_RUN_TIMEOUT_MS', value: 'MS', help: 'time limit for the whole run; reports are still written (default 1800000)' },
  { flag: '--include-slow', env: 'CONFORMANCE_INCLUDE_SLOW', help: 'also run slow requirements (a code older than 600 s)' },
  { flag: '--baseline', env: 'CONFORMANCE_BASELINE', value: 'FILE', help: 'known failures (YAML: id, reason, expires) that do not fail the run; stale entries do' },
  { flag: '--update-baseline', env: 'CONFORMANCE_UPDATE_BASELINE', help: "write this run's MUST failures to the --baseline file" },
  { flag: '--app-cache', env: 'CONFORMANCE_APP_CACHE', value: 'DIR', help: 'keep registered apps here and reuse them on later runs (default .conformance/apps)' },
  { flag: '--fresh-apps', env: 'CONFORMANCE_FRESH_APPS', help: 'register new apps even if cached ones still work' },
  { flag: '--insecure', env: 'CONFORMANCE_INSECURE', help: "accept the target's self-signed TLS certificate" },
  { flag: '--allow-http', env: 'CONFORMANCE_ALLOW_HTTP', help: 'allow sending the password over plain http to a host other than loopback' },
  { flag: '--grep', value: 'REGEX', help: 'only tests whose title matches (titles start with the requirement ID)' },
  { flag: '--shard', value: 'I/N', help: 'run shard I of N' },
  { flag: '--blob-dir', value: 'DIR', help: "also write this run's blob report here, for `merge` (shards)" },
  { flag: '--reference-version', env: 'REFERENCE_VERSION', value: 'X.Y.Z', help: 'the embedded reference server pretends to be this Mastodon (default 4.7.0)' },
  { flag: '--reference-variant', env: 'REFERENCE_VARIANTS', value: 'ID[,ID]', help: 'configure the embedded reference server like a real instance (catalogue §2.4: default-locale-de, no-vapid-key, authenticated-api-only, limited-federation)' },
  { flag: '--mutant', env: 'REFERENCE_MUTANTS', value: 'ID[,ID]', help: 'inject defects into the embedded reference server (self-testing)' },
  { flag: '--help', help: 'show this help' },
  { flag: '--version', help: 'show the suite version' },
];

export class UsageError extends Error {}

export interface Parsed {
  env: Record<string, string>;
  playwright: string[];
  help: boolean;
  version: boolean;
}

export function parseArgs(argv: string[], environment: NodeJS.ProcessEnv = process.env): Parsed {
  const out: Parsed = { env: {}, playwright: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.playwright.push(...argv.slice(i + 1));
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new UsageError(`unknown option ${flag} (see --help)`);
    if (flag === '--help') out.help = true;
    else if (flag === '--version') out.version = true;
    else if (!option.value) out.env[option.env!] = '1';
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value: ${option.value}`);
      apply(option, value, out, environment);
    }
  }
  return out;
}

function apply(option: Option, value: string, out: Parsed, environment: NodeJS.ProcessEnv): void {
  switch (option.flag) {
    case '--password-env':
    case '--totp-secret-env': {
      const secret = environment[value];
      if (!secret) throw new UsageError(`${option.flag} ${value}: that environment variable is empty or not set`);
      out.env[option.flag === '--password-env' ? 'TARGET_PASSWORD' : 'TARGET_TOTP_SECRET'] = secret;
      return;
    }
    case '--workers':
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--workers must be a positive whole number; got ${value}`);
      out.env.CONFORMANCE_WORKERS = value;
      return;
    case '--timeout':
    case '--run-timeout':
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${option.flag} must be a positive number of milliseconds; got ${value}`);
      break;
    case '--profile':
      if (value !== 'mastodon' && value !== 'rfc-strict') throw new UsageError(`--profile must be mastodon or rfc-strict; got ${value}`);
      break;
    case '--driver':
      if (value !== 'browser' && value !== 'http') throw new UsageError(`--driver must be browser or http; got ${value}`);
      break;
    case '--grep':
      out.playwright.push('--grep', value);
      return;
    case '--blob-dir':
      out.env.CONFORMANCE_BLOB = '1';
      out.env.PLAYWRIGHT_BLOB_OUTPUT_DIR = value;
      return;
    case '--shard':
      if (!/^\d+\/\d+$/.test(value)) throw new UsageError(`--shard must look like 1/3; got ${value}`);
      out.playwright.push('--shard', value);
      return;
  }
  out.env[option.env!] = value;
}

export function usage(): string {
  const lines = OPTIONS.map((o) => `  ${`${o.flag}${o.value ? ` ${o.value}` : ''}`.padEnd(36)} ${o.help}${o.env ? ` [${o.env}]` : ''}`);
  return `Usage: mastodon-oauth-conformance [options] [-- playwright options]
       mastodon-oauth-conformance merge BLOB-DIR …    (one report from the blob reports of shards; --report-dir DIR)
       mastodon-oauth-conformance compare a/conformance.json b/conformance.json …   (writes reports/compare.html)

Runs the Mastodon OAuth conformance suite against a server and writes reports/conformance.{json,html} and junit.xml.
With no --target it tests the embedded reference server.

${lines.join('\n')}

Exit codes: 0 every applicable MUST passes · 1 a MUST fails · 2 the target could not be judged (unreachable, sign-in refused, bad configuration) · 3 nothing was judged
`;
}
