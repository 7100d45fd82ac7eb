import { badClientCredentials, check, expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

test(
  'REVOKE-UNKNOWN a valid client revoking an unknown token answers 200 {}',
  requirement('REVOKE-UNKNOWN'),
  async ({ app, oauth }) => {
    expectOAuth(await oauth.revoke(app, 'no-such-token-000000000000000000000000000'))
      .status(200)
      .json()
      .emptyObject();
  },
);

test(
  'REVOKE-MISSING-TOKEN a valid client without a token parameter answers 200 {}',
  requirement('REVOKE-MISSING-TOKEN'),
  async ({ app, oauth, run }) => {
    const res = await oauth.revoke(app, undefined);
    if (expectations(run).revokeWithoutTokenIsError) expectOAuth(res).status(400).error('invalid_request');
    else expectOAuth(res).status(200).json().emptyObject();
  },
);

test(
  'REVOKE-BAD-CLIENT a wrong secret, an unknown client, a missing secret ' +
    'or no credentials answer 403 unauthorized_client and revoke nothing',
  requirement('REVOKE-BAD-CLIENT'),
  async ({ app, flows, oauth, http, run }) => {
    const { status, error } = expectations(run).revokeBadClient;
    const { token } = await flows.userToken(app, { scope: 'read' });
    // The attempts are independent: sent together, they cost one round trip on a far server.
    await Promise.all([
      ...badClientCredentials(app).map(([label, credentials]) =>
        test.step(label, async () => {
          expectOAuth(await http.send({ method: 'POST', path: '/oauth/revoke', form: { ...credentials, token } }))
            .status(status)
            .error(error);
        }),
      ),
      // Even for a token that does not exist, a bad client is refused first.
      test.step('a bad client with an unknown token', async () => {
        expectOAuth(
          await http.send({
            method: 'POST',
            path: '/oauth/revoke',
            form: { client_id: app.clientId, client_secret: 'wrong', token: 'no-such-token-0000000000000000' },
          }),
        )
          .status(status)
          .error(error);
      }),
    ]);
    expectOAuth(await oauth.verifyAccount(token)).status(200);
  },
);

test(
  'REVOKE-AUTH-METHODS Basic auth and JSON and multipart bodies revoke; several auth methods at once answer 400',
  requirement('REVOKE-AUTH-METHODS'),
  async ({ app, flows, oauth, run }) => {
    // Accepted means authenticated and answered 200; what revoking does is REVOKE-OK's.
    const methods = [
      ['HTTP Basic', { auth: 'basic' }, 'read'],
      ['a JSON body', { encoding: 'json' }, 'write'],
      ['a multipart body', { encoding: 'multipart' }, 'push'],
    ] as const;
    await Promise.all(
      methods.map(([label, opts, scope]) =>
        test.step(label, async () => {
          const token = await flows.appToken(app, scope);
          expectOAuth(await oauth.revoke(app, token, opts)).status(200);
        }),
      ),
    );
    // Before Doorkeeper 5.9.5 (Mastodon 4.7), Basic silently won.
    if (expectations(run).severalClientAuthsRefused) {
      const token = await flows.appToken(app, 'follow');
      expectOAuth(await oauth.revoke(app, token, { auth: 'both' }))
        .status(400)
        .error('invalid_request');
    }
  },
);

test(
  'REVOKE-HINT token_type_hint=access_token revokes; ' +
    'token_type_hint=refresh_token answers 200 {} but leaves an access token valid',
  requirement('REVOKE-HINT'),
  async ({ app, flows, oauth, run }) => {
    // A plain revocation first: if that does nothing, no hint can be judged (REVOKE-OK is the prerequisite).
    await flows.revoke(app, await flows.appToken(app, 'read push'));
    const first = await flows.appToken(app, 'read');
    // The probe must take the live token, or a refusal after the revoke would prove nothing (catalogue §2.4).
    await flows.live(first, 'app');
    expectOAuth(await oauth.revoke(app, first, { extra: { token_type_hint: 'access_token' } })).status(200);
    const afterFirst = await flows.afterRevoke(() => oauth.verifyApp(first));
    expectOAuth(afterFirst).tokenNoLongerWorks('with token_type_hint=access_token the token must stop working');
    const second = await flows.appToken(app, 'read follow');
    await flows.live(second, 'app');
    expectOAuth(await oauth.revoke(app, second, { extra: { token_type_hint: 'refresh_token' } }))
      .status(200)
      .emptyObject();
    const afterSecond = await oauth.verifyApp(second);
    if (expectations(run).wrongHintRevokes)
      expectOAuth(afterSecond).tokenNoLongerWorks('a wrong hint must not prevent revocation');
    else expectOAuth(afterSecond).status(200);
  },
);

test(
  'REVOKE-SHARED one revocation ends the token for every authorization that received the same string',
  requirement('REVOKE-SHARED'),
  async ({ app, flows, oauth }) => {
    const first = await flows.userToken(app, { scope: 'read follow push' });
    const second = await flows.userToken(app, { scope: 'read follow push' });
    check(
      first.token === second.token,
      'both authorizations must have received the same token (TOKEN-CODE-REUSED-TOKEN)',
    );
    await flows.revoke(app, first.token, 'account');
    const after = await oauth.verifyAccount(second.token);
    expectOAuth(after).tokenNoLongerWorks("the second authorization's token must stop working too");
  },
);

test(
  'REVOKE-CORS a cross-origin revoke is allowed: Access-Control-Allow-Origin is *',
  requirement('REVOKE-CORS'),
  async ({ app, flows, http }) => {
    const token = await flows.appToken(app, 'read');
    const res = await http.send({
      method: 'POST',
      path: '/oauth/revoke',
      form: { client_id: app.clientId, client_secret: app.clientSecret, token },
      headers: { origin: 'https://web-client.conformance.invalid' },
    });
    expectOAuth(res).status(200).header('access-control-allow-origin', /^\*$/, 'be *');
  },
);
