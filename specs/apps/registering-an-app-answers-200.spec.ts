import { check, expectations, requirement, test } from '../../fixtures/api/index.ts';

test(
  'APP-CREATE-OK registering an app needs no auth and answers 200 with a CredentialApplication',
  requirement('APP-CREATE-OK'),
  async ({ registration, run }) => {
    const r = registration('main-0');
    const body = (r.body ?? {}) as Record<string, unknown>;
    check(r.status === 200, `POST /api/v1/apps: status must be 200 (not 201); got ${r.status}`);
    check(
      /^application\/json\b/i.test(String(r.evidence.response.headers['content-type'] ?? '')),
      'POST /api/v1/apps: content-type must be application/json; ' +
        `got ${String(r.evidence.response.headers['content-type'])}`,
    );
    check(
      typeof body.client_id === 'string' && body.client_id !== '',
      `body.client_id must be a non-empty string; got ${JSON.stringify(body.client_id)}`,
    );
    check(!!r.app, 'body.client_secret must be a non-empty string');
    check(typeof body.id === 'string', `body.id must be a string; got ${JSON.stringify(body.id)}`);
    check(body.name === 'conformance main 0', `body.name must echo client_name; got ${JSON.stringify(body.name)}`);
    if (expectations(run).clientSecretExpiresAt) {
      check(
        body.client_secret_expires_at === 0,
        `body.client_secret_expires_at must be 0 (since 4.3.2); got ${JSON.stringify(body.client_secret_expires_at)}`,
      );
    }
  },
);
