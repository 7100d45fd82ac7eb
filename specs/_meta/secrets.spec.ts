import { expect, test } from '@playwright/test';
import { fingerprint, redact, redactHeader, registerBasic, registerSecret } from '../../fixtures/core/secrets.ts';

test('a registered secret is replaced by a stable fingerprint, raw and URL-encoded', () => {
  const token = 'tok_ABC+/=def-ghi.jkl~0123456789';
  registerSecret('token', token);
  const text = `Bearer ${token} and ${encodeURIComponent(token)} and ${new URLSearchParams({ t: token })}`;
  const out = redact(text);
  expect(out).not.toContain(token);
  expect(out).not.toContain(encodeURIComponent(token));
  expect(out).toContain(fingerprint('token', token));
  expect(redact(text)).toBe(out);
});

test('Basic credentials, cookies and bearer tokens in headers are redacted whatever their value', () => {
  const encoded = registerBasic('client-id-123', 'client-secret-456789');
  expect(redactHeader('Authorization', `Basic ${encoded}`)).not.toContain(encoded);
  expect(redactHeader('Authorization', 'Bearer never-seen-before-token-1234')).not.toContain(
    'never-seen-before-token-1234',
  );
  const cookie = redactHeader('set-cookie', '_mastodon_session=abcdefghijkl123; path=/; HttpOnly; SameSite=Lax');
  expect(cookie).not.toContain('abcdefghijkl123');
  expect(cookie).toContain('path=/');
  expect(redact('the cookie abcdefghijkl123 again')).not.toContain('abcdefghijkl123');
});

test('short values are not treated as secrets, so ordinary words survive', () => {
  registerSecret('code', 'abc');
  expect(redact('abc def')).toBe('abc def');
});
