/**
 * The differential check: the suite's verdicts on the real engine against its verdicts on the reference server,
 * requirement by requirement. They must agree, except where interop/expected-differences.yaml declares a difference
 * with the catalogue row that explains it. An undeclared difference, or a declared one that did not happen, is
 * reported with both verdicts and both runs' exchanges.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Verdict } from '../fixtures/core/findings.ts';
import type { ConformanceReport } from '../reporter/conformance-reporter.ts';

export const EXPECTED_DIFFERENCES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'expected-differences.yaml');

export interface ExpectedDifference {
  id: string;
  engine: Verdict;
  reference: Verdict;
  /** The catalogue row that explains it: a §2.2 row or a §2 D-number. */
  catalogue: string;
  why: string;
}

/**
 * An order case (specs/_meta/support/order-cases.ts) that Doorkeeper 5.5 answers otherwise, still naming the first
 * fault.
 */
export interface ExpectedOrderDifference {
  case: string;
  status: number;
  /** A part of the error_description the HTML error page must show: the fault checked first. */
  page: string;
  catalogue: string;
  why: string;
}

export interface Difference {
  id: string;
  engine: Verdict | 'absent';
  reference: Verdict | 'absent';
}

export interface DifferentialOutcome {
  agree: string[];
  expected: (Difference & { declared: ExpectedDifference })[];
  /** Differences nobody declared: each one fails the self-test. */
  unexpected: Difference[];
  /** Declared differences that did not happen (the verdicts agreed, or differed otherwise): each one fails too. */
  stale: (ExpectedDifference & { observed: Difference })[];
}

const CATALOGUE_ROW = /^(§2\.2 .+|§2\.4 .+|§2 D\d+\b.*)$/;
const VERDICT_NAMES: readonly string[] = [
  'pass',
  'fail',
  'warn',
  'info',
  'not-applicable',
  'blocked',
  'error',
  'untested',
];

/** The declared differences; a malformed entry throws with its position. */
export function loadExpectedDifferences(file = EXPECTED_DIFFERENCES_FILE): ExpectedDifference[] {
  const doc = parse(readFileSync(file, 'utf8')) as { differences?: unknown };
  const list = Array.isArray(doc?.differences) ? doc.differences : [];
  return list.map((raw: unknown, i: number) => {
    const e = raw as Partial<ExpectedDifference>;
    const where = `${file}: differences[${i}]`;
    for (const key of ['id', 'engine', 'reference', 'catalogue', 'why'] as const) {
      if (typeof e[key] !== 'string' || !e[key]) throw new Error(`${where}: ${key} is required`);
    }
    if (!VERDICT_NAMES.includes(e.engine!) || !VERDICT_NAMES.includes(e.reference!))
      throw new Error(`${where}: engine and reference must be verdicts (${VERDICT_NAMES.join(', ')})`);
    if (!CATALOGUE_ROW.test(e.catalogue!))
      throw new Error(
        `${where}: catalogue must name a §2.2 row, a §2.4 row or a §2 D-number; got ${JSON.stringify(e.catalogue)}`,
      );
    return e as ExpectedDifference;
  });
}

/** The declared order-case differences; a malformed entry throws with its position. */
export function loadExpectedOrderDifferences(file = EXPECTED_DIFFERENCES_FILE): ExpectedOrderDifference[] {
  const doc = parse(readFileSync(file, 'utf8')) as { orderCases?: unknown };
  const list = Array.isArray(doc?.orderCases) ? doc.orderCases : [];
  return list.map((raw: unknown, i: number) => {
    const e = raw as Partial<ExpectedOrderDifference>;
    const where = `${file}: orderCases[${i}]`;
    for (const key of ['case', 'page', 'catalogue', 'why'] as const) {
      if (typeof e[key] !== 'string' || !e[key]) throw new Error(`${where}: ${key} is required`);
    }
    if (typeof e.status !== 'number') throw new Error(`${where}: status must be a number`);
    if (!CATALOGUE_ROW.test(e.catalogue!))
      throw new Error(
        `${where}: catalogue must name a §2.2 row, a §2.4 row or a §2 D-number; got ${JSON.stringify(e.catalogue)}`,
      );
    return e as ExpectedOrderDifference;
  });
}

export function compareVerdicts(
  engine: ConformanceReport,
  reference: ConformanceReport,
  declared: ExpectedDifference[],
): DifferentialOutcome {
  const verdicts = (r: ConformanceReport) => new Map(r.requirements.map((q) => [q.id, q.verdict]));
  const onEngine = verdicts(engine);
  const onReference = verdicts(reference);
  const ids = [...new Set([...onEngine.keys(), ...onReference.keys()])].sort();
  const byId = new Map(declared.map((d) => [d.id, d]));
  const out: DifferentialOutcome = { agree: [], expected: [], unexpected: [], stale: [] };
  for (const id of ids) {
    const d: Difference = { id, engine: onEngine.get(id) ?? 'absent', reference: onReference.get(id) ?? 'absent' };
    const declaration = byId.get(id);
    if (declaration) {
      if (declaration.engine === d.engine && declaration.reference === d.reference)
        out.expected.push({ ...d, declared: declaration });
      else out.stale.push({ ...declaration, observed: d });
    } else if (d.engine === d.reference) out.agree.push(id);
    else out.unexpected.push(d);
  }
  for (const declaration of declared) {
    if (!ids.includes(declaration.id))
      out.stale.push({ ...declaration, observed: { id: declaration.id, engine: 'absent', reference: 'absent' } });
  }
  return out;
}

/** One run's answers about a requirement: its failure messages, then every exchange of the tests behind it. */
export function answersFor(report: ConformanceReport, id: string, o: { maxBody?: number } = {}): string[] {
  const max = o.maxBody ?? 300;
  const result = report.requirements.find((r) => r.id === id);
  const lines: string[] = [];
  if (result?.reason) lines.push(`reason: ${result.reason}`);
  for (const f of result?.failures ?? []) lines.push(`finding: ${f}`);
  for (const t of report.tests.filter((t) => t.requirements.includes(id))) {
    lines.push(`test: ${t.title} (${t.status})`);
    for (const e of t.evidence) {
      const url = new URL(e.request.url);
      const body = e.response.body.replace(/\s+/g, ' ');
      const shown = body.length > max ? `${body.slice(0, max)}…` : body;
      lines.push(`  ${e.request.method} ${url.pathname}${url.search} → ${e.response.status} ${shown}`);
    }
  }
  return lines;
}

/** What a failing self-test prints: per difference, the requirement, both verdicts and both runs' answers. */
export function describeDifferences(
  outcome: DifferentialOutcome,
  engine: ConformanceReport,
  reference: ConformanceReport,
): string {
  const parts: string[] = [];
  for (const d of outcome.unexpected) {
    parts.push(
      [
        `✗ ${d.id}: the engine (Doorkeeper 5.5) says ${d.engine}, the reference server says ${d.reference}; ` +
          'no expected difference declares it',
        '  on the engine:',
        ...answersFor(engine, d.id).map((l) => `    ${l}`),
        '  on the reference server:',
        ...answersFor(reference, d.id).map((l) => `    ${l}`),
      ].join('\n'),
    );
  }
  for (const s of outcome.stale) {
    parts.push(
      `✗ ${s.id}: declared as engine ${s.engine} / reference ${s.reference} (${s.catalogue}), ` +
        `observed engine ${s.observed.engine} / reference ${s.observed.reference}: the declaration no longer holds`,
    );
  }
  return parts.join('\n\n');
}
