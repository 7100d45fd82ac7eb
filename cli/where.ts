/**
 * `npm run where ID`: from a requirement ID, one hop to everything about it — its registry entry, the tests that
 * judge it, the mutants that break it and the reference-server steps that implement it. Generated from the code on
 * every call (nothing to keep in sync); specs/_meta/where.spec.ts checks that the links it follows are all true.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry, type Requirement } from '../fixtures/core/registry.ts';
import { listMutants } from '../fixtures/reference-server/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

export function where(id: string): Whereabouts | undefined {
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

export function formatWhere(w: Whereabouts): string {
  const r = w.requirement;
  const place = (p: Place) => `  ${p.file}:${p.line}  ${p.text.length > 100 ? `${p.text.slice(0, 97)}…` : p.text}`;
  const lines = [
    `${r.id} (${r.level}, since ${r.since}${r.until ? `, until ${r.until}` : ''}) — ` +
      `${r.endpoint}, catalogue §${r.section}`,
    `  ${r.statement}`,
    `  source: ${r.source.join(', ')}`,
    ...(r.untested ? [`  untested: ${r.untested}`] : []),
    `registry: openapi/requirements.yaml`,
    `tests (${w.tests.length}):`,
    ...w.tests.map(place),
    ...(w.alsoJudgedAt.length ? [`also judged at (${w.alsoJudgedAt.length}):`, ...w.alsoJudgedAt.map(place)] : []),
    `mutants that must break it (${w.mutants.length}):`,
    ...w.mutants.map((m) => `  ${m.file}  ${m.description}  (npm run conformance -- --mutant ${m.id})`),
    `reference-server steps (${w.referenceSteps.length}):`,
    ...w.referenceSteps.map(place),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ids = process.argv.slice(2);
  if (ids.length === 0) {
    process.stderr.write('usage: npm run where -- REQUIREMENT-ID …\n');
    process.exit(2);
  }
  let status = 0;
  for (const id of ids) {
    const w = where(id.toUpperCase());
    if (!w) {
      process.stderr.write(`where: no requirement ${id} in openapi/requirements.yaml\n`);
      status = 2;
      continue;
    }
    process.stdout.write(`${formatWhere(w)}\n`);
  }
  process.exit(status);
}
