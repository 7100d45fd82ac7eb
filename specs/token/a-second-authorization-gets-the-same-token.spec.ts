import { check, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-REUSED-TOKEN a second authorization for the same app, ' +
    'user and scopes returns the same token and created_at',
  requirement('TOKEN-CODE-REUSED-TOKEN'),
  async ({ app, flows }) => {
    const first = await flows.userToken(app, { scope: 'read write' });
    const second = await flows.userToken(app, { scope: 'read write' });
    check(first.token === second.token, 'the second exchange must return the same access_token');
    check(
      first.createdAt === second.createdAt,
      `created_at must be the same; got ${first.createdAt} and ${second.createdAt}`,
    );
  },
);
