import { check, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-LOGIN-REDIRECT signed out, GET /oauth/authorize answers 302 to /auth/sign_in whatever the parameters',
  requirement('AUTHZ-LOGIN-REDIRECT'),
  async ({ app, flows, http }) => {
    const valid = flows.authorizeUrl(app, { scope: 'read' });
    const invalid = http.url('/oauth/authorize', { client_id: 'no-such-client', response_type: 'nonsense' });
    for (const url of [valid, invalid]) {
      const res = await http.send({ path: url.pathname + url.search });
      expectOAuth(res)
        .status(302)
        .that(
          res.location()?.pathname === '/auth/sign_in',
          `Location must be /auth/sign_in; got ${res.location()?.pathname ?? 'none'}`,
        );
    }
  },
);

test(
  'AUTHZ-LOGIN-REDIRECT after signing in, the user is sent back to the stored authorize URL',
  requirement('AUTHZ-LOGIN-REDIRECT'),
  async ({ run, flows }) => {
    // The run signed in once, starting from an authorize request (fixtures/run/global-setup.ts).
    if (run.signInReturnedTo === undefined)
      flows.cannotJudge('the run did not sign in from an authorize request (APP-CREATE-OK is the prerequisite)');
    check(
      run.signInReturnedTo === '/oauth/authorize',
      `after sign-in the user must return to /oauth/authorize; went to ${JSON.stringify(run.signInReturnedTo)}`,
    );
  },
);
