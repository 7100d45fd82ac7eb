/**
 * A registry `source` entry ("[DK] lib/doorkeeper/request.rb (note)") as a link to the upstream file at the commit
 * the requirements were read from (CATALOGUE.md, "Sources"). These links are the only thing in the report that points
 * off the page; the page never fetches them.
 */

/** The upstream trees the requirements were read from, each at a commit, with the key the registry's sources use. */
export const TREES = {
  // mastodon/mastodon main at 4.8.0-alpha.1 (Doorkeeper 5.9.6); its OAuth code is v4.7.0-beta.1's.
  M: { name: 'Mastodon code', repo: 'mastodon/mastodon', commit: '2f40549d41d77bd4941214e1915074d2e9113b80' },
  MS: { name: 'Mastodon specs', repo: 'mastodon/mastodon', commit: '2f40549d41d77bd4941214e1915074d2e9113b80' },
  D: {
    name: 'Mastodon documentation',
    repo: 'mastodon/documentation',
    commit: '2903485da54a20f1da5e7dfb8b34712e6196e8f7',
    under: 'content/en/',
  },
  // Doorkeeper v5.9.6, the primary source.
  DK: {
    name: 'Doorkeeper v5.9.6',
    repo: 'doorkeeper-gem/doorkeeper',
    commit: '75a84fefe686b9306a46b7826e5a6e389ff53848',
  },
  OA: {
    name: 'abraham/mastodon-openapi',
    repo: 'abraham/mastodon-openapi',
    commit: '89b11e724f5015e232d160749e3b2fd4006e100d',
  },
} as const satisfies Record<string, { name: string; repo: string; commit: string; under?: string }>;

/** The repositories the sources come from, as a regular-expression alternation of `owner\/name`. */
export const UPSTREAM_REPOS = [...new Set(Object.values(TREES).map((t) => t.repo))]
  .map((r) => r.replace(/[./-]/g, '\\$&'))
  .join('|');

const treeUrl = (key: keyof typeof TREES): string => {
  const tree: { repo: string; commit: string; under?: string } = TREES[key];
  return `https://github.com/${tree.repo}/blob/${tree.commit}/${tree.under ?? ''}`;
};

export interface SourceLink {
  text: string;
  href?: string;
}

export function sourceLink(source: string): SourceLink {
  const commit = /^Mastodon commit ([0-9a-f]{7,40})\b/.exec(source);
  if (commit) return { text: source, href: `https://github.com/mastodon/mastodon/commit/${commit[1]}` };
  const m = /^\[(\w+)\]\s+(\S+)(.*)$/.exec(source.trim());
  if (!m) return { text: source };
  const [, key, first, rest] = m as unknown as [string, string, string, string];
  if (key === 'RFC') {
    const section = /§\s*([\d.]+\d)/.exec(rest)?.[1];
    if (!/^\d+$/.test(first)) return { text: source };
    return { text: source, href: `https://www.rfc-editor.org/rfc/rfc${first}${section ? `#section-${section}` : ''}` };
  }
  // A file path, not a brace list or a prose note.
  if (!(key in TREES) || !/^[\w./-]+\.\w+$/.test(first)) return { text: source };
  const path = key === 'OA' && !first.includes('/') ? `dist/${first}` : first;
  return { text: source, href: `${treeUrl(key as keyof typeof TREES)}${path}` };
}
