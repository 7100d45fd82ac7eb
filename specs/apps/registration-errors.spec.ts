import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { CALLBACK } from '../../fixtures/oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

// One registration that must fail: Mastodon counts it against the 5-per-10-minutes limit, so the suite makes only this one.
test('APP-CREATE-422 a registration without client_name answers 422 with a single error string', requirement('APP-CREATE-422'), async ({ oauth }) => {
  const res = await oauth.registerApp({ client_name: '', redirect_uris: CALLBACK });
  expectOAuth(res).status(422).json().hasErrorString().field('error', (v) => typeof v === 'string' && /^Validation failed/i.test(v), 'start with "Validation failed"');
});
