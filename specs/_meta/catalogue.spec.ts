import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { usage } from '../../cli/help.ts';
import { CATALOGUE_FILE, readCatalogueData, renderCatalogue } from '../../cli/catalogue.ts';
import { registry } from '../../fixtures/core/registry.ts';
import { UPSTREAM_REPOS } from '../../reporter/html/sources.ts';
import { ROOT } from './support/run-suite.ts';
import { shippedFiles } from './support/shipped.ts';

/** CATALOGUE.md is the requirement catalogue users read: generated, complete, linked at commits, and the one named. */

const catalogue = () => readFileSync(join(ROOT, CATALOGUE_FILE), 'utf8');

test('CATALOGUE.md is what npm run catalogue writes from the registry today', () => {
  expect(catalogue() === renderCatalogue(), 'CATALOGUE.md is out of date: run npm run catalogue').toBe(true);
});

test('it holds every requirement with its level, window and statement, and ships in the package', () => {
  const text = catalogue();
  for (const r of registry().values()) {
    const start = text.indexOf(`\n#### ${r.id}\n`);
    const block = start < 0 ? '' : text.slice(start, text.indexOf('\n#', start + 6));
    expect(block, r.id).toContain(`**${r.level}** · \`${r.endpoint}\``);
    expect(block, r.id).toContain(r.since === '0.0.0' ? 'every version' : `since ${r.since}`);
    if (r.until) expect(block, r.id).toContain(`until ${r.until}`);
    expect(
      block.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\\\*/g, '*'),
      r.id,
    ).toContain(r.statement);
  }
  expect(shippedFiles()).toContain(CATALOGUE_FILE);
});

test('every link points upstream at a commit, or at an RFC, or at a heading of the page', () => {
  const text = catalogue();
  const anchors = new Set(
    [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(200);
  const upstream = new RegExp(`^https://github\\.com/(${UPSTREAM_REPOS})/(blob|tree|commit)/[0-9a-f]{40}(/|$)`);
  const bad = links.filter((href) =>
    href.startsWith('#')
      ? !anchors.has(href.slice(1))
      : !upstream.test(href) && !/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+/.test(href),
  );
  expect(bad).toEqual([]);
});

test('every discrepancy the registry names is in the catalogue data, and each names real requirements', () => {
  const data = readCatalogueData();
  const known = registry();
  const named = [...known.values()].flatMap((r) => (r.rfcStrict ? [`${r.id}: ${r.rfcStrict.discrepancy}`] : []));
  expect(named.filter((n) => !(n.split(': ')[1]! in data.discrepancies))).toEqual([]);
  expect(Object.keys(data.discrepancies)).toEqual(Array.from({ length: 25 }, (_, i) => `D${i + 1}`));
  const unknown = Object.entries(data.discrepancies).flatMap(([id, d]) =>
    d.requirements.filter((q) => !known.has(q)).map((q) => `${id}: ${q}`),
  );
  expect(unknown).toEqual([]);
  const sections = new Set([...known.values()].map((r) => r.section));
  expect(Object.keys(data.sections).sort()).toEqual([...sections].sort());
});

/** "catalogue §2.4", "CATALOGUE.md D11", "§3 of the catalogue": a place in the catalogue, by section or number. */
const REFERENCE = /catalogue(?:\.md|'s)?\s+(§[\d.]*\d|D\d+)|(§[\d.]*\d) of the catalogue/gi;

test('README, --help and the messages send users to CATALOGUE.md, and every place they name in it exists', () => {
  const headings = new Set([...catalogue().matchAll(/^#+ ((?:\d+(?:\.\d+)*)|D\d+)\b/gm)].map((m) => m[1]!));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain('[CATALOGUE.md](CATALOGUE.md)');
  const texts: [string, string][] = [
    ['README.md', readme],
    ['--help', usage()],
    ...shippedFiles()
      .filter((f) => f !== CATALOGUE_FILE)
      .map((f): [string, string] => [f, readFileSync(join(ROOT, f), 'utf8')]),
  ];
  const wrong: string[] = [];
  for (const [where, text] of texts) {
    for (const m of text.matchAll(REFERENCE)) {
      const place = (m[1] ?? m[2])!.replace('§', '');
      if (!headings.has(place)) wrong.push(`${where}: "${m[0]}" names no section of CATALOGUE.md`);
    }
    // What a user reads (the README, the help, a string in the code rather than a comment) names the file.
    const read = where.endsWith('.ts')
      ? text.split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line) && /['"`]/.test(line))
      : text.split('\n');
    for (const line of read)
      if (/catalogue(?:'s)?\s+§|§[\d.]+ of the catalogue/i.test(line))
        wrong.push(`${where}: "${line.trim()}" names the catalogue without its file, CATALOGUE.md`);
    if (/mastodon-oauth-requirements|\/shared\/reference/.test(text))
      wrong.push(`${where}: names the source catalogue's path`);
  }
  expect(wrong).toEqual([]);
});
