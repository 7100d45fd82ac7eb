import { check, requirement, test } from '../../fixtures/api/index.ts';

// MAY: recorded as an observation, never a failure. Mastodon sends no other keys; Pleroma adds expires_in,
// refresh_token, me, id.
test(
  'ENTITY-TOKEN-EXTRA the Token carries no keys beyond access_token, token_type, scope and created_at',
  requirement('ENTITY-TOKEN-EXTRA'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read' });
    const extra = Object.keys(res.json as object).filter(
      (k) => !['access_token', 'token_type', 'scope', 'created_at'].includes(k),
    );
    check(extra.length === 0, `extra keys: ${extra.join(', ')}`);
  },
);
