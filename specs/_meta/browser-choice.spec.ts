import { expect, test } from '@playwright/test';
import { findChromium } from '../../fixtures/run/browser.ts';

const SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL = '/usr/bin/chromium';
const OWN = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux/chrome';

/** A machine holding exactly these files. */
const machine = (files: string[], wanted?: string) => ({
  wanted,
  exists: (path: string) => files.includes(path),
  playwrightOwn: () => OWN,
});

test('the headless shell is chosen over full Chromium, CHROMIUM_PATH over both, Playwright’s own last', () => {
  expect(findChromium(machine([FULL, SHELL, OWN]))).toMatchObject({ executablePath: SHELL, found: true });
  expect(findChromium(machine([FULL, SHELL, OWN])).note).toMatch(/headless shell/);
  expect(findChromium(machine([FULL, OWN]))).toMatchObject({ executablePath: FULL, found: true });
  expect(findChromium(machine([FULL, SHELL], FULL))).toMatchObject({ executablePath: FULL, found: true });
  expect(findChromium(machine([OWN]))).toEqual({ found: true, note: "Playwright's own Chromium" });
  expect(findChromium(machine([FULL], '/nowhere'))).toEqual({
    found: false,
    note: 'CHROMIUM_PATH=/nowhere does not exist',
  });
  expect(findChromium(machine([])).found).toBe(false);
  expect(findChromium(machine([])).note).toMatch(/chromium-headless-shell/);
});
