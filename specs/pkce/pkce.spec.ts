import {
  check,
  codeOf,
  consentForms,
  describe,
  expectOAuth,
  expectRefused,
  expectations,
  requirement,
  s256,
  test,
} from '../../fixtures/api/index.ts';

test(
  'PKCE-S256-OK an S256 challenge carried by the consent form, then the right verifier, gives a token',
  requirement('PKCE-S256-OK'),
  async ({ app, flows, session }) => {
    const pkce = flows.newPkce();
    const page = await session.send('GET', flows.authorizeUrl(app, { scope: 'profile write:statuses', pkce }));
    const approve = consentForms(page.text).approve;
    // A form that carries the request (Mastodon's) must carry the challenge too, or approving it loses the challenge;
    // a form that carries none of it leaves the request in the server's session (GoToSocial), where the exchange below
    // is what tells.
    if (approve && Object.keys(approve.fields).some((f) => /(^|\[)client_id\]?$/.test(f)))
      check(
        approve.fields.code_challenge === pkce.challenge && approve.fields.code_challenge_method === 'S256',
        'the consent form must carry code_challenge and code_challenge_method=S256 as hidden fields',
      );
    const grant = await flows.code(app, { scope: 'profile write:statuses', pkce });
    // The verifier named explicitly: this test is the judge of S256, never blocked on it.
    expectOAuth(await flows.exchange(app, grant, { code_verifier: pkce.verifier })).status(200);
  },
);

test(
  'PKCE-OPTIONAL a flow without a code challenge gives a token',
  requirement('PKCE-OPTIONAL'),
  async ({ app, flows, oauth }) => {
    // Not through flows.code: its refusal would block, and a refusal is exactly what this requirement is about.
    const outcome = await flows
      .consentDriver()
      .then((d) => d.authorize(flows.authorizeUrl(app, { scope: 'read', pkce: false }), 'approve'));
    const code = outcome.redirect?.searchParams.get('code');
    check(
      !!code,
      `an authorization request without code_challenge must be approved with a code; the flow ended ` +
        `${describe(outcome)}`,
    );
    if (code) expectOAuth(await oauth.exchangeCode(app, code)).status(200);
  },
);

test(
  'PKCE-METHOD code_challenge_method=plain, or a challenge without a method, ' +
    'gives a 400 error page without an Authorize button',
  requirement('PKCE-METHOD'),
  async ({ app, flows, run }) => {
    const pkce = flows.newPkce();
    for (const method of ['plain', undefined]) {
      const what = `code_challenge_method ${method ?? '(none)'}`;
      const outcome = await flows.attempt(
        flows.authorizeUrl(app, {
          scope: 'read',
          pkce: false,
          extra: { code_challenge: pkce.verifier, code_challenge_method: method },
        }),
      );
      if (expectations(run).pkceMethodErrorRedirects) {
        const error = outcome.redirect?.searchParams.get('error');
        check(
          error === 'invalid_request' && !codeOf(outcome),
          `rfc-strict: ${what} must redirect with error=invalid_request; got ` +
            `${outcome.redirect ? JSON.stringify(error) : describe(outcome)}`,
        );
      } else {
        // The status half is this requirement's own (AUTHZ-ERR-PAGE sends no challenge): 400, no Authorize button, no
        // code.
        expectRefused(outcome, what);
        const page = outcome.final;
        if (page && !codeOf(outcome)) expectOAuth(page).status(400);
      }
    }
  },
);

test(
  'PKCE-VERIFIER-MISSING a code with a challenge exchanged without code_verifier answers 400 invalid_request',
  requirement('PKCE-VERIFIER-MISSING'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read', pkce: flows.newPkce() });
    expectOAuth(await flows.exchange(app, grant, { code_verifier: undefined }))
      .status(400)
      .error('invalid_request');
  },
);

test(
  'PKCE-VERIFIER-WRONG a wrong code_verifier answers 400 invalid_grant',
  requirement('PKCE-VERIFIER-WRONG'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read', pkce: flows.newPkce() });
    expectOAuth(await flows.exchange(app, grant, { code_verifier: flows.newPkce().verifier }))
      .status(400)
      .error('invalid_grant');
  },
);

test(
  'PKCE-VERIFIER-UNSOLICITED a code_verifier for a code without a challenge answers 400 invalid_grant',
  requirement('PKCE-VERIFIER-UNSOLICITED'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read', pkce: false });
    expectOAuth(await flows.exchange(app, grant, { code_verifier: flows.newPkce().verifier }))
      .status(400)
      .error('invalid_grant');
  },
);

test(
  'PKCE-NO-SHAPE-CHECK a short verifier outside RFC 7636 rules is accepted with its S256 challenge',
  requirement('PKCE-NO-SHAPE-CHECK'),
  async ({ app, flows }) => {
    // A well-formed pair first: if S256 itself fails, the shape rule cannot be judged (PKCE-S256-OK is the
    // prerequisite).
    flows.prerequisite(
      await flows.exchange(app, await flows.code(app, { scope: 'read', pkce: flows.newPkce() })),
      200,
      'PKCE-S256-OK',
    );
    const verifier = 'short';
    const grant = await flows.code(app, {
      scope: 'read',
      pkce: { verifier, challenge: s256(verifier), method: 'S256' },
    });
    expectOAuth(await flows.exchange(app, grant)).status(200);
  },
);
