/**
 * The registry (openapi/requirements.yaml) against the Markdown catalogue it was transcribed from, where a developer
 * has that file (CONFORMANCE_SOURCE_CATALOGUE names it; it is not the project's, and not shipped): every §1 row is
 * there, in order, with the catalogue's level and section, and nothing else except the documented split and the
 * requirements the suite defines itself (`origin: suite`, each with a reason, after the catalogue rows). The rest of
 * this file checks the registry on its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  isApplicable,
  parseRegistry,
  registry,
  registryHash,
  requirement,
  type Level,
} from '../../fixtures/core/registry.ts';
import { parseVersion } from '../../fixtures/core/version.ts';

const CATALOGUE = process.env.CONFORMANCE_SOURCE_CATALOGUE ?? '';

/** The one registry entry that is not a catalogue row: the SHOULD half of the mixed MUST/SHOULD row. */
const SPLITS: Record<string, { of: string; level: Level }> = {
  'TOKEN-200-HEADERS-PRAGMA': { of: 'TOKEN-200-HEADERS', level: 'SHOULD' },
};

/**
 * The requirements the suite defines itself: behaviour under concurrency (issue #6). Adding one is a decision, so it is
 * listed.
 */
const SUITE_DEFINED = ['TOKEN-CODE-RACE', 'REVOKE-RACE', 'TOKEN-PARALLEL-CLIENTS'];
const suiteDefined = () => [...registry().values()].filter((r) => r.origin === 'suite').map((r) => r.id);

/** The discrepancies whose rfc-strict column differs from the contract (catalogue §2). */
const RFC_STRICT = ['D3', 'D4', 'D5', 'D9', 'D10', 'D11', 'D12', 'D13', 'D15', 'D16', 'D18', 'D20'];

/** Rows whose "since" cell is "—" or "0.x" but whose tested behaviour needs a later feature. */
const SINCE_RAISED: Record<string, string> = {
  'PKCE-NO-SHAPE-CHECK': '4.3.0', // PKCE itself exists since 4.3.0
  'META-ABSENT': '4.3.0', // the metadata document exists since 4.3.0
  'APP-CREATE-SCOPES-NORMALISE': '4.3.0', // only visible since the registration answer lists scopes (4.3.0)
};

interface Row {
  id: string;
  level: string;
  section: string;
  since?: string;
}

function readCatalogue(): { rows: Row[]; discrepancies: Set<string> } {
  const text = readFileSync(CATALOGUE, 'utf8');
  const rows: Row[] = [];
  const discrepancies = new Set<string>();
  let section: string | undefined;
  let sinceColumn = -1;
  let inSection2 = false;
  for (const line of text.split('\n')) {
    const heading = /^###\s+(1\.\d+)\s/.exec(line);
    if (heading) section = heading[1];
    if (/^##\s+2\.\s/.test(line)) {
      inSection2 = true;
      section = undefined;
    }
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (inSection2) {
      if (/^D\d+$/.test(cells[0] ?? '')) discrepancies.add(cells[0]!);
      continue;
    }
    if (!section) continue;
    if (cells[0] === 'ID') {
      sinceColumn = cells.indexOf('Since');
      continue;
    }
    const [id, level] = cells;
    if (!id || !level || !/^[A-Z]+(?:-[A-Z0-9]+)+$/.test(id)) continue;
    rows.push({ id, level, section, since: sinceColumn >= 0 ? cells[sinceColumn] : undefined });
  }
  return { rows, discrepancies };
}

test.describe('registry data matches the requirement catalogue', () => {
  test.skip(
    !CATALOGUE || !existsSync(CATALOGUE),
    'CONFORMANCE_SOURCE_CATALOGUE names no file: the transcription is checked only against the source catalogue',
  );

  test('every §1 row of the catalogue has a registry entry', () => {
    const { rows } = readCatalogue();
    expect(rows.length, 'catalogue rows parsed').toBeGreaterThan(90);
    const missing = rows.map((r) => r.id).filter((id) => !registry().has(id));
    expect(missing, 'catalogue IDs missing from openapi/requirements.yaml').toEqual([]);
  });

  test('the registry has no IDs beyond the catalogue except the documented split and the suite-defined ones', () => {
    const ids = new Set(readCatalogue().rows.map((r) => r.id));
    const extra = [...registry().values()]
      .filter((r) => !ids.has(r.id) && !(r.id in SPLITS) && r.origin !== 'suite')
      .map((r) => r.id);
    expect(
      extra,
      "registry IDs that are not catalogue rows (a requirement of the suite's own needs origin: suite and a reason)",
    ).toEqual([]);
    for (const [split, { of }] of Object.entries(SPLITS))
      expect(registry().has(split), `${split} (split of ${of})`).toBe(true);
  });

  test('origin: suite marks exactly the requirements that are no catalogue row', () => {
    const ids = new Set(readCatalogue().rows.map((r) => r.id));
    expect(
      suiteDefined().filter((id) => ids.has(id)),
      'catalogue rows marked origin: suite',
    ).toEqual([]);
    expect(
      suiteDefined().filter((id) => id in SPLITS),
      'splits marked origin: suite',
    ).toEqual([]);
    expect(suiteDefined()).toEqual(SUITE_DEFINED);
  });

  test('entries follow catalogue order, with each split right after its row, and the suite-defined ones last', () => {
    const expected: string[] = [];
    for (const { id } of readCatalogue().rows) {
      expected.push(id);
      for (const [split, { of }] of Object.entries(SPLITS)) if (of === id) expected.push(split);
    }
    expect([...registry().keys()]).toEqual([...expected, ...SUITE_DEFINED]);
  });

  test("levels and sections are the catalogue's", () => {
    const wrong: string[] = [];
    for (const row of readCatalogue().rows) {
      const req = requirement(row.id);
      const level = row.level === 'MUST/SHOULD' ? 'MUST' : row.level;
      if (req.level !== level) wrong.push(`${row.id}: level ${req.level}, catalogue ${row.level}`);
      if (req.section !== row.section) wrong.push(`${row.id}: section ${req.section}, catalogue ${row.section}`);
    }
    for (const [split, { of, level }] of Object.entries(SPLITS)) {
      if (requirement(split).level !== level)
        wrong.push(`${split}: level ${requirement(split).level}, expected ${level}`);
      if (requirement(split).section !== requirement(of).section) wrong.push(`${split}: section differs from ${of}`);
    }
    expect(wrong).toEqual([]);
  });

  test('since follows the catalogue where it gives one plain version, and 0.0.0 where it says 0.x or —', () => {
    const wrong: string[] = [];
    for (const row of readCatalogue().rows) {
      if (row.since === undefined) continue;
      const since = requirement(row.id).since;
      const cell = row.since;
      if (/^\d+\.\d+\.\d+$/.test(cell) && since !== cell) wrong.push(`${row.id}: since ${since}, catalogue ${cell}`);
      if ((cell === '—' || cell === '0.x') && since !== (SINCE_RAISED[row.id] ?? '0.0.0'))
        wrong.push(`${row.id}: since ${since}, catalogue ${cell}`);
    }
    expect(wrong).toEqual([]);
  });

  test('rfcStrict entries cover exactly the discrepancies whose rfc-strict column differs, and name real ones', () => {
    const { discrepancies } = readCatalogue();
    const used = [...registry().values()].flatMap((r) => (r.rfcStrict ? [r.rfcStrict.discrepancy] : []));
    for (const d of used) expect(discrepancies.has(d), `${d} is a §2 discrepancy`).toBe(true);
    expect([...new Set(used)].sort()).toEqual([...RFC_STRICT].sort());
  });
});

test.describe('registry data is well-formed', () => {
  test('every entry has a valid level, a parsable since, a source and a one-sentence statement', () => {
    const wrong: string[] = [];
    for (const req of registry().values()) {
      if (!['MUST', 'SHOULD', 'MAY'].includes(req.level)) wrong.push(`${req.id}: level ${req.level}`);
      if (!parseVersion(req.since)) wrong.push(`${req.id}: since ${req.since}`);
      if (req.until !== undefined && !parseVersion(req.until)) wrong.push(`${req.id}: until ${req.until}`);
      if (req.source.length === 0 || req.source.some((s) => s.trim() === '')) wrong.push(`${req.id}: source`);
      if (!/\.$/.test(req.statement)) wrong.push(`${req.id}: statement does not end with a full stop`);
      if (/\b(should work|will)\b/i.test(req.statement))
        wrong.push(`${req.id}: statement is not present-tense behaviour`);
    }
    expect(wrong).toEqual([]);
  });

  test('levels add up', () => {
    const count = (l: Level) => [...registry().values()].filter((r) => r.level === l).length;
    expect({ MUST: count('MUST'), SHOULD: count('SHOULD'), MAY: count('MAY'), total: registry().size }).toEqual({
      MUST: 73,
      SHOULD: 22,
      MAY: 9,
      total: 104,
    });
    expect(suiteDefined().length, 'of them defined by the suite').toBe(3);
  });

  test('untested, slow and until are set where the catalogue says a test cannot, or must wait', () => {
    const flagged = (f: (r: ReturnType<typeof requirement>) => unknown) =>
      [...registry().values()].filter(f).map((r) => r.id);
    expect(flagged((r) => r.untested)).toEqual([
      'APP-CREATE-SCOPES-ARRAY',
      'APP-CREATE-SCOPES-EMPTY',
      'AUTHZ-ACCOUNT-STATE',
      'TOKEN-PASSWORD-LEGACY',
      'REVOKE-SIDE-EFFECTS',
      'USE-403-ACCOUNT',
    ]);
    expect(flagged((r) => r.slow)).toEqual(['APP-CREATE-THROTTLE', 'TOKEN-CODE-EXPIRED']);
    expect(flagged((r) => r.until)).toEqual(['TOKEN-PASSWORD-LEGACY']);
  });

  test('isApplicable follows the since/until window', () => {
    expect(isApplicable(requirement('PKCE-S256-OK'), '4.2.10')).toBe(false);
    expect(isApplicable(requirement('PKCE-S256-OK'), '4.3.0')).toBe(true);
    expect(isApplicable(requirement('TOKEN-PASSWORD-LEGACY'), '4.3.9')).toBe(true);
    expect(isApplicable(requirement('TOKEN-PASSWORD-LEGACY'), '4.4.0')).toBe(false);
    // A pre-release of X is not X (catalogue §2.4): what X added or removed is not judged on it; older rules are.
    expect(isApplicable(requirement('TOKEN-AUTH-MULTI'), '4.7.0-beta.1')).toBe(false);
    expect(isApplicable(requirement('TOKEN-AUTH-MULTI'), '4.7.0')).toBe(true);
    expect(isApplicable(requirement('TOKEN-AUTH-MULTI'), '4.7.1-rc.1')).toBe(true);
    expect(isApplicable(requirement('USERINFO-OK'), '4.4.0-alpha.1')).toBe(false);
    expect(isApplicable(requirement('PKCE-S256-OK'), '4.3.0-alpha.4')).toBe(false);
    expect(isApplicable(requirement('USERINFO-OK'), '4.5.0-alpha.1')).toBe(true);
    expect(isApplicable(requirement('TOKEN-PASSWORD-LEGACY'), '4.4.0-alpha.1')).toBe(false);
    expect(isApplicable(requirement('USERINFO-OK'), '4.4.0+glitch')).toBe(true);
    expect(isApplicable(requirement('USERINFO-OK'), '4.3.5')).toBe(false);
  });

  test('an unknown ID throws, naming it', () => {
    expect(() => requirement('NO-SUCH-ID')).toThrow('unknown requirement ID: NO-SUCH-ID');
  });

  test('bad registry data is refused, naming the ID and the field', () => {
    const entry = (over: string) =>
      'X-ONE:\n  level: MUST\n  endpoint: POST /oauth/token\n  section: "1.4"\n' +
      `  statement: It answers.\n  since: "4.3.0"\n  source: ["[DK] x.rb"]\n${over}`;
    expect(() => parseRegistry(entry(''))).not.toThrow();
    expect(() => parseRegistry(entry('').replace('level: MUST', "level: MUSTN'T"))).toThrow(/X-ONE\.level/);
    expect(() => parseRegistry(entry('').replace('since: "4.3.0"', 'since: "4.x"'))).toThrow(/X-ONE\.since/);
    expect(() => parseRegistry(entry('').replace('source: ["[DK] x.rb"]', 'source: []'))).toThrow(/X-ONE\.source/);
    expect(() => parseRegistry(entry('  until: "4.2.0"\n'))).toThrow(/X-ONE\.until/);
    expect(() => parseRegistry(entry('  rfcStrict: { discrepancy: "4", expect: x }\n'))).toThrow(
      /X-ONE\.rfcStrict\.discrepancy/,
    );
    expect(() => parseRegistry(entry('  severity: high\n'))).toThrow(/X-ONE\.severity/);
    expect(() => parseRegistry(entry('').replace('endpoint: POST /oauth/token', 'endpoint: /oauth/token'))).toThrow(
      /X-ONE\.endpoint/,
    );
    expect(parseRegistry(entry('')).get('X-ONE')?.origin).toBe('catalogue');
    expect(parseRegistry(entry("  origin: suite\n  reason: Races are nobody else's.\n")).get('X-ONE')?.origin).toBe(
      'suite',
    );
    expect(() => parseRegistry(entry('  origin: rfc\n'))).toThrow(/X-ONE\.origin/);
    expect(() => parseRegistry(entry('  origin: suite\n'))).toThrow(/X-ONE\.reason is required/);
    expect(() => parseRegistry(entry('  reason: Because.\n'))).toThrow(/X-ONE\.reason belongs/);
  });

  test('the registry hash is a sha256 of the YAML', () => {
    expect(registryHash()).toMatch(/^[0-9a-f]{64}$/);
  });
});
