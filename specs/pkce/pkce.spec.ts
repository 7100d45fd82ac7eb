import { check, expectOAuth } from '../../fixtures/expect-oauth.ts';
import { consentForms } from '../../fixtures/consent/forms.ts';
import { s256 } from '../../fixtures/pkce.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('PKCE-S256-OK an S256 challenge carried by the consent form, then the right verifier, gives a token', requirement('PKCE-S256-OK'), async ({ app, flows, session, oauth }) => {
  const pkce = flows.newPkce();
  const page = await session.send('GET', flows.authorizeUrl(app, { scope: 'profile write:statuses', pkce }));
  const approve = consentForms(page.text).approve;
  check('PKCE-S256-OK', approve?.fields.code_challenge === pkce.challenge && approve.fields.code_challenge_method === 'S256', 'the consent form must carry code_challenge and code_challenge_method=S256 as hidden fields');
  const grant = await flows.code(app, { scope: 'profile write:statuses', pkce });
  const res = flows.keep(app, await oauth.exchangeCode(app, grant.code, { code_verifier: pkce.verifier }));
  expectOAuth(res).status(200).field('access_token', (v) => typeof v === 'string', 'be a string');
});

test('PKCE-OPTIONAL a flow without a code challenge gives a token', requirement('PKCE-OPTIONAL'), async ({ app, flows }) => {
  const res = await flows.tokenResponse(app, { scope: 'read', pkce: false });
  expectOAuth(res).status(200);
});

test('PKCE-METHOD code_challenge_method=plain, or a challenge without a method, gives a 400 error page without an Authorize button', requirement('PKCE-METHOD'), async ({ app, flows, session, run }) => {
  const pkce = flows.newPkce();
  for (const method of ['plain', undefined]) {
    const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'read', extra: { code_challenge: pkce.verifier, code_challenge_method: method } }));
    expectOAuth(res).errorPage(400, run.version).html();
  }
});

test('PKCE-VERIFIER-MISSING a code with a challenge exchanged without code_verifier answers 400 invalid_request', requirement('PKCE-VERIFIER-MISSING'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read', pkce: flows.newPkce() });
  expectOAuth(flows.keep(app, await oauth.exchangeCode(app, grant.code))).status(400).error('invalid_request');
});

test('PKCE-VERIFIER-WRONG a wrong code_verifier answers 400 invalid_grant', requirement('PKCE-VERIFIER-WRONG'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read', pkce: flows.newPkce() });
  expectOAuth(flows.keep(app, await oauth.exchangeCode(app, grant.code, { code_verifier: flows.newPkce().verifier }))).status(400).error('invalid_grant');
});

test('PKCE-VERIFIER-UNSOLICITED a code_verifier for a code without a challenge answers 400 invalid_grant', requirement('PKCE-VERIFIER-UNSOLICITED'), async ({ app, flows, oauth }) => {
  const grant = await flows.code(app, { scope: 'read', pkce: false });
  expectOAuth(flows.keep(app, await oauth.exchangeCode(app, grant.code, { code_verifier: flows.newPkce().verifier }))).status(400).error('invalid_grant');
});

test('PKCE-NO-SHAPE-CHECK a short verifier outside RFC 7636 rules is accepted with its S256 challenge', requirement('PKCE-NO-SHAPE-CHECK'), async ({ app, flows, oauth }) => {
  const verifier = 'short';
  const grant = await flows.code(app, { scope: 'read', pkce: { verifier, challenge: s256(verifier), method: 'S256' } });
  expectOAuth(flows.keep(app, await oauth.exchangeCode(app, grant.code, { code_verifier: verifier }))).status(200);
});
