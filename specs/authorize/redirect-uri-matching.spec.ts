import { check, expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

const accepted = (status: number) => status === 200 || status === 302;

test('AUTHZ-REDIRECT-MATCH a different path, host or scheme is refused; case of scheme and host and an extra query are tolerated', requirement('AUTHZ-REDIRECT-MATCH'), async ({ app, flows, session, run }) => {
  const registered = new URL(app.redirectUris[0]!);
  const refused = [
    `${registered.origin}/other-path`,
    `${registered.protocol}//elsewhere.conformance.invalid${registered.pathname}`,
    `http://${registered.host}${registered.pathname}`,
  ];
  for (const uri of refused) {
    expectOAuth(await session.send('GET', flows.authorizeUrl(app, { scope: 'read', redirectUri: uri }))).refused();
  }
  const tolerated = [
    `${registered.protocol.toUpperCase()}//${registered.host.toUpperCase()}${registered.pathname}`,
    `${registered.origin}${registered.pathname}?extra=1`,
  ];
  for (const uri of tolerated) {
    const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'read', redirectUri: uri }));
    // rfc-strict (RFC 6749 §3.1.2.3): simple string comparison, so these must be refused too.
    if (run.profile === 'rfc-strict') expectOAuth(res).refused();
    else expectOAuth(res).that(accepted(res.status), `${uri} must be accepted (Doorkeeper normalises, and ignores the query when none is registered); got ${res.status}`);
  }
});

test('AUTHZ-RESPONSE-MODE response_mode=fragment puts the code in the fragment', requirement('AUTHZ-RESPONSE-MODE'), async ({ app, flows }) => {
  const outcome = await flows.authorize(app, { scope: 'read', extra: { response_mode: 'fragment' } });
  const fragment = new URLSearchParams(outcome.redirect?.hash.slice(1) ?? '');
  check('AUTHZ-RESPONSE-MODE', !!fragment.get('code'), `the redirect's fragment must carry code; got ${outcome.redirect ? `query ${outcome.redirect.search ? 'with' : 'without'} parameters and fragment ${outcome.redirect.hash ? 'present' : 'empty'}` : 'no redirect'}`);
  if (outcome.redirect && fragment.get('code')) await flows.exchangeFrom(app, outcome.redirect, app.redirectUris[0], outcome.pkce);
});
