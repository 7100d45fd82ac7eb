import {
  check,
  consentForms,
  expectOAuth,
  expectRefused,
  observe,
  requirement,
  test,
  type Received,
} from '../../fixtures/api/index.ts';

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
  async ({ app, flows }) => {
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
    expectRefused(await flows.attempt(without), 'an authorize request without redirect_uri');
  },
);

test(
  'AUTHZ-CSRF approving without the authenticity_token, or without the session cookie, answers 422 and no code',
  requirement('AUTHZ-CSRF'),
  async ({ app, flows, session, http }) => {
    const url = flows.authorizeUrl(app, { scope: 'push' });
    const page = await session.send('GET', url);
    const approve = consentForms(page.text).approve;
    flows.prerequisite(page, 200, 'AUTHZ-CONSENT', () => !!approve);
    if (!approve) return;
    const action = new URL(approve.action || page.exchange.request.url, url);
    // Refused: no code for the client. Mastodon says so with 422 (Rails' InvalidAuthenticityToken); another refusal
    // (a 400, a redirect to sign in) is a difference no client can observe.
    const refused = (res: Received, without: string) => {
      const code = res.location()?.searchParams.get('code');
      check(!code, `approving ${without} must be refused; it redirected with a code`);
      if (!code) expectOAuth(res).statusAlike(422, [400, 401, 403, 302, 303], 'either way no code is issued');
    };
    refused(await http.send({ method: 'POST', path: action.pathname, form: approve.fields }), 'without the session');
    const token = Object.keys(approve.fields).find((k) => /(authenticity|csrf|xsrf)|^_?token$/i.test(k));
    if (!token) {
      // Nothing to leave out: the session cookie's SameSite attribute is then what keeps other sites out.
      observe(false, "the consent form carries no anti-forgery token (Mastodon's carries authenticity_token)");
      return;
    }
    const { [token]: _, ...withoutToken } = approve.fields;
    refused(
      await http.send({
        method: 'POST',
        path: action.pathname,
        form: withoutToken,
        cookie: session.cookieHeader(action),
      }),
      `without its ${token}`,
    );
  },
);
