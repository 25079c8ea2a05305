// Secret linear combinations of table-backed bases, for provers and encryption (internal): ciphertexts and
// commitments Σ sᵢ·Bᵢ over G and a prepared election key, returned with their encodings already known.
import { ristretto255 } from '@noble/curves/ed25519.js';
import { add, double, type Ext, IDENTITY, toCached, toRistretto } from './edwards.ts';
import { encodeDoubles } from './encode.ts';
import { rememberEncoding } from './encodings.ts';
import { FixedTable, secretMultiple, secretSmallMultiple, tableOf } from './tables.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const ORDER = ristretto255.Point.Fn.ORDER;
/** 1/2 mod ℓ */
const HALF = (ORDER + 1n) / 2n;

/**
 * One combination: its (scalar, base) terms, scalars in [0, ℓ). A term marked 'small' has a secret scalar
 * 0 ≤ s ≤ 128 (a vote): it is read from one table row of B/2 instead of walking all of B's rows.
 */
export type Combination = readonly (readonly [bigint, RistrettoPoint] | readonly [bigint, RistrettoPoint, 'small'])[];

/** Tables of (1/2)·B, one row each, for the small terms. */
const halfBases = new WeakMap<RistrettoPoint, FixedTable>();

function halfBaseTable(base: RistrettoPoint): FixedTable {
  let table = halfBases.get(base);
  if (!table) {
    table = new FixedTable(base.multiplyUnsafe(HALF)); // a public point
    halfBases.set(base, table);
  }
  return table;
}

type Prepared =
  | { readonly kind: 'full'; readonly s: bigint; readonly table: FixedTable }
  | { readonly kind: 'small'; readonly s: number; readonly table: FixedTable };

/**
 * Σ sᵢ·Bᵢ for each combination, or undefined when a base has no table (the caller then multiplies the slow
 * way). Each result is computed as 2·H with H = Σ (sᵢ/2)·Bᵢ, so that every encoding comes out of one
 * shared inversion (encode.ts) and the Fiat–Shamir challenge that follows never takes a square root.
 */
export function secretCombinations(combinations: readonly Combination[]): RistrettoPoint[] | undefined {
  const prepared: Prepared[][] = [];
  for (const combination of combinations) {
    const terms: Prepared[] = [];
    for (const [s, base, small] of combination) {
      const table = tableOf(base);
      if (!table) return undefined;
      if (typeof s !== 'bigint' || s < 0n || s >= ORDER) throw new RangeError('invalid scalar: expected 0 <= s < ℓ');
      if (small && s > 128n) throw new RangeError('a small term needs 0 <= s <= 128');
      terms.push(small ? { kind: 'small', s: Number(s), table: halfBaseTable(base) } : { kind: 'full', s, table });
    }
    prepared.push(terms);
  }
  const halves = prepared.map((terms) =>
    terms.reduce<Ext>((acc, term) => {
      // (s/2)·B: a blinded walk over B's table, or s·(B/2) from one row for a small s
      const half =
        term.kind === 'full' ? secretMultiple(term.table, (term.s * HALF) % ORDER) : secretSmallMultiple(term.table, term.s);
      return acc === IDENTITY ? half : add(acc, toCached(half));
    }, IDENTITY),
  );
  const encodings = encodeDoubles(halves);
  return halves.map((h, i) => {
    const point = toRistretto(double(h));
    rememberEncoding(point, encodings[i] as Uint8Array);
    return point;
  });
}
