// Batch verification (spec §2.9): fold many proofs' equations with random 128-bit weights into one
// multi-scalar multiplication; when the batch fails, check each item alone to name exactly the bad ones.
import { pippenger } from '@noble/curves/abstract/curve.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { mod, Point, type Scalar } from '../group.ts';
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

/** A random weight of 128 bits: a forged item passes the folded check with probability ≤ 2^-128. */
function randomWeight(): Scalar {
  return bytesToNumberLE(randomBytes(16)) | 1n;
}

function itemHolds(item: Item<unknown>): boolean {
  return item.equations?.every(equationHolds);
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
  for (const eq of equations) {
    const z = randomWeight();
    eq.points.forEach((p, i) => {
      merged.set(p, (merged.get(p) ?? 0n) + z * (eq.scalars[i] as Scalar));
    });
  }
  const points: Point[] = [];
  const scalars: Scalar[] = [];
  for (const [p, s] of merged) {
    const r = mod(s);
    if (r === 0n) continue;
    points.push(p);
    scalars.push(r);
  }
  if (points.length === 0) return true;
  return pippenger(Point, points, scalars).is0();
}
