import { parseArgs as tokenize } from 'node:util';
import { type Group, OPTIONS, type OptionName, ROWS } from '../fixtures/run/option-table.ts';
import type { Given, Source } from '../fixtures/run/run-options.ts';

/**
 * The command line. Node's own parseArgs splits it into tokens, driven by the option table; the table, not a CLI
 * library, is the one source of flags, variables and config keys, so a library would parse only a third of it.
 */

/** Mistakes in what the user typed or set: each one line naming the flag, variable or key as given. Exit 2. */
export class UsageError extends Error {
  readonly problems: string[];
  constructor(problems: string | string[]) {
    const list = [problems].flat();
    super(list.join('\n'));
    this.problems = list;
  }
}

/** Command-line options that are not options of a run: they choose what the command does. */
export interface Switch {
  flag: `--${string}`;
  short?: string;
  metavar?: string;
  env?: string;
  group: Group;
  help: string;
}

export const COMMAND_LINE: Switch[] = [
  {
    flag: '--config',
    short: 'c',
    metavar: 'FILE',
    env: 'CONFORMANCE_CONFIG',
    group: 'general',
    help: 'a YAML config file (README "Configuration reference"); the environment and the command line win over it',
  },
  {
    flag: '--list',
    group: 'selection',
    help: 'list the tests the other options select, without running them (nothing is sent to the target)',
  },
  {
    flag: '--help',
    short: 'h',
    group: 'general',
    help: "show this help; COMMAND -h (or help COMMAND): a command's own",
  },
  { flag: '--version', short: 'V', group: 'general', help: "show the suite's version" },
];

export const COMMANDS = ['merge', 'compare', 'matrix', 'list', 'help'] as const;
export const LISTS = ['requirements', 'mutants', 'variants'] as const;

export type Command =
  | {
      name: 'run';
      /** The options typed, each as given (parsed and checked with the other sources by cli/plan.ts). */
      flags: Source;
      config?: Given;
      /** Everything after `--`, for Playwright as it is. */
      playwright: string[];
      list: boolean;
      /** Mistakes found while reading the command line; reported with those of the other sources. */
      problems: string[];
    }
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | { name: 'merge'; folders: string[]; reportDir?: string }
  | { name: 'compare'; files: string[]; reportDir?: string }
  | { name: 'matrix'; configs: string[]; reportDir?: string }
  | { name: 'list'; what: (typeof LISTS)[number]; json: boolean };

/** Every flag the command line takes, with the option (or switch) it sets. */
interface Spelling {
  flag: string;
  short?: string;
  takesValue: boolean;
  option?: OptionName;
  /** `--password-env NAME`: the value is the variable NAME's. */
  named?: boolean;
  metavar?: string;
}

const SPELLINGS: Spelling[] = [
  ...ROWS.flatMap(([name, row]) => [
    ...(row.flag
      ? [{ flag: row.flag, short: row.short, takesValue: !!row.metavar, option: name, metavar: row.metavar }]
      : []),
    ...(row.named?.flag
      ? [{ flag: row.named.flag, takesValue: true, option: name, named: true, metavar: 'NAME' }]
      : []),
  ]),
  ...COMMAND_LINE.map((s) => ({ flag: s.flag, short: s.short, takesValue: !!s.metavar, metavar: s.metavar })),
];

/**
 * The command line as a command: a run (the default) or a subcommand. A run's mistakes are gathered, not thrown,
 * so that they are reported with the environment's and the config file's at once.
 */
export function parseCommand(
  argv: string[],
  environment: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Command {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const tokens = tokensOf(own, SPELLINGS);
  // The command is the first word that is not an option's value, wherever it stands; an unknown option before it is
  // named as such (with a suggestion), not its value as an unknown command.
  const first = tokens.find((t) => t.kind === 'positional');
  const unknownBefore = tokens.some(
    (t) => t.kind === 'option' && t.index < (first?.index ?? Infinity) && !spelling(t.rawName),
  );
  if (first && !unknownBefore && (COMMANDS as readonly string[]).includes(first.value)) {
    const rest = [...own.slice(0, first.index), ...own.slice(first.index + 1)];
    return subcommand(first.value as (typeof COMMANDS)[number], rest);
  }
  return parseRun(argv, environment, cwd);
}

/** The options of a run; positional words are requirement IDs; everything after `--` goes to Playwright. */
function parseRun(argv: string[], environment: NodeJS.ProcessEnv, cwd: string): Command {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const passed = split < 0 ? [] : argv.slice(split + 1);
  const flags: Source = {};
  const problems: string[] = [];
  const ids: string[] = [];
  let config: Given | undefined;
  let list = false;
  /** What an unknown option or command was typed with: its value or arguments, not words of their own. */
  let skipWords = false;
  let afterUnknown = -1;
  for (const t of tokensOf(own, SPELLINGS)) {
    if (t.kind === 'positional') {
      if (skipWords || t.index === afterUnknown) continue;
      // A requirement ID has capitals or a dash; a lone lower-case word was meant as a command.
      if (/[A-Z*-]/.test(t.value)) ids.push(t.value);
      else {
        const near = closest(t.value, [...COMMANDS]);
        problems.push(`unknown command ${t.value}${near ? ` (did you mean ${near}?)` : ''}; see --help`);
        skipWords = true;
      }
      continue;
    }
    if (t.kind !== 'option') continue;
    const s = spelling(t.rawName);
    if (!s) {
      if (t.value === undefined) afterUnknown = t.index + 1;
      const near = closest(
        t.rawName,
        SPELLINGS.map((x) => x.flag),
      );
      problems.push(`unknown option ${t.rawName}${near ? ` (did you mean ${near}?)` : ''}; see --help`);
      continue;
    }
    if (!s.takesValue) {
      if (t.inlineValue) {
        problems.push(`${s.flag} takes no value; got ${t.rawName}=${t.value}`);
        continue;
      }
      if (s.flag === '--help') return { name: 'help' };
      if (s.flag === '--version') return { name: 'version' };
      if (s.flag === '--list') list = true;
      else flags[s.option!] = { raw: true, subject: s.flag, channel: 'flag', base: cwd };
      continue;
    }
    // `--target --username x`: a missing value, not a URL that starts with two dashes.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) {
      problems.push(`${s.flag} needs a value: ${s.metavar}`);
      continue;
    }
    if (s.flag === '--config') config = { raw: t.value, subject: '--config', channel: 'flag', base: cwd };
    else if (s.named) {
      const value = environment[t.value];
      if (!value) problems.push(`${s.flag} ${t.value}: that environment variable is empty or not set`);
      else flags[s.option!] = { raw: value, subject: `${s.flag} ${t.value}`, channel: 'flag', base: cwd };
    } else {
      const previous = s.option === 'requirements' ? flags.requirements : undefined;
      const raw = previous ? `${String(previous.raw)},${t.value}` : t.value;
      flags[s.option!] = { raw, subject: s.flag, channel: 'flag', base: cwd };
    }
  }
  if (ids.length) {
    const typed = flags.requirements;
    flags.requirements = {
      raw: [...ids, ...(typed ? String(typed.raw).split(',') : [])].join(','),
      subject: typed ? '--requirement' : 'the requirement IDs',
      channel: 'flag',
      base: cwd,
    };
  }
  // Playwright's own --list, after `--`, is ours: it used to run nothing and end "vacuous".
  const playwright = passed.filter((a) => a !== '--list');
  if (playwright.length < passed.length) list = true;
  return { name: 'run', flags, config, playwright, list, problems };
}

function subcommand(name: (typeof COMMANDS)[number], rest: string[]): Command {
  const tokens = tokensOf(rest, [
    { flag: '--report-dir', takesValue: true },
    { flag: '--json', takesValue: false },
    { flag: '--help', short: 'h', takesValue: false },
  ]);
  const positionals = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const options = new Map(tokens.flatMap((t) => (t.kind === 'option' ? [[t.name, t] as const] : [])));
  if (name === 'help') return { name: 'help', topic: positionals[0] };
  if (options.has('help')) return { name: 'help', topic: name };
  const allowed = name === 'list' ? ['json'] : ['report-dir'];
  for (const [option, t] of options)
    if (!allowed.includes(option)) {
      const near = closest(
        t.rawName,
        allowed.map((a) => `--${a}`),
      );
      throw new UsageError(
        `unknown option ${t.rawName} for ${name}${near ? ` (did you mean ${near}?)` : ''}; see ${name} -h`,
      );
    }
  const reportDir = options.get('report-dir')?.value;
  if (options.has('report-dir') && !reportDir) throw new UsageError('--report-dir needs a value: DIR');
  if (name === 'merge') {
    if (!positionals.length)
      throw new UsageError("merge needs the folders holding the shards' blob reports (--blob-dir)");
    return { name, folders: positionals, reportDir };
  }
  if (name === 'compare') {
    if (positionals.length < 2) throw new UsageError('compare needs at least two conformance.json files');
    return { name, files: positionals, reportDir };
  }
  if (name === 'matrix') {
    if (positionals.length < 2) throw new UsageError('matrix needs at least two config files (one per target)');
    return { name, configs: positionals, reportDir };
  }
  const what = positionals[0];
  if (!(LISTS as readonly string[]).includes(what ?? ''))
    throw new UsageError(`list needs what to list: ${LISTS.join(', ')}${what ? `; got ${what}` : ''}`);
  if (positionals.length > 1) throw new UsageError(`list ${what} takes nothing more; got ${positionals[1]}`);
  return { name, what: what as (typeof LISTS)[number], json: options.has('json') };
}

type Token = ReturnType<typeof tokenize>['tokens'] extends (infer T)[] | undefined ? T : never;

/** node:util's tokens, with every spelling known (short ones expanded) and unknown ones passed through to be named. */
function tokensOf(argv: string[], spellings: Spelling[]): Token[] {
  const options = Object.fromEntries(
    spellings.map((s) => [
      s.flag.slice(2),
      { type: s.takesValue ? ('string' as const) : ('boolean' as const), ...(s.short ? { short: s.short } : {}) },
    ]),
  );
  return tokenize({ args: argv, options, strict: false, allowPositionals: true, tokens: true }).tokens ?? [];
}

function spelling(rawName: string): Spelling | undefined {
  return SPELLINGS.find((s) => s.flag === rawName || (s.short && `-${s.short}` === rawName));
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

export { OPTIONS };
