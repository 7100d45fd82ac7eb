/**
 * A far server, made on this machine: a 127.0.0.1 HTTP proxy that waits `delayMs` before forwarding each request
 * to the target, and counts what went through it. The target's own origin is rewritten to the proxy's in answers
 * (Location, bodies), so a client that follows a redirect or an issuer URL stays behind the proxy.
 *
 *   tsx bench/latency-proxy.ts --target http://127.0.0.1:3000 --delay 50 [--port 0]
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { headerText, type WireExchange } from './chain.ts';

/** What the proxy saw, counted from the wire: it does not depend on the suite saying so. */
export interface ProxyCounts {
  requests: number;
  /** POST /api/v1/apps answered 2xx. */
  appsRegistered: number;
  /** POST /auth/sign_in answered with a redirect away from the sign-in form. */
  signIns: number;
  /** POST /oauth/token answered 200. */
  tokensCreated: number;
  /** POST /oauth/revoke answered 200. */
  tokensRevoked: number;
  /** Browser pages: a top-level navigation (Sec-Fetch-Mode: navigate) with no Referer, i.e. one `page.goto`. */
  browserPages: number;
  /** Every request a browser made (User-Agent contains Chrome). */
  browserRequests: number;
}

export interface LatencyProxy {
  url: string;
  counts: ProxyCounts;
  /** Every exchange as text, in the order requests arrived, when started with `record`. */
  exchanges: WireExchange[];
  close(): Promise<void>;
}

export async function startLatencyProxy(o: {
  target: string;
  delayMs: number;
  port?: number;
  record?: boolean;
}): Promise<LatencyProxy> {
  const target = new URL(o.target);
  const counts: ProxyCounts = {
    requests: 0,
    appsRegistered: 0,
    signIns: 0,
    tokensCreated: 0,
    tokensRevoked: 0,
    browserPages: 0,
    browserRequests: 0,
  };
  const exchanges: WireExchange[] = [];
  let self = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      counts.requests++;
      const recorded: WireExchange = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        status: 0,
        sent: `${headerText(req.headers)}\n${Buffer.concat(chunks).toString('utf8')}`,
        received: '',
      };
      if (o.record) exchanges.push(recorded);
      const browser = /Chrome\//.test(req.headers['user-agent'] ?? '');
      if (browser) counts.browserRequests++;
      if (browser && req.headers['sec-fetch-mode'] === 'navigate' && !req.headers.referer) counts.browserPages++;
      const headers = swapOrigin(req.headers, self, target.origin);
      headers.host = target.host;
      // The latency is added before the request leaves, as a far server's round trip would be.
      setTimeout(() => {
        const out = forward(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              const status = answer.statusCode ?? 502;
              const path = (req.url ?? '').split('?')[0];
              const ok = status >= 200 && status < 300;
              if (req.method === 'POST' && path === '/api/v1/apps' && ok) counts.appsRegistered++;
              if (req.method === 'POST' && path === '/oauth/token' && status === 200) counts.tokensCreated++;
              if (req.method === 'POST' && path === '/oauth/revoke' && status === 200) counts.tokensRevoked++;
              if (
                req.method === 'POST' &&
                path === '/auth/sign_in' &&
                status >= 300 &&
                status < 400 &&
                !/\/auth\/sign_in/.test(String(answer.headers.location ?? ''))
              )
                counts.signIns++;
              const text = Buffer.concat(body);
              const rewritten = /text|json|html/.test(String(answer.headers['content-type'] ?? ''))
                ? Buffer.from(text.toString('utf8').split(target.origin).join(self))
                : text;
              const back = swapOrigin(answer.headers, target.origin, self);
              recorded.status = status;
              recorded.received = `${headerText(back)}\n${rewritten.toString('utf8')}`;
              delete back['transfer-encoding'];
              back['content-length'] = String(rewritten.length);
              res.writeHead(status, back).end(rewritten);
            });
          },
        );
        out.on('error', (e) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${e.message}`));
        out.end(Buffer.concat(chunks));
      }, o.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    counts,
    exchanges,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

function swapOrigin(headers: IncomingHttpHeaders, from: string, to: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map((x) => x.split(from).join(to)) : v.split(from).join(to);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const targetUrl = arg('--target');
  if (!targetUrl) {
    console.error('usage: tsx bench/latency-proxy.ts --target URL [--delay 50] [--port 0]');
    process.exit(2);
  }
  const proxy = await startLatencyProxy({
    target: targetUrl,
    delayMs: Number(arg('--delay') ?? 50),
    port: Number(arg('--port') ?? 0),
  });
  console.log(proxy.url);
  const stop = () => {
    console.error(JSON.stringify(proxy.counts));
    proxy.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
