import { expectOAuth, expectations, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-REUSE a second exchange of the same code answers 400 invalid_grant',
  requirement('TOKEN-CODE-REUSE'),
  async ({ app, flows }) => {
    const grant = await flows.code(app, { scope: 'read' });
    flows.prerequisite(await flows.exchange(app, grant), 200, 'TOKEN-CODE-OK');
    const second = await flows.exchange(app, grant);
    expectOAuth(second).status(400).error('invalid_grant');
  },
);

test(
  'TOKEN-CODE-REUSE-NO-REVOKE the token from the first exchange stays valid after a replayed code',
  requirement('TOKEN-CODE-REUSE-NO-REVOKE'),
  async ({ app, flows, oauth, run }) => {
    const grant = await flows.code(app, { scope: 'read' });
    const first = flows.prerequisite(await flows.exchange(app, grant), 200, 'TOKEN-CODE-OK');
    await flows.exchange(app, grant);
    const token = (first.json as { access_token: string }).access_token;
    expectOAuth(await oauth.verifyAccount(token)).status(expectations(run).afterReplayedCode);
  },
);
