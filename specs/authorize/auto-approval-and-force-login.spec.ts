import { check, consentForms, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-AUTO-APPROVE holding a token for the same app and scopes, ' +
    'GET /oauth/authorize redirects with a code and no consent page',
  requirement('AUTHZ-AUTO-APPROVE'),
  async ({ app, flows, session }) => {
    await flows.userToken(app, { scope: 'read follow' });
    const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'read follow', state: 'again' }));
    const to = res.location();
    expectOAuth(res)
      .status(302)
      .that(
        !!to && `${to.origin}${to.pathname}` === app.redirectUris[0] && !!to.searchParams.get('code'),
        `Location must be ${app.redirectUris[0]} with a code; got ${to ? `${to.origin}${to.pathname}` : 'none'}`,
      );
  },
);

test(
  'AUTHZ-AUTO-APPROVE a different scope set is not auto-approved',
  requirement('AUTHZ-AUTO-APPROVE'),
  async ({ app, flows, session }) => {
    await flows.userToken(app, { scope: 'read push' });
    const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'read write:statuses push' }));
    // The consent page itself, with a form to approve: any other 200 page would approve nothing.
    expectOAuth(res)
      .status(200)
      .html()
      .that(!!consentForms(res.text).approve, 'another scope set must show the consent page with an Authorize form');
  },
);

test(
  'AUTHZ-FORCE-LOGIN a truthy force_login shows the consent page even when a token is held, and keeps the session',
  requirement('AUTHZ-FORCE-LOGIN'),
  async ({ app, flows, session }) => {
    await flows.userToken(app, { scope: 'follow write' });
    // Rails casts "False" to true: only false, 0, f, off and "" are false.
    for (const value of ['true', '1', 'False']) {
      const res = await session.send(
        'GET',
        flows.authorizeUrl(app, { scope: 'follow write', extra: { force_login: value } }),
      );
      expectOAuth(res)
        .status(200)
        .html()
        .that(
          !!consentForms(res.text).approve,
          `force_login=${value} must show the consent page with an Authorize form`,
        );
    }
    // A falsy value leaves auto-approval on; that is only observable where auto-approval works (AUTHZ-AUTO-APPROVE).
    const baseline = await session.send('GET', flows.authorizeUrl(app, { scope: 'follow write' }));
    if (baseline.status !== 302) return;
    const off = await session.send(
      'GET',
      flows.authorizeUrl(app, { scope: 'follow write', extra: { force_login: 'false' } }),
    );
    check(off.status === 302, `force_login=false must leave auto-approval on (302); got ${off.status}`);
  },
);
