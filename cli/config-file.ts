import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isMap, isPair, isScalar, LineCounter, type Node, parseDocument, type Pair } from 'yaml';
import { closest } from './args.ts';
import { OPTIONS, type OptionName, ROWS, type SuppliedAppSpec } from '../fixtures/run/option-table.ts';
import { type Given, problemOf, type Source } from '../fixtures/run/run-options.ts';

/** Keys whose values would be secrets: the file names an environment variable instead. */
const SECRET_KEYS: Record<string, string> = {
  password: 'passwordEnv',
  totpSecret: 'totpSecretEnv',
  clientSecret: 'clientSecretEnv',
  token: 'an app (clientId, clientSecretEnv)',
};

/** Each config key, with the option it sets and whether it names the variable holding the value. */
const KEYS = new Map<string, { option: OptionName; named: boolean }>(
  ROWS.flatMap(([option, row]) => [
    ...(row.config ? [[row.config, { option, named: false }] as const] : []),
    ...(row.named?.config ? [[row.named.config, { option, named: true }] as const] : []),
  ]),
);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSON Schema of config files, made from the option table (openapi/conformance-config.schema.json is this). */
export function configSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    [...KEYS].map(([key, { option, named }]) => {
      const row = OPTIONS[option];
      return [
        key,
        named
          ? { type: 'string', pattern: ENV_NAME.source, description: `the environment variable holding ${row.help}` }
          : { ...row.schema, description: row.schema.description ?? row.help },
      ];
    }),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://conformance.invalid/conformance-config.schema.json',
    title: 'mastodon-oauth-conformance configuration file (--config FILE)',
    description:
      'Every key is optional; a command-line option or environment variable given with it wins. ' +
      'Secrets are named by environment variable, never written here. Made from fixtures/run/option-table.ts.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

/**
 * A YAML config file as a source of options, each value with its file, line and column. Every problem is found, in
 * the file's order; the supplied apps' client secrets are read from the variables the file names.
 */
export function readConfigFile(
  given: Given,
  environment: NodeJS.ProcessEnv,
): { source: Source; problems: string[]; clientSecrets: Record<string, string> } {
  const file = String(given.raw);
  const out = { source: {} as Source, problems: [] as string[], clientSecrets: {} as Record<string, string> };
  let text: string;
  try {
    text = readFileSync(resolve(given.base, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    out.problems.push(`${given.subject} ${file}: cannot read it (${code})`);
    return out;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return `${file}:${p.line}:${p.col}: `;
  };
  if (doc.errors.length) {
    out.problems.push(...doc.errors.map((e) => `${at(e.pos[0])}not valid YAML: ${e.message.split('\n')[0]}`));
    return out;
  }
  // An empty file (a template never filled in, a path to the wrong file) would quietly test the embedded server.
  if (doc.contents === null || (isMap(doc.contents) && !doc.contents.items.length)) {
    out.problems.push(
      `${given.subject} ${file} is empty: it would quietly test the embedded reference server; ` +
        'give it a target (target: URL), or leave --config out',
    );
    return out;
  }
  if (!isMap(doc.contents)) {
    out.problems.push(`${at(doc.contents.range?.[0])}a config file is a mapping of keys, like target: URL`);
    return out;
  }
  const base = dirname(resolve(given.base, file));
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyAt = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    const valueAt = at((pair.value as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0]);
    const value = (pair.value as Node | null)?.toJSON() as unknown;
    const known = KEYS.get(key);
    if (!known) {
      const secret = SECRET_KEYS[key];
      const near = closest(key, [...KEYS.keys()]);
      out.problems.push(
        secret
          ? `${keyAt}${key}: secrets are not written in the config file; ` +
              `put it in an environment variable and name that with ${secret}`
          : `${keyAt}unknown key "${key}"${near ? ` (did you mean ${near}?)` : ''} ` +
              '(see the configuration reference in the README)',
      );
      continue;
    }
    if (known.named) {
      if (typeof value !== 'string' || !ENV_NAME.test(value)) {
        out.problems.push(`${valueAt}${key} must name an environment variable; got ${JSON.stringify(value)}`);
        continue;
      }
      const secret = environment[value];
      if (!secret)
        out.problems.push(`${valueAt}${key} names ${value}, but that environment variable is empty or not set`);
      else out.source[known.option] = { raw: secret, subject: key, channel: 'config', at: valueAt, base };
      continue;
    }
    const row = OPTIONS[known.option];
    if (row.schema.type === 'object') {
      const errors = shapeErrors(row.schema, value, pair, at, key);
      if (errors.length) {
        out.problems.push(...errors);
        continue;
      }
      if (known.option === 'apps')
        for (const [role, app] of Object.entries(value as Record<string, SuppliedAppSpec>)) {
          const secret = environment[app.clientSecretEnv];
          if (secret) out.clientSecrets[role] = secret;
          else
            out.problems.push(
              `${valueAt}apps.${role}.clientSecretEnv names ${app.clientSecretEnv}, ` +
                'but that environment variable is empty or not set',
            );
        }
    }
    const entry: Given = { raw: value, subject: key, channel: 'config', at: valueAt, base };
    // Checked here too, so that the file's mistakes are told in its order; mergeSources checks it again, quietly.
    const wrong = problemOf(known.option, entry);
    if (wrong) out.problems.push(wrong);
    else out.source[known.option] = entry;
  }
  return out;
}

/** A structured value (apps, signIn) checked against its schema: each mistake at its own line and column. */
function shapeErrors(
  schema: Record<string, unknown>,
  value: unknown,
  pair: Pair,
  at: (offset: number | undefined) => string,
  key: string,
): string[] {
  const validate = new Ajv2020({ strict: true, allErrors: true, verbose: true }).compile(schema);
  if (validate(value)) return [];
  return (
    (validate.errors ?? [])
      // A key that is not a role breaks the pattern too: the propertyNames error says it better.
      .filter((e) => !(e as { propertyName?: string }).propertyName)
      .map((e) => ({ e, offset: locate(pair.value as Node, e) }))
      .sort((a, b) => a.offset - b.offset)
      .map(({ e, offset }) => `${at(offset)}${describe(e, key)}`)
  );
}

function describe(e: ErrorObject, key: string): string {
  const where = [key, ...e.instancePath.split('/').slice(1)].join('.');
  if (e.keyword === 'additionalProperties') {
    const extra = String(e.params.additionalProperty);
    const secret = SECRET_KEYS[extra];
    const near = closest(extra, Object.keys((e.parentSchema as { properties?: object }).properties ?? {}));
    return secret
      ? `${where}.${extra}: secrets are not written in the config file; ` +
          `put it in an environment variable and name that with ${secret}`
      : `unknown key "${extra}" in ${where}${near ? ` (did you mean ${near}?)` : ''} ` +
          '(see the configuration reference in the README)';
  }
  if (e.keyword === 'propertyNames')
    return `${where}: "${String(e.params.propertyName)}" is not an app role (main-0, main-1, …, other, write-only)`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${where} ${e.message ?? 'is not valid'}`;
}

/** The offset of the node an error is about (for an unknown key, the key). */
function locate(root: Node, e: ErrorObject): number {
  let node: unknown = root;
  for (const part of e.instancePath.split('/').slice(1)) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isMap(node) ? node.get(name, true) : (node as { items?: unknown[] })?.items?.[Number(name)];
  }
  const unknown =
    e.keyword === 'additionalProperties'
      ? String(e.params.additionalProperty)
      : e.keyword === 'propertyNames'
        ? String(e.params.propertyName)
        : undefined;
  if (unknown !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === unknown);
    if (pair && isScalar(pair.key)) return pair.key.range?.[0] ?? 0;
  }
  return (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? root.range?.[0] ?? 0;
}
