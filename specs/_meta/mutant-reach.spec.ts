import { expect, test } from '@playwright/test';
import { buildRoutes } from '../../fixtures/reference-server/routes/index.ts';
import { Steps } from '../../fixtures/reference-server/steps.ts';
import { listMutants, mutantReach } from '../../fixtures/reference-server/index.ts';
import { select } from './support/mutant-reach.ts';

/** The mutant sweep runs each mutant against the tests its edit can reach: the reach must name real steps. */
const known = new Set(
  Object.values(buildRoutes())
    .filter((r): r is Steps => r instanceof Steps)
    .flatMap((s) => [`${s.name}:^`, ...s.stepNames().map((n) => `${s.name}:${n}`)]),
);

test('every mutant reaches steps that exist, or everywhere with a reason', () => {
  for (const m of listMutants()) {
    const reach = mutantReach(m.id);
    if ('everywhere' in reach) expect(reach.everywhere, m.id).not.toBe('');
    else
      expect(
        reach.steps.filter((s) => !known.has(s)),
        m.id,
      ).toEqual([]);
  }
});

test('a wrapped step reaches that step; a moved rule reaches where it was and where it went', () => {
  expect(mutantReach('access-token-in-array')).toEqual({ steps: ['POST /oauth/token:answerToken'] });
  expect(mutantReach('unsupported-grant-after-client-auth')).toEqual({
    steps: ['POST /oauth/token:authenticateClient', 'POST /oauth/token:refuseUnsupportedGrantType'],
  });
  expect(mutantReach('api-401-without-www-authenticate')).toEqual({
    steps: [
      'GET /api/v1/accounts/verify_credentials:^',
      'GET /api/v1/apps/verify_credentials:^',
      'GET|POST /oauth/userinfo:^',
    ],
  });
  expect(mutantReach('pkce-s256-hex')).toEqual({ everywhere: 'a behaviour override' });
});

test('a mutant runs the tests that reached its steps; one that global setup reaches runs them all', () => {
  const map = {
    tests: { 'token/a.spec.ts:3': ['POST /oauth/token:answerToken'], 'revoke/b.spec.ts:9': ['POST /oauth/revoke:^'] },
    setup: ['POST /api/v1/apps:createApplication'],
    teardown: ['POST /oauth/revoke:revokeIfFound'],
    titles: { 'token/a.spec.ts:3': ['TOKEN-A a'], 'revoke/b.spec.ts:9': ['REVOKE-B b'] },
  };
  expect(select({ steps: ['POST /oauth/token:answerToken'] }, map)).toEqual({ tests: ['token/a.spec.ts:3'] });
  expect(select({ steps: ['POST /oauth/revoke:revokeIfFound'] }, map)).toEqual({ tests: [] });
  expect(select({ steps: ['POST /api/v1/apps:createApplication'] }, map)).toEqual({
    all: 'global setup reaches POST /api/v1/apps:createApplication',
  });
  expect(select({ everywhere: 'a behaviour override' }, map)).toEqual({ all: 'a behaviour override' });
});
