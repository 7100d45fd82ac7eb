import { check, expectOAuth } from '../../fixtures/expect-oauth.ts';
import { CALLBACK_WITH_QUERY } from '../../fixtures/apps.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('TOKEN-CODE-SCOPE-IGNORED a scope sent with the code, narrower or wider, is ignored: the grant keeps its scopes', requirement('TOKEN-CODE-SCOPE-IGNORED'), async ({ app, flows, oauth }) => {
  for (const scope of ['read', 'read write follow push admin:read']) {
    const grant = await flows.code(app, { scope: 'read write:statuses' });
    const res = await flows.exchange(app, grant, { scope });
    expectOAuth(res).status(200).scopes('read write:statuses');
  }
});

test('TOKEN-CODE-MISSING an authorization_code request without code answers 400 invalid_request', requirement('TOKEN-CODE-MISSING'), async ({ app, oauth }) => {
  expectOAuth(await oauth.token({ grant_type: 'authorization_code', redirect_uri: app.redirectUris[0] }, { app })).status(400).error('invalid_request');
});

test('TOKEN-CODE-REDIRECT-MISSING a code exchanged without redirect_uri answers 400 invalid_request', requirement('TOKEN-CODE-REDIRECT-MISSING'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read' });
  expectOAuth(await flows.exchange(app, grant, { redirect_uri: undefined })).status(400).error('invalid_request');
});

test('TOKEN-CODE-REDIRECT-MISMATCH a code exchanged with another registered redirect_uri answers 400 invalid_grant', requirement('TOKEN-CODE-REDIRECT-MISMATCH'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read' });
  expectOAuth(await flows.exchange(app, grant, { redirect_uri: CALLBACK_WITH_QUERY })).status(400).error('invalid_grant');
});

test('TOKEN-CODE-UNKNOWN an unknown or garbled code answers 400 invalid_grant', requirement('TOKEN-CODE-UNKNOWN'), async ({ app, flows, oauth }) => {
  for (const code of ['no-such-code-00000000000000000000000000000', '%00<>"']) {
    expectOAuth(flows.keep(app, await oauth.exchangeCode(app, code))).status(400).error('invalid_grant');
  }
});

test("TOKEN-CODE-OTHER-CLIENT a code exchanged with another app's valid credentials answers 400 invalid_grant", requirement('TOKEN-CODE-OTHER-CLIENT'), async ({ app, otherApp, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read' });
  expectOAuth(await flows.exchange(otherApp, grant)).status(400).error('invalid_grant');
});

test('TOKEN-CODE-EXPIRED a code older than 600 s answers 400 invalid_grant', requirement('TOKEN-CODE-EXPIRED'), async ({ app, flows, oauth }) => {
  test.setTimeout(700_000);
  const grant = await flows.code(app, { scope: 'read' });
  await new Promise((r) => setTimeout(r, 605_000));
  expectOAuth(await flows.exchange(app, grant)).status(400).error('invalid_grant');
});

test('TOKEN-CODE-REUSED-TOKEN a second authorization for the same app, user and scopes returns the same token and created_at', requirement('TOKEN-CODE-REUSED-TOKEN'), async ({ app, flows }) => {
  const first = await flows.userToken(app, { scope: 'read write' });
  const second = await flows.userToken(app, { scope: 'read write' });
  check('TOKEN-CODE-REUSED-TOKEN', first.token === second.token, 'the second exchange must return the same access_token');
  check('TOKEN-CODE-REUSED-TOKEN', first.createdAt === second.createdAt, `created_at must be the same; got ${first.createdAt} and ${second.createdAt}`);
});
