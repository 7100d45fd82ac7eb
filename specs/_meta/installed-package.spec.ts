import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../fixtures/reference-server/index.ts';
import type { ConformanceReport } from '../../reporter/conformance-reporter.ts';
import { childEnvironment, filesUnder, ROOT } from './support/run-suite.ts';

/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty folder with no checkout around it,
 * its command run there. Nothing may need a TypeScript loader, and every output lands in the user's folder.
 */
test(
  'the packed package installs into an empty folder and ' + 'runs against the embedded reference and a --target',
  async () => {
    test.setTimeout(300_000);
    const work = mkdtempSync(join(tmpdir(), 'installed-'));
    const npm = (args: string[], cwd: string) =>
      execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const packed = npm(['pack', '--pack-destination', work], ROOT).trim().split('\n').at(-1)!;
    const tarball = join(work, packed);
    const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' });
    expect(listing, 'the self-tests are not shipped').not.toMatch(/_meta/);
    expect(listing, 'no TypeScript source is shipped: the package runs compiled').not.toMatch(/\.ts\n/);
    for (const file of ['LICENSE', 'CATALOGUE.md', 'README.md', 'dist/where.json'])
      expect(listing.split('\n'), `${file} is shipped`).toContain(`package/${file}`);

    const user = join(work, 'project');
    execFileSync('mkdir', [user]);
    writeFileSync(join(user, 'package.json'), '{ "name": "user-project", "private": true }\n');
    // From the npm cache where it holds the dependencies (a warm CI cache), from the registry where not.
    const started = Date.now();
    npm(['install', '--prefer-offline', tarball], user);
    test.info().annotations.push({ type: 'install-ms', description: String(Date.now() - started) });
    const installed = join(user, 'node_modules/mastodon-oauth-conformance');
    const shipped = new Set(filesUnder(installed));

    const run = (args: string[], env: Record<string, string> = {}, options = ['--driver', 'http']) =>
      new Promise<{ code: number; output: string }>((done) => {
        const child = spawn(join(user, 'node_modules/.bin/mastodon-oauth-conformance'), [...options, ...args], {
          cwd: user,
          env: childEnvironment({ CONFORMANCE_WORKERS: '1', ...env }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('close', (code) => done({ code: code ?? -1, output }));
      });
    const report = () => JSON.parse(readFileSync(join(user, 'reports/conformance.json'), 'utf8')) as ConformanceReport;

    // `where` answers from the package alone: the index built from the code, sources linked upstream.
    const found = await run(['where', 'token-code-reuse'], {}, []);
    expect(found.code, found.output).toBe(0);
    expect(found.output).toContain('TOKEN-CODE-REUSE (MUST');
    expect(found.output).toContain('specs/token/a-code-cannot-be-reused.spec.ts:');
    expect(found.output).toMatch(/npx mastodon-oauth-conformance --mutant \S+/);
    expect(found.output).toMatch(/https:\/\/github\.com\/doorkeeper-gem\/doorkeeper\/blob\/[0-9a-f]{40}\//);
    expect(found.output).toContain("files below: in the suite's source, https://github.com/");
    const unknown = await run(['where', 'NO-SUCH-REQUIREMENT'], {}, []);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('no requirement NO-SUCH-REQUIREMENT');

    const embedded = await run([]);
    expect(embedded.code, embedded.output.slice(-2000)).toBe(0);
    expect(embedded.output).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
    expect(report().counts.pass).toBeGreaterThan(50);
    expect(embedded.output).toContain(join(user, 'reports/conformance.html'));

    const account = { email: 'installed@localhost', password: 'installed-password-1', username: 'installed' };
    const server = await startReferenceServer({ users: [account], appRegistrationLimit: Infinity });
    try {
      const target = await run(
        ['--target', server.url, '--username', account.email, '--password-env', 'INSTALLED_PASSWORD'],
        { INSTALLED_PASSWORD: account.password },
      );
      expect(target.code, target.output.slice(-2000)).toBe(0);
      expect(report().target.url).toBe(server.url);
      expect(server.stats().liveTokens, 'tokens left live on the target').toBe(0);
    } finally {
      await server.close();
    }
    // Reports and the app cache went to the user's folder; nothing was written into the installed package.
    expect(readdirSync(user).sort()).toEqual([
      '.conformance',
      'node_modules',
      'package-lock.json',
      'package.json',
      'reports',
    ]);
    expect(existsSync(join(user, 'test-results')), "Playwright's per-test folders are removed with the run").toBe(
      false,
    );
    expect(filesUnder(installed).filter((f) => !shipped.has(f))).toEqual([]);
  },
);
