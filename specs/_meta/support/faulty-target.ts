import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  startReferenceServer,
  type ReferenceServer,
  type ReferenceUser,
} from '../../../fixtures/reference-server/index.ts';

/**
 * A target with one fault switched on: a proxy, bound to 127.0.0.1, in front of a fresh reference server. Requests
 * that match `where` get the fault; every other request reaches the reference server unchanged (its absolute URLs
 * rewritten to the proxy's), so the rest of a run is judged as usual.
 */
export type Fault =
  | 'refused'
  | 'never-answers'
  | 'stalls-after-headers'
  | 'drips-body'
  | 'resets-mid-body'
  | 'html-500'
  | 'invalid-json'
  | 'wrong-types'
  | 'huge-body'
  | 'redirect-loop'
  | 'forgets-sessions'
  | 'redirect-elsewhere'
  | 'hostile-strings'
  | 'many-cookies'
  | 'lying-content-type';

export interface FaultyTargetOptions {
  fault: Fault;
  /** `METHOD /path` (the query is ignored); `refused` applies to the whole target and ignores it. */
  where?: string;
}

export interface FaultyTarget {
  url: string;
  user: ReferenceUser;
  /** Requests that got the fault. */
  faulted(): number;
  /** Requests that reached the other host of `redirect-elsewhere` (a client that follows would land there). */
  trapHits(): { method: string; url: string; authorization?: string; body: string }[];
  /** Bytes of a `huge-body` answer the client took before it dropped the connection. */
  hugeBytesSent(): number;
  /** Every secret the reference server issued or received, for leak scans. */
  secrets(): string[];
  close(): Promise<void>;
}

export const HUGE_BYTES = 20 * 1024 * 1024;

/** Markup and terminal control sequences a report or console must show as text and never act on. */
export const HOSTILE =
  '<script>alert("xss")</script><img src=x onerror=alert(1)>\u001b[2J\u001b]0;pwned\u0007\u0000\r\n\u2028\u009b31m';
/** Header values cannot carry C0 controls past an HTTP parser; C1 controls (latin-1 bytes) and HTAB get through. */
const HOSTILE_HEADER = '<script>alert("xss")</script><img src=x onerror=alert(1)>\t\u0085\u009b31m';

export async function startFaultyTarget(o: FaultyTargetOptions): Promise<FaultyTarget> {
  const user: ReferenceUser = {
    email: 'faulty@localhost',
    username: 'faulty',
    password: `pw-${randomBytes(12).toString('base64url')}`,
  };
  // Many short runs register more apps than Mastodon's five per ten minutes; throttling is not what is tested here.
  const reference = await startReferenceServer({ users: [user], appRegistrationLimit: Infinity });
  const trap = await listen(
    createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        trapped.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"access_token":"trapped","token_type":"Bearer","scope":"read","created_at":1}');
      });
    }),
  );
  const trapped: ReturnType<FaultyTarget['trapHits']> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let faulted = 0;
  let hugeSent = 0;
  let proxyUrl = '';

  const [method, path] = (o.where ?? '* *').split(' ');
  const matches = (req: IncomingMessage) =>
    (method === '*' || req.method === method) &&
    (path === '*' || new URL(req.url ?? '/', 'http://x').pathname === path);

  const proxy = createServer((req, res) => {
    if (!matches(req))
      return void forward(req, reference, proxyUrl).then(
        (up) => send(res, up),
        () => res.destroy(),
      );
    faulted++;
    switch (o.fault) {
      case 'refused':
        return void res.destroy();
      case 'never-answers':
        return; // the socket stays open and silent until the client gives up
      case 'stalls-after-headers':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write('{"version":"4.7.0",');
        return;
      case 'drips-body': {
        const body = Buffer.from(
          JSON.stringify({ uri: 'localhost', title: 'drip', version: '4.7.0', description: 'x'.repeat(400) }),
        );
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        let i = 0;
        const timer = setInterval(() => {
          if (i >= body.length || res.destroyed) return clearInterval(timer);
          res.write(body.subarray(i, ++i));
        }, 1000);
        timers.add(timer);
        return;
      }
      case 'resets-mid-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write('{"version":"4.7.0","title":"', () => setTimeout(() => req.socket.resetAndDestroy(), 50));
        return;
      case 'huge-body': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HUGE_BYTES) });
        const head = Buffer.from('{"issuer":"x","padding":"');
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < HUGE_BYTES && !res.destroyed) {
            const piece = sent === 0 ? head : sent + chunk.length > HUGE_BYTES - 2 ? Buffer.from('"}') : chunk;
            sent += piece.length;
            hugeSent = sent;
            if (piece.length === 2) return void res.end(piece);
            if (!res.write(piece)) return void res.once('drain', pump);
          }
        };
        return pump();
      }
      case 'forgets-sessions':
        // After the run's first sign-in (its authorize request and the return to it), no session cookie is honoured
        // again: a signed-in session the suite cannot keep, whatever it does.
        if (faulted > 2) delete req.headers.cookie;
        return void forward(req, reference, proxyUrl).then(
          (up) => send(res, up),
          () => res.destroy(),
        );
      case 'redirect-loop': {
        // A new URL each hop, so only a hop limit (not a seen-before check) ends it.
        const hop = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('hop') ?? 0) + 1;
        return void res
          .writeHead(302, { location: `${proxyUrl}${path}?hop=${hop}`, 'content-type': 'text/html' })
          .end('<a href="#">loop</a>');
      }
      case 'redirect-elsewhere':
        // 307 keeps the method and the body: a client that followed would post its credentials to another host.
        return void res
          .writeHead(307, {
            location: `http://localhost:${(trap.address() as AddressInfo).port}/steal${query(req.url)}`,
            'content-type': 'text/plain',
          })
          .end('moved');
      case 'html-500':
        return void collect(req).then((body) => {
          // Like a framework's debug page, it shows the request it choked on (credentials included).
          res
            .writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
            .end(
              "<!doctype html><html><head><title>We're sorry, but something went wrong (500)</title></head>" +
                "<body><h1>Internal Server Error</h1><p>undefined method 'revoke' for nil</p>" +
                `<pre>Parameters: ${escapeHtml(body)}\n` +
                `Authorization: ${escapeHtml(req.headers.authorization ?? '')}</pre>` +
                '</body></html>',
            );
        });
    }
    // The rest change what the reference server answered.
    forward(req, reference, proxyUrl)
      .then((up) => {
        switch (o.fault) {
          case 'invalid-json':
            // Cut after the token, before the closing brace: the token is in the bytes, but no JSON parser sees it.
            return send(res, { ...up, body: Buffer.from(up.body.toString().replace(/}\s*$/, ',"scope":')) });
          case 'wrong-types':
            return send(res, { ...up, body: Buffer.from(JSON.stringify(mistype(JSON.parse(up.body.toString())))) });
          case 'hostile-strings':
            return send(res, {
              ...up,
              headers: {
                ...Object.fromEntries(
                  Object.entries(up.headers).map(([k, v]) => [
                    k,
                    k === 'content-type' || k === 'content-length' ? v : `${String(v)}${HOSTILE_HEADER}`,
                  ]),
                ),
                'x-hostile': HOSTILE_HEADER,
                'set-cookie': [`evil=${encodeURIComponent(HOSTILE)}; Path=/`],
              },
              body: Buffer.from(JSON.stringify(hostile(JSON.parse(up.body.toString())))),
            });
          case 'many-cookies':
            return send(res, {
              ...up,
              headers: {
                ...up.headers,
                'set-cookie': Array.from(
                  { length: 300 },
                  (_, i) => `c${i}=${randomBytes(12).toString('hex')}; Path=/; HttpOnly`,
                ),
              },
            });
          case 'lying-content-type':
            return send(res, { ...up, headers: { ...up.headers, 'content-type': 'text/html; charset=utf-8' } });
          default:
            throw new Error(`unhandled fault ${o.fault}`);
        }
      })
      .catch(() => res.destroy());
  });
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await listen(proxy);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  // the port is free again: nothing listens there
  if (o.fault === 'refused') await new Promise<void>((r) => proxy.close(() => r()));

  return {
    url: proxyUrl,
    user,
    faulted: () => faulted,
    trapHits: () => trapped,
    hugeBytesSent: () => hugeSent,
    secrets: () => reference.secrets(),
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      if (o.fault !== 'refused') await new Promise<void>((r) => proxy.close(() => r()));
      trap.closeAllConnections();
      await new Promise<void>((r) => trap.close(() => r()));
      await reference.close();
    },
  };
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The reference server's answer, whole, with its own origin replaced by the proxy's (Location, bodies). */
async function forward(req: IncomingMessage, reference: ReferenceServer, proxyUrl: string): Promise<Upstream> {
  const body = await collect(req);
  const target = new URL(req.url ?? '/', reference.url);
  return new Promise<Upstream>((resolve, reject) => {
    const up = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Upstream['headers'] = {};
        for (const [k, v] of Object.entries(res.headers))
          if (
            v !== undefined &&
            k !== 'content-length' &&
            k !== 'transfer-encoding' &&
            k !== 'connection' &&
            k !== 'keep-alive'
          )
            headers[k] = typeof v === 'string' ? v.replaceAll(reference.url, proxyUrl) : v;
        resolve({
          status: res.statusCode ?? 502,
          headers,
          body: Buffer.from(Buffer.concat(chunks).toString('utf8').replaceAll(reference.url, proxyUrl)),
        });
      });
    });
    up.on('error', reject);
    up.end(body);
  });
}

function send(res: ServerResponse, up: Upstream): void {
  res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) }).end(up.body);
}

function collect(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Every value of another JSON type than the one it had: strings become numbers, numbers strings, lists objects. */
function mistype(value: unknown): unknown {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null) return [];
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), mistype(v)]));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mistype(v)]));
}

/** Every string carries markup and control characters. */
function hostile(value: unknown): unknown {
  if (typeof value === 'string') return `${value}${HOSTILE}`;
  if (Array.isArray(value)) return value.map(hostile);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v)]));
  return value;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** The query part of a request URL, with its `?`, or nothing. */
function query(url: string | undefined): string {
  return url?.includes('?') ? url.slice(url.indexOf('?')) : '';
}
