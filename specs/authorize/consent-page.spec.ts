import { check, consentForms, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

// Each test here asks for a scope set no other test asks for, so no earlier token auto-approves it.

test(
  'AUTHZ-CONSENT signed in, a valid request shows a 200 HTML consent page with Authorize and Deny, not cached',
  requirement('AUTHZ-CONSENT'),
  async ({ app, flows, session }) => {
    const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'follow' }));
    expectOAuth(res)
      .status(200)
      .html()
      .header('cache-control', /(^|[\s,])no-store\b/i, 'contain no-store');
    const forms = consentForms(res.text);
    check(
      !!forms.approve && !!forms.deny,
      `the page must have an Authorize form and a Deny form (_method=delete) posting to /oauth/authorize; ` +
        `found ${forms.approve ? 'Authorize' : 'no Authorize'} and ${forms.deny ? 'Deny' : 'no Deny'}`,
    );
  },
);

test(
  'AUTHZ-PARAMS scopes separated by + in the query are read as separate scopes, and redirect_uri is required',
  requirement('AUTHZ-PARAMS'),
  async ({ app, flows, session }) => {
    const pkce = flows.defaultPkce();
    const url = flows.authorizeUrl(app, { pkce: pkce ?? false });
    const outcome = await (await flows.consentDriver()).authorize(
      new URL(`${url}&scope=read+write:statuses`),
      'approve',
    );
    const code = outcome.redirect?.searchParams.get('code');
    if (!code) return flows.blockOn('AUTHZ-APPROVE-REDIRECT', outcome);
    const res = await flows.exchange(app, { code, redirectUri: app.redirectUris[0]!, pkce });
    expectOAuth(res).status(200).scopes('read write:statuses');
    // Required even when it could be guessed (§2 D11): without it, no consent and no code. The page itself is AUTHZ-
    // ERR-PAGE's.
    const without = flows.authorizeUrl(app, { scope: 'read' });
    without.searchParams.delete('redirect_uri');
    expectOAuth(await session.send('GET', without)).refused();
  },
);

test(
  'AUTHZ-CSRF approving without the authenticity_token, or without the session cookie, answers 422 and no code',
  requirement('AUTHZ-CSRF'),
  async ({ app, flows, session, http }) => {
    const page = await session.send('GET', flows.authorizeUrl(app, { scope: 'push' }));
    const approve = consentForms(page.text).approve;
    flows.prerequisite(page, 200, 'AUTHZ-CONSENT', () => !!approve);
    if (!approve) return;
    const action = new URL(approve.action, http.url('/')).pathname;
    const { authenticity_token: _, ...withoutToken } = approve.fields;
    const noToken = await http.send({
      method: 'POST',
      path: action,
      form: withoutToken,
      cookie: session.cookies.header(),
    });
    expectOAuth(noToken).status(422);
    const noCookie = await http.send({ method: 'POST', path: action, form: approve.fields });
    expectOAuth(noCookie).status(422);
  },
);
