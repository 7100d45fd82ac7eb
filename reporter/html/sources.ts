/**
 * A registry `source` entry ("[DK] lib/doorkeeper/request.rb (note)") as a link to the upstream file at the version
 * the requirement catalogue read (§4 "Sources read"). These links are the only thing in the report that points off
 * the page; the page never fetches them.
 */

/** Catalogue §4: the exact trees that were read. */
const TREES: Record<string, string> = {
  // mjankowski/mastodon main @2f40549d (tracks upstream mastodon/mastodon); the catalogue read this commit.
  M: 'https://github.com/mjankowski/mastodon/blob/2f40549d41d77bd4941214e1915074d2e9113b80/',
  MS: 'https://github.com/mjankowski/mastodon/blob/2f40549d41d77bd4941214e1915074d2e9113b80/',
  D: 'https://github.com/mastodon/documentation/blob/2903485da54a20f1da5e7dfb8b34712e6196e8f7/content/en/',
  // Doorkeeper v5.9.6, the primary source.
  DK: 'https://github.com/doorkeeper-gem/doorkeeper/blob/75a84fefe686b9306a46b7826e5a6e389ff53848/',
  OA: 'https://github.com/abraham/mastodon-openapi/blob/89b11e724f5015e232d160749e3b2fd4006e100d/',
};

export interface SourceLink {
  text: string;
  href?: string;
}

export function sourceLink(source: string): SourceLink {
  const pr = /^Mastodon commit [0-9a-f]{7,40} \(PR #(\d+)\)/.exec(source);
  if (pr) return { text: source, href: `https://github.com/mastodon/mastodon/pull/${pr[1]}` };
  const m = /^\[(\w+)\]\s+(\S+)(.*)$/.exec(source.trim());
  if (!m) return { text: source };
  const [, key, first, rest] = m as unknown as [string, string, string, string];
  if (key === 'RFC') {
    const section = /§\s*([\d.]+\d)/.exec(rest)?.[1];
    if (!/^\d+$/.test(first)) return { text: source };
    return { text: source, href: `https://www.rfc-editor.org/rfc/rfc${first}${section ? `#section-${section}` : ''}` };
  }
  const tree = TREES[key];
  // A file path, not a brace list or a prose note.
  if (!tree || !/^[\w./-]+\.\w+$/.test(first)) return { text: source };
  const path = key === 'OA' && !first.includes('/') ? `dist/${first}` : first;
  return { text: source, href: `${tree}${path}` };
}
