import { expect, test } from '@playwright/test';
import { findChromium } from '../../fixtures/run/browser.ts';

const SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL = '/usr/bin/chromium';
const OWN = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux/chrome';
/** Google Chrome as GitHub's Ubuntu runners have it: the binary and the package's two /usr/bin names. */
const CHROME = ['/opt/google/chrome/chrome', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** A machine holding exactly these files. */
const machine = (files: string[], wanted?: string) => ({
  wanted,
  exists: (path: string) => files.includes(path),
  playwrightOwn: () => OWN,
});

test('the headless shell before full Chromium, CHROMIUM_PATH before both, then Playwright’s own, then Chrome', () => {
  expect(findChromium(machine([FULL, SHELL, OWN]))).toMatchObject({ executablePath: SHELL, found: true });
  expect(findChromium(machine([FULL, SHELL, OWN])).note).toMatch(/headless shell/);
  expect(findChromium(machine([FULL, OWN]))).toMatchObject({ executablePath: FULL, found: true });
  expect(findChromium(machine([FULL, SHELL], FULL))).toMatchObject({ executablePath: FULL, found: true });
  expect(findChromium(machine([OWN]))).toEqual({ found: true, note: "Playwright's own Chromium" });
  // Every Chromium before Google Chrome, and Chrome's binary before its wrapper scripts.
  expect(findChromium(machine([...CHROME, FULL])).executablePath).toBe(FULL);
  expect(findChromium(machine([...CHROME, OWN]))).toEqual({ found: true, note: "Playwright's own Chromium" });
  expect(findChromium(machine(CHROME))).toEqual({
    executablePath: '/opt/google/chrome/chrome',
    found: true,
    note: 'Google Chrome (/opt/google/chrome/chrome)',
  });
  expect(findChromium(machine(['/usr/bin/google-chrome'])).executablePath).toBe('/usr/bin/google-chrome');
  expect(findChromium(machine(['/usr/bin/google-chrome-stable'])).executablePath).toBe('/usr/bin/google-chrome-stable');
  expect(findChromium(machine([FULL], '/nowhere'))).toEqual({
    found: false,
    note: 'CHROMIUM_PATH=/nowhere does not exist',
  });
  expect(findChromium(machine([])).found).toBe(false);
  expect(findChromium(machine([])).note).toMatch(/chromium-headless-shell.*Google Chrome/);
});
