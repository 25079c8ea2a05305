// Disjunctive Chaum–Pedersen proof that an ElGamal ciphertext encrypts a value in {min..max} (spec §2.7).
// One selection uses {0..R}; a question's homomorphic sum uses [min..max] of the definition.

import { u64 } from '../bytes.ts';
import type { Ciphertext } from '../elgamal.ts';
import { encodePoint, G, IDENTITY, mod, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import { hashToScalar, TAGS } from '../hash.ts';
import { type Combination, secretCombinations } from '../internal/combine.ts';
import { type Equation, equation, equationHolds } from './equation.ts';

/** One branch per candidate value m = min…max: commitments (A_m, B_m), challenge c_m, response s_m. */
export interface RangeBranch {
  readonly commitmentA: Point;
  readonly commitmentB: Point;
  readonly challenge: Scalar;
  readonly response: Scalar;
}

export interface RangeProof {
  readonly branches: readonly RangeBranch[];
}

export interface RangeStatement {
  readonly publicKey: Point;
  readonly ciphertext: Ciphertext;
  readonly min: number;
  readonly max: number;
}

/** Ranges are small (a question's option count); the bound keeps proof size and cost sane. */
export const MAX_RANGE_WIDTH = 64;

function assertRange(min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min || max - min + 1 > MAX_RANGE_WIDTH) {
    throw new RangeError(`invalid range [${min}..${max}]`);
  }
}

function challenge(
  context: readonly Uint8Array[],
  s: RangeStatement,
  branches: readonly { commitmentA: Point; commitmentB: Point }[],
): Scalar {
  const fields = [
    ...context,
    encodePoint(G),
    encodePoint(s.publicKey),
    encodePoint(s.ciphertext.alpha),
    encodePoint(s.ciphertext.beta),
    u64(s.min),
    u64(s.max),
  ];
  for (const b of branches) fields.push(encodePoint(b.commitmentA), encodePoint(b.commitmentB));
  return hashToScalar(TAGS.rangeProof, fields);
}

/**
 * Proves that `statement.ciphertext` = Enc(value; randomness). The prover knows r, so every branch,
 * simulated ones included, needs only fixed-base multiplications by G and K (K with a table is fast):
 * A_m = t·G and B_m = t·K + c_m(m − v)·G for a random t, with s_m = t + c_m·r.
 */
export function proveRange(
  statement: RangeStatement,
  value: number,
  randomness: Scalar,
  context: readonly Uint8Array[],
): RangeProof {
  const { min, max, publicKey } = statement;
  assertRange(min, max);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new RangeError('value outside the proven range');
  // Every branch does the same work, so timing does not tell the real one: it too computes B_m with
  // c_m(m − v) = 0. Nonces and simulated challenges are drawn alike for all branches.
  const nonces: Scalar[] = [];
  const challenges: Scalar[] = [];
  const combinations: Combination[] = [];
  for (let m = min; m <= max; m++) {
    const t = randomNonZeroScalar();
    const simulated = randomNonZeroScalar();
    const c = m === value ? 0n : simulated;
    nonces.push(t);
    challenges.push(c);
    combinations.push(
      [[t, G]],
      [
        [t, publicKey],
        [mod(c * BigInt(m - value)), G],
      ],
    );
  }
  // with tables for G and K: blinded table walks, and the encodings the challenge needs come for free
  const points = secretCombinations(combinations) ?? combinations.map(combineWithoutTables);
  const pending = nonces.map((t, i) => ({
    commitmentA: points[2 * i] as Point,
    commitmentB: points[2 * i + 1] as Point,
    challenge: challenges[i] as Scalar,
    t,
  }));
  const c = challenge(context, statement, pending);
  const realIndex = value - min;
  const realChallenge = mod(c - pending.reduce((acc, b) => acc + b.challenge, 0n));
  const branches = pending.map((b, i) => {
    const cm = i === realIndex ? realChallenge : b.challenge;
    return { commitmentA: b.commitmentA, commitmentB: b.commitmentB, challenge: cm, response: mod(b.t + cm * randomness) };
  });
  return { branches };
}

/** Σ s·B with noble's constant-time multiply; a zero scalar costs a multiplication too (then discarded). */
function combineWithoutTables(terms: Combination): Point {
  return terms.reduce<Point>((acc, [s, base]) => {
    const product = mulSecret(base, s === 0n ? 1n : s);
    return acc.add(s === 0n ? IDENTITY : product);
  }, IDENTITY);
}

/**
 * The equations of a range proof, or null when its shape or challenge sum is wrong (no multiplication needed).
 * Per branch m: s_m·G − c_m·α − A_m = 0 and s_m·K − c_m·(β − m·G) − B_m = 0.
 */
export function rangeEquations(statement: RangeStatement, proof: RangeProof, context: readonly Uint8Array[]): Equation[] | null {
  const { min, max, publicKey, ciphertext } = statement;
  assertRange(min, max);
  if (proof.branches.length !== max - min + 1) return null;
  const c = challenge(context, statement, proof.branches);
  if (mod(proof.branches.reduce((acc, b) => acc + b.challenge, 0n)) !== c) return null;
  const equations: Equation[] = [];
  proof.branches.forEach((b, i) => {
    const m = BigInt(min + i);
    equations.push(equation([b.response, G], [-b.challenge, ciphertext.alpha], [-1n, b.commitmentA]));
    equations.push(
      equation([b.response, publicKey], [-b.challenge, ciphertext.beta], [b.challenge * m, G], [-1n, b.commitmentB]),
    );
  });
  return equations;
}

export function verifyRange(statement: RangeStatement, proof: RangeProof, context: readonly Uint8Array[]): boolean {
  const eqs = rangeEquations(statement, proof, context);
  return eqs?.every(equationHolds) ?? false;
}
