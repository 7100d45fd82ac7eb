import {
  APP_TOKENS_REFUSED,
  expectOAuth,
  notApplicable,
  refusedWithoutUser,
  requirement,
  test,
  type Received,
} from '../../fixtures/api/index.ts';

/**
 * Uses sent one after another while the revoke is in flight: at least one overlaps it, whatever the target's timing.
 */
const MAX_USES_DURING = 20;
/** Uses sent together once the revoke has answered. */
const USES_AFTER = 3;

test(
  'REVOKE-RACE requests racing a revoke may answer either way, ' +
    'but every request sent after the revoke answered is refused',
  requirement('REVOKE-RACE'),
  async ({ app, flows, oauth }) => {
    // Revocation must work at all before its race can be judged (REVOKE-OK is the prerequisite).
    await flows.revoke(app, await flows.appToken(app, 'read'), 'app');
    const token = await flows.appToken(app, 'read');
    const before = await oauth.verifyApp(token);
    if (refusedWithoutUser(before)) notApplicable(APP_TOKENS_REFUSED);
    flows.prerequisite(before, 200, 'APP-VERIFY-OK');

    let answered = false;
    const revoke = oauth.revoke(app, token).then((res) => {
      answered = true;
      return res;
    });
    const during: Received[] = [];
    const uses = (async () => {
      while (!answered && during.length < MAX_USES_DURING) during.push(await oauth.verifyApp(token));
    })();
    const [revoked] = await Promise.all([revoke, uses]);
    flows.prerequisite(revoked, 200, 'REVOKE-OK');

    // Those that overlapped the revoke may answer 200 or be refused; they are in the evidence, not judged.
    const after = await flows.afterRevoke(...Array.from({ length: USES_AFTER }, () => () => oauth.verifyApp(token)));
    for (const res of after) {
      // Refused at all: the status and body of the refusal are REVOKE-EFFECT's.
      const overlapped = `${during.length} request(s) overlapped it`;
      expectOAuth(res).tokenNoLongerWorks(`after the revoke answered (${overlapped}) the token must be refused`);
    }
  },
);
