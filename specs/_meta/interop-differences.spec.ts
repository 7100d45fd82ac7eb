/**
 * The differential check's own logic and data (no engine needed): interop/expected-differences.yaml names real
 * requirements and catalogue rows, and compareVerdicts tells agreement, declared differences, undeclared ones and
 * declarations that no longer hold apart.
 */
import { expect, test } from '@playwright/test';
import type { Verdict } from '../../fixtures/core/findings.ts';
import { registry } from '../../fixtures/core/registry.ts';
import {
  compareVerdicts,
  describeDifferences,
  loadExpectedDifferences,
  loadExpectedOrderDifferences,
  type ExpectedDifference,
} from '../../interop/differences.ts';
import { ORDER_CASES } from './support/order-cases.ts';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';

function report(verdicts: Record<string, Verdict>): ConformanceReport {
  return {
    requirements: Object.entries(verdicts).map(([id, verdict]) => ({
      id,
      verdict,
      failures: verdict === 'fail' ? [`${id} failed here`] : [],
      tests: [],
      durationMs: 0,
    })),
    tests: Object.keys(verdicts).map((id) => ({
      title: `${id} a test`,
      file: 'x.spec.ts',
      line: 1,
      status: 'passed',
      durationMs: 1,
      requirements: [id],
      findings: [],
      screenshots: [],
      annotations: [],
      errors: [],
      evidence: [
        {
          request: { method: 'POST', url: 'http://127.0.0.1:1/oauth/token', headers: {} },
          response: { status: 400, headers: {}, body: `{"error":"${id}"}` },
          violations: [],
        },
      ],
    })),
  } as unknown as ConformanceReport;
}

test('every expected difference names a requirement of the registry and the catalogue row that explains it', () => {
  const declared = loadExpectedDifferences();
  expect(declared.length).toBeGreaterThan(0);
  const ids = declared.map((d) => d.id);
  expect(new Set(ids).size, 'one entry per requirement').toBe(ids.length);
  for (const d of declared) {
    expect(registry().has(d.id), `${d.id} is not in openapi/requirements.yaml`).toBe(true);
    expect(d.engine, `${d.id}: a declared difference differs`).not.toBe(d.reference);
    expect(d.catalogue).toMatch(/^§2(\.2|\.4| D\d+)/);
  }
});

test('every declared order-case difference names a case of support/order-cases.ts and a catalogue row', () => {
  const names = new Set(ORDER_CASES.map((c) => c.name));
  for (const d of loadExpectedOrderDifferences()) {
    expect(names.has(d.case), `${d.case} is not an order case`).toBe(true);
    expect(d.catalogue).toMatch(/^§2(\.2|\.4| D\d+)/);
  }
});

test(
  'compareVerdicts: agreement, a declared difference, ' + 'an undeclared one and a stale declaration are told apart',
  () => {
    const declared: ExpectedDifference[] = [
      { id: 'A', engine: 'fail', reference: 'pass', catalogue: '§2.2 row', why: 'declared' },
      { id: 'C', engine: 'warn', reference: 'pass', catalogue: '§2 D3', why: 'no longer happens' },
    ];
    const engine = report({ A: 'fail', B: 'fail', C: 'pass', D: 'pass' });
    const reference = report({ A: 'pass', B: 'pass', C: 'pass', D: 'pass' });
    const outcome = compareVerdicts(engine, reference, declared);
    expect(outcome.agree).toEqual(['D']);
    expect(outcome.expected.map((d) => d.id)).toEqual(['A']);
    expect(outcome.unexpected).toEqual([{ id: 'B', engine: 'fail', reference: 'pass' }]);
    expect(outcome.stale.map((s) => s.id)).toEqual(['C']);
    const text = describeDifferences(outcome, engine, reference);
    // The requirement, both verdicts and both runs' answers.
    expect(text).toContain('✗ B: the engine (Doorkeeper 5.5) says fail, the reference server says pass');
    expect(text).toContain('finding: B failed here');
    expect(text.match(/POST \/oauth\/token → 400 \{"error":"B"\}/g)).toHaveLength(2);
    expect(text).toMatch(
      /✗ C: declared as engine warn \/ reference pass \(§2 D3\), observed engine pass \/ reference pass/,
    );
  },
);
