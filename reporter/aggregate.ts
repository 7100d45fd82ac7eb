import { effectiveLevel, failureVerdict, type Finding, type Verdict, weightiest } from '../fixtures/core/findings.ts';
import { isApplicable, levelOf, registry, type Profile, type Requirement } from '../fixtures/core/registry.ts';
import type { Evidence } from '../fixtures/core/findings.ts';

/** One test's final attempt, as the reporter read it. */
export interface TestRecord {
  title: string;
  file: string;
  line: number;
  status: string;
  durationMs: number;
  requirements: string[];
  findings: Finding[];
  evidence: Evidence[];
  screenshots: { name: string; path: string }[];
  annotations: { type: string; description?: string }[];
  errors: string[];
}

export interface RequirementResult extends Requirement {
  verdict: Verdict;
  reason?: string;
  /** The spec line of the finding behind the verdict, when a spec made it. */
  at?: string;
  /** Messages of the findings behind a failing verdict. */
  failures: string[];
  durationMs: number;
  /** Titles of the tests whose findings are about this requirement. */
  tests: string[];
}

export const VERDICTS: Verdict[] = ['fail', 'warn', 'error', 'blocked', 'pass', 'info', 'not-applicable', 'untested'];

/**
 * Folds every test's findings into one verdict per requirement of the registry. Evidence beats absence: one failure
 * fails it.
 */
/**
 * `unfinished`: why a requirement no test reached was not judged, when the run ended early (interrupted, out of time).
 */
export function aggregate(
  tests: TestRecord[],
  version: string | undefined,
  profile: Profile = 'mastodon',
  unfinished?: string,
): RequirementResult[] {
  const byId = new Map<string, { findings: Finding[]; tests: Set<string>; durationMs: number }>();
  for (const t of tests) {
    for (const f of t.findings) {
      const entry = byId.get(f.id) ?? { findings: [], tests: new Set<string>(), durationMs: 0 };
      entry.findings.push(f);
      if (!entry.tests.has(t.title)) {
        entry.tests.add(t.title);
        if (t.requirements.includes(f.id)) entry.durationMs += t.durationMs;
      }
      byId.set(f.id, entry);
    }
  }
  return [...registry().values()].map((req) => {
    const entry = byId.get(req.id);
    const findings = entry?.findings ?? [];
    const { verdict, reason, at } = verdictOf(req, findings, version, profile, unfinished);
    return {
      ...req,
      level: levelOf(req.id, profile),
      verdict,
      reason,
      ...(at ? { at } : {}),
      failures: findings.filter((f) => f.outcome === 'fail').map((f) => f.message ?? ''),
      durationMs: entry?.durationMs ?? 0,
      tests: [...(entry?.tests ?? [])],
    };
  });
}

function verdictOf(
  req: Requirement,
  findings: Finding[],
  version: string | undefined,
  profile: Profile,
  unfinished?: string,
): { verdict: Verdict; reason?: string; at?: string } {
  const first = (o: Finding['outcome']) => findings.find((f) => f.outcome === o);
  if (version && !isApplicable(req, version, profile))
    return {
      verdict: 'not-applicable',
      reason: `Mastodon ${version} is outside the window since ${req.since}${req.until ? ` until ${req.until}` : ''}`,
    };
  const failed = weightiest(
    levelOf(req.id, profile),
    findings.filter((f) => f.outcome === 'fail'),
  );
  if (failed)
    return {
      verdict: failureVerdict(effectiveLevel(levelOf(req.id, profile), failed)),
      reason: failed.message,
      at: failed.at,
    };
  if (first('error')) return { verdict: 'error', reason: first('error')!.message };
  if (first('pass')) return { verdict: 'pass' };
  if (first('blocked')) return { verdict: 'blocked', reason: first('blocked')!.message };
  if (first('not-applicable')) return { verdict: 'not-applicable', reason: first('not-applicable')!.message };
  if (first('not-run')) return { verdict: 'untested', reason: first('not-run')!.message };
  return { verdict: 'untested', reason: req.untested ?? unfinished ?? 'no test judged it in this run' };
}

export function countVerdicts(results: RequirementResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) counts[r.verdict]++;
  return counts;
}

/** MUST conformance: passed MUSTs over judged MUSTs (pass + fail), in percent; undefined when none was judged. */
export function mustConformance(results: RequirementResult[]): number | undefined {
  const judged = results.filter((r) => r.level === 'MUST' && (r.verdict === 'pass' || r.verdict === 'fail'));
  if (judged.length === 0) return undefined;
  return Math.round((1000 * judged.filter((r) => r.verdict === 'pass').length) / judged.length) / 10;
}
