// Batch verification (spec §2.9): fold many proofs' equations with random 128-bit weights into one
// multi-scalar multiplication; when the batch fails, check each item alone to name exactly the bad ones.
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { mod, type Point, type Scalar } from '../group.ts';
import { isIdentityCombination } from '../internal/msm.ts';
import { type Equation, equationHolds } from './equation.ts';

interface Item<Id> {
  readonly id: Id;
  readonly equations: readonly Equation[] | null;
}

export interface BatchOutcome<Id> {
  readonly ok: boolean;
  /** Ids of the items whose proofs failed, in insertion order. */
  readonly failed: Id[];
}

/** Weights drawn per CSPRNG call: getRandomValues gives at most 65,536 bytes at once. */
const WEIGHTS_PER_DRAW = 4096;

/**
 * Uniform non-zero weights of 128 bits, one per equation, drawn a few thousand at a time: a false
 * equation passes the folded check for at most one weight, so with probability below 2^-127.9.
 */
function randomWeights(count: number): Scalar[] {
  const weights: Scalar[] = [];
  while (weights.length < count) {
    const n = Math.min(WEIGHTS_PER_DRAW, count - weights.length);
    const bytes = randomBytes(16 * n);
    for (let i = 0; i < n; i++) {
      let z = bytesToNumberLE(bytes.subarray(16 * i, 16 * i + 16));
      while (z === 0n) z = bytesToNumberLE(randomBytes(16)); // one chance in 2^128
      weights.push(z);
    }
  }
  return weights;
}

function itemHolds(item: Item<unknown>): boolean {
  return item.equations?.every(equationHolds) ?? false;
}

/**
 * Collects proof checks, each under a caller's id (a ballot index, a trustee, …). An item whose
 * equations are null failed before any multiplication (bad shape, wrong challenge sum).
 */
export class BatchVerifier<Id = number> {
  private readonly items: Item<Id>[] = [];

  add(id: Id, equations: readonly Equation[] | null): void {
    this.items.push({ id, equations });
  }

  get size(): number {
    return this.items.length;
  }

  verify(): BatchOutcome<Id> {
    const failed = this.items.filter((item) => item.equations === null).map((item) => item.id);
    const candidates = this.items.filter((item) => item.equations !== null);
    if (candidates.length === 0) return { ok: failed.length === 0, failed };
    if (foldedHolds(candidates.flatMap((item) => item.equations ?? []))) return { ok: failed.length === 0, failed };
    // The fold failed: at least one candidate is bad; find all of them one by one.
    const badIds = new Set(candidates.filter((item) => !itemHolds(item)).map((item) => item.id));
    const allFailed = this.items.filter((item) => item.equations === null || badIds.has(item.id)).map((item) => item.id);
    return { ok: allFailed.length === 0, failed: allFailed };
  }
}

/**
 * Σ_j z_j·(Σ_k s_jk·P_jk) = 0 for random z_j. Terms on the same point object (G, the election key)
 * are merged so shared bases cost one MSM slot.
 */
export function foldedHolds(equations: readonly Equation[]): boolean {
  const merged = new Map<Point, Scalar>();
  const weights = randomWeights(equations.length);
  equations.forEach((eq, j) => {
    const z = weights[j] as Scalar;
    eq.points.forEach((p, i) => {
      merged.set(p, (merged.get(p) ?? 0n) + z * (eq.scalars[i] as Scalar));
    });
  });
  const points: Point[] = [];
  const scalars: Scalar[] = [];
  for (const [p, s] of merged) {
    const r = mod(s);
    if (r === 0n) continue;
    points.push(p);
    scalars.push(r);
  }
  if (points.length === 0) return true;
  return isIdentityCombination(points, scalars);
}
