import { OOB, check, describe, ensure, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-DENY-REDIRECT denying redirects to redirect_uri with error=access_denied and the state',
  requirement('AUTHZ-DENY-REDIRECT'),
  async ({ app, flows }) => {
    const outcome = await flows.authorize(app, { scope: 'write:statuses', state: 'deny-me', decision: 'deny' });
    if (!outcome.consentSubmitted) flows.blockOn('AUTHZ-CONSENT', outcome);
    const to = outcome.redirect;
    ensure(!!to, `denying must redirect to the client; the flow ended ${describe(outcome)}`);
    check(
      `${to.origin}${to.pathname}` === app.redirectUris[0],
      `the redirect must go to ${app.redirectUris[0]}; got ${to.origin}${to.pathname}`,
    );
    check(
      to.searchParams.get('error') === 'access_denied',
      `error must be access_denied; got ${JSON.stringify(to.searchParams.get('error'))}`,
    );
    check(
      to.searchParams.get('state') === 'deny-me',
      `state must be echoed; got ${JSON.stringify(to.searchParams.get('state'))}`,
    );
    check(!to.searchParams.has('code'), 'a denial must carry no code');
  },
);

test(
  'AUTHZ-DENY-OOB denying with the oob redirect answers 400 JSON access_denied',
  requirement('AUTHZ-DENY-OOB'),
  async ({ app, flows }) => {
    const outcome = await flows.authorize(app, { scope: 'follow push', redirectUri: OOB, decision: 'deny' });
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
