/**
 * The reference server validates in Doorkeeper's order: every two-fault case of support/order-cases.ts answers
 * with the rule Doorkeeper checks first. The same cases run against a real Doorkeeper app elsewhere.
 */
import { expect, test } from '@playwright/test';
import { startReferenceServer, type ReferenceServer } from '../../fixtures/reference-server/index.ts';
import { compareVersions } from '../../fixtures/core/version.ts';
import { httpOrderWorld } from './support/http-order-world.ts';
import { ORDER_CASES, orderMismatches, sendOrderRequest, type OrderWorld } from './support/order-cases.ts';

const USER = { email: 'alice@example.test', password: 'correct horse battery staple', username: 'alice' };

for (const version of ['4.7.0', '4.3.0']) {
  test.describe(`reference server ${version} follows Doorkeeper's validation order`, () => {
    let server: ReferenceServer;
    let world: OrderWorld;
    test.beforeAll(async () => {
      server = await startReferenceServer({ version, users: [USER], appRegistrationLimit: Infinity });
      world = await httpOrderWorld(server.url, USER);
    });
    test.afterAll(async () => {
      await server.close();
    });

    for (const c of ORDER_CASES) {
      test(`${c.name} (${c.faults.join(' + ')}; ${c.source[c.source.length - 1]})`, async () => {
        test.skip(c.since !== undefined && compareVersions(version, c.since) < 0, `needs ${c.since}`);
        const answer = await sendOrderRequest(world.baseUrl, await c.build(world));
        expect(orderMismatches(c, answer), answer.text.slice(0, 300)).toEqual([]);
      });
    }
  });
}
