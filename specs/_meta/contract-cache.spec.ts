/**
 * The contract cache (fixtures/core/contract-cache.ts) keys by content: a changed contract or schema misses and is
 * parsed or compiled afresh, a damaged entry is replaced, and what it serves equals what parsing would give.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';
import { cachedDocument, cachedValidator, type CompiledCode } from '../../fixtures/core/contract-cache.ts';
import { CONTRACT_PATH } from '../../fixtures/core/contract.ts';

const require = createRequire(import.meta.url);

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contract-cache-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A YAML parser that counts its calls. */
function countingParse() {
  const calls: string[] = [];
  return {
    calls,
    parse: (text: string): unknown => {
      calls.push(text);
      return parse(text);
    },
  };
}

test('the contract served from the cache is the contract the YAML parses to', () => {
  const text = readFileSync(CONTRACT_PATH, 'utf8');
  const p = countingParse();
  const first = cachedDocument(text, p.parse, dir);
  const second = cachedDocument(text, p.parse, dir);
  expect(p.calls).toHaveLength(1);
  expect(second).toEqual(parse(text));
  expect(second).toEqual(first);
});

test('a changed contract is never served from the entry of the old one', () => {
  const p = countingParse();
  expect(cachedDocument('info: {version: 1}\n', p.parse, dir)).toEqual({ info: { version: 1 } });
  expect(cachedDocument('info: {version: 2}\n', p.parse, dir)).toEqual({ info: { version: 2 } });
  // Even a one-byte change (here: whitespace only) is a different key.
  expect(cachedDocument('info: {version: 2} \n', p.parse, dir)).toEqual({ info: { version: 2 } });
  expect(p.calls).toHaveLength(3);
  expect(cachedDocument('info: {version: 1}\n', p.parse, dir)).toEqual({ info: { version: 1 } });
  expect(p.calls, 'the first text is still cached').toHaveLength(3);
});

test('a damaged entry is parsed afresh and replaced; no temporary file is left behind', () => {
  const p = countingParse();
  cachedDocument('a: 1\n', p.parse, dir);
  const [entry] = readdirSync(dir);
  writeFileSync(join(dir, entry as string), '{"a": ');
  expect(cachedDocument('a: 1\n', p.parse, dir)).toEqual({ a: 1 });
  expect(cachedDocument('a: 1\n', p.parse, dir)).toEqual({ a: 1 });
  expect(p.calls).toHaveLength(2);
  expect(readdirSync(dir)).toEqual([entry]);
});

test('a value JSON cannot carry exactly is not cached', () => {
  const p = countingParse();
  expect(cachedDocument('x: .inf\n', p.parse, dir)).toEqual({ x: Number.POSITIVE_INFINITY });
  expect(readdirSync(dir)).toEqual([]);
});

test('no cache folder: everything still works, parsed every time', () => {
  const p = countingParse();
  cachedDocument('a: 1\n', p.parse, null);
  expect(cachedDocument('a: 1\n', p.parse, null)).toEqual({ a: 1 });
  expect(p.calls).toHaveLength(2);
});

test('a cached validator behaves as the one ajv compiled, and a changed schema compiles afresh', () => {
  const { default: Ajv } = require('ajv/dist/2020') as { default: new (o: object) => AjvLike };
  const { default: standalone } = require('ajv/dist/standalone') as {
    default: (ajv: AjvLike, v: CompiledCode) => string;
  };
  const ajv = new Ajv({ allErrors: true, verbose: true, code: { source: true } });
  let generated = 0;
  const generate = (tree: object) => () => {
    generated++;
    const validate = ajv.compile(tree);
    return { validate, code: standalone(ajv, validate) };
  };
  const v1 = { type: 'object', required: ['a'], properties: { a: { const: 1 } } };
  const fresh = cachedValidator(v1, 'salt', generate(v1), dir);
  const cached = cachedValidator(v1, 'salt', generate(v1), dir) as CompiledCode & { errors?: unknown };
  expect(generated).toBe(1);
  expect(cached).not.toBe(fresh);
  for (const value of [{ a: 1 }, { a: 2 }, {}, 'x']) {
    expect(cached(value)).toBe(fresh(value));
    expect(cached.errors).toEqual((fresh as typeof cached).errors);
  }
  const v2 = { ...v1, properties: { a: { const: 2 } } };
  expect(cachedValidator(v2, 'salt', generate(v2), dir)({ a: 2 })).toBe(true);
  expect(cachedValidator(v1, 'other ajv', generate(v1), dir)({ a: 1 })).toBe(true);
  expect(generated, 'a changed schema, or another ajv, is another key').toBe(3);
});

interface AjvLike {
  compile(schema: object): CompiledCode;
}
