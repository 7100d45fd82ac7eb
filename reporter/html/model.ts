/**
 * What the HTML report shows, computed once from a ConformanceReport: the failures box, the root causes of each
 * requirement (one entry per distinct finding, with its count and one example exchange), and the evidence the page
 * builds on demand. Pure data; render-html.ts turns it into markup.
 */
import type { Evidence } from '../../fixtures/core/findings.ts';
import type { Finding, Verdict } from '../../fixtures/core/findings.ts';
import type { ConformanceReport } from '../conformance-reporter.ts';
import type { RequirementResult, TestRecord } from '../aggregate.ts';
import { contractLine } from './contract-lines.ts';

/** Most severe first: a broken MUST, a test that could not judge, a broken SHOULD, a missing prerequisite. */
export const ATTENTION: Verdict[] = ['fail', 'error', 'warn', 'blocked'];
export const SEVERITY: Verdict[] = ['fail', 'error', 'warn', 'blocked', 'info', 'untested', 'not-applicable', 'pass'];

/** The part of an exchange a finding is about, highlighted when the exchange is shown. */
export interface Mark {
  part: 'status' | 'header' | 'body';
  key?: string;
}

export interface ExchangeView {
  method: string;
  url: string;
  reqHeaders: Record<string, string>;
  reqBody?: string;
  status: number;
  resHeaders: Record<string, string | string[]>;
  resBody: string;
  note?: string;
  violations: { requirement: string; message: string; instancePath?: string; line?: number }[];
}

/** Bodies beyond this are cut in the page (conformance.json keeps them whole): they are what makes large runs heavy. */
export const BODY_LIMIT = 4000;

function cut(text: string): string {
  return text.length > BODY_LIMIT
    ? `${text.slice(0, BODY_LIMIT)}… (${text.length - BODY_LIMIT} more characters in conformance.json)`
    : text;
}

export interface TestView {
  title: string;
  file: string;
  line: number;
  status: string;
  durationMs: number;
  exchanges: ExchangeView[];
  shots: { name: string; src: string }[];
}

export interface Cause {
  outcome: Finding['outcome'];
  text: string;
  /** How many times it was observed (one per exchange for a contract violation). */
  count: number;
  /** Indexes into the report's tests. */
  tests: number[];
  /**
   * The exchange shown with it: the one the check judged (`judged`), else the last one before the check on the endpoint
   * its message names, else the last one before the check.
   */
  example?: { test: number; exchange: number; marks: Mark[]; judged: boolean };
  /** The schema node in openapi/mastodon-oauth.yaml, for a contract violation. */
  contractLine?: number;
  incidental: boolean;
  /** The spec line that made the check, when a spec made it. */
  at?: string;
}

export interface RowEvidence {
  causes: Cause[];
  /** Checks that held, worded as such. */
  held: string[];
  tests: number[];
}

export interface AttentionItem {
  id: string;
  verdict: Verdict;
  level: string;
  reason: string;
  count: number;
  tests: number;
  blockedBy?: string;
}

export interface Model {
  attention: AttentionItem[];
  rows: Map<string, RowEvidence>;
  tests: TestView[];
}

const ID_IN_TEXT = /\b([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\b/g;

/** The requirement a blocked verdict waited for, when its reason names one ("APP-CREATE-OK is the prerequisite"). */
export function prerequisiteOf(q: RequirementResult, known: Set<string>): string | undefined {
  if (q.verdict !== 'blocked' || !q.reason) return undefined;
  const named = /([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+) is the prerequisite/.exec(q.reason)?.[1];
  if (named && known.has(named)) return named;
  return [...q.reason.matchAll(ID_IN_TEXT)].map((m) => m[1]!).find((id) => id !== q.id && known.has(id));
}

/** Occurrences of one finding differ in what was got, not in what was expected. */
function causeKey(f: Finding): string {
  return `${f.outcome}|${(f.message ?? '').replace(/; got [\s\S]*$/, '').replace(/#[0-9a-f]{4}\b/g, '#')}`;
}

/** Which part of the exchange a finding message is about. */
export function marksFor(message: string, violation?: { instancePath?: string }): Mark[] {
  const marks: Mark[] = [];
  const header =
    /\bheader ([\w-]+)|\b(content-type|www-authenticate|cache-control|location|access-control-[\w-]+)\b/i.exec(message);
  if (header) marks.push({ part: 'header', key: (header[1] ?? header[2])!.toLowerCase() });
  if (/\bstatus\b/i.test(message) && !header) marks.push({ part: 'status' });
  const pointer = violation?.instancePath ?? /\bbody: (\/[^\s]*)/.exec(message)?.[1];
  const dotted = /\bbody\.([\w.]+)/.exec(message)?.[1];
  const key = pointer ? pointer.split('/').filter(Boolean).pop() : dotted?.split('.').pop();
  if (key) marks.push({ part: 'body', key: key.replace(/~1/g, '/').replace(/~0/g, '~') });
  else if (/\bbody\b/.test(message) && !header) marks.push({ part: 'body' });
  return marks;
}

/**
 * The exchange a finding is about. The one it names (the response its check read, the redirect whose Location it read,
 * the exchange its contract violation was found in); for a check of no one exchange, the last exchange before it on
 * the endpoint its message names, else the last one before it, and never one made after the check.
 */
export function exampleFor(
  t: TestRecord,
  f: Finding,
): { exchange: number; marks: Mark[]; judged: boolean; violation?: Evidence['violations'][number] } | undefined {
  if (t.evidence.length === 0) return undefined;
  const message = f.message ?? '';
  const named = f.exchange === undefined ? undefined : t.evidence[f.exchange];
  if (message.startsWith('contract: ')) {
    const text = message.slice('contract: '.length);
    const matches = (x: Evidence['violations'][number]) =>
      x.message === text || (x.requirement === f.id && text.startsWith(x.message.slice(0, 30)));
    const order = named ? [f.exchange!] : t.evidence.map((_, i) => i);
    for (const i of order) {
      const v = t.evidence[i]!.violations.find(matches);
      if (v) return { exchange: i, marks: marksFor(v.message, v), judged: true, violation: v };
    }
  }
  const header = f.header ? [{ part: 'header' as const, key: f.header.toLowerCase() }] : [];
  if (named) return { exchange: f.exchange!, marks: [...header, ...marksFor(message)], judged: true };
  const before = Math.min(f.before ?? t.evidence.length, t.evidence.length);
  if (before === 0) return undefined;
  const endpoint = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) (\/\S*?):? /.exec(message);
  let index = before - 1;
  if (endpoint) {
    for (let i = before - 1; i >= 0; i--) {
      const ex = t.evidence[i]!;
      if (ex.request.method === endpoint[1] && pathOf(ex.request.url) === endpoint[2]) {
        index = i;
        break;
      }
    }
  }
  return { exchange: index, marks: [...header, ...marksFor(message)], judged: false };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function buildModel(r: ConformanceReport, picture: (path: string) => string | undefined): Model {
  const known = new Set(r.requirements.map((q) => q.id));
  const tests: TestView[] = r.tests.map((t) => ({
    title: t.title,
    file: t.file,
    line: t.line,
    status: t.status,
    durationMs: t.durationMs,
    exchanges: t.evidence.map((e) => ({
      method: e.request.method,
      url: e.request.url,
      reqHeaders: e.request.headers,
      reqBody: e.request.body === undefined ? undefined : cut(e.request.body),
      status: e.response.status,
      resHeaders: e.response.headers,
      resBody: cut(e.response.body),
      note: e.note,
      violations: e.violations.map((v) => ({
        requirement: v.requirement,
        message: v.message,
        instancePath: v.instancePath,
        line: safeLine(e, v),
      })),
    })),
    shots: t.screenshots.flatMap((s) => {
      const src = picture(s.path);
      return src ? [{ name: s.name, src }] : [];
    }),
  }));

  const rows = new Map<string, RowEvidence>();
  const testsById = new Map<string, number[]>();
  r.tests.forEach((t, i) => {
    for (const id of new Set(t.findings.map((f) => f.id))) testsById.set(id, [...(testsById.get(id) ?? []), i]);
  });
  for (const q of r.requirements) {
    const mine = testsById.get(q.id) ?? [];
    const causes = new Map<string, Cause>();
    const held = new Set<string>();
    for (const ti of mine) {
      const t = r.tests[ti]!;
      for (const f of t.findings) {
        if (f.id !== q.id) continue;
        if (f.outcome === 'pass') {
          held.add(f.message ?? 'the check held');
          continue;
        }
        const key = causeKey(f);
        let cause = causes.get(key);
        if (!cause) {
          const ex = f.outcome === 'fail' || f.outcome === 'error' ? exampleFor(t, f) : undefined;
          cause = {
            outcome: f.outcome,
            text: f.message ?? f.outcome,
            count: 0,
            tests: [],
            example: ex ? { test: ti, exchange: ex.exchange, marks: ex.marks, judged: ex.judged } : undefined,
            contractLine: ex?.violation ? safeLine(t.evidence[ex.exchange]!, ex.violation) : undefined,
            incidental: Boolean(f.incidental),
            at: f.at,
          };
          causes.set(key, cause);
        }
        cause.count++;
        cause.incidental &&= Boolean(f.incidental);
        if (!cause.tests.includes(ti)) cause.tests.push(ti);
      }
    }
    // The most frequent cause first: it is most likely the root of the others.
    const ordered = [...causes.values()].sort(
      (a, b) =>
        SEVERITY.indexOf(verdictOfOutcome(a.outcome)) - SEVERITY.indexOf(verdictOfOutcome(b.outcome)) ||
        b.count - a.count,
    );
    rows.set(q.id, { causes: ordered, held: [...held], tests: mine });
  }

  const attention = r.requirements
    .filter((q) => ATTENTION.includes(q.verdict))
    .map((q) => {
      const top = rows.get(q.id)?.causes.find((c) => verdictOfOutcome(c.outcome) !== 'pass');
      return {
        id: q.id,
        verdict: q.verdict,
        level: q.level,
        reason: q.reason ?? top?.text ?? '',
        count: top?.count ?? 0,
        tests: top?.tests.length ?? 0,
        blockedBy: prerequisiteOf(q, known),
      };
    })
    .sort(
      (a, b) =>
        ATTENTION.indexOf(a.verdict) - ATTENTION.indexOf(b.verdict) ||
        (a.blockedBy ?? '').localeCompare(b.blockedBy ?? ''),
    );
  return { attention, rows, tests };
}

function verdictOfOutcome(o: Finding['outcome']): Verdict {
  return o === 'not-run' ? 'untested' : o;
}

function safeLine(e: Evidence, v: Evidence['violations'][number]): number | undefined {
  try {
    return contractLine(e, v);
  } catch {
    return undefined;
  }
}
