import { OOB, describe, ensure, expectOAuth, observe, requirement, test } from '../../fixtures/api/index.ts';

/** Where Mastodon shows an out-of-band code (Doorkeeper's oob_redirect). */
const NATIVE = '/oauth/authorize/native';

test(
  'AUTHZ-OOB approving with the oob redirect shows the code on /oauth/authorize/native, and it exchanges for a token',
  requirement('AUTHZ-OOB'),
  async ({ app, flows, registration }) => {
    registration('main-0', { registered: true, listing: [OOB] });
    const outcome = await flows.authorize(app, { scope: 'read', redirectUri: OOB, state: 'not-carried' });
    ensure(!!outcome.oobCode, `the out-of-band page must show the code; the flow ended ${describe(outcome)}`);
    // Where the page is, and how it shows the code, is for the user who copies it: no client can tell.
    observe(
      outcome.oobPage === NATIVE,
      `the code is shown on ${outcome.oobPage} where Mastodon shows it on ${NATIVE}; the user copies it from either, ` +
        'so no Mastodon client can observe the difference',
    );
    const res = await flows.exchange(app, { code: outcome.oobCode, redirectUri: OOB, pkce: outcome.pkce });
    // The shown code must be a real one.
    expectOAuth(res).status(200);
  },
);
