import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { UsageError } from './args.ts';
import { packageFile } from '../fixtures/core/package-root.ts';

const SCHEMA = packageFile('openapi/conformance-config.schema.json');

/** Keys whose values would be secrets: the file names an environment variable instead. */
const SECRET_KEYS: Record<string, string> = {
  password: 'passwordEnv',
  totpSecret: 'totpSecretEnv',
  clientSecret: 'clientSecretEnv',
  token: 'an app (clientId, clientSecretEnv)',
};

export interface ConfigFile {
  target?: string;
  username?: string;
  usernameEnv?: string;
  passwordEnv?: string;
  totpSecretEnv?: string;
  profile?: string;
  mastodonVersion?: string;
  driver?: string;
  workers?: number;
  timeoutMs?: number;
  runTimeoutMs?: number;
  reportDir?: string;
  baseline?: string;
  includeSlow?: boolean;
  insecure?: boolean;
  allowHttp?: boolean;
  appCache?: string;
  apps?: Record<string, { clientId: string; clientSecretEnv: string; redirectUris?: string[]; scopes?: string[] }>;
  signIn?: Record<string, string>;
}

/**
 * Reads a YAML config file into the environment variables the options mirror (a file sets defaults; the
 * environment and the command line win). Every problem is one line naming the file, line and column.
 */
export function readConfigFile(file: string, environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--config ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    throw new UsageError(`${file}:${at.line}:${at.col}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const config = (doc.toJS() ?? {}) as unknown;
  const validate = compile();
  if (!validate(config)) {
    const error = mostUseful(validate.errors ?? []);
    const at = locate(doc, lines, error);
    throw new UsageError(`${file}:${at.line}:${at.col}: ${describe(error)}`);
  }
  return toEnv(config as ConfigFile, dirname(resolve(file)), environment, file);
}

function compile() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile<ConfigFile>(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

function toEnv(c: ConfigFile, base: string, environment: NodeJS.ProcessEnv, file: string): Record<string, string> {
  const env: Record<string, string> = {};
  const fromEnv = (key: string, name: string): string => {
    const value = environment[name];
    if (!value)
      throw new UsageError(`${file}: ${key} names ${name}, but that environment variable is empty or not set`);
    return value;
  };
  const set = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== false) env[name] = value === true ? '1' : String(value);
  };
  set('TARGET_URL', c.target);
  set('TARGET_USERNAME', c.username ?? (c.usernameEnv ? fromEnv('usernameEnv', c.usernameEnv) : undefined));
  if (c.passwordEnv) set('TARGET_PASSWORD', fromEnv('passwordEnv', c.passwordEnv));
  if (c.totpSecretEnv) set('TARGET_TOTP_SECRET', fromEnv('totpSecretEnv', c.totpSecretEnv));
  set('CONFORMANCE_PROFILE', c.profile);
  set('CONFORMANCE_MASTODON_VERSION', c.mastodonVersion);
  set('CONFORMANCE_DRIVER', c.driver);
  set('CONFORMANCE_WORKERS', c.workers);
  set('CONFORMANCE_TIMEOUT_MS', c.timeoutMs);
  set('CONFORMANCE_RUN_TIMEOUT_MS', c.runTimeoutMs);
  set('CONFORMANCE_REPORT_DIR', c.reportDir && resolve(base, c.reportDir));
  set('CONFORMANCE_BASELINE', c.baseline && resolve(base, c.baseline));
  set('CONFORMANCE_INCLUDE_SLOW', c.includeSlow);
  set('CONFORMANCE_INSECURE', c.insecure);
  set('CONFORMANCE_ALLOW_HTTP', c.allowHttp);
  set('CONFORMANCE_APP_CACHE', c.appCache && resolve(base, c.appCache));
  if (c.apps) {
    const apps = Object.fromEntries(
      Object.entries(c.apps).map(([role, a]) => [
        role,
        {
          clientId: a.clientId,
          clientSecret: fromEnv(`apps.${role}.clientSecretEnv`, a.clientSecretEnv),
          redirectUris: a.redirectUris,
          scopes: a.scopes,
        },
      ]),
    );
    set('CONFORMANCE_APPS', JSON.stringify(apps));
  }
  if (c.signIn) set('CONFORMANCE_SIGN_IN', JSON.stringify(c.signIn));
  return env;
}

/** An unknown key beats the `anyOf`/type noise ajv reports around it. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
  return (
    errors.find((e) => e.keyword === 'additionalProperties') ??
    errors.find((e) => e.keyword === 'propertyNames') ??
    errors[0]!
  );
}

function describe(e: ErrorObject): string {
  const where = e.instancePath.slice(1).replace(/\//g, '.') || 'the file';
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const secret = SECRET_KEYS[key];
    const inFile = where === 'the file';
    return secret
      ? `${inFile ? '' : `${where}.`}${key}: secrets are not written in the config file; ` +
          `put it in an environment variable and name that with ${secret}`
      : `unknown key "${key}"${inFile ? '' : ` in ${where}`} (see the configuration reference in the README)`;
  }
  if (e.keyword === 'propertyNames')
    return `${where}: "${String(e.params.propertyName)}" is not an app role (main-0, main-1, …, other, write-only)`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${where} ${e.message ?? 'is not valid'}`;
}

/** The line and column of the value (or, for an unknown key, the key) an error is about. */
function locate(doc: Document, lines: LineCounter, e: ErrorObject): { line: number; col: number } {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const unknown =
    e.keyword === 'additionalProperties'
      ? String(e.params.additionalProperty)
      : e.keyword === 'propertyNames'
        ? String(e.params.propertyName)
        : undefined;
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  let offset: number | undefined;
  if (unknown !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === unknown);
    offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  }
  offset ??= (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
  return lines.linePos(offset);
}
