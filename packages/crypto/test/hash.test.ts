// Tagged, length-prefixed hashing (spec §2.3): the exact tuple bytes, injectivity, wide reduction, the tag registry.
import { readFileSync } from 'node:fs';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  encodeTuple,
  hashToScalar,
  hexToBytes,
  ORDER,
  rawSha256,
  rawSha256Stream,
  TAGS,
  taggedHash,
  u32,
  u64,
  utf8ToBytes,
} from '../src/index.ts';

const tags = Object.values(TAGS);
const arbTag = fc.constantFrom(...tags);
const arbFields = fc.array(fc.uint8Array({ maxLength: 24 }), { maxLength: 5 });

describe('encodeTuple', () => {
  it('is len(tag) ‖ tag ‖ len(f1) ‖ f1 ‖ … with 4-byte big-endian lengths', () => {
    const bytes = encodeTuple(TAGS.schnorrProof, [new Uint8Array([0xaa, 0xbb]), new Uint8Array(0), new Uint8Array([0xcc])]);
    const tag = bytesToHex(utf8ToBytes('saylau/v1/proof/schnorr'));
    expect(bytesToHex(bytes)).toBe(`00000017${tag}00000002aabb0000000000000001cc`);
  });

  it('is injective: different (tag, fields) never give the same bytes', () => {
    fc.assert(
      fc.property(arbTag, arbFields, arbTag, arbFields, (tagA, a, tagB, b) => {
        const same =
          tagA === tagB && a.length === b.length && a.every((f, i) => bytesToHex(f) === bytesToHex(b[i] as Uint8Array));
        expect(bytesToHex(encodeTuple(tagA, a)) === bytesToHex(encodeTuple(tagB, b))).toBe(same);
      }),
    );
  });

  it('tells apart field splits that plain concatenation would merge', () => {
    const ab = encodeTuple(TAGS.rangeProof, [hexToBytes('0102'), hexToBytes('03')]);
    const a = encodeTuple(TAGS.rangeProof, [hexToBytes('01'), hexToBytes('0203')]);
    const merged = encodeTuple(TAGS.rangeProof, [hexToBytes('010203')]);
    const withEmpty = encodeTuple(TAGS.rangeProof, [hexToBytes('010203'), new Uint8Array(0)]);
    expect(new Set([ab, a, merged, withEmpty].map(bytesToHex)).size).toBe(4);
  });
});

describe('hashToScalar and taggedHash', () => {
  it('hashToScalar is SHA-512 of the tuple read little-endian, reduced mod ℓ', () => {
    fc.assert(
      fc.property(arbTag, arbFields, (tag, fields) => {
        const digest = sha512(encodeTuple(tag, fields));
        let n = 0n;
        for (let i = 63; i >= 0; i--) n = (n << 8n) | BigInt(digest[i] as number);
        expect(hashToScalar(tag, fields)).toBe(n % ORDER);
      }),
      { numRuns: 50 },
    );
  });

  it('taggedHash is SHA-256 of the tuple', () => {
    fc.assert(
      fc.property(arbTag, arbFields, (tag, fields) => {
        expect(taggedHash(tag, fields)).toEqual(sha256(encodeTuple(tag, fields)));
      }),
      { numRuns: 50 },
    );
  });

  it('gives a different scalar under a different tag for the same fields', () => {
    const fields = [utf8ToBytes('same')];
    expect(new Set(tags.map((t) => hashToScalar(t, fields))).size).toBe(tags.length);
  });
});

describe('rawSha256Stream', () => {
  it('gives in pieces the digest rawSha256 and noble give of the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 6 }), (pieces) => {
        const stream = rawSha256Stream();
        for (const piece of pieces) stream.update(piece);
        const whole = new Uint8Array(pieces.flatMap((p) => [...p]));
        const digest = bytesToHex(stream.digest());
        expect(digest).toBe(bytesToHex(rawSha256(whole)));
        expect(digest).toBe(bytesToHex(sha256(whole)));
      }),
    );
  });
});

describe('the tag registry', () => {
  it('has distinct tags, all under saylau/v1/', () => {
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^saylau\/v1\/[a-z0-9/-]+$/);
  });

  it('lists exactly the tags docs/spec.md §2.3 publishes', () => {
    const spec = readFileSync(new URL('../../../docs/spec.md', import.meta.url), 'utf8');
    const section = spec.slice(spec.indexOf('### 2.3'), spec.indexOf('### 2.4'));
    const published = [...section.matchAll(/`(saylau\/v1\/[^`]+)`/g)].map((m) => m[1]);
    expect(new Set(published)).toEqual(new Set(tags));
  });
});

describe('fixed-width integers', () => {
  it('u32 and u64 are big-endian and range-checked', () => {
    expect(bytesToHex(u32(0x01020304))).toBe('01020304');
    expect(bytesToHex(u64(0x0102030405060708n))).toBe('0102030405060708');
    expect(() => u32(2 ** 32)).toThrow(RangeError);
    expect(() => u32(-1)).toThrow(RangeError);
    expect(() => u64(2n ** 64n)).toThrow(RangeError);
  });
});

describe('hexToBytes', () => {
  it('reads back what bytesToHex writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
      }),
    );
  });

  it('takes lower-case hex of even length only', () => {
    for (const bad of ['A0', '0', 'abc', '0g', 'g0', ' 00', '00 ', '0x00', 'é0', '/0', ':0', '`0']) {
      expect(() => hexToBytes(bad), bad).toThrow(TypeError);
    }
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    expect(hexToBytes('09af')).toEqual(new Uint8Array([0x09, 0xaf]));
  });
});
