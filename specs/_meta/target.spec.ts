import { expect, test } from '@playwright/test';
import { parseRunOptions } from '../../fixtures/run/run-options.ts';
import { isLoopback } from '../../fixtures/run/target.ts';
import { type IdentityInputs, identifyServer, judgedAs, productLine } from '../../fixtures/core/server-identity.ts';
import { CURRENT_MASTODON } from '../../fixtures/core/version.ts';

/** What NodeInfo and the instance API say, and who the suite takes the target for. */
const SEEN: [string, IdentityInputs, { product: string; key: string; judgedAs: string }][] = [
  ['Mastodon', { instanceVersion: '4.3.2' }, { product: 'Mastodon 4.3.2', key: 'mastodon', judgedAs: '4.3.2' }],
  [
    'a glitch-soc pre-release',
    { instanceVersion: '4.5.0-beta.1+glitch', nodeinfo: { name: 'mastodon', version: '4.5.0-beta.1+glitch' } },
    { product: 'Mastodon 4.5.0-beta.1+glitch', key: 'mastodon', judgedAs: '4.5.0-beta.1+glitch' },
  ],
  [
    'GoToSocial 0.19.2 as it runs',
    {
      nodeinfo: { name: 'gotosocial', version: '0.19.2' },
      instanceVersion: '0.19.2',
      sourceUrl: 'https://codeberg.org/superseriousbusiness/gotosocial',
    },
    { product: 'GoToSocial 0.19.2', key: 'gotosocial', judgedAs: CURRENT_MASTODON },
  ],
  [
    'GoToSocial with instance-inject-mastodon-version',
    { nodeinfo: { name: 'gotosocial', version: '0.19.2' }, instanceVersion: '3.5.3+0.19.2' },
    { product: 'GoToSocial 0.19.2 (claims Mastodon API 3.5.3)', key: 'gotosocial', judgedAs: CURRENT_MASTODON },
  ],
  [
    'an older GoToSocial, by its version string alone',
    { instanceVersion: '3.5.3 (compatible; GoToSocial 0.17.0)' },
    { product: 'GoToSocial 0.17.0 (claims Mastodon API 3.5.3)', key: 'gotosocial', judgedAs: CURRENT_MASTODON },
  ],
  [
    'Akkoma, a fork named after its parent',
    { instanceVersion: '2.7.2 (compatible; Pleroma 2.6.1; Akkoma 3.13.2)' },
    { product: 'Akkoma 3.13.2 (claims Mastodon API 2.7.2)', key: 'akkoma', judgedAs: CURRENT_MASTODON },
  ],
  [
    'Iceshrimp.NET, by its source_url',
    { instanceVersion: '4.2.0', sourceUrl: 'https://github.com/iceshrimp/iceshrimp.net' },
    { product: 'Iceshrimp.NET (claims Mastodon API 4.2.0)', key: 'iceshrimp', judgedAs: CURRENT_MASTODON },
  ],
  [
    'Mastodon by NodeInfo alone (limited federation mode)',
    { nodeinfo: { name: 'mastodon', version: '4.3.0' } },
    { product: 'Mastodon 4.3.0', key: 'mastodon', judgedAs: '4.3.0' },
  ],
  [
    'nothing usable',
    { instanceVersion: 'nightly' },
    { product: 'unknown', key: 'unknown', judgedAs: CURRENT_MASTODON },
  ],
];

for (const [what, inputs, expected] of SEEN)
  test(`the server is told from what it says: ${what}`, () => {
    const identity = identifyServer(inputs);
    expect({
      product: productLine(identity),
      key: identity.key,
      judgedAs: judgedAs(identity).version,
    }).toEqual(expected);
  });

test('a pinned --mastodon-version wins, and a server that is not Mastodon is told why it is judged as current', () => {
  const gotosocial = identifyServer({ nodeinfo: { name: 'gotosocial', version: '0.19.2' }, instanceVersion: '0.19.2' });
  expect(judgedAs(gotosocial, '4.2.0')).toEqual({ version: '4.2.0', source: '--mastodon-version' });
  expect(judgedAs(gotosocial).source).toMatch(/GoToSocial 0\.19\.2 is not Mastodon: judged as current Mastodon/);
});

test('plain http is allowed to loopback only, unless --allow-http', () => {
  const base = { TARGET_USERNAME: 'a@b.test', TARGET_PASSWORD: 'pw-123456' };
  for (const host of ['127.0.0.1:3000', 'localhost', '[::1]:3000', '127.8.9.10'])
    expect(() => parseRunOptions({ ...base, TARGET_URL: `http://${host}` }), host).not.toThrow();
  for (const host of ['10.0.0.2', 'staging.example', '127.0.0.1.example.com']) {
    expect(() => parseRunOptions({ ...base, TARGET_URL: `http://${host}` }), host).toThrow(
      /refusing to send the password over plain http/,
    );
    expect(
      () => parseRunOptions({ ...base, TARGET_URL: `http://${host}`, CONFORMANCE_ALLOW_HTTP: '1' }),
      host,
    ).not.toThrow();
  }
  expect(() => parseRunOptions({ ...base, TARGET_URL: 'https://staging.example' })).not.toThrow();
  expect(isLoopback('127.0.0.1')).toBe(true);
});
