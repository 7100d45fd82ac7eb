/**
 * An `OrderWorld` over HTTP for a server with Mastodon's HTML forms (the reference server; a Mastodon instance with
 * registrations through POST /api/v1/apps): registers two apps, signs the user in through /auth/sign_in, and gets
 * codes by approving the consent form (`force_login=true`, so the form is shown even while a token is alive).
 * Cookies are kept by hand. A server without these pages (a bare Doorkeeper app) provides its own `OrderWorld`.
 */
import { randomBytes, createHash } from 'node:crypto';
import { parse } from 'node-html-parser';
import { consentForms, parseForms } from '../../../fixtures/consent/forms.ts';
import type { OrderWorld, WorldApp, WorldCode } from './order-cases.ts';

const REDIRECT = 'https://client.example/cb';

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  headers(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  async send(
    method: string,
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location?: string; text: string }> {
    const headers: Record<string, string> = this.headers();
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: res.status, location: res.headers.get('location') ?? undefined, text: await res.text() };
  }
}

async function register(base: string, name: string): Promise<WorldApp> {
  const res = await fetch(new URL('/api/v1/apps', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: name, redirect_uris: REDIRECT, scopes: 'read write' }),
  });
  const body = (await res.json()) as { client_id?: string; client_secret?: string };
  if (res.status !== 200 || !body.client_id || !body.client_secret)
    throw new Error(`order world: POST /api/v1/apps answered ${res.status}`);
  return { clientId: body.client_id, clientSecret: body.client_secret, redirectUri: REDIRECT };
}

export async function httpOrderWorld(base: string, user: { email: string; password: string }): Promise<OrderWorld> {
  const version = ((await (await fetch(new URL('/api/v1/instance', base))).json()) as { version: string }).version;
  const a = await register(base, 'Order world A');
  const b = await register(base, 'Order world B');
  const browser = new Browser(base);
  const page = await browser.send('GET', '/auth/sign_in');
  const csrf =
    parse(page.text).querySelector('meta[name=csrf-token]')?.getAttribute('content') ??
    parseForms(page.text)[0]?.fields.authenticity_token ??
    '';
  const signedIn = await browser.send('POST', '/auth/sign_in', {
    authenticity_token: csrf,
    'user[email]': user.email,
    'user[password]': user.password,
  });
  if (signedIn.status !== 302) throw new Error(`order world: sign-in answered ${signedIn.status}`);

  const code = async (opts: { pkce: boolean }): Promise<WorldCode> => {
    const verifier = opts.pkce ? randomBytes(32).toString('base64url') : undefined;
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: a.clientId,
      redirect_uri: a.redirectUri,
      scope: 'read',
      force_login: 'true',
      ...(verifier
        ? { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' }
        : {}),
    });
    let res = await browser.send('GET', `/oauth/authorize?${query}`);
    if (res.status === 200) {
      const approve = consentForms(res.text).approve;
      if (!approve) throw new Error('order world: the consent page has no approve form');
      res = await browser.send('POST', new URL(approve.action, base).pathname, approve.fields);
    }
    const issued = res.location ? new URL(res.location).searchParams.get('code') : null;
    if (!issued) throw new Error(`order world: authorize ended with ${res.status}`);
    return { code: issued, redirectUri: a.redirectUri, verifier };
  };

  return {
    baseUrl: base.replace(/\/$/, ''),
    version,
    a,
    b,
    code,
    async userToken() {
      const grant = await code({ pkce: false });
      const res = await fetch(new URL('/oauth/token', base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: grant.code,
          redirect_uri: grant.redirectUri,
          client_id: a.clientId,
          client_secret: a.clientSecret,
        }).toString(),
      });
      const token = ((await res.json()) as { access_token?: string }).access_token;
      if (!token) throw new Error(`order world: the code exchange answered ${res.status}`);
      return token;
    },
    signedIn: async () => browser.headers(),
  };
}
