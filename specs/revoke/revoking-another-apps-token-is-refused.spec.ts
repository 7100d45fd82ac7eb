import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test("REVOKE-FOREIGN revoking another app's token answers 403 unauthorized_client and the token keeps working", requirement('REVOKE-FOREIGN'), async ({ app, otherApp, flows, oauth, run }) => {
  const { token } = await flows.userToken(app, { scope: 'read' });
  const res = await oauth.revoke(otherApp, token);
  // rfc-strict (RFC 7009 §2.1): the request is refused with any OAuth error; 400 is what the RFC prefers.
  if (run.profile === 'rfc-strict') expectOAuth(res).that(res.status >= 400 && res.status < 500, `status must be a 4xx; got ${res.status}`).hasErrorString();
  else expectOAuth(res).status(403).error('unauthorized_client');
  expectOAuth(await oauth.verifyAccount(token)).status(200);
});
