/**
 * Hostile requests for every operation of the contract, as fast-check arbitraries: the fields each operation
 * documents (openapi/mastodon-oauth.yaml, read through fixtures/core/contract.ts) with wrong types, huge, control and
 * non-UTF-8 values, duplicated and bracketed keys, bodies that lie about their type or do not parse, bodies past the
 * server's limit, and garbage credentials. A case is plain data (method, raw path, headers, raw body), sent as is.
 */
import fc from 'fast-check';
import type { RequestShape } from '../../../fixtures/core/contract.ts';

/** Real values, so that some cases get past authentication and reach the deeper steps. */
export interface Seeds {
  clientId: string;
  clientSecret: string;
  appToken: string;
  userToken: string;
  redirectUri: string;
  /** The signed-in session's cookie header and its CSRF token (approve and deny). */
  cookie: string;
  csrf: string;
}

export interface FuzzCase {
  /** `POST /oauth/token`: the operation the case was built from. */
  operation: string;
  method: string;
  /** Path and query, sent verbatim (undici takes any byte 0x21–0xff). */
  path: string;
  headers: string[];
  body?: Buffer;
  /** What the case does, in a few words, for the failure message. */
  notes: string[];
  /** A `_method` key in a form or multipart body (Rack::MethodOverride may route it elsewhere). */
  methodOverride: boolean;
  /**
   * Rails cannot build `params` from it: a form body with bad %-encoding or non-UTF-8, or JSON that does not parse,
   * sent with its own type.
   */
  unparsable: boolean;
}

/** Bytes past this size make a body oversized; the fuzzer goes a little beyond it. */
export interface FuzzOptions {
  bodyLimit: number;
}

type Pair = [string, string];

/**
 * Request line and headers stay within Node's 16 KiB header limit: past it the answer is a transport-level 431
 * (in production, nginx's or Puma's 414/431 page), which says nothing about the application.
 */
const QUERY_MAX = 6_000;
const HEADER_MAX = 2_500;

// ---------------------------------------------------------------- strings and values

const CONTROL = [
  '\0',
  '\u0001',
  '\b',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\uffff',
  '\ufffd',
];
const UNICODE = ['é', 'ß', 'İ', 'ﬁ', '𝔘', '😀', '👩‍👩‍👧', 'Ω', 'ǅ', '\u0301', 'ﷺ', '中文', 'עברית', 'Ａ'];
const PERCENT = [
  '%',
  '%%',
  '%2',
  '%zz',
  '%G0',
  '%00',
  '%0A',
  '%E2%82',
  '%FF%FE',
  '%C0%AF',
  '%ED%A0%80',
  '%25',
  '+',
  '%2B',
  '%26',
  '%3D',
  '%5B',
  '%5D',
];

const pieces = fc.oneof(
  fc.constantFrom(...CONTROL),
  fc.constantFrom(...UNICODE),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
);
/** Short strings of awkward characters: control, NUL, lone surrogates, combining marks, astral planes. */
const awkward = fc.array(pieces, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));

const huge = fc
  .tuple(fc.integer({ min: 2_000, max: 40_000 }), fc.constantFrom('a', '€', '\0', ' ', '%', '&', '[', '😀'))
  .map(([n, c]) => c.repeat(n));

function seedStrings(seeds: Seeds): string[] {
  return [
    seeds.clientId,
    seeds.clientSecret,
    seeds.appToken,
    seeds.userToken,
    seeds.redirectUri,
    seeds.csrf,
    'authorization_code',
    'client_credentials',
    'password',
    'refresh_token',
    'code',
    'read',
    'read write',
    'profile',
    'S256',
    'plain',
    'urn:ietf:wg:oauth:2.0:oob',
    'access_token',
    'delete',
    'true',
    '0',
    '',
    'en',
    'de-DE',
    // Names every JavaScript object has: a lookup table that is a plain object finds them.
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ];
}

/** A string where the contract wants one: a valid-looking value, bent, or something worse. */
export function hostileString(seeds: Seeds): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seedStrings(seeds));
  return fc.oneof(
    { weight: 4, arbitrary: seed },
    { weight: 2, arbitrary: fc.tuple(seed, awkward, fc.boolean()).map(([s, a, before]) => (before ? a + s : s + a)) },
    { weight: 1, arbitrary: seed.map((s) => s.toUpperCase()) },
    { weight: 1, arbitrary: seed.map((s) => ` ${s} `) },
    { weight: 3, arbitrary: awkward },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: huge }) },
  );
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A JSON value of a type the field does not have (arrays, objects, numbers, booleans, null where strings belong). */
function wrongType(types: string[], seeds: Seeds): fc.Arbitrary<Json> {
  const str = hostileString(seeds);
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str,
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(str, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')), tie('value'), {
        maxKeys: 4,
      }),
    ),
  }));
  const wrong: fc.Arbitrary<Json>[] = [];
  if (!types.includes('array'))
    wrong.push(fc.array(value, { maxLength: 4 }), fc.array(str, { minLength: 1, maxLength: 3 }));
  else
    wrong.push(
      fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.dictionary(str, value, { maxKeys: 2 }), fc.array(str)), {
        minLength: 1,
        maxLength: 4,
      }),
    );
  if (!types.includes('object')) wrong.push(fc.dictionary(str, value, { maxKeys: 4 }));
  if (!types.includes('number') && !types.includes('integer'))
    wrong.push(fc.integer(), fc.double(), fc.constant(1e308));
  if (!types.includes('boolean')) wrong.push(fc.boolean());
  if (!types.includes('null')) wrong.push(fc.constant(null));
  return fc.oneof(...wrong);
}

// ---------------------------------------------------------------- keys and pairs

/**
 * Keys built from the operation's fields: plain, duplicated, `a[]`, `a[b]`, deep, and a few that are not keys at all.
 */
function hostileKey(names: string[], seeds: Seeds): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names);
  const part = fc.oneof(
    fc.constantFrom('', 'x', '0', 'password', 'email', '__proto__', 'constructor', 'prototype'),
    awkward,
  );
  return fc.oneof(
    { weight: 6, arbitrary: name },
    { weight: 2, arbitrary: name.map((n) => `${n}[]`) },
    { weight: 2, arbitrary: fc.tuple(name, part).map(([n, p]) => `${n}[${p}]`) },
    { weight: 1, arbitrary: fc.tuple(name, part).map(([n, p]) => `${n}[][${p}]`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'user[password][]',
        'user[email][x]',
        'user[]',
        'user',
        'user[password][x][]',
        '_method',
        'authenticity_token[]',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__',
        '__proto__[x]',
        'constructor[prototype][x]',
        'prototype',
        'hasOwnProperty',
        'toString[]',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '[', ']', '[]', '[x]', 'a[', 'a]', 'a][', 'a[b', 'a[[b]]', 'a[]b', '=', '&', ';'),
    },
    { weight: 1, arbitrary: fc.tuple(name, fc.integer({ min: 10, max: 3_000 })).map(([n, d]) => n + '[x]'.repeat(d)) },
    { weight: 1, arbitrary: hostileString(seeds) },
  );
}

function pairs(names: string[], seeds: Seeds): fc.Arbitrary<Pair[]> {
  const pair = fc.tuple(hostileKey(names, seeds), hostileString(seeds));
  return fc.array(pair, { maxLength: 8 }).chain((list) =>
    list.length === 0
      ? fc.constant(list)
      : // Duplicate one parameter with another value (`a=1&a=2`).
        fc
          .tuple(fc.boolean(), fc.nat(list.length - 1), hostileString(seeds))
          .map(([dup, i, v]) => (dup ? [...list, [list[i]![0], v] as Pair] : list)),
  );
}

// ---------------------------------------------------------------- encodings

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD), or leaves the text raw, or breaks it. */
function encodeComponent(text: string, mode: 'proper' | 'plus' | 'raw' | 'broken', breakWith: string): string {
  if (mode === 'raw') return text;
  // encodeURIComponent throws on a lone surrogate; UTF-8 on the wire would carry U+FFFD there.
  const out = encodeURIComponent(
    text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
  if (mode === 'plus') return out.replace(/%20/g, '+');
  return mode === 'broken' ? out + breakWith : out;
}

const encodingMode = fc.constantFrom('proper', 'proper', 'proper', 'plus', 'raw', 'broken') as fc.Arbitrary<
  'proper' | 'plus' | 'raw' | 'broken'
>;

function formText(
  list: Pair[],
  mode: 'proper' | 'plus' | 'raw' | 'broken',
  breakWith: string,
  separator: string,
): string {
  return list
    .map(([k, v]) => `${encodeComponent(k, mode, breakWith)}=${encodeComponent(v, mode, breakWith)}`)
    .join(separator);
}

const MALFORMED_JSON = [
  '{',
  '}',
  '{"grant_type":}',
  "{'grant_type':'client_credentials'}",
  '{"a":1,}',
  '[1,2',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '"\\ud800"',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"a":"\\u0000"}',
  '/* c */{}',
  '{"a":1e999999}',
  '{"a":-0}',
  'nul',
  'tru',
  '{"a":"\\x41"}',
  '{"a":"\n"}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '\0',
  '{"a":01}',
];

/** JSON bodies: an object of hostile fields, the same text truncated or corrupted, scalars, arrays, deep nesting. */
function jsonBody(fields: RequestShape['fields'], seeds: Seeds): fc.Arbitrary<{ text: string; note: string }> {
  const names = fields.length ? fields.map((f) => f.name) : ['token', 'client_id'];
  const fieldValue = (name: string): fc.Arbitrary<Json> => {
    const types = fields.find((f) => f.name === name)?.types ?? ['string'];
    return fc.oneof(
      { weight: 2, arbitrary: hostileString(seeds) as fc.Arbitrary<Json> },
      { weight: 2, arbitrary: wrongType(types, seeds) },
    );
  };
  const object = fc
    .uniqueArray(fc.constantFrom(...names), { maxLength: names.length })
    .chain((keys) => fc.tuple(...keys.map((k) => fieldValue(k).map((v) => [k, v] as const))))
    .map((entries) => Object.fromEntries(entries) as Json);
  const objectText = object.map((o) => JSON.stringify(o));
  return fc.oneof(
    { weight: 5, arbitrary: objectText.map((text) => ({ text, note: 'json object, hostile fields' })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(objectText, fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([t, at]) => ({ text: t.slice(0, Math.floor(t.length * at)), note: 'json truncated' })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(objectText, fc.nat(), awkward).map(([t, at, g]) => {
        const i = at % (t.length + 1);
        return { text: t.slice(0, i) + g + t.slice(i), note: 'json corrupted' };
      }),
    },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text) => ({ text, note: 'json malformed' })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(wrongType(['object'], seeds), fc.array(object, { maxLength: 2 }))
        .map((v) => ({ text: JSON.stringify(v) ?? 'null', note: 'json scalar or array body' })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 100, max: 50_000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => ({
        text: open.repeat(n) + (open === '[' ? ']'.repeat(n) : `1${'}'.repeat(n)}`),
        note: `json nested ${n} deep`,
      })),
    },
  );
}

/** multipart/form-data, well formed or broken in one of the ways parsers trip on. */
function multipartBody(
  names: string[],
  seeds: Seeds,
): fc.Arbitrary<{ text: string; contentType: string; note: string; list: Pair[] }> {
  const boundary = fc.oneof(
    fc.constantFrom('fuzzb0undary', 'a', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'x'.repeat(200), 'b"q', 'with space'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
  );
  const flaw = fc.constantFrom(
    'none',
    'none',
    'none',
    'no-boundary-param',
    'other-boundary',
    'unterminated',
    'lf-only',
    'no-blank-line',
    'no-name',
    'empty-body',
    'quoted',
    'preamble',
    'bad-quote',
  );
  return fc.tuple(pairs(names, seeds), boundary, flaw, hostileString(seeds)).map(([list, b, f, junk]) => {
    const eol = f === 'lf-only' ? '\n' : '\r\n';
    const part = ([k, v]: Pair) => {
      const disposition =
        f === 'no-name'
          ? 'form-data'
          : f === 'bad-quote'
            ? `form-data; name="${k}`
            : `form-data; name="${k.replace(/"/g, '%22')}"`;
      return `--${b}${eol}Content-Disposition: ${disposition}${eol}${f === 'no-blank-line' ? '' : eol}${v}${eol}`;
    };
    let text =
      (f === 'preamble' ? `${junk}${eol}` : '') +
      list.map(part).join('') +
      (f === 'unterminated' ? '' : `--${b}--${eol}`);
    if (f === 'empty-body') text = '';
    const param =
      f === 'no-boundary-param'
        ? ''
        : f === 'other-boundary'
          ? '; boundary=not-the-one'
          : f === 'quoted'
            ? `; boundary="${b}"`
            : `; boundary=${b}`;
    return { text, contentType: `multipart/form-data${param}`, note: `multipart (${f})`, list };
  });
}

// ---------------------------------------------------------------- headers

/** What a raw client would put on the wire: UTF-8 bytes read as Latin-1, no CR, LF or NUL. */
function headerSafe(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\0-\x08\x0a-\x1f\x7f]/g, '')
    .slice(0, HEADER_MAX);
}

function authorization(seeds: Seeds): fc.Arbitrary<{ value?: string; note: string }> {
  const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
  const valid = `Basic ${b64(`${seeds.clientId}:${seeds.clientSecret}`)}`;
  const str = hostileString(seeds);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ note: 'no Authorization' }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(valid, `Bearer ${seeds.appToken}`, `Bearer ${seeds.userToken}`)
        .map((value) => ({ value, note: 'valid Authorization' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          str.map((s) => `Basic ${headerSafe(s)}`),
          fc.uint8Array({ maxLength: 64 }).map((bytes) => `Basic ${b64(bytes)}`),
          str.map((s) => `Basic ${b64(s)}`),
          str.map((s) => `Basic ${b64(`${s}:${s}`)}`),
          fc.constantFrom(
            'Basic',
            'Basic ',
            'Basic =====',
            'Basic !!!',
            `Basic ${b64(':')}`,
            `Basic ${b64(seeds.clientId)}`,
            `basic ${b64(`${seeds.clientId}:${seeds.clientSecret}`)}`,
            `Basic ${b64(`${seeds.clientId}:${seeds.clientSecret}`).replace(/=/g, '')}`,
            `Basic\t${b64('a:b')}`,
          ),
        )
        .map((value) => ({ value, note: 'garbage Basic' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          str.map((s) => `Bearer ${headerSafe(s)}`),
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            `Bearer ${seeds.appToken} extra`,
            `Bearer  ${seeds.appToken}`,
            `bearer ${seeds.userToken}`,
            `BEARER ${seeds.userToken}`,
            `Bearer ${seeds.userToken}, Basic ${b64('a:b')}`,
            `Bearer a b c`,
            `Bearer ${headerSafe('tøken😀')}`,
          ),
        )
        .map((value) => ({ value, note: 'garbage Bearer' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          str.map(headerSafe),
          fc.constantFrom('Digest username="x"', 'Token abc', 'OAuth x', ' ', ',', `${valid}, ${valid}`),
        )
        .map((value) => ({ value, note: 'other Authorization' })),
    },
  );
}

const LYING_TYPES = [
  'text/plain',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'application/merge-patch+json',
  'multipart/form-data',
  'multipart/mixed; boundary=x',
  ';;;',
  'application/json, text/html',
  'application/x-www-form-urlencoded;;boundary=',
  'text/html',
  '*/*',
  'application/',
  'application/xml',
  'application/json; charset="',
  'application/x-www-form-urlencoded\tx',
];

// ---------------------------------------------------------------- requests

/** Query strings: the operation's parameters with hostile values, or bytes that are not a query string at all. */
function query(shape: RequestShape, seeds: Seeds): fc.Arbitrary<{ text: string; note: string }> {
  const names = [...shape.query.map((q) => q.name), 'access_token', 'bearer_token', 'client_id', 'lang', '_method'];
  const rawChar = fc.mapToConstant({ num: 0x7e - 0x21 + 1, build: (v) => String.fromCharCode(0x21 + v) });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ text: '', note: 'no query' }) },
    {
      weight: 4,
      arbitrary: fc.tuple(pairs(names, seeds), encodingMode, fc.constantFrom(...PERCENT)).map(([list, mode, br]) => ({
        text: formText(list, mode === 'raw' ? 'proper' : mode, br, '&'),
        note: `query ${mode}`,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.string({ unit: rawChar, maxLength: 200 }).map((text) => ({ text, note: 'query garbage' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...PERCENT, '&', '=', '[', ']', '[]', '?', '#', ';'), { maxLength: 20 })
        .map((p) => ({ text: p.join(''), note: 'query punctuation' })),
    },
  );
}

interface Body {
  bytes?: Buffer;
  contentType?: string;
  notes: string[];
  methodOverride: boolean;
  unparsable?: boolean;
}

/** The oracle for `unparsable`: what Rack's and Rails' parsers refuse (ActionController::BadRequest, ParseError). */
function railsRefuses(bytes: Buffer, type: 'form' | 'json' | 'multipart'): boolean {
  if (type === 'multipart') return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (type === 'form') decodeURIComponent(text);
    else if (text.trim() !== '') JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function body(shape: RequestShape, seeds: Seeds, opts: FuzzOptions): fc.Arbitrary<Body> {
  const names = shape.fields.length
    ? shape.fields.map((f) => f.name)
    : ['token', 'access_token', 'client_id', 'client_secret'];
  const overrides = (list: Pair[]) => list.some(([k]) => k === '_method');
  const form = fc
    .tuple(
      pairs(names, seeds),
      encodingMode,
      fc.constantFrom(...PERCENT),
      fc.constantFrom('&', '&', '&', ';', '&&', '\n'),
    )
    .map(([list, mode, br, sep]) => ({
      kind: 'form' as const,
      text: formText(list, mode, br, sep),
      contentType: 'application/x-www-form-urlencoded',
      note: `form ${mode}`,
      override: overrides(list),
    }));
  const json = jsonBody(shape.fields, seeds).map(({ text, note }) => ({
    kind: 'json' as const,
    text,
    contentType: 'application/json',
    note,
    override: false,
  }));
  const multipart = multipartBody(names, seeds).map(({ text, contentType, note, list }) => ({
    kind: 'multipart' as const,
    text,
    contentType,
    note,
    override: overrides(list),
  }));
  const typed = fc.oneof(form, json, multipart);
  const contentType = (honest: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant({ type: honest as string | undefined, note: '' }) },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(
            'application/x-www-form-urlencoded',
            'application/json',
            'multipart/form-data; boundary=fuzzb0undary',
          )
          .map((type) => ({ type: type as string | undefined, note: `sent as ${type}` })),
      },
      { weight: 1, arbitrary: fc.constant({ type: undefined, note: 'no content type' }) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...LYING_TYPES)
          .map((type) => ({ type: type as string | undefined, note: `sent as ${type}` })),
      },
    );
  const charset = fc.constantFrom('utf8', 'utf8', 'utf8', 'latin1', 'utf16le') as fc.Arbitrary<BufferEncoding>;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Body>({ notes: ['no body'], methodOverride: false }) },
    {
      weight: 14,
      arbitrary: fc.tuple(typed, charset).chain(([t, enc]) =>
        contentType(t.contentType).map((ct) => {
          const bytes = Buffer.from(t.text, enc);
          return {
            bytes,
            contentType: ct.type,
            notes: [t.note, ...(enc === 'utf8' ? [] : [`encoded ${enc}`]), ...(ct.note ? [ct.note] : [])],
            methodOverride: t.override,
            unparsable: ct.type === t.contentType && railsRefuses(bytes, t.kind),
          };
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.uint8Array({ maxLength: 256 }),
          fc.constantFrom(
            undefined,
            'application/json',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=a',
          ),
        )
        .map(([bytes, type]) => ({
          bytes: Buffer.from(bytes),
          contentType: type,
          notes: ['random bytes', `sent as ${type ?? 'nothing'}`],
          methodOverride: false,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 1, max: 64 * 1024 }),
          fc.constantFrom(
            'application/x-www-form-urlencoded',
            'application/json',
            'multipart/form-data; boundary=a',
            'text/plain',
          ),
        )
        .map(([extra, type]) => ({
          bytes: Buffer.alloc(opts.bodyLimit + extra, type === 'application/json' ? ' ' : 'a'),
          contentType: type,
          notes: [`oversized (${opts.bodyLimit + extra} bytes)`, `sent as ${type}`],
          methodOverride: false,
        })),
    },
  );
}

/** One hostile request to one operation of the contract. */
export function hostileRequest(shape: RequestShape, seeds: Seeds, opts: FuzzOptions): fc.Arbitrary<FuzzCase> {
  const operation = `${shape.method} ${shape.path}`;
  const carriesBody = shape.method !== 'GET';
  const path = fc.constantFrom(shape.path, shape.path, shape.path, `${shape.path}/`, `${shape.path}//`);
  const cookie = fc.oneof(
    fc.constant(undefined),
    fc.constant(seeds.cookie),
    hostileString(seeds).map((s) => `_mastodon_session=${headerSafe(s)}`),
    fc.constantFrom('_mastodon_session=', '=', ';;', '_mastodon_session'),
  );
  const acceptLanguage = fc.oneof(
    fc.constant(undefined),
    hostileString(seeds).map(headerSafe),
    fc
      .array(hostileString(seeds).map(headerSafe), { maxLength: 3 })
      .map((tags) => tags.map((t, i) => `${t};q=0.${i}`).join(', ')),
  );
  const csrfHeader = fc.oneof(fc.constant(undefined), fc.constant(seeds.csrf), hostileString(seeds).map(headerSafe));
  const method = shape.method === 'GET' ? fc.constantFrom('GET', 'GET', 'GET', 'HEAD') : fc.constant(shape.method);
  return fc
    .record({
      method,
      path,
      q: query(shape, seeds),
      auth: authorization(seeds),
      cookie,
      csrfHeader,
      acceptLanguage,
      body: carriesBody ? body(shape, seeds, opts) : fc.constant<Body>({ notes: [], methodOverride: false }),
      duplicateContentType: fc.boolean(),
    })
    .map((r) => {
      const headers: string[] = [];
      const q = r.q.text.slice(0, QUERY_MAX);
      if (r.auth.value !== undefined) headers.push('authorization', r.auth.value.slice(0, HEADER_MAX));
      if (r.cookie !== undefined) headers.push('cookie', r.cookie.slice(0, HEADER_MAX));
      if (r.csrfHeader !== undefined) headers.push('x-csrf-token', r.csrfHeader.slice(0, HEADER_MAX));
      if (r.acceptLanguage !== undefined) headers.push('accept-language', r.acceptLanguage.slice(0, HEADER_MAX));
      if (r.body.contentType !== undefined) headers.push('content-type', headerSafe(r.body.contentType));
      if (r.body.contentType !== undefined && r.duplicateContentType) headers.push('content-type', 'text/plain');
      const c: FuzzCase = {
        operation,
        method: r.method,
        path: q ? `${r.path}?${q}` : r.path,
        headers,
        ...(r.body.bytes !== undefined ? { body: r.body.bytes } : {}),
        notes: [r.q.note, r.auth.note, ...r.body.notes, ...(r.cookie === seeds.cookie ? ['signed in'] : [])],
        methodOverride: r.body.methodOverride,
        unparsable: r.body.unparsable ?? false,
      };
      // fast-check prints a counterexample with this, not megabytes of body.
      return Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) });
    });
}

/** Hostile requests spread over every operation of the contract. */
export function hostileRequests(shapes: RequestShape[], seeds: Seeds, opts: FuzzOptions): fc.Arbitrary<FuzzCase> {
  return fc.oneof(...shapes.map((s) => hostileRequest(s, seeds, opts)));
}

/** A short account of a case for a failure message: never megabytes of body. */
export function describeCase(c: FuzzCase): string {
  const preview = (b: Buffer) =>
    JSON.stringify(b.subarray(0, 300).toString('latin1')) + (b.length > 300 ? `… (${b.length} bytes)` : '');
  const headers: string[] = [];
  for (let i = 0; i < c.headers.length; i += 2)
    headers.push(`${c.headers[i]}: ${JSON.stringify(c.headers[i + 1]!.slice(0, 200))}`);
  return [
    `${c.method} ${c.path.length > 400 ? `${c.path.slice(0, 400)}… (${c.path.length} characters)` : c.path}`,
    ...headers,
    ...(c.body ? [`body ${preview(c.body)}`] : []),
    `(${c.notes.filter(Boolean).join('; ')})`,
  ].join('\n  ');
}
