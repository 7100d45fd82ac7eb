import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { packageFile } from '../fixtures/core/package-root.ts';
import { parse, stringify } from 'yaml';
import type { RequirementResult } from './aggregate.ts';

/** A known failure a CI gate accepts for now: why, and until when. */
export interface BaselineEntry {
  id: string;
  reason: string;
  /** YYYY-MM-DD: after this day the entry is stale and fails the run. */
  expires?: string;
  /** Where the deviation shows (a file of the server's code, an issue); shipped baselines give one for each entry. */
  source?: string;
}

/** The baselines the suite ships (baselines/<name>.yaml): known deviations of other Mastodon-API servers. */
export function shippedBaselines(): string[] {
  const dir = packageFile('baselines');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.replace(/\.yaml$/, ''))
        .sort()
    : [];
}

export interface BaselineOutcome {
  file: string;
  /** Failures the baseline accepts: they do not fail the run. */
  accepted: string[];
  /** Why each accepted failure is accepted: its entry's reason and, where given, source. */
  reasons?: Record<string, { reason: string; source?: string }>;
  /**
   * Entries that no longer hold (the requirement passes now, the date has passed, the ID is unknown): they fail the
   * run.
   */
  stale: { id: string; why: string }[];
  /** Entries of races (`race: true`) that passed this time: a race is met by chance, so they stay, and are named. */
  unmet?: string[];
}

export class BaselineError extends Error {}

export function readBaseline(file: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BaselineError(`baseline ${file} cannot be read: ${(error as Error).message}`);
  }
  const list = data === null || data === undefined ? [] : data;
  if (!Array.isArray(list)) throw new BaselineError(`baseline ${file} must be a list of {id, reason, expires?}`);
  return list.map((e: unknown, i) => {
    const entry = e as Partial<BaselineEntry> | null;
    if (!entry || typeof entry.id !== 'string')
      throw new BaselineError(`baseline ${file}, entry ${i + 1}: id is missing`);
    if (typeof entry.reason !== 'string' || !entry.reason.trim())
      throw new BaselineError(`baseline ${file}, ${entry.id}: a reason is required`);
    if (entry.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(entry.expires)))
      throw new BaselineError(`baseline ${file}, ${entry.id}: expires must be YYYY-MM-DD`);
    return {
      id: entry.id,
      reason: entry.reason,
      expires: entry.expires === undefined ? undefined : String(entry.expires),
      ...(typeof entry.source === 'string' ? { source: entry.source } : {}),
    };
  });
}

/** Which failures the baseline accepts, and which of its entries have gone stale. */
export function applyBaseline(
  file: string,
  entries: BaselineEntry[],
  results: RequirementResult[],
  today = new Date().toISOString().slice(0, 10),
): BaselineOutcome {
  const byId = new Map(results.map((r) => [r.id, r]));
  const reasons: NonNullable<BaselineOutcome['reasons']> = {};
  const unmet: string[] = [];
  const outcome: BaselineOutcome = { file, accepted: [], reasons, stale: [] };
  for (const e of entries) {
    const r = byId.get(e.id);
    if (!r) outcome.stale.push({ id: e.id, why: 'no such requirement in the registry' });
    else if (e.expires && e.expires < today) outcome.stale.push({ id: e.id, why: `expired on ${e.expires}` });
    else if (r.verdict === 'pass' && r.race) unmet.push(e.id);
    else if (r.verdict === 'pass') outcome.stale.push({ id: e.id, why: 'it passes now: remove the entry' });
    else if (r.verdict === 'fail') {
      outcome.accepted.push(e.id);
      reasons[e.id] = { reason: e.reason, ...(e.source ? { source: e.source } : {}) };
    }
  }
  return unmet.length ? { ...outcome, unmet } : outcome;
}

/** Writes the run's MUST failures as the new baseline, keeping the reasons and dates of entries that still apply. */
export function writeBaseline(file: string, previous: BaselineEntry[], results: RequirementResult[]): void {
  const today = new Date().toISOString().slice(0, 10);
  // A race that passed this time keeps its entry (see applyBaseline).
  const entries = results
    .filter((r) => r.verdict === 'fail' || (r.verdict === 'pass' && r.race && previous.some((e) => e.id === r.id)))
    .map((r) => {
      const old = previous.find((e) => e.id === r.id);
      return old ?? { id: r.id, reason: `failing since ${today}: ${(r.reason ?? '').split('\n')[0]!.slice(0, 160)}` };
    });
  writeFileSync(
    file,
    '# Known failures of this target (mastodon-oauth-conformance --baseline). ' +
      `Each needs a reason; add expires: YYYY-MM-DD.\n${stringify(entries)}`,
  );
}
