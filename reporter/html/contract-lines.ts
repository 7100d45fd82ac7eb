/**
 * Where in openapi/mastodon-oauth.yaml a contract violation was judged, as a line number, computed from the YAML's
 * source ranges at report time. The checker (fixtures/core/contract-document.ts) dereferences a copy of each schema, so
 * an ajv schemaPath is walked back here through the same two rules: a bare $ref is its target, and a $ref with
 * siblings became `allOf: [target, ...own allOf]`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import {
  CONTRACT_PATH,
  decodeSegment,
  type ContractViolation,
  type RecordedExchange,
} from '../../fixtures/core/contract.ts';

export const CONTRACT_FILE = 'openapi/mastodon-oauth.yaml';

interface Parsed {
  doc: Document;
  lines: LineCounter;
}

let parsed: Parsed | undefined;

function load(): Parsed {
  if (!parsed) {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(CONTRACT_PATH, 'utf8'), { lineCounter: lines });
    parsed = { doc, lines };
  }
  return parsed;
}

/** A position: the node reached, and the line of the key that named it (1-based). */
interface At {
  node: unknown;
  line: number;
}

function lineOf(offset: number | undefined): number {
  return offset === undefined ? 0 : load().lines.linePos(offset).line;
}

function child(at: At, seg: string): At | undefined {
  const { node } = at;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
    if (!pair) return undefined;
    return { node: pair.value, line: lineOf((pair.key as YamlNode).range?.[0]) };
  }
  if (isSeq(node)) {
    const item = node.items[Number(seg)] as YamlNode | undefined;
    return item ? { node: item, line: lineOf(item.range?.[0]) } : undefined;
  }
  return undefined;
}

function refOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const ref = node.get('$ref');
  return typeof ref === 'string' && ref.startsWith('#/') ? ref : undefined;
}

function pointer(ref: string): At | undefined {
  let at: At | undefined = { node: load().doc.contents, line: 1 };
  for (const raw of ref.slice(2).split('/')) {
    if (!at) return undefined;
    at = child(at, decodeSegment(raw));
  }
  return at;
}

/** Follows a node's $ref while it has no siblings (the checker treats a bare $ref as its target). */
function bare(at: At): At {
  let cur = at;
  for (let i = 0; i < 10; i++) {
    const ref = refOf(cur.node);
    if (!ref || !isMap(cur.node) || cur.node.items.length !== 1) return cur;
    const next = pointer(ref);
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

/** Walks an ajv schemaPath (`#/properties/created_at/type`) from a schema node, through $refs as the checker did. */
function walkSchema(start: At, schemaPath: string): At {
  let at = bare(start);
  const segs = schemaPath
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const ref = refOf(at.node);
    let next: At | undefined;
    if (ref && seg === 'allOf') {
      // The $ref with siblings became allOf[0]; the node's own allOf entries moved up by one.
      const index = Number(segs[i + 1]);
      if (index === 0) next = pointer(ref);
      else {
        const own = child(at, 'allOf');
        next = own && child(own, String(index - 1));
      }
      i++;
    } else {
      next = child(at, seg);
    }
    if (!next) return at;
    at = bare(next);
  }
  return at;
}

/** The operation (path template) that a request matched, as the checker found it. */
function operation(method: string, url: string): At | undefined {
  const paths = child({ node: load().doc.contents, line: 1 }, 'paths');
  if (!paths || !isMap(paths.node)) return undefined;
  let path: string;
  try {
    path = new URL(url, 'http://target.invalid').pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  if (path.length > 1) path = path.replace(/\/+$/, '');
  for (const pair of paths.node.items) {
    const template = isScalar(pair.key) ? String(pair.key.value) : '';
    const re = new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    );
    if (!re.test(path)) continue;
    const op = child({ node: pair.value, line: lineOf((pair.key as YamlNode).range?.[0]) }, method.toLowerCase());
    if (op) return op;
  }
  return undefined;
}

function mediaMatches(documented: string, actual: string): boolean {
  const d = documented.toLowerCase();
  return d === actual || d === '*/*' || (d.endsWith('/*') && actual.startsWith(d.slice(0, -1)));
}

/**
 * The line in openapi/mastodon-oauth.yaml of the schema node that judged `v` on exchange `ex`; undefined when the
 * exchange's operation is not in the contract (which the checker does not judge either).
 */
export function contractLine(ex: RecordedExchange, v: ContractViolation): number | undefined {
  const op = operation(ex.request.method, ex.request.url);
  if (!op) return undefined;
  const responses = child(op, 'responses');
  if (!responses) return op.line;
  if (v.undocumentedStatus) return responses.line;
  const status = ex.response.status;
  const key = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((k) => child(responses, k));
  const response = key === undefined ? undefined : child(responses, key);
  if (!response) return responses.line;
  const resolved = bare(response);
  const header = /\bheader (\S+?):? /.exec(v.message)?.[1];
  if (header !== undefined) {
    const headers = child(resolved, 'headers');
    const h =
      headers && isMap(headers.node)
        ? headers.node.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === header.toLowerCase())
        : undefined;
    if (!h || !headers) return response.line;
    const at: At = bare({ node: h.value, line: lineOf((h.key as YamlNode).range?.[0]) });
    const schema = child(at, 'schema');
    return v.schemaPath && schema ? walkSchema(schema, v.schemaPath).line : at.line;
  }
  const content = child(resolved, 'content');
  if (!content || !isMap(content.node)) return response.line;
  if (/Content-Type must be/.test(v.message)) return content.line;
  const raw = Object.entries(ex.response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const media = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0]?.trim().toLowerCase() ?? '';
  const pair = content.node.items.find((p) => isScalar(p.key) && mediaMatches(String(p.key.value), media));
  if (!pair) return content.line;
  const mediaAt = bare({ node: pair.value, line: lineOf((pair.key as YamlNode).range?.[0]) });
  const schema = child(mediaAt, 'schema');
  if (!schema) return mediaAt.line;
  return v.schemaPath ? walkSchema(schema, v.schemaPath).line : schema.line;
}
