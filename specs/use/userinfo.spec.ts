import {
  APP_TOKENS_REFUSED,
  check,
  expectOAuth,
  notApplicable,
  refusedWithoutUser,
  requirement,
  test,
} from '../../fixtures/api/index.ts';

test(
  'USERINFO-OK a user token with profile gets iss, sub and the profile claims, by GET and by POST',
  requirement('USERINFO-OK'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'profile' });
    const answers = [await oauth.userinfo(token, 'GET'), await oauth.userinfo(token, 'POST')];
    for (const res of answers)
      expectOAuth(res)
        .status(200)
        .json()
        .field('sub', (v) => typeof v === 'string' && /^https?:\/\//.test(v), 'be the actor URI')
        .field('preferred_username', (v) => typeof v === 'string' && v.length > 0, 'be a non-empty string');
    // `iss` is compared with the metadata's issuer, which META-OK must provide.
    const issuer = (flows.prerequisite(await oauth.metadata(), 200, 'META-OK').json as { issuer?: unknown }).issuer;
    for (const res of answers)
      expectOAuth(res).field('iss', (v) => v === issuer, `equal the metadata issuer ${JSON.stringify(issuer)}`);
  },
);

test(
  'USERINFO-403 a token without profile, even with read:accounts, answers 403',
  requirement('USERINFO-403'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'read:accounts' });
    expectOAuth(await oauth.userinfo(token))
      .status(403)
      .json()
      .hasErrorString();
  },
);

test(
  'USERINFO-401 an unknown or revoked token answers 401',
  requirement('USERINFO-401'),
  async ({ app, flows, oauth }) => {
    const { token } = await flows.userToken(app, { scope: 'profile read' });
    await flows.revoke(app, token, 'account');
    for (const t of ['no-such-token-00000000000000000000000000', token])
      expectOAuth(await oauth.userinfo(t)).status(401);
  },
);

test(
  'USERINFO-APP-TOKEN an app token with profile answers 422',
  requirement('USERINFO-APP-TOKEN'),
  async ({ app, flows, oauth }) => {
    const token = await flows.appToken(app, 'profile');
    const res = await oauth.userinfo(token);
    if (refusedWithoutUser(res)) notApplicable(APP_TOKENS_REFUSED);
    check(res.status === 422, `an app token must answer 422 (the method requires a user); got ${res.status}`);
  },
);
