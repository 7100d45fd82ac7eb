import { check, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  "TOKEN-CC-SUBSET a scope that is a subset of the app's answers 200 with that scope",
  requirement('TOKEN-CC-SUBSET'),
  async ({ app, oauth }) => {
    const res = await oauth.clientCredentials(app, 'write push');
    expectOAuth(res).status(200).scopes('write push');
  },
);

test(
  "TOKEN-CC-INVALID-SCOPE a scope outside the app's answers 400 invalid_scope",
  requirement('TOKEN-CC-INVALID-SCOPE'),
  async ({ app, oauth }) => {
    for (const scope of ['admin:read', 'read admin:write']) {
      expectOAuth(await oauth.clientCredentials(app, scope))
        .status(400)
        .error('invalid_scope');
    }
  },
);

test(
  'TOKEN-CC-DEFAULT-NOT-IN-APP without scope, an app registered without read gets 400 invalid_scope',
  requirement('TOKEN-CC-DEFAULT-NOT-IN-APP'),
  async ({ writeOnlyApp, oauth }) => {
    expectOAuth(await oauth.clientCredentials(writeOnlyApp))
      .status(400)
      .error('invalid_scope');
  },
);

test(
  'TOKEN-CC-REUSE repeated client_credentials requests with the same scopes return the same token',
  requirement('TOKEN-CC-REUSE'),
  async ({ app, flows }) => {
    const first = await flows.appToken(app, 'follow push');
    const second = await flows.appToken(app, 'follow push');
    check(first === second, 'the second request must return the same access_token');
  },
);

test(
  'TOKEN-CC-NO-USER an app token works on apps/verify_credentials and answers 422 on a user endpoint',
  requirement('TOKEN-CC-NO-USER'),
  async ({ app, flows, oauth }) => {
    const token = await flows.appToken(app, 'read');
    // A token the API takes (APP-VERIFY-OK judges that it does), but that acts for no user.
    await flows.live(token, 'app');
    expectOAuth(await oauth.verifyAccount(token))
      .status(422)
      .json()
      .hasErrorString();
  },
);
