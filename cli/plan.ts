import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { closest, type Command, UsageError } from './args.ts';
import { OPTIONS, type Options, ROWS, SHIPPED_BASELINES } from '../fixtures/run/option-table.ts';
import { mergeSources, type RunPlan, type Secrets, type Source, splitSecrets } from '../fixtures/run/run-options.ts';

type RunCommand = Extract<Command, { name: 'run' }>;

/** A run's plan, checked; `make` gives it its run folder once the CLI has made one. */
export interface Planned {
  options: Options;
  given: RunPlan['given'];
  make(runFolder: string): { plan: RunPlan; secrets: Secrets };
  /** For Playwright, after `--`. */
  playwright: string[];
  list: boolean;
  /** Why there is nothing to run (--last-failed after a run where everything passed): exit 3, nothing written. */
  nothing?: string;
}

/**
 * The plan of a run: the config file, then the environment, then the command line, each value checked, then what
 * needs the registry, the reference server's lists or the file system (IDs, the baseline, the last report). Every
 * mistake at once, as one UsageError; nothing is written.
 */
export async function planRun(
  command: RunCommand,
  environment: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<Planned> {
  const problems = [...command.problems];
  const env = fromEnvironment(environment, cwd);
  problems.push(...env.problems);
  const configGiven =
    command.config ??
    (environment.CONFORMANCE_CONFIG
      ? { raw: environment.CONFORMANCE_CONFIG, subject: 'CONFORMANCE_CONFIG', channel: 'env' as const, base: cwd }
      : undefined);
  const config = configGiven
    ? (await import('./config-file.ts')).readConfigFile(configGiven, environment)
    : { source: {}, problems: [], clientSecrets: {} };
  problems.unshift(...config.problems);
  const merged = mergeSources([config.source, env.source, command.flags]);
  problems.push(...merged.problems);
  const options = merged.options;
  problems.push(...(await checkIds(options)), ...(await checkBaseline(options, merged.given.baseline)));
  const last = options.lastFailed ? await lastFailed(options) : undefined;
  if (last && 'problem' in last) problems.push(last.problem);
  if (problems.length) throw new UsageError(problems);
  // A file filter after `--` (or Playwright's own selection options) chooses some tests too.
  const filtered = command.playwright.some(
    (a) => !a.startsWith('-') || /^--(grep|grep-invert|shard|last-failed|only-changed)\b/.test(a),
  );
  return {
    options,
    given: merged.given,
    playwright: command.playwright,
    list: command.list,
    nothing: last && 'nothing' in last ? last.nothing : undefined,
    make: (runFolder) => {
      const made = splitSecrets(options, { runFolder, given: merged.given }, config.clientSecrets);
      made.plan.partial ||= filtered;
      return made;
    },
  };
}

/** The environment as a source: each option's variable, else its older name. Empty means unset, but for a URL. */
export function fromEnvironment(environment: NodeJS.ProcessEnv, cwd: string): { source: Source; problems: string[] } {
  const source: Source = {};
  const problems: string[] = [];
  for (const [name, row] of ROWS) {
    const set = [row.env, ...(row.aliases ?? [])].filter(
      (n): n is string => !!n && environment[n] !== undefined && (environment[n] !== '' || !!row.emptyIsGiven),
    );
    if (!set.length) continue;
    const disagree = set.find((n) => environment[n] !== environment[set[0]!]);
    if (disagree) problems.push(`${set[0]} and ${disagree} disagree: set one of them`);
    source[name] = { raw: environment[set[0]!], subject: set[0]!, channel: 'env', base: cwd };
  }
  return { source, problems };
}

/** Requirement, mutant and variant IDs exist: found before the run, not after it. */
async function checkIds(o: Options): Promise<string[]> {
  const problems: string[] = [];
  if (o.requirements.length) {
    const { registry } = await import('../fixtures/core/registry.ts');
    const all = [...registry().values()];
    const chosen = new Set<string>();
    for (const typed of o.requirements) {
      const pattern = new RegExp(`^${typed.replace(/[-]/g, '\\-').replace(/\*/g, '.*')}$`, 'i');
      const matching = all.filter((r) => pattern.test(r.id));
      if (!matching.length) {
        const near = closest(
          typed.toUpperCase(),
          all.map((r) => r.id),
        );
        problems.push(`no requirement ${typed}${near ? ` (did you mean ${near}?)` : ''}; see list requirements`);
        continue;
      }
      const one = matching.length === 1 && !typed.includes('*') ? matching[0]! : undefined;
      if (one?.untested) problems.push(`${one.id} has no test (${one.untested}): nothing would judge it`);
      else if (one?.slow && !o.includeSlow) problems.push(`${one.id} is a slow requirement: add --include-slow`);
      for (const r of matching) if (!r.untested) chosen.add(r.id);
    }
    o.requirements = [...chosen];
  }
  const lists = [
    ['mutants', 'mutant'],
    ['referenceVariants', 'variant'],
  ] as const;
  for (const [name, what] of lists) {
    if (!o[name].length) continue;
    const { listMutants, listVariants } = await import('../fixtures/reference-server/index.ts');
    const known = (name === 'mutants' ? listMutants() : listVariants()).map((m) => m.id);
    for (const id of o[name].filter((id) => !known.includes(id))) {
      const near = closest(id, known);
      problems.push(
        `${OPTIONS[name].flag} ${id}: no such ${what}${near ? ` (did you mean ${near}?)` : ''}; see list ${what}s`,
      );
    }
  }
  return problems;
}

/**
 * `--baseline` (a file, or the name of a baseline shipped with the suite: option-table.ts) read now, its IDs checked
 * against the registry, so that a mistake in it is found before the run.
 */
async function checkBaseline(o: Options, given: string | undefined): Promise<string[]> {
  if (!o.baseline) return [];
  if (o.updateBaseline && dirname(o.baseline) === SHIPPED_BASELINES)
    return [`--update-baseline would write into the suite's own baseline ${basename(o.baseline)}: give a file`];
  if (!existsSync(o.baseline)) {
    if (o.updateBaseline) return [];
    const names = (await import('../reporter/baseline.ts')).shippedBaselines();
    const list = names.length ? ` (shipped: ${names.join(', ')})` : '';
    return [`${given} ${o.baseline}: no such file, and the suite ships no baseline of that name${list}`];
  }
  const { readBaseline, BaselineError } = await import('../reporter/baseline.ts');
  const { registry } = await import('../fixtures/core/registry.ts');
  try {
    const ids = [...registry().keys()];
    return readBaseline(o.baseline)
      .filter((e) => !registry().has(e.id))
      .map((e) => {
        const near = closest(e.id, ids);
        return `baseline ${o.baseline}: ${e.id} is not a requirement${near ? ` (did you mean ${near}?)` : ''}`;
      });
  } catch (error) {
    if (error instanceof BaselineError) return [error.message];
    throw error;
  }
}

/** `--last-failed`: the requirements that did not pass in the report folder's last conformance.json. */
async function lastFailed(o: Options): Promise<{ problem: string } | { nothing: string } | { chosen: string[] }> {
  const file = join(o.reportDir, 'conformance.json');
  let report: { requirements?: { id: string; verdict: string }[] };
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as typeof report;
  } catch {
    return { problem: `--last-failed: there is no last report to read (${file})` };
  }
  const failed = (report.requirements ?? [])
    .filter((r) => ['fail', 'warn', 'error', 'blocked'].includes(r.verdict))
    .map((r) => r.id);
  const chosen = o.requirements.length ? failed.filter((id) => o.requirements.includes(id)) : failed;
  if (!chosen.length) return { nothing: `--last-failed: everything passed in the last report (${file})` };
  o.requirements = chosen;
  return { chosen };
}

/**
 * The folders a run writes, made now and written to once: a folder that cannot be written is one line before
 * anything starts, not a stack trace at the end. (Node's recursive mkdir spins forever under /proc: hence by hand.)
 */
export function unwritable(o: Options, given: RunPlan['given']): string[] {
  const folders: [string, string | undefined][] = [
    [o.reportDir, given.reportDir ?? '--report-dir'],
    ...(o.blobDir ? [[o.blobDir, given.blobDir] as [string, string | undefined]] : []),
    ...(o.target && !o.freshApps ? [[o.appCache, given.appCache ?? '--app-cache'] as [string, string]] : []),
    ...(o.baseline && o.updateBaseline ? [[dirname(o.baseline), given.baseline] as [string, string | undefined]] : []),
  ];
  return folders.flatMap(([dir, subject]) => {
    const why = cannotWrite(dir);
    return why ? [`${subject} ${dir}: cannot write there (${why})`] : [];
  });
}

function cannotWrite(dir: string): string | undefined {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  try {
    if (!statSync(at).isDirectory()) return `${at} is a file`;
    for (const m of missing) mkdirSync(m);
    rmdirSync(mkdtempSync(join(resolve(dir), '.write-check-')));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}
