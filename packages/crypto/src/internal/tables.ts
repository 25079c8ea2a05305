// Precomputed tables for fixed bases, G and the election key (internal): a multiplication becomes one table
// addition per scalar byte and no doublings. Verification reads them in variable time; secret scalars
// (encryption randomness, proof nonces, keys) use a blinded, fixed-sequence walk like noble's own.
import { ristretto255 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  add,
  type Cached,
  double,
  type Ext,
  fromRistretto,
  IDENTITY,
  negateCached,
  toAffineCached,
  toCached,
} from './edwards.ts';
import { radix256 } from './recoding.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const ORDER = ristretto255.Point.Fn.ORDER;

/** Scalars below ℓ < 2^253 have 32 bytes; a blinded one, s + b·ℓ with b < 2^128, has 48. */
const PUBLIC_BYTES = 32;
const SECRET_BYTES = 48;

/**
 * Row k holds j·256^k·B for j = 1…128 in affine cached form. Verification needs rows 0…32 (33 signed bytes of
 * a scalar below ℓ); blinded secret scalars need rows up to 48, added only when a secret multiple is first
 * asked for, so a verifier never builds them.
 */
export class FixedTable {
  readonly rows: Cached[][] = [];
  /** 256^rows.length·B, the base of the next row. */
  private next: Ext;

  constructor(base: RistrettoPoint) {
    this.next = fromRistretto(base);
  }

  /** Makes sure rows 0…count − 1 exist. */
  ensureRows(count: number): this {
    const built: Ext[][] = [];
    while (this.rows.length + built.length < count) {
      const row: Ext[] = [this.next];
      const step = toCached(this.next);
      for (let j = 1; j < 128; j++) row.push(add(row[j - 1] as Ext, step));
      built.push(row);
      this.next = double(row[127] as Ext); // 2·128·256^k·B = 256^(k+1)·B
    }
    if (built.length === 0) return this;
    const flat = toAffineCached(built.flat());
    for (let k = 0; k < built.length; k++) this.rows.push(flat.slice(k * 128, (k + 1) * 128));
    return this;
  }
}

const tables = new WeakMap<RistrettoPoint, FixedTable | null>();

/** Marks a base as worth a table, built on first use: 4,224 points for verification, 6,272 once secret multiples need it. */
export function registerFixedBase(p: RistrettoPoint): void {
  if (!tables.has(p)) tables.set(p, null);
}

/** The table of a registered base (created now if it is the first use), or undefined for any other point. */
export function tableOf(p: RistrettoPoint): FixedTable | undefined {
  let table = tables.get(p);
  if (table === null) {
    table = new FixedTable(p);
    tables.set(p, table);
  }
  return table;
}

/** acc + s·B for a public scalar 0 ≤ s < ℓ: one mixed addition per non-zero signed byte. */
export function addPublicMultiple(table: FixedTable, s: bigint, acc: Ext = IDENTITY): Ext {
  const digits = radix256(s, PUBLIC_BYTES);
  const rows = table.ensureRows(digits.length).rows;
  for (let k = 0; k < digits.length; k++) {
    const d = digits[k] as number;
    if (d === 0) continue;
    const entry = (rows[k] as Cached[])[Math.abs(d) - 1] as Cached;
    acc = add(acc, d > 0 ? entry : negateCached(entry));
  }
  return acc;
}

/**
 * s·B for a secret scalar 0 ≤ s < ℓ, with noble's side-channel discipline (abstract/curve.ts, wnafCachedCT):
 * the scalar is blinded to s + b·ℓ with a fresh 128-bit b (the same element: ℓ·B lies in the 4-torsion that
 * ristretto255 quotients out), every row is scanned whole, and every row costs one addition — a zero digit
 * adds into a discarded accumulator. JavaScript BigInt arithmetic is itself not constant time; this removes
 * the scalar-dependent structure that is in our hands.
 */
export function secretMultiple(table: FixedTable, s: bigint): Ext {
  if (s < 0n || s >= ORDER) throw new RangeError('invalid scalar: expected 0 <= s < ℓ');
  const blind = randomBytes(16);
  // b in [2^127, 1.5·2^127), as noble does: a full-width blind even from a degenerate generator
  blind[0] = ((blind[0] as number) & 0x3f) | 0x80;
  let b = 0n;
  for (const byte of blind) b = (b << 8n) | BigInt(byte);
  const digits = radix256(s + b * ORDER, SECRET_BYTES);
  const rows = table.ensureRows(digits.length).rows;
  let acc = IDENTITY;
  let fake = IDENTITY;
  for (let k = 0; k < digits.length; k++) {
    const d = digits[k] as number;
    const row = rows[k] as Cached[];
    const index = Math.abs(d) - 1; // −1 for a zero digit: matches no entry
    let entry = row[0] as Cached;
    for (let j = 1; j < 128; j++) entry = j === index ? (row[j] as Cached) : entry;
    const negated = negateCached(entry);
    if (d === 0) fake = add(fake, entry);
    else acc = add(acc, d < 0 ? negated : entry);
  }
  return acc;
}

/**
 * s·B for a secret 0 ≤ s ≤ 128 (a vote, a small count) from the table's first row alone: one whole-row scan and
 * one addition, whatever s is (s = 0 adds into a discarded point).
 */
export function secretSmallMultiple(table: FixedTable, s: number): Ext {
  if (!Number.isInteger(s) || s < 0 || s > 128) throw new RangeError('small multiple out of range');
  const row = table.ensureRows(1).rows[0] as Cached[];
  const index = s - 1;
  let entry = row[0] as Cached;
  for (let j = 1; j < 128; j++) entry = j === index ? (row[j] as Cached) : entry;
  const sum = add(IDENTITY, entry);
  return s === 0 ? IDENTITY : sum;
}
