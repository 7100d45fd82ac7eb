import { check } from '../../fixtures/expect-oauth.ts';
import { CALLBACK_WITH_QUERY } from '../../fixtures/apps.ts';
import { CALLBACK, OOB } from '../../fixtures/oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

// The run's apps were registered once in global setup, each in a way that also tests registration (fixtures/apps.ts).

test('APP-CREATE-ENC registration accepts JSON, form-urlencoded and multipart bodies', requirement('APP-CREATE-ENC'), async ({ registration }) => {
  for (const [role, encoding] of [['main-0', 'JSON'], ['other', 'form-urlencoded'], ['write-only', 'multipart']] as const) {
    const r = registration(role);
    check('APP-CREATE-ENC', r.status === 200 && !!r.app, `a ${encoding} registration must answer 200 with credentials; got ${r.status}${r.app ? '' : ' without client_id/client_secret'}`);
  }
});

test('APP-CREATE-REDIRECT-MULTI several redirect URIs, as an array or a newline-separated string, come back as redirect_uris', requirement('APP-CREATE-REDIRECT-MULTI'), async ({ registration }) => {
  const id = 'APP-CREATE-REDIRECT-MULTI';
  const asArray = registration('main-0').body as { redirect_uris?: unknown; redirect_uri?: unknown } | undefined;
  const expected = [CALLBACK, OOB, CALLBACK_WITH_QUERY];
  check(id, JSON.stringify(asArray?.redirect_uris) === JSON.stringify(expected), `an array of three must come back as redirect_uris ${JSON.stringify(expected)}; got ${JSON.stringify(asArray?.redirect_uris)}`);
  check(id, asArray?.redirect_uri === expected.join('\n'), `redirect_uri must be the URIs joined with \\n; got ${JSON.stringify(asArray?.redirect_uri)}`);
  const asString = registration('other').body as { redirect_uris?: unknown } | undefined;
  check(id, JSON.stringify(asString?.redirect_uris) === JSON.stringify([CALLBACK, OOB]), `a newline-separated string must come back as an array of two; got ${JSON.stringify(asString?.redirect_uris)}`);
});

test('APP-CREATE-OOB the out-of-band URI is accepted as a redirect URI', requirement('APP-CREATE-OOB'), async ({ registration }) => {
  const r = registration('main-0');
  const uris = (r.body as { redirect_uris?: unknown; redirect_uri?: unknown } | undefined);
  const listed = Array.isArray(uris?.redirect_uris) ? uris.redirect_uris : String(uris?.redirect_uri ?? '').split('\n');
  check('APP-CREATE-OOB', r.status === 200 && listed.includes(OOB), `registering ${OOB} must succeed and list it; got ${r.status} with ${JSON.stringify(listed)}`);
});

test('APP-CREATE-SCOPES-DEFAULT an app registered without scopes gets read', requirement('APP-CREATE-SCOPES-DEFAULT'), async ({ registration, oauth, flows }) => {
  const id = 'APP-CREATE-SCOPES-DEFAULT';
  const r = registration('other');
  const scopes = (r.body as { scopes?: unknown } | undefined)?.scopes;
  if (scopes !== undefined) check(id, JSON.stringify(scopes) === '["read"]', `scopes must be ["read"]; got ${JSON.stringify(scopes)}`);
  // Observable on every version: the app may ask for read, and nothing else.
  const app = flows.prerequisite(await oauth.clientCredentials(r.app!, 'read'), 200, 'TOKEN-CC-SUBSET');
  flows.keep(r.app!, app);
  const write = flows.keep(r.app!, await oauth.clientCredentials(r.app!, 'write'));
  check(id, write.status === 400, `the app must not hold write: client_credentials with scope=write must answer 400; got ${write.status}`);
});

test('APP-CREATE-SCOPES-NORMALISE duplicate scopes collapse, in order of first appearance', requirement('APP-CREATE-SCOPES-NORMALISE'), async ({ registration }) => {
  const scopes = (registration('write-only').body as { scopes?: unknown } | undefined)?.scopes;
  check('APP-CREATE-SCOPES-NORMALISE', JSON.stringify(scopes) === '["write","push"]', `"write write push" must be stored as ["write","push"]; got ${JSON.stringify(scopes)}`);
});
