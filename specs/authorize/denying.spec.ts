import { OOB, check, ensure, expectRedirect, notApplicable, requirement, test } from '../../fixtures/api/index.ts';

/** A consent page without a way to deny (GoToSocial's has only Allow): there is no denial to judge. */
const NO_DENY =
  'the consent page offers no way to deny (no form or control that declines), so no denial reaches the client';

test(
  'AUTHZ-DENY-REDIRECT denying redirects to redirect_uri with error=access_denied and the state',
  requirement('AUTHZ-DENY-REDIRECT'),
  async ({ app, flows }) => {
    const outcome = await flows.authorize(app, { scope: 'write:statuses', state: 'deny-me', decision: 'deny' });
    if (outcome.noControlFor === 'deny') notApplicable(NO_DENY);
    if (!outcome.consentSubmitted) flows.blockOn('AUTHZ-CONSENT', outcome);
    expectRedirect(outcome, 'denying')
      .to(app.redirectUris[0]!)
      .carries('error', 'access_denied')
      .carries('state', 'deny-me')
      .lacks('code', 'a denial must carry no code');
  },
);

test(
  'AUTHZ-DENY-OOB denying with the oob redirect answers 400 JSON access_denied',
  requirement('AUTHZ-DENY-OOB'),
  async ({ app, flows }) => {
    const outcome = await flows.authorize(app, { scope: 'follow push', redirectUri: OOB, decision: 'deny' });
    if (outcome.noControlFor === 'deny') notApplicable(NO_DENY);
    if (!outcome.consentSubmitted) flows.blockOn('AUTHZ-CONSENT', outcome);
    const stopped = outcome.stoppedAt;
    ensure(
      !!stopped,
      `denying with oob must not redirect; it ` +
        `${outcome.redirect ? 'redirected' : outcome.oobCode ? 'showed a code' : 'ended nowhere'}`,
    );
    check(stopped.status === 400, `status must be 400; got ${stopped.status}`);
    let error: unknown;
    try {
      error = (JSON.parse(stopped.body) as { error?: unknown }).error;
    } catch {
      error = undefined;
    }
    check(error === 'access_denied', `body.error must be "access_denied"; got ${JSON.stringify(error)}`);
  },
);
