/**
 * The longest chain of dependent requests: what a far server's latency costs at the very least, however much runs
 * in parallel. Request B depends on an earlier request A when
 *   - B sends a value that first reached the client in A's answer (a code in a Location, a token, a CSRF token,
 *     a cookie, a client_id of an app registered in the test), or
 *   - A may have changed the state of a token or code (any method but GET) and B sends the same token or code (use
 *     after revoke, a code exchanged twice): B's answer depends on A having happened. Refused attempts (A and B both
 *     answered 4xx, e.g. four revocations with bad credentials) changed nothing, so they do not wait for each other;
 *     whatever comes after them, to see that nothing changed, waits for all of them.
 * Values the client made up itself (PKCE verifiers, state) or brought from elsewhere (the run's apps and session)
 * first appear in a request, so they make no dependency. The chain is the longest path in that graph, counted in
 * requests.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface WireExchange {
  method: string;
  url: string;
  status: number;
  /** Request headers and body as text: where sent values are looked for. */
  sent: string;
  /** Response headers and body as text: where received values are looked for. */
  received: string;
}

/**
 * Redacted fingerprints (`token#3f2a`) in reports; opaque random strings (20+ characters, mixed case and digits) on the
 * wire.
 */
const VALUE = /\b[a-z]+#[0-9a-f]{4}\b|[A-Za-z0-9_-]{20,}/g;
/**
 * Kinds whose state a non-GET request can change (revoke, exchange). Client secrets and cookies are only credentials.
 */
const STATEFUL = /^(token|code)#/;

function values(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(VALUE)) {
    const v = m[0];
    if (v.includes('#') || (/\d/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v))) out.add(v);
  }
  return out;
}

/** Length of the longest chain of dependent requests among `exchanges`, in the order they were sent. */
export function longestChain(exchanges: WireExchange[]): { length: number; path: string[] } {
  const firstSeen = new Map<string, { index: number; in: 'sent' | 'received' }>();
  const depth: number[] = [];
  const prev: (number | undefined)[] = [];
  exchanges.forEach((ex, j) => {
    const sent = values(`${ex.url}\n${ex.sent}`);
    let best = 0;
    let from: number | undefined;
    const consider = (i: number) => {
      if (depth[i]! > best) {
        best = depth[i]!;
        from = i;
      }
    };
    for (const v of sent) {
      const seen = firstSeen.get(v);
      if (seen?.in === 'received') consider(seen.index);
      if (!seen) firstSeen.set(v, { index: j, in: 'sent' });
    }
    for (let i = 0; i < j; i++) {
      const a = exchanges[i]!;
      if (a.method === 'GET' || (a.status >= 400 && ex.status >= 400 && ex.method !== 'GET')) continue;
      const before = values(`${a.url}\n${a.sent}`);
      for (const v of sent) if (STATEFUL.test(v) && before.has(v)) consider(i);
    }
    depth[j] = best + 1;
    prev[j] = from;
    for (const v of values(ex.received)) if (!firstSeen.has(v)) firstSeen.set(v, { index: j, in: 'received' });
  });
  const length = Math.max(0, ...depth);
  const path: string[] = [];
  for (let at: number | undefined = length ? depth.indexOf(length) : undefined; at !== undefined; at = prev[at]) {
    const ex = exchanges[at]!;
    path.unshift(`${ex.method} ${new URL(ex.url, 'http://x').pathname}`);
  }
  return { length, path };
}

/** An exchange as conformance.json records it (redacted). */
interface ReportExchange {
  request: { method: string; url: string; headers: Record<string, unknown>; body?: string };
  response: { status: number; headers: Record<string, unknown>; body: string };
}

/** Apps registered by global setup, replayed into the registration tests' evidence: not requests those tests made. */
const SETUP_APP = new RegExp(
  [
    /"client_name":"conformance (main \d+|other|write-only)"/,
    /client_name=conformance\+(other|write-only)/,
    /name="client_name"\r\n\r\nconformance (other|write-only)\r\n/,
  ]
    .map((r) => r.source)
    .join('|'),
);

export function fromReport(evidence: ReportExchange[]): WireExchange[] {
  return evidence
    .filter(
      (e) =>
        !(
          e.request.method === 'POST' &&
          new URL(e.request.url).pathname === '/api/v1/apps' &&
          SETUP_APP.test(e.request.body ?? '')
        ),
    )
    .map((e) => ({
      method: e.request.method,
      url: e.request.url,
      status: e.response.status,
      sent: `${JSON.stringify(e.request.headers)}\n${e.request.body ?? ''}`,
      received: `${JSON.stringify(e.response.headers)}\n${e.response.body}`,
    }));
}

export function headerText(h: IncomingHttpHeaders | Record<string, string | string[] | undefined>): string {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : (v ?? '')}`)
    .join('\n');
}
