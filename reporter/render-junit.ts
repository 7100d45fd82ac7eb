import type { ConformanceReport } from './conformance-reporter.ts';

const escapeXml = (s: string) =>
  s
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Verdicts neither a pass nor a failure: JUnit's `<skipped>`, which every dashboard shows in a colour of its own. */
const SKIPPED = new Set(['warn', 'blocked', 'not-applicable', 'untested']);

/**
 * One test case per requirement, named by its ID, grouped by endpoint: any CI shows them. A SHOULD warning is
 * `<skipped>` with its reason: JUnit has no warning, and skipped is the one state between pass and fail that GitHub's
 * test-report actions, GitLab and Jenkins all show (yellow, with the message) without failing the build; a passing
 * case would hide it, a failure would turn a passing run red. Each case carries its verdict and level as properties
 * (as Playwright's own JUnit reporter carries annotations), each suite the run's target, server, version and profile.
 */
export function renderJunit(r: ConformanceReport): string {
  const groups = new Map<string, typeof r.requirements>();
  for (const q of r.requirements) groups.set(q.endpoint, [...(groups.get(q.endpoint) ?? []), q]);
  const property = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<property name="${name}" value="${escapeXml(value)}"/>`;
  const run = [
    property('target', r.target.url),
    property('server', r.target.product),
    property('version', r.target.version),
    property('profile', r.profile),
    property('suite', `${r.suite.name} ${r.suite.version}`),
    property('outcome', `${r.outcome} (exit ${r.exitCode})`),
  ].join('');
  const suites = [...groups].map(([endpoint, reqs]) => {
    const cases = reqs.map((q) => {
      // The ID alone names the case (CI tools key their history on it); the statement and any reason are its output.
      const output = `${q.level} ${q.statement}${q.reason ? `\n${q.verdict}: ${q.reason}` : ''}`;
      const out = `<system-out>${escapeXml(output)}</system-out>`;
      const time = (q.durationMs / 1000).toFixed(3);
      const properties = `<properties>${property('verdict', q.verdict)}${property('level', q.level)}</properties>`;
      const skipped =
        q.verdict === 'warn' ? `warn (${q.level} not met): ${q.reason ?? ''}` : `${q.verdict}: ${q.reason ?? ''}`;
      const body =
        q.verdict === 'fail'
          ? `<failure message="${escapeXml(q.reason ?? 'failed')}">${escapeXml(q.failures.join('\n'))}</failure>`
          : q.verdict === 'error'
            ? `<error message="${escapeXml(q.reason ?? 'error')}"/>`
            : SKIPPED.has(q.verdict)
              ? `<skipped message="${escapeXml(skipped)}"/>`
              : '';
      const names = `classname="${escapeXml(endpoint)}" name="${escapeXml(q.id)}"`;
      return `    <testcase ${names} time="${time}">${properties}${body}${out}</testcase>`;
    });
    const count = (v: string) => reqs.filter((q) => q.verdict === v).length;
    const skipped = reqs.filter((q) => SKIPPED.has(q.verdict)).length;
    const time = (reqs.reduce((t, q) => t + q.durationMs, 0) / 1000).toFixed(3);
    const counts =
      `tests="${reqs.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${skipped}" ` +
      `time="${time}" timestamp="${escapeXml(r.startedAt)}"`;
    return (
      `  <testsuite name="${escapeXml(endpoint)}" ${counts}>\n    <properties>${run}</properties>\n` +
      `${cases.join('\n')}\n  </testsuite>`
    );
  });
  const skipped = r.requirements.filter((q) => SKIPPED.has(q.verdict)).length;
  const counts =
    `tests="${r.requirements.length}" failures="${r.counts.fail}" errors="${r.counts.error}" skipped="${skipped}" ` +
    `time="${(r.durationMs / 1000).toFixed(3)}" timestamp="${escapeXml(r.startedAt)}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="mastodon-oauth-conformance" ${counts}>\n${suites.join('\n')}\n</testsuites>\n`
  );
}
