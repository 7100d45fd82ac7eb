import { CALLBACK_WITH_QUERY, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-MISSING an authorization_code request without code answers 400 invalid_request',
  requirement('TOKEN-CODE-MISSING'),
  async ({ app, oauth }) => {
    expectOAuth(await oauth.token({ grant_type: 'authorization_code', redirect_uri: app.redirectUris[0] }, { app }))
      .status(400)
      .error('invalid_request');
  },
);

test(
  'TOKEN-CODE-REDIRECT-MISSING a code exchanged without redirect_uri answers 400 invalid_request',
  requirement('TOKEN-CODE-REDIRECT-MISSING'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read' });
    expectOAuth(await flows.exchange(app, grant, { redirect_uri: undefined }))
      .status(400)
      .error('invalid_request');
  },
);

test(
  'TOKEN-CODE-REDIRECT-MISMATCH a code exchanged with another registered redirect_uri answers 400 invalid_grant',
  requirement('TOKEN-CODE-REDIRECT-MISMATCH'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read' });
    expectOAuth(await flows.exchange(app, grant, { redirect_uri: CALLBACK_WITH_QUERY }))
      .status(400)
      .error('invalid_grant');
  },
);

test(
  'TOKEN-CODE-UNKNOWN an unknown or garbled code answers 400 invalid_grant',
  requirement('TOKEN-CODE-UNKNOWN'),
  async ({ app, oauth }) => {
    for (const code of ['no-such-code-00000000000000000000000000000', '%00<>"']) {
      expectOAuth(await oauth.exchangeCode(app, code))
        .status(400)
        .error('invalid_grant');
    }
  },
);

test(
  "TOKEN-CODE-OTHER-CLIENT a code exchanged with another app's valid credentials answers 400 invalid_grant",
  requirement('TOKEN-CODE-OTHER-CLIENT'),
  async ({ app, otherApp, flows }) => {
    const grant = await flows.code(app, { scope: 'read' });
    expectOAuth(await flows.exchange(otherApp, grant))
      .status(400)
      .error('invalid_grant');
  },
);

test(
  'TOKEN-CODE-EXPIRED a code older than 600 s answers 400 invalid_grant',
  requirement('TOKEN-CODE-EXPIRED'),
  async ({ app, flows }) => {
    test.setTimeout(700_000);
    const grant = await flows.code(app, { scope: 'read' });
    await new Promise((r) => setTimeout(r, 605_000));
    expectOAuth(await flows.exchange(app, grant))
      .status(400)
      .error('invalid_grant');
  },
);
