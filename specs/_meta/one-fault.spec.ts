/**
 * One fault per negative request, checked by the machine: a whole conformance run against the reference server with
 * its fault audit on (every rule evaluated on each refused request, not only the first that fires) and requests
 * tagged with their test. Any request breaking two or more rules must be declared, with its reason, in
 * support/declared-multi-faults.ts. Then no verdict depends on one server's validation order.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RefusedRequest } from '../../fixtures/reference-server/index.ts';
import { isDeclared } from './support/declared-multi-faults.ts';
import { runSuite } from './support/run-suite.ts';

test('every refused conformance request breaks exactly one rule, unless its test declares why', async () => {
  test.setTimeout(240_000);
  const log = join(mkdtempSync(join(tmpdir(), 'fault-log-')), 'refused.jsonl');
  const run = await runSuite(['--driver', 'http'], {
    CONFORMANCE_REFERENCE_FAULT_LOG: log,
    CONFORMANCE_TAG_REQUESTS: '1',
  });
  expect(run.exitCode, run.output.slice(-2000)).toBe(0);
  const refused = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RefusedRequest);
  const tagged = refused.filter((r) => r.tag);
  const multi = tagged.filter((r) => r.faults.length > 1);
  const undeclared = multi.filter(
    (r) =>
      !isDeclared(
        r.tag,
        r.faults.map((f) => f.step),
      ),
  );
  const describe = (r: RefusedRequest) => {
    const faults = r.faults.map((f) => `${f.step} (${f.status} ${f.error})`);
    return `${r.tag}: ${r.route} → ${r.status}; breaks ${faults.join(' + ')}`;
  };
  const tests = new Set(tagged.map((r) => r.tag)).size;
  test.info().annotations.push({
    type: 'examined',
    description:
      `${tagged.length} refused requests of ${tests} tests examined; ` +
      `${multi.length} multi-fault, all declared: ${undeclared.length === 0}`,
  });
  console.log(
    `one-fault check: ${tagged.length} refused requests of tests examined ` +
      `(${refused.length - tagged.length} more from setup and housekeeping), ` +
      `${multi.length} with two or more faults, ${undeclared.length} undeclared`,
  );
  expect(tagged.length, 'the audit saw the refused requests of the run').toBeGreaterThan(50);
  // Every refused request's audit found the rule that refused it.
  expect(
    tagged.filter((r) => r.faults.length === 0).map(describe),
    'refused, yet the audit found no broken rule',
  ).toEqual([]);
  expect(undeclared.map(describe)).toEqual([]);
});
