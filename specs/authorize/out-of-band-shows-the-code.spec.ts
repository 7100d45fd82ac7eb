import { check, ensure, expectOAuth } from '../../fixtures/expect-oauth.ts';
import { OOB } from '../../fixtures/oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('AUTHZ-OOB approving with the oob redirect shows the code on /oauth/authorize/native, and it exchanges for a token', requirement('AUTHZ-OOB'), async ({ app, flows, oauth }) => {
  const id = 'AUTHZ-OOB';
  const outcome = await flows.authorize(app, { scope: 'read', redirectUri: OOB, state: 'not-carried' });
  ensure(id, !!outcome.oobCode, `the out-of-band page must show the code in input.oauth-code; the flow ended ${outcome.redirect ? `with a redirect to ${outcome.redirect.origin}` : outcome.stoppedAt ? `on ${outcome.stoppedAt.path} (${outcome.stoppedAt.status})` : 'nowhere'}`);
  check(id, true, 'the out-of-band page shows a code');
  const res = flows.keep(app, await oauth.exchangeCode(app, outcome.oobCode, { redirect_uri: OOB }));
  expectOAuth(res).status(200).field('access_token', (v) => typeof v === 'string', 'be a string (the shown code must be a real one)');
});
