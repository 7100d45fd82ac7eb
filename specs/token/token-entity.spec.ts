import { expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

// One field, one requirement: a Token that breaks one rule fails exactly that rule. Extra keys are tolerated (ENTITY-
// TOKEN-EXTRA).

test(
  'ENTITY-TOKEN-ACCESS access_token is a non-empty opaque string',
  requirement('ENTITY-TOKEN-ACCESS'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read' });
    expectOAuth(res).field('access_token', (v) => typeof v === 'string' && v.length > 0, 'be a non-empty string');
  },
);

test('ENTITY-TOKEN-TYPE token_type is "Bearer"', requirement('ENTITY-TOKEN-TYPE'), async ({ app, flows, run }) => {
  const res = await flows.token(app, { scope: 'read' });
  if (expectations(run).tokenTypeCaseInsensitive)
    expectOAuth(res).field(
      'token_type',
      (v) => typeof v === 'string' && v.toLowerCase() === 'bearer',
      'be "Bearer" (compared case-insensitively)',
    );
  else expectOAuth(res).field('token_type', (v) => v === 'Bearer', 'be exactly "Bearer"');
});

test(
  'ENTITY-TOKEN-SCOPE scope is the space-separated string of the granted scopes',
  requirement('ENTITY-TOKEN-SCOPE'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read follow' });
    expectOAuth(res).field(
      'scope',
      (v) => typeof v === 'string' && v.split(' ').sort().join(' ') === 'follow read',
      'be a space-separated string of "read follow"',
    );
  },
);

test(
  'ENTITY-TOKEN-CREATED created_at is an integer of Unix seconds, not in the future',
  requirement('ENTITY-TOKEN-CREATED'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read' });
    const now = Math.ceil(Date.now() / 1000);
    // Unix seconds, not milliseconds; a minute of clock skew between the target and this machine is allowed.
    expectOAuth(res).field(
      'created_at',
      (v) => Number.isInteger(v) && (v as number) > 1_000_000_000 && (v as number) <= now + 60,
      'be an integer of Unix epoch seconds, not in the future',
    );
  },
);
