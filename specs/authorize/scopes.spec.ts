import { expectOAuth, expectRefused, requirement, test } from '../../fixtures/api/index.ts';

test(
  'AUTHZ-SCOPE-DEFAULT without scope the grant is read for an ' +
    'app that has read, and invalid_scope for one that has not',
  requirement('AUTHZ-SCOPE-DEFAULT'),
  async ({ app, writeOnlyApp, flows }) => {
    const res = await flows.tokenResponse(app, {});
    expectOAuth(res).status(200).scopes('read');
    expectRefused(await flows.attempt(flows.authorizeUrl(writeOnlyApp, {})), 'no scope for an app without read');
  },
);

test(
  'AUTHZ-SCOPE-SUBSET a scope the app did not register, a child scope ' +
    'of a registered one, a wrong case or a control character is refused',
  requirement('AUTHZ-SCOPE-SUBSET'),
  async ({ app, otherApp, flows }) => {
    // There is no hierarchy at authorize time: an app with read cannot ask for read:statuses.
    const cases: [string, typeof app, string][] = [
      ['a child of a registered scope', otherApp, 'read:statuses'],
      ['an unregistered scope', app, 'admin:read'],
      ['the wrong case', app, 'READ'],
      ['a tab inside a scope', app, 'read\twrite'],
    ];
    for (const [label, who, scope] of cases) {
      await test.step(`${label}: ${JSON.stringify(scope)}`, async () => {
        expectRefused(await flows.attempt(flows.authorizeUrl(who, { scope })), `scope ${JSON.stringify(scope)}`);
      });
    }
  },
);
