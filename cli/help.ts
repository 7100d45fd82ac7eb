import { COMMAND_LINE, type Switch } from './args.ts';
import { GROUPS, type Group, type Row, ROWS } from '../fixtures/run/option-table.ts';

/** What --help and the README's reference show of each option: made from the option table and the command line's. */
interface Entry {
  group: Group;
  /** As typed: `-j, --workers N`; none for an option of the environment (or the config file) alone. */
  spellings: string[];
  env?: string;
  /** For an option of the environment alone: `CONFORMANCE_REFERENCE_DUMP=FILE`. */
  assignment?: string;
  aliases: string[];
  config: string[];
  help: string;
  configOnly?: boolean;
}

function entries(): Entry[] {
  const fromRow = (row: Row<unknown>): Entry => {
    const flag = row.flag
      ? [`${row.short ? `-${row.short}, ` : ''}${row.flag}${row.metavar ? ` ${row.metavar}` : ''}`]
      : [];
    const named = row.named?.flag ? [`${row.named.flag} NAME`] : [];
    const spellings = [...named, ...flag];
    return {
      group: row.group,
      configOnly: !spellings.length && !row.env,
      spellings,
      env: row.env,
      assignment: spellings.length ? undefined : `${row.env}=${row.metavar ?? '1'}`,
      aliases: row.aliases ?? [],
      config: [row.config, row.named?.config].filter((k): k is string => !!k),
      help: row.help,
    };
  };
  const fromSwitch = (s: Switch): Entry => ({
    group: s.group,
    spellings: [`${s.short ? `-${s.short}, ` : ''}${s.flag}${s.metavar ? ` ${s.metavar}` : ''}`],
    env: s.env,
    aliases: [],
    config: [],
    help: s.help,
  });
  return [...COMMAND_LINE.map(fromSwitch), ...ROWS.map(([, row]) => fromRow(row))];
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

const NAME = 'mastodon-oauth-conformance';

const USAGE = `Usage: ${NAME} [options] [REQUIREMENT-ID…] [-- playwright options]
       ${NAME} merge BLOB-DIR… [--report-dir DIR]
       ${NAME} compare A.json B.json… [--report-dir DIR]
       ${NAME} matrix A.yaml B.yaml… [--report-dir DIR]
       ${NAME} list requirements|mutants|variants [--json]
       ${NAME} where REQUIREMENT-ID…
       ${NAME} help [merge|compare|matrix|list]`;

const EXAMPLES: [string, string][] = [
  ['', 'test the embedded reference server, write reports/'],
  [
    '--target https://example.com --username i@example.com --password-env PW',
    'test your server, with the password from the environment variable PW',
  ],
  ['-c staging.yaml TOKEN-CODE-REUSE REVOKE-FOREIGN', 'only these two requirements, the rest from a config file'],
  ['-c staging.yaml -r "REVOKE-*" --list', 'which tests would run, without running them'],
  ['-c staging.yaml --last-failed', 'run again what did not pass in reports/conformance.json'],
  ['-c staging.yaml --shard 1/3 --blob-dir blobs/1', 'one shard of three; then: merge blobs'],
  ['-c staging.yaml --baseline conformance-baseline.yaml', 'a CI gate that accepts the known failures listed'],
];

const EXIT_CODES =
  'Exit codes: 0 every applicable MUST passes (a partial run says partial) · 1 a MUST fails, or a baseline ' +
  'entry went stale · 2 the target could not be judged, or a mistake in the options · 3 nothing was judged';

export function usage(topic?: string): string {
  const topicUsage = (line: string, text: string) => `Usage: ${NAME} ${line}\n\n${wrap(text, 0).join('\n')}\n`;
  if (topic === 'merge')
    return topicUsage(
      'merge BLOB-DIR… [--report-dir DIR]',
      'One conformance report from the blob reports of a sharded run (--shard I/N --blob-dir DIR), found anywhere ' +
        'under the folders, as CI artifacts download them. Exits as one run would have.',
    );
  if (topic === 'compare')
    return topicUsage(
      'compare A.json B.json… [--report-dir DIR]',
      'A requirements × targets matrix of several runs, written to compare.html in the report folder ' +
        '(default reports).',
    );
  if (topic === 'matrix')
    return topicUsage(
      'matrix A.yaml B.yaml… [--report-dir DIR]',
      'A compatibility matrix: one run per config file (-c), one after another, each writing its reports to ' +
        'DIR/<file name>/, then DIR/matrix.html, requirement × server, each cell the verdict, its evidence and the ' +
        'baseline entry that accepted it. Each config names its target and account, or a referenceVersion for ' +
        'the embedded reference server. Exits 0 when every server was judged, 2 when one could not be.',
    );
  if (topic === 'list')
    return topicUsage(
      'list requirements|mutants|variants [--json]',
      'requirements: ID, level, since and statement of each requirement the suite judges. mutants: the defects ' +
        '--mutant injects into the embedded reference server. variants: the real-instance configurations ' +
        '--reference-variant gives it. --json: the same as JSON.',
    );
  if (topic && topic !== 'help') return `${NAME}: no help on ${topic}; see --help\n`;
  const column = 36;
  const all = entries();
  const groups = (Object.keys(GROUPS) as Group[]).map((g) => {
    // A key of the config file alone (apps, signIn) is for the README.
    const lines = all
      .filter((e) => e.group === g && !e.configOnly)
      .flatMap((e) => {
        const name = `  ${e.assignment ?? e.spellings.join(', ')}`;
        const help = wrap(`${e.help}${e.env && !e.assignment ? ` [${e.env}]` : ''}`, column);
        return name.length < column
          ? [`${name.padEnd(column)}${help.join('\n')}`]
          : [name, `${' '.repeat(column)}${help.join('\n')}`];
      });
    return `${GROUPS[g]}:\n${lines.join('\n')}`;
  });
  const examples = EXAMPLES.flatMap(([args, what]) => [`  ${NAME}${args ? ` ${args}` : ''}`, `      ${what}`]);
  return `${USAGE}

Runs the Mastodon OAuth conformance suite against a server and writes conformance.json,
conformance.html and junit.xml to reports/. With no --target it tests the embedded reference server.
Options also come from environment variables [shown so] and a config file (-c); the command line
wins over both, the environment over the file. where ID: a requirement's entry, sources, tests and
mutants; every requirement: CATALOGUE.md.

${groups.join('\n\n')}

Examples:
${examples.join('\n')}

${wrap(EXIT_CODES, 0).join('\n')}
`;
}

/** The README's "Configuration reference": a table per group, made from the option table (readme.spec checks it). */
export function configurationReference(): string {
  const code = (s: string) => `\`${s}\``;
  return (Object.keys(GROUPS) as Group[])
    .map((g) => {
      const rows = entries()
        .filter((e) => e.group === g)
        .map((e) =>
          [
            e.spellings.map(code).join(', '),
            [e.env, ...e.aliases]
              .filter(Boolean)
              .map((n) => code(n!))
              .join(', '),
            e.config.map(code).join(', '),
            e.help,
          ].map((cell) => cell.replace(/\|/g, '\\|')),
        );
      return `**${GROUPS[g]}**\n\n${table(['option', 'environment', 'config key', 'meaning'], rows)}`;
    })
    .join('\n\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
