import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { CALLBACK } from '../../fixtures/oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

// One registration that must fail: Mastodon counts it against the 5-per-10-minutes limit, so the suite makes only this one.
test('APP-CREATE-422 a registration without client_name answers 422 with a single error string', requirement('APP-CREATE-422'), async ({ oauth }) => {
  const res = await oauth.registerApp({ client_name: '', redirect_uris: CALLBACK });
  // The text is `e.to_s` in the instance's default locale ("Validation failed: …", "Gültigkeitsprüfung ist
  // fehlgeschlagen: …", catalogue §2.4): judged by its shape, never its wording.
  expectOAuth(res).status(422).json().hasErrorString()
    .field('error_description', (v) => v === undefined, 'be absent')
    .field('details', (v) => v === undefined, 'be absent');
});
