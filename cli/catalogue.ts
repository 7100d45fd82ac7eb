/**
 * `npm run catalogue`: writes CATALOGUE.md, the requirement catalogue a user reads, from the registry
 * (openapi/requirements.yaml) and openapi/catalogue.yaml. specs/_meta/catalogue.spec.ts fails when the file is not
 * what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { packageFile } from '../fixtures/core/package-root.ts';
import { registry, type Requirement } from '../fixtures/core/registry.ts';
import { sourceLink, TREES } from '../reporter/html/sources.ts';

export const CATALOGUE_FILE = 'CATALOGUE.md';
const REQUIREMENTS = '1 Requirements';
const DISAGREE = '2 Where the docs, the code and the RFCs disagree';

export interface Discrepancy {
  topic: string;
  docs: string;
  code: string;
  rfc: string;
  suite: string;
  requirements: string[];
}

export interface CatalogueData {
  sections: Record<string, string>;
  discrepancies: Record<string, Discrepancy>;
  doorkeeper: {
    releases: { mastodon: string; doorkeeper: string }[];
    columns: string[];
    behaviours: { name: string; values: string[] }[];
  };
  variants: { variant: string; wire: string; where: string; suite: string }[];
}

/** openapi/catalogue.yaml, checked enough that a missing field fails here rather than as an empty cell. */
export function readCatalogueData(text = readFileSync(packageFile('openapi/catalogue.yaml'), 'utf8')): CatalogueData {
  const data = parse(text) as CatalogueData;
  const need = (ok: unknown, what: string) => {
    if (!ok) throw new Error(`openapi/catalogue.yaml: ${what}`);
  };
  need(
    data?.sections && data.discrepancies && data.doorkeeper && data.variants,
    'needs sections, discrepancies, doorkeeper and variants',
  );
  for (const [id, d] of Object.entries(data.discrepancies)) {
    need(/^D\d+$/.test(id), `${id} is not a discrepancy number like D4`);
    for (const key of ['topic', 'docs', 'code', 'rfc', 'suite'] as const)
      need(typeof d[key] === 'string' && d[key].trim() !== '', `${id}.${key} must be a non-empty string`);
    need(Array.isArray(d.requirements) && d.requirements.length > 0, `${id}.requirements must list requirement IDs`);
  }
  for (const b of data.doorkeeper.behaviours)
    need(b.values.length === data.doorkeeper.columns.length, `doorkeeper row "${b.name}" needs one value per column`);
  return data;
}

/** Markdown-safe text: outside `code spans`, angle brackets and asterisks are shown, not taken as markup. */
function text(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2
        ? part
        : part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replace(/\*/g, '\\*'),
    )
    .join('');
}
const cell = (s: string) => text(s).replaceAll('|', '\\|');

function source(s: string): string {
  const { href } = sourceLink(s);
  return href ? `[${text(s).replace(/([[\]])/g, '\\$1')}](${href})` : text(s);
}

const since = (v: string) => (v === '0.0.0' ? 'every version' : `since ${v}`);

function requirementBlock(r: Requirement, data: CatalogueData): string[] {
  const window = `${since(r.since)}${r.until ? `, until ${r.until} (gone from ${r.until} on)` : ''}`;
  const disputed = Object.entries(data.discrepancies)
    .filter(([id, d]) => d.requirements.includes(r.id) && id !== r.rfcStrict?.discrepancy)
    .map(([id]) => `[${id}](#${id.toLowerCase()})`);
  const rfc = r.rfcStrict;
  return [
    `#### ${r.id}`,
    '',
    `**${r.level}** · \`${r.endpoint}\` · ${window}${r.origin === 'suite' ? ' · the suite’s own' : ''}`,
    '',
    text(r.statement),
    '',
    `- Sources: ${r.source.map(source).join(' · ')}`,
    ...(rfc
      ? [
          `- rfc-strict ([${rfc.discrepancy}](#${rfc.discrepancy.toLowerCase()})${rfc.level ? `, ${rfc.level}` : ''}` +
            `${rfc.since ? `, ${since(rfc.since)}` : ''}): ${text(rfc.expect)}`,
        ]
      : []),
    ...(disputed.length ? [`- Docs, code and RFCs: ${disputed.join(', ')}`] : []),
    ...(r.notes ? [`- Notes: ${text(r.notes)}`] : []),
    ...(r.reason ? [`- Why the suite judges it: ${text(r.reason)}`] : []),
    ...(r.untested ? [`- Not tested: ${text(r.untested)}`] : []),
    ...(r.slow ? ['- Slow: judged only with `--include-slow`.'] : []),
    ...(r.race
      ? ['- A race: a run that does not meet it passes by chance, so a baseline entry for it does not go stale.']
      : []),
    '',
  ];
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---|').join('')}`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function renderCatalogue(
  requirements: ReadonlyMap<string, Requirement> = registry(),
  data: CatalogueData = readCatalogueData(),
): string {
  const all = [...requirements.values()];
  const count = (l: string) => all.filter((r) => r.level === l).length;
  const sections = Object.entries(data.sections);
  const lines = [
    '# Requirement catalogue',
    '',
    '<!-- Written by `npm run catalogue` from openapi/requirements.yaml and openapi/catalogue.yaml: edit those. -->',
    '',
    `Every requirement the suite judges: ${all.length} (${count('MUST')} MUST, ${count('SHOULD')} SHOULD, ` +
      `${count('MAY')} MAY), ${all.filter((r) => r.origin === 'suite').length} of them the suite's own. They were ` +
      "read from Mastodon's and Doorkeeper's code, where the code wins over the docs; section 2 says where the " +
      'docs, the code and the RFCs disagree, and what the suite judges there. Each source links the file upstream ' +
      'at the commit it was read at (section 4).',
    '',
    '- **MUST**: the Mastodon contract, documented or relied on by clients and stable across releases; a failure ' +
      'fails the run. **SHOULD**: what Mastodon does, read from its code but undocumented or version-dependent; a ' +
      'failure is a warning. **MAY**: a quirk to tolerate, reported, never a failure.',
    '- **since** is the first Mastodon release with the behaviour and **until** the first without it; on an older or ' +
      'later target the requirement is not applicable, and what a release added or removed is never judged on its ' +
      'pre-releases.',
    '- **rfc-strict** is what `--profile rfc-strict` expects instead, where Mastodon departs from the RFCs.',
    '',
    `- [${REQUIREMENTS}](#${anchor(REQUIREMENTS)})`,
    ...sections.map(([n, title]) => `  - [${n} ${title}](#${anchor(`${n} ${title}`)})`),
    `- [${DISAGREE}](#${anchor(DISAGREE)})`,
    ...['2.2 Doorkeeper versions', '2.4 Real instances'].map((h) => `  - [${h}](#${anchor(h)})`),
    '- [4 Sources](#4-sources)',
    '',
  ];
  lines.push(
    `## ${REQUIREMENTS}`,
    '',
    'By endpoint, in the order a client meets them; the suite’s own last in each.',
    '',
  );
  for (const [n, title] of sections) {
    lines.push(`### ${n} ${title}`, '');
    for (const r of all.filter((q) => q.section === n)) lines.push(...requirementBlock(r, data));
  }
  lines.push(
    `## ${DISAGREE}`,
    '',
    'Numbered as the registry names them (`rfcStrict.discrepancy`). "Docs" is Mastodon\'s documentation, "code" ' +
      'what Mastodon does on Doorkeeper 5.9.6.',
    '',
  );
  for (const [id, d] of Object.entries(data.discrepancies)) {
    lines.push(
      `#### ${id}`,
      '',
      `**${text(d.topic)}** · ${d.requirements.map((q) => `[${q}](#${q.toLowerCase()})`).join(', ')}`,
      '',
      `- Docs: ${text(d.docs)}`,
      `- Code: ${text(d.code)}`,
      `- RFC: ${text(d.rfc)}`,
      `- The suite: ${text(d.suite)}`,
      '',
    );
  }
  const dk = data.doorkeeper;
  lines.push(
    '### 2.2 Doorkeeper versions',
    '',
    "Mastodon's OAuth is Doorkeeper's, and each release locks one Doorkeeper version:",
    '',
    ...table(
      ['Mastodon', 'Doorkeeper'],
      dk.releases.map((r) => [cell(r.mastodon), cell(r.doorkeeper)]),
    ),
    '',
    'What a client sees change with it:',
    '',
    ...table(
      ['Behaviour', ...dk.columns.map(cell)],
      dk.behaviours.map((b) => [cell(b.name), ...b.values.map(cell)]),
    ),
    '',
    '### 2.4 Real instances',
    '',
    'Legitimate ways a correct Mastodon differs from a fresh install. On each of them a correct server passes.',
    '',
    ...table(
      ['Instance', 'What changes on the wire', 'Where in Mastodon', 'What the suite does'],
      data.variants.map((v) => [cell(v.variant), cell(v.wire), cell(v.where), cell(v.suite)]),
    ),
    '',
    '## 4 Sources',
    '',
    ...table(
      ['Key', 'Source', 'Read at'],
      Object.entries(TREES).map(([key, t]) => [
        `[${key}]`,
        t.name,
        `[${t.repo} ${t.commit.slice(0, 12)}](https://github.com/${t.repo}/tree/${t.commit})`,
      ]),
    ),
    '',
    '[RFC] sources name an RFC and its section: RFC 6749 (OAuth 2.0), RFC 6750 (bearer tokens), RFC 7009 ' +
      '(revocation), RFC 7636 (PKCE), RFC 8414 (server metadata).',
    '',
  );
  return lines.join('\n');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(packageFile(CATALOGUE_FILE), renderCatalogue());
  process.stdout.write(`wrote ${CATALOGUE_FILE}\n`);
}
