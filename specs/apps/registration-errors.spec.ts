import { check, requirement, test } from '../../fixtures/api/index.ts';

/**
 * The one registration that must fail is sent in global setup (REFUSED_REGISTRATION in fixtures/run/apps.ts): Mastodon
 * counts it against the 5-per-10-minutes limit, so it is sent once per target and, like the apps, its answer is
 * replayed from the app cache on later runs (issue #11: a second run within ten minutes registers nothing).
 */
test(
  'APP-CREATE-422 a registration without client_name answers 422 with a single error string',
  requirement('APP-CREATE-422'),
  async ({ registration }) => {
    const r = registration('refused');
    const where = `POST /api/v1/apps${r.note ? ` (${r.note})` : ''}`;
    const body = r.body as Record<string, unknown> | undefined;
    check(r.status === 422, `${where}: status must be 422; got ${r.status}`);
    check(
      /^application\/json\b/i.test(String(r.evidence.response.headers['content-type'] ?? '')),
      `${where}: must answer JSON; got content-type ${String(r.evidence.response.headers['content-type'])}`,
    );
    // The text is `e.to_s` in the instance's default locale ("Validation failed: …", "Gültigkeitsprüfung ist
    // fehlgeschlagen: …", catalogue §2.4): judged by its shape, never its wording.
    check(
      typeof body?.error === 'string' && body.error.length > 0,
      `${where}: body.error must be a non-empty string; got ${JSON.stringify(body?.error)}`,
    );
    check(
      body?.error_description === undefined,
      `${where}: body.error_description must be absent; got ${JSON.stringify(body?.error_description)}`,
    );
    check(body?.details === undefined, `${where}: body.details must be absent; got ${JSON.stringify(body?.details)}`);
  },
);
