// Exponential ElGamal and the bounded discrete log (spec §2.4): homomorphism, re-encryption, decryption round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCiphertexts,
  ciphertextEquals,
  decryptToPoint,
  discreteLog,
  encodeMessage,
  encrypt,
  G,
  generateKeyPair,
  IDENTITY,
  mulSecret,
  prepareElectionKey,
  reencrypt,
  subtractCiphertexts,
  sumCiphertexts,
} from '../src/index.ts';
import { arb } from './helpers/tamper.ts';

const { secretKey, publicKey } = generateKeyPair();
const message = fc.integer({ min: 0, max: 1000 });

function decrypt(ct: Parameters<typeof decryptToPoint>[1], bound = 2000): number | null {
  return discreteLog(decryptToPoint(secretKey, ct), bound);
}

describe('exponential ElGamal', () => {
  it('is Enc(m; r) = (r·G, m·G + r·K)', () => {
    fc.assert(
      fc.property(message, arb.scalar(), (m, r) => {
        const ct = encrypt(publicKey, m, r);
        expect(ct.alpha.equals(mulSecret(G, r))).toBe(true);
        expect(ct.beta.equals(encodeMessage(m).add(mulSecret(publicKey, r)))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('decrypts to m·G, and discreteLog recovers m', () => {
    fc.assert(
      fc.property(message, (m) => {
        const point = decryptToPoint(secretKey, encrypt(publicKey, m));
        expect(point.equals(encodeMessage(m))).toBe(true);
        expect(discreteLog(point, 1000)).toBe(m);
      }),
      { numRuns: 30 },
    );
  });

  it('is additively homomorphic: Enc(a) + Enc(b) decrypts to a + b', () => {
    fc.assert(
      fc.property(message, message, (a, b) => {
        expect(decrypt(addCiphertexts(encrypt(publicKey, a), encrypt(publicKey, b)))).toBe(a + b);
      }),
      { numRuns: 30 },
    );
  });

  it('subtracts: Enc(a) − Enc(b) decrypts to a − b (for a ≥ b)', () => {
    fc.assert(
      fc.property(message, message, (x, y) => {
        const [a, b] = x >= y ? [x, y] : [y, x];
        expect(decrypt(subtractCiphertexts(encrypt(publicKey, a), encrypt(publicKey, b)))).toBe(a - b);
      }),
      { numRuns: 30 },
    );
  });

  it('sums many ciphertexts, and the sum of none is (0, 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), (votes) => {
        const total = sumCiphertexts(votes.map((v) => encrypt(publicKey, v)));
        expect(decrypt(total)).toBe(votes.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 20 },
    );
    const empty = sumCiphertexts([]);
    expect(empty.alpha.equals(IDENTITY) && empty.beta.equals(IDENTITY)).toBe(true);
  });

  it('re-encryption keeps the plaintext and changes both components', () => {
    fc.assert(
      fc.property(message, arb.scalar(), (m, r) => {
        const ct = encrypt(publicKey, m);
        const fresh = reencrypt(publicKey, ct, r);
        expect(fresh.alpha.equals(ct.alpha)).toBe(false);
        expect(fresh.beta.equals(ct.beta)).toBe(false);
        expect(ciphertextEquals(fresh, ct)).toBe(false);
        expect(decrypt(fresh)).toBe(m);
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same ciphertext for the same randomness, a different one otherwise', () => {
    const ct = encrypt(publicKey, 5, 123n);
    expect(ciphertextEquals(ct, encrypt(publicKey, 5, 123n))).toBe(true);
    expect(ciphertextEquals(ct, encrypt(publicKey, 5, 124n))).toBe(false);
    expect(ciphertextEquals(ct, encrypt(publicKey, 6, 123n))).toBe(false);
  });

  it('encrypts the same with a key prepared for fast multiplication', () => {
    const prepared = prepareElectionKey(publicKey);
    expect(ciphertextEquals(encrypt(prepared, 7, 99n), encrypt(publicKey, 7, 99n))).toBe(true);
  });

  it('does not decrypt under another key', () => {
    const other = generateKeyPair();
    expect(discreteLog(decryptToPoint(other.secretKey, encrypt(publicKey, 3)), 1000)).toBeNull();
  });
});

describe('discreteLog (baby-step giant-step)', () => {
  it('finds every m in [0, bound]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }).chain((bound) => fc.tuple(fc.constant(bound), fc.integer({ min: 0, max: bound }))),
        ([bound, m]) => {
          expect(discreteLog(encodeMessage(m), bound)).toBe(m);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('returns null for m just past the bound and for a point with no small log', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 50 }), (bound, excess) => {
        expect(discreteLog(encodeMessage(bound + excess), bound)).toBeNull();
      }),
      { numRuns: 50 },
    );
    expect(discreteLog(publicKey, 10_000)).toBeNull();
  });

  it('handles the edges: bound 0, m = 0 and m = bound', () => {
    expect(discreteLog(IDENTITY, 0)).toBe(0);
    expect(discreteLog(G, 0)).toBeNull();
    expect(discreteLog(encodeMessage(99), 99)).toBe(99);
    expect(discreteLog(encodeMessage(100), 99)).toBeNull();
  });

  it('solves a value near the top of a 10^7 bound', () => {
    const bound = 10_000_000;
    expect(discreteLog(encodeMessage(bound - 1234), bound)).toBe(bound - 1234);
    expect(discreteLog(encodeMessage(bound + 1), bound)).toBeNull();
  });

  it('rejects a bound that is not a non-negative safe integer', () => {
    for (const bound of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => discreteLog(G, bound)).toThrow(RangeError);
  });
});
