import { expectOAuth, refusedWithoutUser, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CC-DEFAULT client_credentials without scope gives a read app token that verify_credentials accepts',
  requirement('TOKEN-CC-DEFAULT'),
  async ({ app, oauth }) => {
    const res = await oauth.clientCredentials(app);
    expectOAuth(res).status(200).scopes('read').ensure();
    const verify = await oauth.verifyApp((res.json as { access_token: string }).access_token);
    // Where the API refuses tokens without a user (catalogue §2.4), that is not this token's fault: the probe does not
    // apply.
    if (!refusedWithoutUser(verify)) expectOAuth(verify).status(200);
  },
);
