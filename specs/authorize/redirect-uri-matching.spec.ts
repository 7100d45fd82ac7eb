import {
  type AuthorizeOutcome,
  check,
  codeOf,
  describe,
  expectations,
  expectRefused,
  requirement,
  test,
} from '../../fixtures/api/index.ts';

/**
 * How a flow that had to be accepted ended otherwise, in words. The status alone does not tell an error page from a
 * consent page: Mastodon 4.2 (Doorkeeper 5.6.6) renders its error page with 200 (catalogue §2.2, §2.4).
 */
function notAccepted(outcome: AuthorizeOutcome): string {
  const page = outcome.stoppedAt;
  return page
    ? `${page.status}${page.status === 200 && !outcome.consentShown ? ' without an Authorize form' : ''}`
    : describe(outcome);
}

test(
  'AUTHZ-REDIRECT-MATCH a different path, host or scheme is refused; ' +
    'case of scheme and host and an extra query are tolerated',
  requirement('AUTHZ-REDIRECT-MATCH'),
  async ({ app, flows, run }) => {
    const registered = new URL(app.redirectUris[0]!);
    const refused = [
      `${registered.origin}/other-path`,
      `${registered.protocol}//elsewhere.conformance.invalid${registered.pathname}`,
      `http://${registered.host}${registered.pathname}`,
    ];
    for (const uri of refused)
      expectRefused(await flows.attempt(flows.authorizeUrl(app, { scope: 'read', redirectUri: uri })), uri);
    const tolerated = [
      `${registered.protocol.toUpperCase()}//${registered.host.toUpperCase()}${registered.pathname}`,
      `${registered.origin}${registered.pathname}?extra=1`,
    ];
    for (const uri of tolerated) {
      const outcome = await flows.attempt(flows.authorizeUrl(app, { scope: 'read', redirectUri: uri }));
      if (expectations(run).redirectUriExactMatch) expectRefused(outcome, uri);
      else
        check(
          !!codeOf(outcome),
          `${uri} must be accepted (Doorkeeper normalises, and ignores the query when none is registered): ` +
            `approved, a code for the client; got ${notAccepted(outcome)}`,
        );
    }
  },
);

/** Where the code of a redirect is: `query`, `fragment`, or nowhere. */
function codeIn(redirect: URL | undefined): 'query' | 'fragment' | undefined {
  if (redirect?.searchParams.get('code')) return 'query';
  if (new URLSearchParams(redirect?.hash.slice(1) ?? '').get('code')) return 'fragment';
  return undefined;
}

/**
 * Mastodon's consent form carries no response_mode (catalogue §2.4): after consent Doorkeeper answers in the
 * mode the submitted form asks for, by default the query. Only an authorization approved without the form (auto-
 * approval: a live token for the same scopes) honours response_mode=fragment directly. So: a first pass, judged
 * by what its consent form submitted, then a second pass that the first one's token lets through unasked.
 */
test(
  'AUTHZ-RESPONSE-MODE response_mode=fragment puts the code in the ' +
    'fragment when approved without the form; after consent the form decides',
  requirement('AUTHZ-RESPONSE-MODE'),
  async ({ app, flows }) => {
    const extra = { response_mode: 'fragment' };
    const judge = (outcome: Awaited<ReturnType<typeof flows.authorize>>) => {
      const submitted = outcome.consentForms?.approve?.fields.response_mode;
      const expected = outcome.consentShown
        ? submitted === 'fragment'
          ? 'fragment'
          : submitted === undefined || submitted === '' || submitted === 'query'
            ? 'query'
            : undefined
        : 'fragment';
      if (!expected) flows.cannotJudge(`the consent form submits response_mode=${submitted}`);
      const got = codeIn(outcome.redirect);
      const how = outcome.consentShown
        ? `after consent (the form ${submitted ? `submits response_mode=${submitted}` : 'carries no response_mode'})`
        : 'approved without the consent form';
      check(
        got === expected,
        `${how}, the code must come back in the ${expected}; got ` +
          `${got ? `the ${got}` : outcome.redirect ? 'a redirect without a code' : 'no redirect'}`,
      );
      return got;
    };
    const first = await flows.authorize(app, { scope: 'read push', extra });
    if (!judge(first) || !first.redirect) return;
    await flows.exchangeFrom(app, first.redirect, app.redirectUris[0], first.pkce);
    if (!first.consentShown) return;
    // The first pass's token is live: the same scopes again are approved without the form (AUTHZ-AUTO-APPROVE).
    const second = await flows.authorize(app, { scope: 'read push', extra });
    if (second.consentShown)
      flows.cannotJudge('the second pass was not auto-approved (AUTHZ-AUTO-APPROVE is the prerequisite)');
    if (judge(second) && second.redirect)
      await flows.exchangeFrom(app, second.redirect, app.redirectUris[0], second.pkce);
  },
);
