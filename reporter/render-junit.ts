import type { ConformanceReport } from './conformance-reporter.ts';

const escapeXml = (s: string) =>
  s
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * One test case per requirement, named by its ID, grouped by endpoint: any CI shows them. Warnings pass, with the
 * reason as output.
 */
export function renderJunit(r: ConformanceReport): string {
  const groups = new Map<string, typeof r.requirements>();
  for (const q of r.requirements) groups.set(q.endpoint, [...(groups.get(q.endpoint) ?? []), q]);
  const suites = [...groups].map(([endpoint, reqs]) => {
    const cases = reqs.map((q) => {
      // The ID alone names the case (CI tools key their history on it); the statement and any reason are its output.
      const output = `${q.level} ${q.statement}${q.reason ? `\n${q.verdict}: ${q.reason}` : ''}`;
      const out = `<system-out>${escapeXml(output)}</system-out>`;
      const time = (q.durationMs / 1000).toFixed(3);
      const body =
        q.verdict === 'fail'
          ? `<failure message="${escapeXml(q.reason ?? 'failed')}">${escapeXml(q.failures.join('\n'))}</failure>${out}`
          : q.verdict === 'error'
            ? `<error message="${escapeXml(q.reason ?? 'error')}"/>${out}`
            : q.verdict === 'pass' || q.verdict === 'warn' || q.verdict === 'info'
              ? out
              : `<skipped message="${escapeXml(`${q.verdict}: ${q.reason ?? ''}`)}"/>${out}`;
      const names = `classname="${escapeXml(endpoint)}" name="${escapeXml(q.id)}"`;
      return `    <testcase ${names} time="${time}">${body}</testcase>`;
    });
    const count = (v: string) => reqs.filter((q) => q.verdict === v).length;
    const skipped = reqs.filter((q) => ['blocked', 'not-applicable', 'untested'].includes(q.verdict)).length;
    const counts = `tests="${reqs.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${skipped}"`;
    return `  <testsuite name="${escapeXml(endpoint)}" ${counts}>\n${cases.join('\n')}\n  </testsuite>`;
  });
  const counts = `tests="${r.requirements.length}" failures="${r.counts.fail}" errors="${r.counts.error}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="mastodon-oauth-conformance" ${counts}>\n${suites.join('\n')}\n</testsuites>\n`
  );
}
