import { expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-200-HEADERS a token response carries Cache-Control no-store',
  requirement('TOKEN-200-HEADERS'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read' });
    expectOAuth(res).header('cache-control', /(^|[\s,])no-store\b/i, 'contain no-store');
  },
);

test(
  'TOKEN-200-HEADERS-PRAGMA a token response carries Pragma no-cache',
  requirement('TOKEN-200-HEADERS-PRAGMA'),
  async ({ app, flows }) => {
    const res = await flows.token(app, { scope: 'read' });
    expectOAuth(res).header('pragma', /no-cache/i, 'be no-cache');
  },
);
