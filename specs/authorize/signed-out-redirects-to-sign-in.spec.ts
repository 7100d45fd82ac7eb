import { check, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-LOGIN-REDIRECT signed out, GET /oauth/authorize answers 302 to /auth/sign_in whatever the parameters',
  requirement('AUTHZ-LOGIN-REDIRECT'),
  async ({ app, flows, http, run }) => {
    // Where the sign-in form is, the run learned when it signed in (Mastodon's /auth/sign_in; another server's own).
    const signIn = run.signIn;
    if (!signIn) return flows.cannotJudge('the run did not sign in from an authorize request (APP-CREATE-OK)');
    const valid = flows.authorizeUrl(app, { scope: 'read' });
    const invalid = http.url('/oauth/authorize', { client_id: 'no-such-client', response_type: 'nonsense' });
    for (const url of [valid, invalid]) {
      const res = await http.send({ path: url.pathname + url.search });
      expectOAuth(res)
        .redirect(302)
        .that(
          res.location()?.pathname === signIn.formPath,
          `Location must be the sign-in page ${signIn.formPath}; got ${res.location()?.pathname ?? 'none'}`,
        );
    }
  },
);

test(
  'AUTHZ-LOGIN-REDIRECT after signing in, the user is sent back to the stored authorize URL',
  requirement('AUTHZ-LOGIN-REDIRECT'),
  async ({ run, flows }) => {
    // The run signed in once, starting from an authorize request (fixtures/consent/authorize-flow.ts firstSignIn).
    const signIn = run.signIn;
    if (!signIn) return flows.cannotJudge('the run did not sign in from an authorize request (APP-CREATE-OK)');
    // Back to the same authorization, with its parameters: a bare /oauth/authorize that lost them is no return.
    check(
      signIn.continued === true,
      `after sign-in the user must return to the authorization they started; went to ${signIn.returnedTo}` +
        (signIn.continuedBy ? ` (${signIn.continuedBy})` : ', which shows no consent page'),
    );
  },
);
