import { CALLBACK_WITH_QUERY, expectRedirect, requirement, test } from '../../fixtures/api/index.ts';

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
    const to = expectRedirect(outcome, 'approving').to(app.redirectUris[0]!).carries('code').carries('state', STATE);
    await flows.exchangeFrom(app, to.url, app.redirectUris[0], outcome.pkce);
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
    const to = expectRedirect(outcome, 'approving')
      .carries('keep', '1')
      .carries('code')
      .lacks('state', 'an empty state must be left out of the redirect');
    await flows.exchangeFrom(app, to.url, CALLBACK_WITH_QUERY, outcome.pkce);
  },
);
