// Verifying a batch of ballots (spec §3.6.5, §2.9): every check but the duplicate lookup, with all proof equations
// of the batch folded into one multi-scalar multiplication. Pure; runs on the main thread or in a worker.
import { type Equation, foldedHolds } from '@saylau/crypto';
import {
  type BallotCheckContext,
  type ElectionContext,
  type Problem,
  prepareBallotChecks,
  problem,
  verifyProofChecks,
} from '@saylau/protocol';

export interface VerifyItem {
  /**
   * The ballot's JSON text as submitted (untrusted). Text crosses to a worker as one flat copy; a parsed object
   * would be structured-cloned, recursing over however deeply a client nested it.
   */
  readonly ballot: string;
  /** The session voter's credential (hex) and district: the only credential this ballot may be registered under. */
  readonly credential: string;
  readonly district: string;
}

export interface VerifyOutcome {
  /** The ballot hash, when the ballot parsed. */
  readonly hash: string | null;
  /** Empty when the ballot is valid (duplicates aside, which the caller checks against the file). */
  readonly problems: Problem[];
  /** Every selection's alpha (hex) of a valid ballot, for the duplicate check. */
  readonly alphas: string[];
}

interface Candidate {
  readonly index: number;
  readonly checks: ReturnType<typeof prepareBallotChecks>;
  readonly equations: Equation[];
}

export function verifyBatch(election: ElectionContext, items: readonly VerifyItem[]): VerifyOutcome[] {
  const outcomes: VerifyOutcome[] = new Array(items.length);
  const candidates: Candidate[] = [];
  items.forEach((item, index) => {
    const ctx: BallotCheckContext = {
      ...election,
      districtOf: (hex) => (hex === item.credential ? item.district : undefined),
    };
    const ballot = parseJson(item.ballot);
    if (ballot === undefined) {
      outcomes[index] = { hash: null, problems: [problem('MALFORMED', [], 'the ballot is not JSON')], alphas: [] };
      return;
    }
    const checks = prepareBallotChecks(ballot, ctx);
    const failedEarly = checks.proofs.filter((p) => p.equations === null);
    if (checks.problems.length > 0 || failedEarly.length > 0) {
      const problems = [...checks.problems, ...failedEarly.map((p) => problem(p.code, p.path))];
      outcomes[index] = { hash: checks.hash ?? null, problems, alphas: [] };
      return;
    }
    candidates.push({ index, checks, equations: checks.proofs.flatMap((p) => p.equations ?? []) });
  });
  settle(candidates, outcomes);
  return outcomes;
}

/**
 * Folds a group's equations into one check. A failing group is halved until the bad ballots stand alone, so one
 * forged ballot costs its batch O(log n) extra folds instead of checking every ballot on its own.
 */
function settle(group: readonly Candidate[], outcomes: VerifyOutcome[]): void {
  if (group.length === 0) return;
  if (foldedHolds(group.flatMap((c) => c.equations))) {
    for (const c of group) outcomes[c.index] = { hash: c.checks.hash ?? null, problems: [], alphas: alphasOf(c.checks) };
    return;
  }
  if (group.length === 1) {
    const c = group[0] as Candidate;
    // names each failed proof (a fresh random fold of this ballot alone, then one by one)
    const problems = verifyProofChecks(c.checks.proofs);
    outcomes[c.index] = { hash: c.checks.hash ?? null, problems, alphas: problems.length === 0 ? alphasOf(c.checks) : [] };
    return;
  }
  const half = Math.ceil(group.length / 2);
  settle(group.slice(0, half), outcomes);
  settle(group.slice(half), outcomes);
}

/** The value of a JSON text, or undefined if it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function alphasOf(checks: ReturnType<typeof prepareBallotChecks>): string[] {
  return (checks.json?.answers ?? []).flatMap((a) => a.selections.map((s) => s.ciphertext.alpha));
}
