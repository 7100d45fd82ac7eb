import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test('TOKEN-CODE-OK exchanging an approved code answers 200 with a Token carrying the approved scopes in request order', requirement('TOKEN-CODE-OK'), async ({ app, flows }) => {
  const res = await flows.tokenResponse(app, { scope: 'write read' });
  expectOAuth(res).status(200).json()
    .field('access_token', (v) => typeof v === 'string' && v.length > 0, 'be a non-empty string')
    .field('scope', (v) => v === 'write read', 'be "write read" (the approved scopes, in request order)');
});
