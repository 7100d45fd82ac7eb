/**
 * Commands that reproduce a finding: a `curl` of the exchange it judged (secrets left as their fingerprints, in
 * placeholders such as `<token#3f2a>` for the reader's own values) and the suite's own command that re-runs one
 * requirement against the same target. The HTML report shows both; the console prints one line per failure.
 */
import { type Evidence, weightiest } from '../fixtures/core/findings.ts';
import type { ConformanceReport } from './conformance-reporter.ts';
import type { RequirementResult } from './aggregate.ts';
import { exampleFor } from './html/model.ts';

/**
 * A word as POSIX shells read it: bare when it holds only safe characters, else single-quoted. Written here, not taken
 * from shell-quote (npm): it is one line, and the page's script (no imports, allowed by its hash) builds the same
 * commands with the same line.
 */
export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** A fingerprint (`token#3f2a`) becomes a placeholder the reader fills in (`<token#3f2a>`). */
const placeholder = (s: string) =>
  s.replace(/\b(token|secret|code|verifier|password|cookie|csrf|basic|totp)#[0-9a-f]{4}\b/g, '<$&>');

/** What a browser adds to a request that no server here decides on: left out of a one-line reproduction. */
const BROWSER_NOISE = /^(user-agent|accept-language|accept-encoding|referer|upgrade-insecure-requests|sec-.*)$/i;

/**
 * The request of an exchange as a curl command, one option per line (`oneLine`: on one, without the headers only a
 * browser sends). The page builds the same multi-line command in its script (curl there), from the exchange it shows;
 * a self-test holds them equal.
 */
export function curl(e: Evidence, o: { oneLine?: boolean } = {}): string {
  const parts = [`curl -i -X ${e.request.method} ${shellQuote(placeholder(e.request.url))}`];
  for (const [k, v] of Object.entries(e.request.headers))
    if (!['content-length', 'host', 'connection'].includes(k.toLowerCase()) && !(o.oneLine && BROWSER_NOISE.test(k)))
      parts.push(`-H ${shellQuote(`${k}: ${placeholder(String(v))}`)}`);
  if (e.request.body) parts.push(`--data-raw ${shellQuote(placeholder(e.request.body))}`);
  return parts.join(o.oneLine ? ' ' : ' \\\n  ');
}

/**
 * The command that re-runs one requirement against the same target, from what the report knows. No secrets: the
 * account and its password are the reader's to add (--username, --password-env).
 */
export function rerunCommand(r: ConformanceReport, id: string): string {
  const parts = ['npx mastodon-oauth-conformance'];
  const t = r.target;
  if (t.embedded) {
    const mutants = /mutants: ([^)]*)\)/.exec(t.product ?? '')?.[1];
    if (mutants) parts.push('--mutant', shellQuote(mutants.split(/,\s*/).join(',')));
    if (t.version && t.version !== '4.7.0') parts.push('--reference-version', shellQuote(t.version));
  } else if (t.url) {
    parts.push('--target', shellQuote(t.url));
    if (t.versionSource === 'CONFORMANCE_MASTODON_VERSION' && t.version)
      parts.push('--mastodon-version', shellQuote(t.version));
  }
  if (r.profile && r.profile !== 'mastodon') parts.push('--profile', shellQuote(r.profile));
  if (t.driver === 'http') parts.push('--driver', 'http');
  // Titles start with the ID and a space; the anchors keep TOKEN-CODE from also running TOKEN-CODE-REUSE.
  parts.push('--grep', shellQuote(`(^| )${id} `));
  return parts.join(' ');
}

/**
 * One line that reproduces a requirement's failure, as Schemathesis prints one per failure: the curl of the exchange
 * its first failure judged, against a target that outlives the run; otherwise (the embedded reference server is gone,
 * the check judged no one exchange, the request does not fit a line) the suite's command for that requirement.
 */
export function reproduceLine(r: ConformanceReport, q: RequirementResult): string {
  if (!r.target.embedded) {
    // The failure the verdict's reason comes from (aggregate.ts: the one that weighs most), in the test that made it.
    const failures = r.tests.flatMap((t) => t.findings.filter((f) => f.id === q.id && f.outcome === 'fail'));
    const f = weightiest(q.level, failures);
    const t = f && r.tests.find((x) => x.findings.includes(f));
    const example = t && exampleFor(t, f);
    const command = t && example?.judged ? curl(t.evidence[example.exchange]!, { oneLine: true }) : undefined;
    if (command && !/[\r\n]/.test(command)) return command;
  }
  return rerunCommand(r, q.id);
}
