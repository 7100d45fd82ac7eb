/**
 * `npm run where ID` (`mastodon-oauth-conformance where ID` installed): from a requirement ID, one hop to everything
 * about it — its registry entry and sources, the tests that judge it, the mutants that break it and the
 * reference-server steps that implement it. In a checkout it is read from the code on every call (nothing to keep in
 * sync); the package, which ships no TypeScript, carries the same answers in where.json, written by `npm run build`
 * from the code. specs/_meta/where.spec.ts checks that the links it follows are all true.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../fixtures/core/package-root.ts';
import { registry, type Requirement } from '../fixtures/core/registry.ts';
import { listMutants } from '../fixtures/reference-server/index.ts';
import { sourceLink } from '../reporter/html/sources.ts';

/** The checkout, or dist/ in the installed package (where the index lies). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The index `npm run build` writes into dist/ for the installed package. */
export const WHERE_INDEX = 'where.json';

export interface Place {
  file: string;
  line: number;
  text: string;
}

export interface Whereabouts {
  requirement: Requirement;
  /** Tests declared for the requirement (`requirement('ID')`): their verdict is the requirement's. */
  tests: Place[];
  /** Other places in the specs that judge it too (checks, prerequisites). */
  alsoJudgedAt: Place[];
  /** Mutants that must break it, with their files. */
  mutants: { id: string; file: string; description: string }[];
  /** Reference-server lines that name it (a step and the requirement beside it). */
  referenceSteps: Place[];
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

/** Lines of `files` that mention `id` as a whole word and satisfy `keep`. */
function linesNaming(files: string[], id: string, keep: (line: string) => boolean): Place[] {
  const word = new RegExp(`(?<![A-Z0-9-])${id.replace(/[-]/g, '\\-')}(?![A-Z0-9-])`);
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, i) =>
        word.test(text) && keep(text) ? [{ file: relative(ROOT, file), line: i + 1, text: text.trim() }] : [],
      ),
  );
}

export function conformanceSpecFiles(): string[] {
  return filesUnder(join(ROOT, 'specs'), '.spec.ts').filter(
    (f) => !relative(ROOT, f).startsWith(join('specs', '_meta')),
  );
}

export function referenceServerFiles(): string[] {
  return filesUnder(join(ROOT, 'fixtures/reference-server'), '.ts').filter(
    (f) => !f.includes(`${join('reference-server', 'mutants')}`),
  );
}

export function mutantFile(id: string): string {
  return join('fixtures/reference-server/mutants', `${id}.ts`);
}

/**
 * Tests declared for `id`: the `test(` line and its title, whether the declaration is on one line or spread over
 * several (`test(`, the title, `requirement('ID')`); `lines` are the line numbers the declaration covers.
 */
function declarations(files: string[], id: string): (Place & { lines: number[] })[] {
  return files.flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    return lines.flatMap((text, i) => {
      if (!text.includes(`requirement('${id}')`)) return [];
      let start = i;
      while (start > 0 && i - start < 4 && !lines[start]!.includes('test(')) start--;
      const covered = Array.from({ length: i - start + 1 }, (_, k) => start + k + 1);
      const joined = lines
        .slice(start, i + 1)
        .map((l) => l.trim())
        .join(' ');
      return [{ file: relative(ROOT, file), line: start + 1, text: joined, lines: covered }];
    });
  });
}

/** From the index when the package carries one (installed), else from the code (a checkout). */
export function where(id: string): Whereabouts | undefined {
  const index = join(ROOT, WHERE_INDEX);
  if (!existsSync(index)) return whereInCode(id);
  const requirement = registry().get(id);
  const found = (JSON.parse(readFileSync(index, 'utf8')) as Record<string, Omit<Whereabouts, 'requirement'>>)[id];
  return requirement && found ? { requirement, ...found } : undefined;
}

/** Where every requirement is judged, broken and implemented, read from the code: the installed package's index. */
export function writeWhereIndex(file: string): void {
  const index = Object.fromEntries(
    [...registry().keys()].map((id) => {
      const { requirement: _, ...found } = whereInCode(id)!;
      return [id, found];
    }),
  );
  writeFileSync(file, `${JSON.stringify(index)}\n`);
}

export function whereInCode(id: string): Whereabouts | undefined {
  const requirement = registry().get(id);
  if (!requirement) return undefined;
  const specs = conformanceSpecFiles();
  const declared = declarations(specs, id);
  const inDeclaration = new Set(declared.flatMap((d) => d.lines.map((n) => `${d.file}:${n}`)));
  return {
    requirement,
    tests: declared.map(({ lines: _, ...place }) => place),
    alsoJudgedAt: linesNaming(specs, id, () => true).filter((p) => !inDeclaration.has(`${p.file}:${p.line}`)),
    mutants: listMutants()
      .filter((m) => m.breaks.includes(id))
      .map((m) => ({ id: m.id, file: mutantFile(m.id), description: m.description })),
    referenceSteps: linesNaming(referenceServerFiles(), id, (line) => line.includes('//') || line.includes('*')),
  };
}

/** How a user runs the suite: from a checkout, or the installed command. */
export interface WhereContext {
  run: string;
  /** Where the files named live, when the user does not have them (the installed package ships no sources). */
  filesIn?: string;
}

const inCheckout: WhereContext = { run: 'npm run conformance --' };

export function formatWhere(w: Whereabouts, context: WhereContext = inCheckout): string {
  const r = w.requirement;
  const place = (p: Place) => `  ${p.file}:${p.line}  ${p.text.length > 100 ? `${p.text.slice(0, 97)}…` : p.text}`;
  const lines = [
    `${r.id} (${r.level}, since ${r.since}${r.until ? `, until ${r.until}` : ''}) — ` +
      `${r.endpoint}, CATALOGUE.md §${r.section}`,
    `  ${r.statement}`,
    'sources:',
    ...r.source.map((s) => {
      const { href } = sourceLink(s);
      return `  ${s}${href ? `\n    ${href}` : ''}`;
    }),
    ...(r.untested ? [`  untested: ${r.untested}`] : []),
    `registry: openapi/requirements.yaml`,
    ...(context.filesIn ? [`files below: in the suite's source, ${context.filesIn}`] : []),
    `tests (${w.tests.length}):`,
    ...w.tests.map(place),
    ...(w.alsoJudgedAt.length ? [`also judged at (${w.alsoJudgedAt.length}):`, ...w.alsoJudgedAt.map(place)] : []),
    `mutants that must break it (${w.mutants.length}):`,
    ...w.mutants.map((m) => `  ${m.file}  ${m.description}  (${context.run} --mutant ${m.id})`),
    `reference-server steps (${w.referenceSteps.length}):`,
    ...w.referenceSteps.map(place),
  ];
  return lines.join('\n');
}

export const WHERE_HELP =
  'For each requirement ID: its registry entry and sources (linked upstream), the tests that judge it, the mutants ' +
  'that must break it and the reference-server steps that implement it.';

/** `where ID…`: prints each, exit 2 for a usage error or an unknown ID. */
export function whereCommand(ids: string[], usage = 'npm run where -- REQUIREMENT-ID …'): number {
  if (ids.length === 1 && (ids[0] === '-h' || ids[0] === '--help')) {
    process.stdout.write(`usage: ${usage}\n${WHERE_HELP}\n`);
    return 0;
  }
  if (ids.length === 0 || ids.some((a) => a.startsWith('-'))) {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  const installed = existsSync(join(ROOT, WHERE_INDEX));
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { homepage?: string };
  const repository = pkg.homepage?.replace(/#readme$/, '');
  const context = installed ? { run: 'npx mastodon-oauth-conformance', filesIn: repository } : inCheckout;
  let status = 0;
  for (const id of ids) {
    const w = where(id.toUpperCase());
    if (!w) {
      process.stderr.write(`where: no requirement ${id} in openapi/requirements.yaml\n`);
      status = 2;
      continue;
    }
    process.stdout.write(`${formatWhere(w, context)}\n`);
  }
  return status;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [first, file] = process.argv.slice(2);
  if (first === '--write-index' && file) writeWhereIndex(file);
  else process.exit(whereCommand(process.argv.slice(2)));
}
