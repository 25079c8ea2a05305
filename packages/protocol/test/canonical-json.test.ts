// Canonical JSON (spec §3.2): the fast writer (native JSON.stringify with sorted keys) must produce exactly the
// reference writer's text for every JSON value, array-index keys and astral-plane keys included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, writeCanonical } from '../src/index.ts';

describe('canonical JSON', () => {
  it('is the reference writer’s text for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(writeCanonical(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('is the reference writer’s text for values whose keys are already in order (the fast path)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = writeCanonical(value);
        // JSON.parse of canonical text lists every object's keys in order, except array-index keys
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
    // in order, yet not JSON: refused as on the sorting path, never written as null
    for (const bad of [Number.NaN, () => 0, Symbol('s')]) expect(() => canonicalJson({ a: [bad] })).toThrow(TypeError);
    // a toJSON method is JSON.stringify's business on either path: the same text
    const withDate = { a: new Date(0), b: 1 };
    expect(canonicalJson(withDate)).toBe('{"a":"1970-01-01T00:00:00.000Z","b":1}');
  });

  it('sorts keys by UTF-16 code units, array-index keys too', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
    // engines list "10" before "9" as properties; canonical order is by code units: "10" < "9" < "a"
    expect(canonicalJson({ a: 0, 9: 1, 10: 2 })).toBe('{"10":2,"9":1,"a":0}');
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 })).toBe('{"\u{1F600}":1,"\uFFFF":2}');
    // JSON.parse makes "__proto__" an own property; it must be written, not taken for the prototype
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":0}}'))).toBe('{"__proto__":{"x":0},"b":1}');
  });

  it('drops undefined members and refuses what JSON cannot say', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1n, () => 0, Symbol('s')]) {
      expect(() => canonicalJson({ x: bad })).toThrow(TypeError);
      expect(() => writeCanonical({ x: bad })).toThrow(TypeError);
    }
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
