import { expect, test } from '@playwright/test';
import { fromEnvironment } from '../../cli/plan.ts';
import { mergeSources } from '../../fixtures/run/run-options.ts';
import { describeProduct, isLoopback } from '../../fixtures/run/target.ts';

test('the product and the Mastodon API version come from what the target reports', () => {
  expect(describeProduct('4.3.2')).toEqual({ product: 'Mastodon 4.3.2', mastodonVersion: '4.3.2' });
  expect(describeProduct('4.5.0-beta.1+glitch')).toEqual({
    product: 'Mastodon 4.5.0-beta.1+glitch',
    mastodonVersion: '4.5.0-beta.1+glitch',
  });
  expect(describeProduct('3.5.3 (compatible; GoToSocial 0.17.0)')).toEqual({
    product: 'GoToSocial 0.17.0',
    mastodonVersion: '3.5.3',
  });
  expect(describeProduct('2.7.2 (compatible; Pleroma 2.6.1; Akkoma 3.13.2)').product).toBe(
    'Pleroma 2.6.1; Akkoma 3.13.2',
  );
  expect(describeProduct('4.2.0', 'https://github.com/iceshrimp/iceshrimp.net').product).toBe(
    'iceshrimp.net (reports Mastodon API 4.2.0)',
  );
  expect(describeProduct('4.3.2', 'https://github.com/mastodon/mastodon').product).toBe('Mastodon 4.3.2');
  expect(describeProduct(undefined)).toEqual({ product: 'unknown' });
  expect(describeProduct('nightly').mastodonVersion).toBeUndefined();
});

test('plain http is allowed to loopback only, unless --allow-http', () => {
  const base = { CONFORMANCE_USERNAME: 'a@b.test', CONFORMANCE_PASSWORD: 'pw-123456' };
  const problems = (env: Record<string, string>) => mergeSources([fromEnvironment(env, '/').source]).problems;
  for (const host of ['127.0.0.1:3000', 'localhost', '[::1]:3000', '127.8.9.10'])
    expect(problems({ ...base, CONFORMANCE_TARGET: `http://${host}` }), host).toEqual([]);
  for (const host of ['10.0.0.2', 'staging.example', '127.0.0.1.example.com']) {
    expect(problems({ ...base, CONFORMANCE_TARGET: `http://${host}` }), host).toEqual([
      expect.stringMatching(/refusing to send the password over plain http/),
    ]);
    expect(problems({ ...base, CONFORMANCE_TARGET: `http://${host}`, CONFORMANCE_ALLOW_HTTP: '1' }), host).toEqual([]);
  }
  expect(problems({ ...base, CONFORMANCE_TARGET: 'https://staging.example' })).toEqual([]);
  expect(isLoopback('127.0.0.1')).toBe(true);
});
