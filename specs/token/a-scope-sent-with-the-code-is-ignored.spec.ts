import { expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-SCOPE-IGNORED a scope sent with the code, narrower or wider, is ignored: the grant keeps its scopes',
  requirement('TOKEN-CODE-SCOPE-IGNORED'),
  async ({ app, flows }) => {
    for (const scope of ['read', 'read write follow push admin:read']) {
      const grant = await flows.code(app, { scope: 'read write:statuses' });
      const res = await flows.exchange(app, grant, { scope });
      expectOAuth(res).status(200).scopes('read write:statuses');
    }
  },
);
