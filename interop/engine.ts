/**
 * The interop target: a Rails app around Debian's Doorkeeper 5.5 (interop/doorkeeper-app), configured as Mastodon
 * configures it. Started on 127.0.0.1 and a free port, stopped by its process id.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), 'doorkeeper-app');
/** The Mastodon version the engine declares (/api/v1/instance): the release whose own OAuth code it mirrors. */
export const ENGINE_MASTODON_VERSION = '4.3.0';
export const INSTALL_HINT =
  "needs Ruby and Debian's Doorkeeper: apt-get install ruby-rails " +
  'ruby-doorkeeper ruby-devise ruby-rack-cors ruby-sqlite3 puma';

export interface EngineUser {
  email: string;
  password: string;
  username: string;
}
export interface Engine {
  url: string;
  pid: number;
  /** From spawn to the first answer the engine could give, as measured here. */
  startupMs: number;
  /** What it wrote on stderr (Rails errors), for a failing self-test's message. */
  log(): string;
  close(): Promise<void>;
}

/** Why the engine cannot run here, or undefined when Ruby and the gems load. */
export function engineUnavailable(): string | undefined {
  const probe = spawnSync(
    'ruby',
    [
      '-e',
      'require "rails"; require "doorkeeper"; require "devise"; require "rack/cors"; ' +
        'require "sqlite3"; require "puma"; print Doorkeeper::VERSION::STRING',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (probe.error || probe.status !== 0) return INSTALL_HINT;
  return undefined;
}

export async function startEngine(user: EngineUser, o: { timeoutMs?: number } = {}): Promise<Engine> {
  const started = Date.now();
  const child = spawn('ruby', [join(APP_DIR, 'boot.rb')], {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LANG: 'C.UTF-8',
      ENGINE_USER_EMAIL: user.email,
      ENGINE_USER_PASSWORD: user.password,
      ENGINE_USER_NAME: user.username,
      ENGINE_MASTODON_VERSION,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`the Doorkeeper engine did not start within ${o.timeoutMs ?? 90_000} ms\n${stderr.slice(-3000)}`),
      );
    }, o.timeoutMs ?? 90_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /engine ready (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Doorkeeper engine exited (${code}) before it was ready\n${stderr.slice(-3000)}`));
    });
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    startupMs: Date.now() - started,
    log: () => stderr,
    close: async () => {
      if (child.exitCode === null) process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
