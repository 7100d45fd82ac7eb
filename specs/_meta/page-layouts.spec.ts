import { expect, test } from '@playwright/test';
import { consentForms, findCodeForm, findSignInForm, oobCode, submission } from '../../fixtures/consent/forms.ts';
import { PAGE_LAYOUTS } from './support/page-layouts.ts';

/**
 * Issue #22: sign-in and consent are found by structure, with zero configuration, on every page layout of the
 * Mastodon-API servers (support/page-layouts.ts, reconstructed from each server's templates at a pinned commit): the
 * sign-in form and its account and password fields, the one-time-code field, the consent page's approve and deny
 * controls and what each posts, and the out-of-band code.
 */
test.describe.configure({ mode: 'parallel' });

for (const layout of PAGE_LAYOUTS) {
  test(`${layout.server}: the pages are read by their structure`, () => {
    const { signIn, otp, consent, combined, oob } = layout;
    if (signIn) {
      const found = findSignInForm(signIn.html);
      expect(found, 'a sign-in form').toBeDefined();
      expect({ account: found?.account, password: found?.password }).toEqual({
        account: signIn.account,
        password: signIn.password,
      });
    }
    if (combined) {
      const found = findSignInForm(combined.html);
      expect({ account: found?.account, password: found?.password }, 'the sign-in fields of the combined page').toEqual(
        { account: combined.account, password: combined.password },
      );
      expect(found && submission(found.form), 'what the combined page posts, besides what is typed').toMatchObject(
        withoutTyped(combined.approve, [combined.account, combined.password]),
      );
    }
    if (otp) expect(findCodeForm(otp.html)?.field, 'the one-time-code field').toBe(otp.field);
    if (consent) {
      const { approve, deny } = consentForms(consent.html);
      expect(approve?.fields, 'what approving posts').toEqual(consent.approve);
      expect(deny?.fields ?? null, 'what denying posts').toEqual(consent.deny);
    }
    if (oob) expect(oobCode(oob.html), 'the out-of-band code').toBe(oob.code);
  });
}

test('the corpus covers every server the catalogue describes', () => {
  const servers = PAGE_LAYOUTS.map((l) => l.server.split(' ')[0]);
  for (const name of ['Mastodon', 'GoToSocial', 'Pleroma', 'Akkoma', 'Hollo', 'Takahē', 'Iceshrimp.NET', 'Pixelfed'])
    expect(servers, name).toContain(name);
});

function withoutTyped(fields: Record<string, string>, typed: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !typed.includes(k)));
}
