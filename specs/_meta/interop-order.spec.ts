/**
 * Issue #12, item 3: the two-fault order cases that pin Doorkeeper's validation order on the reference server
 * (support/order-cases.ts, reference-order.spec.ts) are sent to the real engine too, so the order is pinned by
 * Doorkeeper's own code. Where Doorkeeper 5.5 answers otherwise (interop/expected-differences.yaml, `orderCases`),
 * the answer must still name the fault the table says is checked first.
 */
import { expect, test } from '@playwright/test';
import { compareVersions } from '../../fixtures/core/version.ts';
import { loadExpectedOrderDifferences } from '../../interop/differences.ts';
import { ENGINE_MASTODON_VERSION, engineUnavailable, startEngine, type Engine } from '../../interop/engine.ts';
import { httpOrderWorld } from './support/http-order-world.ts';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { ORDER_CASES, orderMismatches, sendOrderRequest, type OrderWorld } from './support/order-cases.ts';

const USER = { email: 'order@localhost', password: 'order-password-3719', username: 'order' };
const missing = engineUnavailable();
const declared = new Map(loadExpectedOrderDifferences().map((d) => [d.case, d]));

const ENGINE = `Doorkeeper 5.5 (as Mastodon ${ENGINE_MASTODON_VERSION})`;

test.describe(`${ENGINE} answers the order cases with the fault checked first`, () => {
  // One engine for the file: the cases run in order in one worker.
  test.describe.configure({ mode: 'default' });
  let engine: Engine | undefined;
  let world: OrderWorld;
  test.beforeAll(async () => {
    if (missing) return;
    test.setTimeout(120_000);
    engine = await startEngine(USER);
    world = await httpOrderWorld(engine.url, USER);
  });
  test.afterAll(async () => {
    await engine?.close();
  });

  // Found by reference-fuzz (seed 616189188): the reference server read a JSON body as lenient UTF-8 and went on,
  // where Rails refuses it (check_param_encoding, ActionController::BadRequest) before any step of the action.
  test('a JSON body that is not UTF-8 is refused with 400 on token and revoke, as the reference does', async () => {
    test.skip(missing !== undefined, `the Doorkeeper engine ${missing ?? ''}`);
    const reference = await startReferenceServer({ users: [USER], version: ENGINE_MASTODON_VERSION });
    try {
      const refWorld = await httpOrderWorld(reference.url, USER);
      for (const [who, w] of [
        ['engine', world],
        ['reference', refWorld],
      ] as const) {
        const credentials = `"client_id":"${w.a.clientId}","client_secret":"${w.a.clientSecret}"`;
        for (const [path, fields] of [
          ['/oauth/token', `"grant_type":"client_credentials","scope":"read",${credentials}`],
          ['/oauth/revoke', `"token":"unknown",${credentials}`],
        ]) {
          // Latin-1 é (0xE9) in an otherwise valid body: the one fault; the same field as UTF-8 is taken.
          const body = (e: Buffer) => Buffer.concat([Buffer.from(`{${fields},"note":"`), e, Buffer.from('"}')]);
          const send = (b: Buffer) =>
            fetch(`${w.baseUrl}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: new Uint8Array(b),
            });
          const latin1 = await send(body(Buffer.from([0xe9])));
          const utf8 = await send(body(Buffer.from('é')));
          await Promise.all([latin1.text(), utf8.text()]);
          expect(latin1.status, `${who} ${path}, not UTF-8`).toBe(400);
          expect(utf8.status, `${who} ${path}, UTF-8`).toBe(200);
        }
      }
    } finally {
      await reference.close();
    }
  });

  test('every declared order difference names a case of the table', () => {
    const names = new Set(ORDER_CASES.map((c) => c.name));
    expect([...declared.keys()].filter((n) => !names.has(n))).toEqual([]);
  });

  for (const c of ORDER_CASES) {
    test(`${c.name} (${c.faults.join(' + ')})`, async () => {
      test.skip(missing !== undefined, `the Doorkeeper engine ${missing ?? ''}`);
      test.skip(
        c.since !== undefined && compareVersions(ENGINE_MASTODON_VERSION, c.since) < 0,
        `needs Mastodon ${c.since}`,
      );
      const req = await c.build(world);
      // The authorize endpoint is an HTML page: asked for JSON, Rails finds no error template and answers 500,
      // a third fault the case does not mean to send. A browser's Accept keeps the request wrong in two ways only.
      if (req.path === '/oauth/authorize') req.headers = { accept: 'text/html', ...req.headers };
      const answer = await sendOrderRequest(world.baseUrl, req);
      const difference = declared.get(c.name);
      if (!difference) {
        expect(orderMismatches(c, answer), answer.text.slice(0, 300)).toEqual([]);
        return;
      }
      expect(answer.status, `${difference.catalogue}: ${difference.why}`).toBe(difference.status);
      const shown = /class="flash-message"[^>]*>([^<]*)</.exec(answer.text)?.[1] ?? '';
      expect(shown, 'the error page names the fault checked first').toContain(difference.page);
    });
  }
});
