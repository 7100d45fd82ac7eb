import { expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CC-DEFAULT client_credentials without scope gives a read app token, and needs no redirect_uri',
  requirement('TOKEN-CC-DEFAULT'),
  async ({ app, oauth }) => {
    // The grant needs no redirect_uri (nor a code): asked apart from the default scope, so each answer has one cause.
    expectOAuth(await oauth.clientCredentials(app, 'read', { bare: true })).status(200);
    // That the token works on apps/verify_credentials is APP-VERIFY-OK's to judge (app tokens and user tokens alike).
    expectOAuth(await oauth.clientCredentials(app))
      .status(200)
      .scopes('read');
  },
);
