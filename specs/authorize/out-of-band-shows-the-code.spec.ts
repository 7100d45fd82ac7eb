import { OOB, describe, ensure, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-OOB approving with the oob redirect shows the code on /oauth/authorize/native, and it exchanges for a token',
  requirement('AUTHZ-OOB'),
  async ({ app, flows, registration }) => {
    registration('main-0', { registered: true, listing: [OOB] });
    const outcome = await flows.authorize(app, { scope: 'read', redirectUri: OOB, state: 'not-carried' });
    ensure(
      !!outcome.oobCode,
      `the out-of-band page must show the code in input.oauth-code; the flow ended ${describe(outcome)}`,
    );
    const res = await flows.exchange(app, { code: outcome.oobCode, redirectUri: OOB, pkce: outcome.pkce });
    // The shown code must be a real one.
    expectOAuth(res).status(200);
  },
);
