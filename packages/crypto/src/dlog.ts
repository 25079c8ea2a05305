// Bounded discrete logarithm by baby-step giant-step (spec §2.4): finds m in [0, bound] with m·G = M.
import { G, mulPublic, type Point } from './group.ts';
import { add, type Cached, type Ext, fromRistretto, IDENTITY, negate, toAffineCached, toCached } from './internal/edwards.ts';
import { canonical, invertAll, mul, sqr } from './internal/field.ts';

/**
 * A 52-bit fingerprint of a ristretto255 element, the same for all its Edwards representatives, or null for
 * the identity. With r = x/y, two representatives are the same element exactly when r₁ = r₂ or r₁·r₂ = 1
 * (RFC 9496 §4.5 equality), so r + 1/r = (X² + Y²)/(X·Y) names the element; X·Y = 0 only for the identity.
 * The low 52 bits of that field element key the table: much cheaper than an encoding (one batched inversion
 * instead of a square root), and every hit is confirmed exactly, so a fingerprint collision costs a check.
 */
function fingerprints(points: readonly Ext[]): (number | null)[] {
  const xy = points.map((p) => canonical(mul(p.X, p.Y)));
  const live = xy.filter((v) => v !== 0n);
  const inverses = invertAll(live);
  let next = 0;
  return points.map((p, i) => {
    if (xy[i] === 0n) return null;
    const k = canonical(mul(sqr(p.X) + sqr(p.Y), inverses[next++] as bigint));
    return Number(k & 0xfffffffffffffn);
  });
}

/** Baby steps j·G for j = 1…size − 1 by fingerprint (j = 0 is the identity); extended, never rebuilt. */
const baby = { size: 1, last: IDENTITY, table: new Map<number, number>(), collisions: new Map<number, number[]>() };
const G_STEP: Cached = toCached(fromRistretto(G));
const CHUNK = 1024;
/** Baby steps kept at most (a table of about 2^20 entries is some tens of MB). */
const MAX_BABY_STEPS = 2 ** 20;
/** Below this many steps a bigger table is cheap, and later calls (a tally solves many) then need few giant steps. */
const MIN_BABY_STEPS = 2 ** 14;

function extendBabySteps(size: number): void {
  while (baby.size < size) {
    const count = Math.min(CHUNK, size - baby.size);
    const points: Ext[] = [];
    let p = baby.last;
    for (let i = 0; i < count; i++) {
      p = add(p, G_STEP);
      points.push(p);
    }
    fingerprints(points).forEach((key, i) => {
      if (key === null) return; // unreachable: j·G ≠ 0 for 0 < j < ℓ
      const j = baby.size + i;
      const earlier = baby.table.get(key);
      if (earlier === undefined) baby.table.set(key, j);
      else baby.collisions.set(key, [...(baby.collisions.get(key) ?? [earlier]), j]);
    });
    baby.last = p;
    baby.size += count;
  }
}

function babyCandidates(key: number): readonly number[] {
  const collided = baby.collisions.get(key);
  if (collided) return collided;
  const j = baby.table.get(key);
  return j === undefined ? [] : [j];
}

/**
 * Returns m with m·G = target for 0 ≤ m ≤ bound, or null when there is none in range.
 * Cost: about bound/n giant steps for a baby-step table of n ≥ √bound entries, which is built once and
 * shared by later calls (a tally solves one discrete log per option and district).
 */
export function discreteLog(target: Point, bound: number): number | null {
  if (!Number.isSafeInteger(bound) || bound < 0) throw new RangeError('bound must be a non-negative safe integer');
  const wanted = Math.max(Math.ceil(Math.sqrt(bound + 1)), MIN_BABY_STEPS);
  const n = Math.min(bound + 1, Math.max(baby.size, Math.min(wanted, MAX_BABY_STEPS)));
  extendBabySteps(n);
  const giant = toAffineCached([negate(fromRistretto(mulPublic(G, BigInt(n))))])[0] as Cached;
  const confirm = (m: number) => m <= bound && mulPublic(G, BigInt(m)).equals(target);
  let gamma = fromRistretto(target); // target − i·n·G
  for (let i = 0; i * n <= bound; ) {
    const count = Math.min(64, Math.floor(bound / n) - i + 1);
    const chunk: Ext[] = [];
    for (let k = 0; k < count; k++) {
      chunk.push(gamma);
      gamma = add(gamma, giant);
    }
    const keys = fingerprints(chunk);
    for (let k = 0; k < count; k++) {
      const key = keys[k] as number | null;
      const base = (i + k) * n;
      const candidates = key === null ? [0] : babyCandidates(key);
      for (const j of candidates) if (confirm(base + j)) return base + j;
    }
    i += count;
  }
  return null;
}
