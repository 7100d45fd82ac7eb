import type { ConformanceReport } from '../conformance-reporter.ts';

const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The command that re-runs one requirement against the same target, from what the report knows. No secrets: the
 * account and its password are the reader's to add (--username, --password-env).
 */
export function rerunCommand(r: ConformanceReport, id: string): string {
  const parts = ['npx mastodon-oauth-conformance'];
  const t = r.target;
  if (t.embedded) {
    const mutants = /mutants: ([^)]*)\)/.exec(t.product ?? '')?.[1];
    if (mutants) parts.push('--mutant', q(mutants.split(/,\s*/).join(',')));
    if (t.version && t.version !== '4.7.0') parts.push('--reference-version', q(t.version));
  } else if (t.url) {
    parts.push('--target', q(t.url));
    if (t.versionSource === 'CONFORMANCE_MASTODON_VERSION' && t.version) parts.push('--mastodon-version', q(t.version));
  }
  if (r.profile && r.profile !== 'mastodon') parts.push('--profile', q(r.profile));
  if (t.driver === 'http') parts.push('--driver', 'http');
  // Titles start with the ID and a space; the anchors keep TOKEN-CODE from also running TOKEN-CODE-REUSE.
  parts.push('--grep', q(`(^| )${id} `));
  return parts.join(' ');
}
