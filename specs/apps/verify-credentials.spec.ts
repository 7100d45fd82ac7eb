import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('APP-VERIFY-OK any valid token of the app, app token or user token with any scope, gets the Application', requirement('APP-VERIFY-OK'), async ({ app, flows, oauth }) => {
  const appToken = await flows.appToken(app, 'push');
  const { token: userToken } = await flows.userToken(app, { scope: 'write' });
  for (const token of [appToken, userToken]) {
    expectOAuth(await oauth.verifyApp(token)).status(200).json().field('name', (v) => v === app.name, `be the app's name ${JSON.stringify(app.name)}`);
  }
});

test('APP-VERIFY-NO-SECRET the verify response carries no client_id, client_secret or client_secret_expires_at', requirement('APP-VERIFY-NO-SECRET'), async ({ app, flows, oauth }) => {
  const token = await flows.appToken(app, 'read');
  const res = await oauth.verifyApp(token);
  flows.prerequisite(res, 200, 'APP-VERIFY-OK');
  for (const key of ['client_id', 'client_secret', 'client_secret_expires_at']) {
    expectOAuth(res).field(key, (v) => v === undefined, 'be absent');
  }
});

test('APP-VERIFY-401 no token, an unknown token or a revoked token answer 401 with an error', requirement('APP-VERIFY-401'), async ({ app, flows, oauth }) => {
  const { token: revoked } = await flows.userToken(app, { scope: 'read follow' });
  await flows.revoke(app, revoked, 'account');
  const answers = await Promise.all([undefined, 'not-a-token-0000000000000000000000000000000', revoked].map((token) => oauth.verifyApp(token)));
  for (const res of answers) expectOAuth(res).status(401).json().hasErrorString();
});
