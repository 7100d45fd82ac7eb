/** What a flow sends follows from what the target declares (issue #11): the PKCE decision is a pure function. */
import { expect, test } from '@playwright/test';
import { declaredPkce } from '../../fixtures/client/pkce.ts';

test('flows send S256 from the version and code_challenge_methods_supported, with no probe', () => {
  expect(declaredPkce('4.2.0', undefined).pkce, 'before 4.3 there is no PKCE').toBe(false);
  expect(declaredPkce('4.2.0', ['S256']).pkce, 'the version window wins').toBe(false);
  expect(declaredPkce('4.3.0', undefined).pkce, 'no readable metadata: the version decides').toBe(true);
  expect(declaredPkce('4.7.0', ['S256']).pkce).toBe(true);
  expect(declaredPkce('4.7.0', ['plain']).pkce, 'a list without S256').toBe(false);
  expect(declaredPkce('4.7.0', []).source).toMatch(/without S256/);
});
