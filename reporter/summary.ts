import type { ConformanceReport } from './conformance-reporter.ts';
import { VERDICTS } from './aggregate.ts';
import { printable } from '../fixtures/printable.ts';

const MARK: Record<string, string> = { pass: '✓', fail: '✗', warn: '!', error: 'E', blocked: 'B', info: 'i', 'not-applicable': '-', untested: '?' };

const EXIT_MEANING = {
  0: 'every applicable MUST passes',
  1: 'a MUST requirement fails',
  2: 'the run could not judge the target',
  3: 'vacuous run: no requirement was judged',
} as const;

/** One line per requirement, grouped by endpoint, then the counts and what the exit code means. */
export function consoleSummary(r: ConformanceReport): string {
  const out: string[] = ['', `Mastodon OAuth conformance — ${r.target.product ?? 'target'} at ${r.target.url ?? '?'} (profile ${r.profile})`];
  if (r.setupFailure) out.push('', `  The run could not start (${r.setupFailure.kind}): ${r.setupFailure.message}`);
  // A run that could not start judged nothing: a hundred "untested" lines would bury the one that says why.
  const listed = r.setupFailure ? [] : r.requirements;
  const endpoints = [...new Set(listed.map((q) => q.endpoint))];
  for (const q of endpoints.flatMap((e) => listed.filter((x) => x.endpoint === e))) {
    if (q.endpoint !== out.at(-1)?.slice(2) && !out.includes(`  ${q.endpoint}`)) out.push('', `  ${q.endpoint}`);
    const detail = q.verdict === 'pass' || q.verdict === 'not-applicable' || (q.verdict === 'untested' && !q.reason) ? '' : q.reason ? ` — ${q.reason.split('\n')[0]}` : '';
    out.push(`   ${MARK[q.verdict]} ${q.id.padEnd(30)} ${q.level.padEnd(6)} ${q.verdict}${detail.length > 150 ? `${detail.slice(0, 150)}…` : detail}`);
  }
  const counts = VERDICTS.filter((v) => r.counts[v]).map((v) => `${r.counts[v]} ${v}`).join(', ');
  out.push('', `  ${counts}${r.mustConformance === undefined ? '' : ` · MUST conformance ${r.mustConformance}%`}`);
  if (r.baseline) {
    out.push(`  baseline ${r.baseline.file}: ${r.baseline.accepted.length} known failure(s) accepted${r.baseline.accepted.length ? ` (${r.baseline.accepted.join(', ')})` : ''}`);
    for (const s of r.baseline.stale) out.push(`  ✗ stale baseline entry ${s.id}: ${s.why}`);
  }
  const s = r.run?.stats;
  if (s) out.push(`  cost to the target: ${s.requests} requests · ${s.appsRegistered} apps registered, ${s.appsReused} reused · ${s.signIns} sign-in${s.signIns === 1 ? '' : 's'} · ${s.browserPages} browser pages · ${s.tokensCreated} tokens created, ${s.tokensRevoked} revoked${s.tokensLeft ? `, ${s.tokensLeft} NOT revoked` : ''}`);
  if (!r.complete && !r.setupFailure) out.push('  the run did not finish (interrupted or out of time): the report holds what was observed');
  out.push(`  reports: conformance.json, conformance.html, junit.xml`);
  out.push(`conformance: ${r.outcome} — exit ${r.exitCode} (${EXIT_MEANING[r.exitCode]})`, '');
  // Product names, reasons and setup messages quote the target: none of it may act on the terminal.
  return out.map(printable).join('\n');
}
