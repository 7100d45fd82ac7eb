import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Which requests are answered 429 instead of being passed on, and with what Retry-After. */
export interface Throttle {
  method: string;
  path: string;
  /** How many matching requests are refused before the rest pass. */
  times: number;
  retryAfter: string;
}

/** A target in front of a reference server that answers some requests 429, and counts what it saw. */
/** With `tls` it speaks https with that key and certificate (a self-signed one, for --insecure). */
export async function throttlingProxy(
  upstream: string,
  throttles: Throttle[],
  tls?: { key: string; cert: string },
): Promise<{ url: string; seen: (method: string, path: string) => number; close: () => Promise<void> }> {
  const seen = new Map<string, number>();
  const up = new URL(upstream);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const key = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const throttle = throttles.find((t) => `${t.method} ${t.path}` === key && t.times > 0);
    if (throttle) {
      throttle.times--;
      req.resume();
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': throttle.retryAfter })
        .end('{"error":"Too many requests"}');
      return;
    }
    const forward = request(
      {
        host: up.hostname,
        port: up.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: up.host },
      },
      (answer) => {
        // The reference server writes its own origin into Locations and bodies: they must name this proxy instead.
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.from(Buffer.concat(chunks).toString('utf8').replaceAll(up.origin, self()));
          const { 'transfer-encoding': _chunked, ...rest } = answer.headers;
          const headers = { ...rest, 'content-length': String(body.length) };
          if (headers.location) headers.location = headers.location.replace(up.origin, self());
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  };
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  const self = () => `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: self(),
    seen: (method, path) => seen.get(`${method} ${path}`) ?? 0,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
