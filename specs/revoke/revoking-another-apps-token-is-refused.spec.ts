import { expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

test(
  "REVOKE-FOREIGN revoking another app's token answers 403 unauthorized_client and the token keeps working",
  requirement('REVOKE-FOREIGN'),
  async ({ app, otherApp, flows, oauth, run }) => {
    const { token } = await flows.userToken(app, { scope: 'read' });
    const res = await oauth.revoke(otherApp, token);
    if (expectations(run).revokeForeignAnyError) expectOAuth(res).rejected();
    else expectOAuth(res).status(403).error('unauthorized_client');
    expectOAuth(await oauth.verifyAccount(token)).status(200);
  },
);
