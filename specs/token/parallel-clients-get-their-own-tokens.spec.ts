import { check, refusedWithoutUser, requirement, test, type App, type Received } from '../../fixtures/api/index.ts';

test(
  'TOKEN-PARALLEL-CLIENTS token requests of two apps sent together ' +
    'each get a token of their own that verifies as that app',
  requirement('TOKEN-PARALLEL-CLIENTS'),
  async ({ app, otherApp, flows, oauth }) => {
    const codeA = await flows.code(app, { scope: 'read' });
    const codeB = await flows.code(otherApp, { scope: 'read' });
    const asked: [string, App, Promise<Received>][] = [
      ['client_credentials', app, oauth.clientCredentials(app, 'read')],
      ['client_credentials', otherApp, oauth.clientCredentials(otherApp, 'read')],
      ['authorization_code', app, flows.exchange(app, codeA)],
      ['authorization_code', otherApp, flows.exchange(otherApp, codeB)],
    ];
    const answers = await Promise.all(asked.map(([, , res]) => res));
    // A request that fails outright is about its own grant (TOKEN-CC-SUBSET, TOKEN-CODE-OK), not about its neighbours.
    const tokens = answers.map((res, i) => {
      const [grant] = asked[i]!;
      flows.prerequisite(
        res,
        200,
        grant === 'client_credentials' ? 'TOKEN-CC-SUBSET' : 'TOKEN-CODE-OK',
        (r) => typeof (r.json as { access_token?: unknown } | undefined)?.access_token === 'string',
      );
      return (res.json as { access_token: string }).access_token;
    });

    // Verified first, so that a probe the server refuses blocks the test before anything is judged: a distinctness
    // check that passed would otherwise hide the half that could not be. Where the API refuses app tokens (catalogue
    // §2.4), their names cannot be read: the user tokens still tell.
    const verified = await Promise.all(tokens.map((token) => oauth.verifyApp(token)));
    const unread = new Set<number>();
    const names = verified.map((res, i) => {
      if (asked[i]![0] === 'client_credentials' && refusedWithoutUser(res)) return void unread.add(i);
      flows.prerequisite(res, 200, 'APP-VERIFY-OK');
      return (res.json as { name?: unknown } | undefined)?.name;
    });
    check(
      new Set(tokens).size === tokens.length,
      `POST /oauth/token ×${tokens.length} in parallel (two apps, two grants each): ` +
        `every answer must carry its own access_token; got ${new Set(tokens).size} different`,
    );
    // The name each app was registered with; an app an admin registered has one the suite never saw (catalogue §2.4):
    // then its authorization_code token, which the consent flow ties to it, says what its name is.
    const expected = (asker: App) =>
      asker.name ?? names[asked.findIndex(([grant, a]) => a === asker && grant === 'authorization_code')];
    if (!app.name || !otherApp.name) {
      if (expected(app) === expected(otherApp))
        flows.cannotJudge(
          `both pre-registered apps are named ${JSON.stringify(expected(app))}: their tokens cannot be told ` +
            `apart by name`,
        );
    }
    names.forEach((name, i) => {
      const [grant, asker] = asked[i]!;
      if (unread.has(i)) return;
      check(
        name === expected(asker),
        `the ${grant} token answered to ${JSON.stringify(expected(asker))} must verify as that app on GET ` +
          `/api/v1/apps/verify_credentials; it verifies as ${JSON.stringify(name)}`,
      );
    });
  },
);
