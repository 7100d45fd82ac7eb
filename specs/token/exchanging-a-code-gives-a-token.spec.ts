import { expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

test(
  'TOKEN-CODE-OK exchanging an approved code answers 200 with a Token carrying the approved scopes in request order',
  requirement('TOKEN-CODE-OK'),
  async ({ app, flows }) => {
    // A scope set no other test asks for: a token reused from another test would carry that test's order.
    const res = await flows.tokenResponse(app, { scope: 'write:statuses read:accounts' });
    expectOAuth(res).status(200);
    // The Token's fields are the ENTITY-TOKEN-* requirements'; here, the exchange succeeds with the approved scopes.
    flows.prerequisite(res, 200, 'TOKEN-200-SHAPE', (r) => r.json !== undefined);
    expectOAuth(res).scopes('write:statuses read:accounts', { ordered: true });
  },
);
