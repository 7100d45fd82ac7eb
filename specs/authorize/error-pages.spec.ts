import {
  expectOAuth,
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
    async ({ app, session, http, run }) => {
      const query = Object.fromEntries(
        Object.entries(params(app.clientId, app.redirectUris[0]!)).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      const res = await session.send('GET', http.url('/oauth/authorize', query));
      if (expectations(run).authorizeErrorsRedirect && redirectable) {
        const to = res.location();
        expectOAuth(res)
          .status(302)
          .that(
            !!to && `${to.origin}${to.pathname}` === app.redirectUris[0] && !!to.searchParams.get('error'),
            `rfc-strict: the error must be redirected to ${app.redirectUris[0]} with error=; got ` +
              `${to ? `${to.origin}${to.pathname}` : 'no redirect'}`,
          );
        return;
      }
      const flash = textOf(res.text, '.flash-message') ?? textOf(res.text, '.form-container');
      expectOAuth(res)
        .status(status)
        .html()
        .that(!res.location(), `must not redirect; got Location ${res.location()?.origin ?? ''}`)
        .that(!!flash, 'the page must explain the error (.flash-message)');
    },
  );
}
