import { CALLBACK_WITH_QUERY, check, describe, ensure, requirement, test } from '../../fixtures/api/index.ts';

const STATE = 'state-!*()~ü 1';
// force_login turns auto-approval off (AUTHZ-FORCE-LOGIN): the redirect judged here must follow a consent form that
// was shown and submitted, never an auto-approval because an earlier token of the app is alive.
const SHOW_CONSENT = { force_login: 'true' };

test(
  'AUTHZ-APPROVE-REDIRECT approving redirects to redirect_uri with code and the state echoed unchanged',
  requirement('AUTHZ-APPROVE-REDIRECT'),
  async ({ app, flows }) => {
    const outcome = await flows.authorize(app, { scope: 'read', state: STATE, extra: SHOW_CONSENT });
    if (!outcome.consentSubmitted)
      flows.blockOn('AUTHZ-CONSENT and AUTHZ-FORCE-LOGIN (a consent form to approve)', outcome);
    const to = outcome.redirect;
    ensure(!!to, `approving must redirect to the client; the flow ended ${describe(outcome)}`);
    check(
      `${to.origin}${to.pathname}` === app.redirectUris[0],
      `the redirect must go to ${app.redirectUris[0]}; got ${to.origin}${to.pathname}`,
    );
    check(!!to.searchParams.get('code'), 'the redirect must carry code');
    check(
      to.searchParams.get('state') === STATE,
      `the redirect must carry state ${JSON.stringify(STATE)} unchanged; got ` +
        `${JSON.stringify(to.searchParams.get('state'))}`,
    );
    await flows.exchangeFrom(app, to, app.redirectUris[0], outcome.pkce);
  },
);

test(
  'AUTHZ-APPROVE-REDIRECT approving keeps the registered query and leaves out an empty state',
  requirement('AUTHZ-APPROVE-REDIRECT'),
  async ({ app, flows, registration }) => {
    registration('main-0', { registered: true, listing: [CALLBACK_WITH_QUERY] });
    const outcome = await flows.authorize(app, {
      scope: 'read',
      redirectUri: CALLBACK_WITH_QUERY,
      state: '',
      extra: SHOW_CONSENT,
    });
    if (!outcome.consentSubmitted)
      flows.blockOn('AUTHZ-CONSENT and AUTHZ-FORCE-LOGIN (a consent form to approve)', outcome);
    const to = outcome.redirect;
    ensure(!!to, 'approving must redirect to the client');
    check(
      to.searchParams.get('keep') === '1',
      `the registered query keep=1 must be kept; got ${to.search.replace(/code=[^&]*/, 'code=…')}`,
    );
    check(!!to.searchParams.get('code'), 'the redirect must carry code');
    check(!to.searchParams.has('state'), 'an empty state must be left out of the redirect');
    await flows.exchangeFrom(app, to, CALLBACK_WITH_QUERY, outcome.pkce);
  },
);
