import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findChromium } from '../../fixtures/run/browser.ts';
import { readmeWorkflow, suiteCheckouts } from './support/readme-workflow.ts';
import { ROOT } from './support/run-suite.ts';

/**
 * The README's install and workflow paths say what works today. Versions of the suite that are published (on the npm
 * registry, with a release tag): add one here when it is released, and the README may then pin it.
 */
const RELEASED: string[] = [];

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The commands a reader copies: the fenced blocks, without their comments. */
const commands = [...readme.matchAll(/```(?:sh|yaml)\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .map((line) => line.replace(/(^|\s)#.*$/, ''));

/** A pin that resolves today: a branch (the README says to replace it), a commit, or a released version's tag. */
const resolves = (ref: string) => ref === 'main' || /^[0-9a-f]{40}$/.test(ref) || RELEASED.some((v) => ref === `v${v}`);

test('no command installs or checks out a release of the suite that does not exist', () => {
  const installs = commands.flatMap((line) => [...line.matchAll(/mastodon-oauth-conformance@([\w.-]+)/g)]);
  expect(
    installs.filter((m) => !RELEASED.includes(m[1]!)).map((m) => m[0]),
    'npm installs of unreleased versions',
  ).toEqual([]);
  const workflow = readmeWorkflow();
  const refs = suiteCheckouts(workflow).map((s) => s.with!.ref!);
  expect(refs.length, 'the workflow checks out the suite').toBeGreaterThan(0);
  const pinned = refs.map((r) => (r === '${{ env.SUITE_REF }}' ? workflow.env?.SUITE_REF : r));
  expect(
    pinned.filter((r) => !r || !resolves(r)),
    'checkout refs that name no branch, commit or release',
  ).toEqual([]);
  // Until a release exists, the README says how to use a checkout or a tarball, and how the pin will look.
  if (RELEASED.length === 0) {
    expect(readme).toMatch(/No release is published yet/);
    expect(commands.some((l) => /npm pack/.test(l))).toBe(true);
    expect(commands.some((l) => /npm install \S+\.tgz/.test(l))).toBe(true);
  }
});

/** Google Chrome's package and the Chromium snapshot, where actions/runner-images puts them on its Ubuntu images. */
const GITHUB_UBUNTU = ['/opt/google/chrome/chrome', '/usr/bin/google-chrome', '/usr/bin/chromium'];

test('the workflow installs no browser that fails on the runner it names, and the suite finds one there', () => {
  const workflow = readmeWorkflow();
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    // On Ubuntu the chromium and chromium-browser debs are stubs that install the snap.
    expect(runs, `${name}: apt-get install of Chromium on Ubuntu`).not.toMatch(/apt(-get)? install[^\n]*\bchromium\b/);
    const installsOwn = /npx playwright install/.test(runs);
    if (!installsOwn)
      expect(job['runs-on'], `${name}: a runner with a browser preinstalled`).toMatch(/^ubuntu-(latest|2[246]\.04)$/);
  }
  const machine = (files: string[]) => ({ exists: (p: string) => files.includes(p), playwrightOwn: () => undefined });
  expect(findChromium(machine(GITHUB_UBUNTU)).found).toBe(true);
  // Should the image's Chromium snapshot be missing (actions/runner-images#14402), Chrome still is there.
  expect(findChromium(machine(GITHUB_UBUNTU.filter((p) => !p.endsWith('/chromium')))).note).toMatch(/Google Chrome/);
});
