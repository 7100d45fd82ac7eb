import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('TOKEN-CODE-REUSE a second exchange of the same code answers 400 invalid_grant', requirement('TOKEN-CODE-REUSE'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read' });
  const first = flows.prerequisite(flows.keep(app, await oauth.exchangeCode(app, grant.code)), 200, 'TOKEN-CODE-OK');
  const second = flows.keep(app, await oauth.exchangeCode(app, grant.code));
  expectOAuth(second).status(400).error('invalid_grant');
});

test('TOKEN-CODE-REUSE-NO-REVOKE the token from the first exchange stays valid after a replayed code', requirement('TOKEN-CODE-REUSE-NO-REVOKE'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read' });
  const first = flows.prerequisite(flows.keep(app, await oauth.exchangeCode(app, grant.code)), 200, 'TOKEN-CODE-OK');
  flows.keep(app, await oauth.exchangeCode(app, grant.code));
  const token = (first.json as { access_token: string }).access_token;
  expectOAuth(await oauth.verifyAccount(token)).status(200);
});
