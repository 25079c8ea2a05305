// Our encoding rules on top of RFC 9496 (spec §2.1) and derived generators (spec §2.2): canonical scalars,
// the identity rule, and hash_to_ristretto255 recomputed from RFC 9380 by hand.
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  concatBytes,
  DecodeError,
  decodePoint,
  decodeScalar,
  deriveGenerator,
  encodePoint,
  encodeScalar,
  G,
  IDENTITY,
  mulSecret,
  ORDER,
  SCALAR_BYTES,
  scalarFromWideBytes,
  TAGS,
  utf8ToBytes,
} from '../src/index.ts';
import { arb } from './helpers/tamper.ts';

function le(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (error) {
    if (error instanceof DecodeError) return error.code;
    throw error;
  }
}

/** RFC 9380 §5.3.1 expand_message_xmd with SHA-512 (b = 64, s = 128 bytes), written from the RFC. */
function expandMessageXmd(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
  const ell = Math.ceil(lenInBytes / 64);
  const dstPrime = concatBytes(dst, new Uint8Array([dst.length]));
  const zPad = new Uint8Array(128);
  const libStr = new Uint8Array([lenInBytes >> 8, lenInBytes & 0xff]);
  const b0 = sha512(concatBytes(zPad, msg, libStr, new Uint8Array([0]), dstPrime));
  const blocks = [sha512(concatBytes(b0, new Uint8Array([1]), dstPrime))];
  for (let i = 2; i <= ell; i++) {
    const prev = blocks[i - 2] as Uint8Array;
    blocks.push(
      sha512(
        concatBytes(
          prev.map((byte, j) => byte ^ (b0[j] as number)),
          new Uint8Array([i]),
          dstPrime,
        ),
      ),
    );
  }
  return concatBytes(...blocks).subarray(0, lenInBytes);
}

describe('scalars: 32-byte little-endian, canonical, < ℓ (spec §2.1)', () => {
  it('round-trips every scalar in [0, ℓ)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: ORDER - 1n }), (s) => {
        const bytes = encodeScalar(s);
        expect(bytes).toHaveLength(SCALAR_BYTES);
        expect(bytes).toEqual(le(s, 32));
        expect(decodeScalar(bytes)).toBe(s);
      }),
    );
  });

  it('decodes the edge values 0 and ℓ − 1', () => {
    expect(decodeScalar(new Uint8Array(32))).toBe(0n);
    expect(decodeScalar(le(ORDER - 1n, 32))).toBe(ORDER - 1n);
  });

  it('rejects ℓ, ℓ + 1, 2^255 − 19 and 2^256 − 1 with SCALAR_NOT_CANONICAL', () => {
    for (const v of [ORDER, ORDER + 1n, 2n ** 255n - 19n, 2n ** 256n - 1n]) {
      expect(
        codeOf(() => decodeScalar(le(v, 32))),
        v.toString(),
      ).toBe('SCALAR_NOT_CANONICAL');
    }
  });

  it('rejects any value in [ℓ, 2^256)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: ORDER, max: 2n ** 256n - 1n }), (v) => {
        expect(codeOf(() => decodeScalar(le(v, 32)))).toBe('SCALAR_NOT_CANONICAL');
      }),
    );
  });

  it('rejects wrong lengths with WRONG_LENGTH', () => {
    for (const length of [0, 1, 31, 33, 64]) {
      expect(
        codeOf(() => decodeScalar(new Uint8Array(length))),
        String(length),
      ).toBe('WRONG_LENGTH');
    }
  });

  it('refuses to encode a value outside [0, ℓ)', () => {
    expect(() => encodeScalar(ORDER)).toThrow(RangeError);
    expect(() => encodeScalar(-1n)).toThrow(RangeError);
  });

  it('reduces 64 bytes little-endian mod ℓ (wide reduction)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        let n = 0n;
        for (let i = 63; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
        expect(scalarFromWideBytes(bytes)).toBe(n % ORDER);
      }),
    );
    expect(() => scalarFromWideBytes(new Uint8Array(32))).toThrow(TypeError);
  });
});

describe('elements: canonical encodings and the identity rule (spec §2.1)', () => {
  it('round-trips random elements', () => {
    fc.assert(
      fc.property(arb.scalar(), (s) => {
        const p = mulSecret(G, s);
        const bytes = encodePoint(p);
        expect(decodePoint(bytes).equals(p)).toBe(true);
        expect(encodePoint(decodePoint(bytes))).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects the identity with POINT_IS_IDENTITY unless allowIdentity', () => {
    const zero = encodePoint(IDENTITY);
    expect(zero).toEqual(new Uint8Array(32));
    expect(codeOf(() => decodePoint(zero))).toBe('POINT_IS_IDENTITY');
    expect(codeOf(() => decodePoint(zero, { allowIdentity: false }))).toBe('POINT_IS_IDENTITY');
    expect(decodePoint(zero, { allowIdentity: true }).is0()).toBe(true);
  });

  it('rejects odd (negative) encodings of otherwise valid elements', () => {
    fc.assert(
      fc.property(arb.scalar(), (s) => {
        const bytes = encodePoint(mulSecret(G, s));
        bytes[0] = (bytes[0] as number) | 1;
        expect(codeOf(() => decodePoint(bytes))).toBe('POINT_NOT_CANONICAL');
      }),
      { numRuns: 30 },
    );
  });
});

describe('derived generators (spec §2.2)', () => {
  it('is deterministic', () => {
    expect(encodePoint(deriveGenerator('saylau/test/h'))).toEqual(encodePoint(deriveGenerator('saylau/test/h')));
  });

  it('differs per label and is never the identity or G', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        const ga = deriveGenerator(a);
        const gb = deriveGenerator(b);
        expect(ga.equals(gb)).toBe(false);
        for (const p of [ga, gb]) {
          expect(p.is0()).toBe(false);
          expect(p.equals(G)).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('uses the registered generator tag as its DST', () => {
    expect(TAGS.generator).toBe('saylau/v1/generator');
  });

  it('our expand_message_xmd matches RFC 9380 K.3 (SHA-512, empty message, 32 bytes)', () => {
    const out = expandMessageXmd(new Uint8Array(0), utf8ToBytes('QUUX-V01-CS02-with-expander-SHA512-256'), 0x20);
    expect(bytesToHex(out)).toBe('6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba');
  });

  it('equals hash_to_ristretto255 (RFC 9380 App. B) recomputed by hand: xmd to 64 bytes, then the RFC 9496 map', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (label) => {
        const uniform = expandMessageXmd(utf8ToBytes(label), utf8ToBytes(TAGS.generator), 64);
        const expected = ristretto255_hasher.deriveToCurve?.(uniform);
        expect(expected && encodePoint(expected)).toEqual(encodePoint(deriveGenerator(label)));
      }),
      { numRuns: 30 },
    );
  });
});
