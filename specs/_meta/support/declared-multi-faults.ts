/**
 * Conformance requests that are wrong in more than one way on purpose. Every other refused request must break exactly
 * one rule of the reference server (specs/_meta/one-fault.spec.ts). A declaration names the test (its requirement
 * IDs, as the request tag carries them), the reference server's steps that fire, and why both faults are wanted.
 */
export interface DeclaredMultiFault {
  test: string;
  steps: string[];
  reason: string;
}

export const DECLARED_MULTI_FAULTS: DeclaredMultiFault[] = [
  {
    test: 'TOKEN-CODE-BAD-CLIENT',
    steps: ['authenticateClient', 'findGrant'],
    reason:
      'pins the order: a bad client with an unknown code is invalid_client (Doorkeeper ' +
      'validates the client before the grant, authorization_code_request.rb at v5.5.0–v5.9.6)',
  },
  {
    test: 'TOKEN-GRANT-UNSUPPORTED',
    steps: ['refuseUnsupportedGrantType', 'authenticateClient'],
    reason:
      'pins the order: an unsupported grant_type without client credentials ' +
      'is unsupported_grant_type (Doorkeeper picks the strategy before it ' +
      'authenticates the client, lib/doorkeeper/request.rb at v5.7.1–v5.9.6)',
  },
];

export function isDeclared(tag: string | undefined, steps: string[]): DeclaredMultiFault | undefined {
  const ids = (tag ?? '').split(' ');
  return DECLARED_MULTI_FAULTS.find(
    (d) => ids.includes(d.test) && d.steps.length === steps.length && d.steps.every((s) => steps.includes(s)),
  );
}
