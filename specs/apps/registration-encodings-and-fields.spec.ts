import {
  CALLBACK,
  CALLBACK_WITH_QUERY,
  CUSTOM_SCHEME,
  LOOPBACK,
  OOB,
  check,
  requirement,
  test,
} from '../../fixtures/api/index.ts';

// The run's apps were registered once in global setup, each in a way that also tests registration
// (fixtures/run/apps.ts).

test(
  'APP-CREATE-ENC registration accepts JSON, form-urlencoded and multipart bodies',
  requirement('APP-CREATE-ENC'),
  async ({ registration }) => {
    for (const [role, encoding] of [
      ['main-0', 'JSON'],
      ['other', 'form-urlencoded'],
      ['write-only', 'multipart'],
    ] as const) {
      const r = registration(role);
      // The exact status is APP-CREATE-OK's; here a success with credentials is what counts. A refusal of what the body
      // said (a redirect URI, a scope) shows the body was read: that is another requirement's failure, not this one's.
      check(
        !bodyUnread(r),
        `a ${encoding} registration must be read: got ${r.status}${errorOf(r) ? ` ${JSON.stringify(errorOf(r))}` : ''}`,
      );
    }
  },
);

test(
  'APP-CREATE-REDIRECT-MULTI several redirect URIs, ' +
    'as an array or a newline-separated string, come back as redirect_uris',
  requirement('APP-CREATE-REDIRECT-MULTI'),
  async ({ registration }) => {
    const asArray = registration('main-0', { registered: true }).body as
      | { redirect_uris?: unknown; redirect_uri?: unknown }
      | undefined;
    const expected = [CALLBACK, OOB, CALLBACK_WITH_QUERY];
    check(
      JSON.stringify(asArray?.redirect_uris) === JSON.stringify(expected),
      `an array of three must come back as redirect_uris ${JSON.stringify(expected)}; got ` +
        `${JSON.stringify(asArray?.redirect_uris)}`,
    );
    check(
      asArray?.redirect_uri === expected.join('\n'),
      `redirect_uri must be the URIs joined with \\n; got ${JSON.stringify(asArray?.redirect_uri)}`,
    );
    const asString = registration('other', { registered: true }).body as { redirect_uris?: unknown } | undefined;
    check(
      JSON.stringify(asString?.redirect_uris) === JSON.stringify([CALLBACK, OOB]),
      `a newline-separated string must come back as an array of two; got ${JSON.stringify(asString?.redirect_uris)}`,
    );
  },
);

test(
  'APP-CREATE-OOB the out-of-band URI, a custom scheme and a loopback address are accepted as redirect URIs',
  requirement('APP-CREATE-OOB'),
  async ({ registration, flows }) => {
    let judged = 0;
    for (const [role, uri] of [
      ['main-0', OOB],
      ['write-only', CUSTOM_SCHEME],
      ['write-only', LOOPBACK],
    ] as const) {
      const r = registration(role);
      // Refused without reading the body, or refused for something else than a redirect URI: not this requirement's.
      if (bodyUnread(r) || (!r.app && !/redirect/i.test(errorOf(r)))) continue;
      const listed = listedUris(r.body);
      // With several URIs sent, a server that keeps only some of them fails APP-CREATE-REDIRECT-MULTI, not this.
      const sent = (
        Array.isArray(r.plan.fields.redirect_uris)
          ? r.plan.fields.redirect_uris
          : String(r.plan.fields.redirect_uris).split('\n')
      ).length;
      if (r.app && listed.length && listed.length < sent) continue;
      judged++;
      check(
        !!r.app && (listed.length === 0 || listed.includes(uri)),
        `registering ${uri} must succeed and list it; got ` +
          `${r.status}${errorOf(r) ? ` ${JSON.stringify(errorOf(r))}` : ''} with ${JSON.stringify(listed)}`,
      );
    }
    if (!judged)
      flows.cannotJudge(
        'no registration could show it (APP-CREATE-ENC and APP-CREATE-REDIRECT-MULTI are the prerequisites)',
      );
  },
);

function errorOf(r: { body?: unknown }): string {
  return String((r.body as { error?: unknown } | undefined)?.error ?? '');
}

/** Refused as if the fields had not been sent: the body was not read. Mastodon names the blank fields. */
function bodyUnread(r: { body?: unknown; status: number; app?: unknown }): boolean {
  return !r.app && (r.status !== 422 || /can't be blank|missing/i.test(errorOf(r)));
}

function listedUris(body: unknown): string[] {
  const b = body as { redirect_uris?: unknown; redirect_uri?: unknown } | undefined;
  return Array.isArray(b?.redirect_uris)
    ? b.redirect_uris.map(String)
    : b?.redirect_uri
      ? String(b.redirect_uri).split('\n')
      : [];
}

test(
  'APP-CREATE-SCOPES-DEFAULT an app registered without scopes gets read',
  requirement('APP-CREATE-SCOPES-DEFAULT'),
  async ({ registration, oauth, flows }) => {
    const r = registration('other', { registered: true });
    const scopes = (r.body as { scopes?: unknown } | undefined)?.scopes;
    if (scopes !== undefined) {
      check(JSON.stringify(scopes) === '["read"]', `scopes must be ["read"]; got ${JSON.stringify(scopes)}`);
      return;
    }
    // Before 4.3 the answer has no scopes: what the app may ask for shows them (TOKEN-CC-* are the prerequisites).
    flows.prerequisite(await oauth.clientCredentials(r.app!, 'read'), 200, 'TOKEN-CC-SUBSET');
    const write = await oauth.clientCredentials(r.app!, 'write');
    check(
      write.status === 400,
      `the app must not hold write: client_credentials with scope=write must answer 400; got ${write.status}`,
    );
  },
);

test(
  'APP-CREATE-SCOPES-NORMALISE duplicate scopes collapse, in order of first appearance',
  requirement('APP-CREATE-SCOPES-NORMALISE'),
  async ({ registration }) => {
    const scopes = (registration('write-only', { registered: true }).body as { scopes?: unknown } | undefined)?.scopes;
    check(
      JSON.stringify(scopes) === '["write","push"]',
      `"write write push" must be stored as ["write","push"]; got ${JSON.stringify(scopes)}`,
    );
  },
);
