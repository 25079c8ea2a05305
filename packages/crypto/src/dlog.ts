// Bounded discrete logarithm by baby-step giant-step (spec §2.4): finds m in [0, bound] with m·G = M.
import { G, IDENTITY, type Point } from './group.ts';

/** Baby-step tables are expensive to build; keep them per size and reuse across tallies. */
const tables = new Map<number, Map<string, number>>();

function babySteps(size: number): Map<string, number> {
  let table = tables.get(size);
  if (table) return table;
  table = new Map();
  let p = IDENTITY;
  for (let j = 0; j < size; j++) {
    table.set(p.toHex(), j);
    p = p.add(G);
  }
  tables.set(size, table);
  return table;
}

/**
 * Returns m with m·G = target for 0 ≤ m ≤ bound, or null when there is none in range.
 * Cost: about √bound additions and encodings, plus a √bound table shared by later calls.
 */
export function discreteLog(target: Point, bound: number): number | null {
  if (!Number.isSafeInteger(bound) || bound < 0) throw new RangeError('bound must be a non-negative safe integer');
  const size = Math.max(1, Math.ceil(Math.sqrt(bound + 1)));
  const table = babySteps(size);
  const giantStep = G.multiplyUnsafe(BigInt(size)).negate();
  let gamma = target;
  for (let i = 0; i * size <= bound; i++) {
    const j = table.get(gamma.toHex());
    if (j !== undefined) {
      const m = i * size + j;
      return m <= bound ? m : null;
    }
    gamma = gamma.add(giantStep);
  }
  return null;
}
