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

test('redaction replaces what a longest-first search for every secret would: overlapping, nested, adjacent', () => {
  // Secrets that share prefixes, contain one another and sit next to each other, in texts built from their pieces.
  const secrets = ['overlap-secret-1', 'overlap-secret-12345', 'overlap', 'xyz%2Bsecret', 'secret-1overlap-secret-1'];
  for (const s of secrets) registerSecret('secret', s);
  const union = new RegExp(
    [...secrets, ...secrets.map(encodeURIComponent)]
      .sort((a, b) => b.length - a.length)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const pieces = [...secrets, 'overlap-', 'secret', '-1', ' ', '%2B', 'x', 'yz'];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let round = 0; round < 300; round++) {
    const text = Array.from({ length: 1 + (next() % 8) }, () => pieces[next() % pieces.length]).join('');
    const expected = text.replace(union, (m) => fingerprint('secret', m));
    expect(redact(text), JSON.stringify(text)).toBe(expected);
  }
});
