import {
  check,
  describe,
  expectOAuth,
  expectRefused,
  expectations,
  requirement,
  test,
  textOf,
  type AuthorizeParams,
} from '../../fixtures/api/index.ts';

// Signed in, an invalid request gets an HTML error page on the server; it is never redirected to the client (§2 D10).
// rfc-strict (RFC 6749 §4.1.2.1): once client_id and redirect_uri are valid, the error is redirected to the client.
const CASES: [string, number, boolean, (clientId: string, redirect: string) => AuthorizeParams][] = [
  ['without client_id', 400, false, (_c, r) => ({ redirect_uri: r, response_type: 'code' })],
  [
    'with an unknown client_id',
    401,
    false,
    (c, r) => ({ client_id: `unknown-${c}`, redirect_uri: r, response_type: 'code' }),
  ],
  ['without redirect_uri', 400, false, (c) => ({ client_id: c, response_type: 'code' })],
  [
    'with an unregistered redirect_uri',
    400,
    false,
    (c) => ({ client_id: c, redirect_uri: 'https://attacker.conformance.invalid/cb', response_type: 'code' }),
  ],
  ['without response_type', 400, true, (c, r) => ({ client_id: c, redirect_uri: r, response_type: '' })],
  ['with response_type=token', 400, true, (c, r) => ({ client_id: c, redirect_uri: r, response_type: 'token' })],
  [
    'with an unknown scope',
    400,
    true,
    (c, r) => ({ client_id: c, redirect_uri: r, response_type: 'code', scope: 'no:such:scope' }),
  ],
];

for (const [label, status, redirectable, params] of CASES) {
  test(
    `AUTHZ-ERR-PAGE a request ${label} answers an HTML error page with ${status}, not a redirect`,
    requirement('AUTHZ-ERR-PAGE'),
    async ({ app, flows, http, run }) => {
      const query = Object.fromEntries(
        Object.entries(params(app.clientId, app.redirectUris[0]!)).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      // Where the request ends: Mastodon's error page at once, or (a server that reads the request only on approval)
      // the page its consent page's approval ends on.
      const outcome = await flows.attempt(http.url('/oauth/authorize', query));
      if (expectations(run).authorizeErrorsRedirect && redirectable) {
        const to = outcome.redirect;
        check(
          !!to && `${to.origin}${to.pathname}` === app.redirectUris[0] && !!to.searchParams.get('error'),
          `rfc-strict: the error must be redirected to ${app.redirectUris[0]} with error=; got ${describe(outcome)}`,
        );
        return;
      }
      expectRefused(outcome, `a request ${label}`);
      check(!outcome.redirect, `must not redirect to the client; the flow ended ${describe(outcome)}`);
      const page = outcome.final;
      if (!page || outcome.redirect) return;
      // The explanation: Mastodon's .flash-message, or any text another server's page gives.
      const explained =
        textOf(page.text, '.flash-message') ?? textOf(page.text, '.form-container') ?? textOf(page.text, 'body');
      expectOAuth(page).status(status).html().that(!!explained, 'the page must explain the error');
    },
  );
}
