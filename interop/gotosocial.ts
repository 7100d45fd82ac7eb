/**
 * A real GoToSocial in the loop, as the Doorkeeper engine is: the binary (a user's own through GOTOSOCIAL_BIN, else the
 * build of v0.19.2 that ships beside the project's checkout in ../shared/servers/gotosocial-0.19.2/, unpacked once
 * into a cache folder, never into the checkout) started on 127.0.0.1 and a free port with a throwaway SQLite
 * database, its account created and confirmed with its admin CLI, and stopped by its process id.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export const GOTOSOCIAL_VERSION = '0.19.2';
/** The shipped build beside the checkout, and the sha256 of its unpacked binary (its README). */
const SHIPPED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/servers/gotosocial-0.19.2');
const SHIPPED_SHA256 = '2a8d1b03381bb9f5cbd2d971ed1b4e90e0fbb2ff714827a92360cf72eef73ee7';
export const GOTOSOCIAL_HINT =
  'needs GoToSocial: set GOTOSOCIAL_BIN to a gotosocial binary whose web/ folder lies beside it (a release ' +
  'tarball unpacked), or keep the v0.19.2 build in ../shared/servers/gotosocial-0.19.2/ beside the checkout';

export interface GoToSocialUser {
  email: string;
  username: string;
  /** GoToSocial refuses weak passwords. */
  password: string;
}

export interface GoToSocial {
  url: string;
  pid: number;
  version: string;
  /** From the first start to the second start's first answer. */
  startupMs: number;
  log(): string;
  close(): Promise<void>;
}

interface Binary {
  bin: string;
  web: string;
  version: string;
}

/** Why GoToSocial cannot run here, or undefined when a binary and its web folder are at hand. */
export function gotosocialUnavailable(): string | undefined {
  const own = process.env.GOTOSOCIAL_BIN;
  if (own) return existsSync(own) && existsSync(join(dirname(own), 'web')) ? undefined : GOTOSOCIAL_HINT;
  return existsSync(join(SHIPPED, 'gotosocial.gz')) && existsSync(join(SHIPPED, 'web')) ? undefined : GOTOSOCIAL_HINT;
}

/** The binary to run: GOTOSOCIAL_BIN, else the shipped build unpacked into the user's cache (once, checked). */
async function binary(): Promise<Binary> {
  const own = process.env.GOTOSOCIAL_BIN;
  if (own) return { bin: resolve(own), web: join(dirname(resolve(own)), 'web'), version: 'GOTOSOCIAL_BIN' };
  const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mastodon-oauth-conformance');
  const bin = join(cache, `gotosocial-${GOTOSOCIAL_VERSION}`, 'gotosocial');
  if (!existsSync(bin) || (await sha256(bin)) !== SHIPPED_SHA256) {
    mkdirSync(dirname(bin), { recursive: true });
    // Unpacked beside its place and renamed into it: two self-tests starting at once never run half a file.
    const partial = `${bin}.${process.pid}.partial`;
    await pipeline(createReadStream(join(SHIPPED, 'gotosocial.gz')), createGunzip(), createWriteStream(partial));
    const got = await sha256(partial);
    if (got !== SHIPPED_SHA256) {
      rmSync(partial, { force: true });
      throw new Error(`the unpacked GoToSocial has sha256 ${got}, not ${SHIPPED_SHA256}: the shipped build is damaged`);
    }
    chmodSync(partial, 0o755);
    renameSync(partial, bin);
  }
  return { bin, web: join(SHIPPED, 'web'), version: GOTOSOCIAL_VERSION };
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** A port nobody listens on now (the tiny race with another process is accepted: a clash fails the start loudly). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * Starts GoToSocial with one confirmed account. Its quirks (its README): it looks up ffmpeg and ffprobe at start (two
 * stubs that exit 1 stand in: OAuth touches no media), its admin CLI creates users only after the server has run once
 * (which creates its instance application), and until its migrations end a maintenance page answers.
 */
export async function startGoToSocial(user: GoToSocialUser, o: { timeoutMs?: number } = {}): Promise<GoToSocial> {
  const started = Date.now();
  const { bin, web, version } = await binary();
  const home = mkdtempSync(join(tmpdir(), 'gotosocial-'));
  const stubs = join(home, 'bin');
  mkdirSync(stubs);
  for (const tool of ['ffmpeg', 'ffprobe']) writeFileSync(join(stubs, tool), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  const port = await freePort();
  const config = join(home, 'config.yaml');
  writeFileSync(
    config,
    [
      `host: "127.0.0.1:${port}"`,
      'protocol: "http"',
      'bind-address: "127.0.0.1"',
      `port: ${port}`,
      'db-type: "sqlite"',
      `db-address: "${join(home, 'sqlite.db')}"`,
      'storage-backend: "local"',
      `storage-local-base-path: "${join(home, 'storage')}"`,
      `web-template-base-dir: "${join(web, 'template')}/"`,
      `web-asset-base-dir: "${join(web, 'assets')}/"`,
      'letsencrypt-enabled: false',
      'accounts-registration-open: false',
      'log-level: "warn"',
      // A run sends some 750 requests from one address; GoToSocial's default of 300 per 5 minutes would stop it.
      'advanced-rate-limit-requests: 0',
      'advanced-throttling-multiplier: 0',
      '',
    ].join('\n'),
  );
  const env = { PATH: `${stubs}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home };
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = o.timeoutMs ?? 60_000;

  // First start: migrations and the instance application; then stop it, create the account, start it for good.
  const first = serve(bin, config, env);
  try {
    await ready(url, first, timeoutMs);
  } finally {
    await first.stop();
  }
  for (const args of [
    ['admin', 'account', 'create', '--username', user.username, '--email', user.email, '--password', user.password],
    ['admin', 'account', 'confirm', '--username', user.username],
  ]) {
    const done = spawnSync(bin, ['--config-path', config, ...args], { env, encoding: 'utf8', timeout: timeoutMs });
    if (done.status !== 0)
      throw new Error(`gotosocial ${args.slice(0, 3).join(' ')} failed:\n${(done.stderr || done.stdout).slice(-2000)}`);
  }
  const server = serve(bin, config, env);
  try {
    await ready(url, server, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url,
    pid: server.pid,
    version,
    startupMs: Date.now() - started,
    log: server.log,
    close: async () => {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

interface Served {
  pid: number;
  exited: () => boolean;
  log: () => string;
  stop: () => Promise<void>;
}

function serve(bin: string, config: string, env: NodeJS.ProcessEnv): Served {
  const child = spawn(bin, ['--config-path', config, 'server', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    pid: child.pid!,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Ready when the instance API answers JSON (the maintenance page of the migrations answers 503 HTML). */
async function ready(url: string, server: Served, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exited()) throw new Error(`GoToSocial exited before it was ready:\n${server.log().slice(-3000)}`);
    const ok = await fetch(`${url}/api/v1/instance`, { headers: { 'user-agent': 'mastodon-oauth-conformance' } })
      .then((r) => r.ok && /json/.test(r.headers.get('content-type') ?? ''))
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`GoToSocial did not answer within ${timeoutMs} ms:\n${server.log().slice(-3000)}`);
}

/** What a user needs to run the suite against it by hand: `npx tsx interop/gotosocial.ts`. */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = gotosocialUnavailable();
  if (missing) {
    console.error(`GoToSocial ${missing}`);
    process.exit(2);
  }
  const user = {
    email: 'conformance@localhost',
    username: 'conformance',
    password: process.env.GOTOSOCIAL_PASSWORD || 'Conformance-Password-8642!',
  };
  const server = await startGoToSocial(user);
  console.log(`GoToSocial ${server.version} at ${server.url}, pid ${server.pid}, started in ${server.startupMs} ms`);
  console.log(
    `  npm run conformance -- --target ${server.url} --username ${user.email} --password-env GOTOSOCIAL_PASSWORD`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
