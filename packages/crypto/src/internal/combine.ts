// Secret linear combinations of table-backed bases, for provers and encryption (internal): ciphertexts and
// commitments Σ sᵢ·Bᵢ over G and a prepared election key, returned with their encodings already known.
import { ristretto255 } from '@noble/curves/ed25519.js';
import { add, double, type Ext, IDENTITY, toCached, toRistretto } from './edwards.ts';
import { encodeDoubles } from './encode.ts';
import { rememberEncoding } from './encodings.ts';
import { type FixedTable, secretMultiple, tableOf } from './tables.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const ORDER = ristretto255.Point.Fn.ORDER;
/** 1/2 mod ℓ */
const HALF = (ORDER + 1n) / 2n;

/** One combination: its (scalar, base) terms, scalars in [0, ℓ). */
export type Combination = readonly (readonly [bigint, RistrettoPoint])[];

/**
 * Σ sᵢ·Bᵢ for each combination, or undefined when a base has no table (the caller then multiplies the slow
 * way). Each result is computed as 2·H with H = Σ (sᵢ/2)·Bᵢ, so that every encoding comes out of one
 * shared inversion (encode.ts) and the Fiat–Shamir challenge that follows never takes a square root.
 */
export function secretCombinations(combinations: readonly Combination[]): RistrettoPoint[] | undefined {
  const tabled: (readonly [bigint, FixedTable])[][] = [];
  for (const combination of combinations) {
    const terms: (readonly [bigint, FixedTable])[] = [];
    for (const [s, base] of combination) {
      const table = tableOf(base);
      if (!table) return undefined;
      if (typeof s !== 'bigint' || s < 0n || s >= ORDER) throw new RangeError('invalid scalar: expected 0 <= s < ℓ');
      terms.push([s, table]);
    }
    tabled.push(terms);
  }
  const halves = tabled.map((terms) =>
    terms.reduce<Ext>((acc, [s, table]) => {
      const term = secretMultiple(table, (s * HALF) % ORDER);
      return acc === IDENTITY ? term : add(acc, toCached(term));
    }, IDENTITY),
  );
  const encodings = encodeDoubles(halves);
  return halves.map((h, i) => {
    const point = toRistretto(double(h));
    rememberEncoding(point, encodings[i] as Uint8Array);
    return point;
  });
}
