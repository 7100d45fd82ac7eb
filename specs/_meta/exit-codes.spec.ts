import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import { runSuite } from './support/run-suite.ts';

// Each documented exit code, provoked on purpose. A run that cannot judge says so once, not fifty times.
test.describe.configure({ mode: 'parallel' });

test('exit 2 and one clear line for a target that cannot be reached', async () => {
  const run = await runSuite(['--target', 'http://127.0.0.1:9', '--username', 'nobody@example.test', '--password', 'irrelevant-password']);
  expect(run.exitCode, run.output).toBe(2);
  expect(run.output).toMatch(/cannot be reached/);
  expect(run.report?.setupFailure?.kind).toBe('unreachable');
  expect(run.report?.outcome).toBe('could-not-judge');
  expect((run.output.match(/✘/g) ?? []).length).toBe(0);
});

test('exit 2 when the target refuses the password, and the password appears nowhere', async () => {
  const password = 'the-wrong-password-4711';
  const server = await startReferenceServer({ users: [{ email: 'someone@localhost', password: 'the-right-password-0815', username: 'someone' }] });
  try {
    const run = await runSuite(['--target', server.url, '--username', 'someone@localhost', '--password-env', 'WRONG_PASSWORD', '--driver', 'http'], { WRONG_PASSWORD: password });
    expect(run.exitCode, run.output).toBe(2);
    expect(run.report?.setupFailure?.kind).toBe('sign-in');
    expect(run.output).toMatch(/refused the sign-in/);
    expect(run.output).not.toContain(password);
  } finally {
    await server.close();
  }
});

test('exit 2 for a target that is not a Mastodon-like server', async () => {
  const server: Server = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('nothing here'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const run = await runSuite(['--target', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, '--username', 'a@b.test', '--password', 'not-used-here-1']);
    expect(run.exitCode, run.output).toBe(2);
    expect(run.report?.setupFailure?.kind).toBe('config');
  } finally {
    server.close();
  }
});

test('exit 2 with a usage line for a bad option, before anything runs', async () => {
  for (const args of [['--no-such-option'], ['--workers', 'many'], ['--profile', 'lenient'], ['--target']]) {
    const run = await runSuite(args);
    expect(run.exitCode, args.join(' ')).toBe(2);
    expect(run.output.trim().split('\n')).toHaveLength(1);
    expect(run.report).toBeUndefined();
  }
});

test('exit 3 when a filter selects no requirement', async () => {
  const run = await runSuite(['--driver', 'http', '--grep', 'NO-SUCH-REQUIREMENT-ID']);
  expect(run.exitCode, run.output.slice(-2000)).toBe(3);
  expect(run.report?.outcome).toBe('vacuous');
});

test('exit 1 when a MUST fails, exit 0 when only a SHOULD does', async () => {
  const must = await runSuite(['--driver', 'http', '--mutant', 'code-reuse-accepted', '--grep', 'TOKEN-CODE-REUSE ']);
  expect(must.exitCode, must.output.slice(-2000)).toBe(1);
  const should = await runSuite(['--driver', 'http', '--mutant', 'token-no-pragma', '--grep', 'TOKEN-200-HEADERS-PRAGMA']);
  expect(should.exitCode, should.output.slice(-2000)).toBe(0);
  expect(should.report?.requirements.find((r) => r.id === 'TOKEN-200-HEADERS-PRAGMA')?.verdict).toBe('warn');
});
