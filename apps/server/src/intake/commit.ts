// Storing a verified batch (brief §5): in one database transaction holding the election, each ballot is checked against every ciphertext
// seen before (the UNIQUE alpha table) and earlier ones in the batch, appended to the board with `supersedes`
// naming the voter's previous ballot, and indexed; the transaction signs the new tree head. Receipts are built
// only once the transaction has committed.
import {
  type BallotJson,
  makeInclusionProof,
  type Problem,
  periodOf,
  problem,
  type SignedTreeHeadJson,
  trackingCode,
  withinPeriod,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import type { Receipt, Submission } from './types.ts';
import type { VerifyOutcome } from './verify-batch.ts';

/** Check order of the spec (§3.6.5), with a duplicate put first: it says most plainly what a replay is. */
const PRIORITY: readonly string[] = [
  'MALFORMED',
  'BAD_ENCODING',
  'POINT_NOT_CANONICAL',
  'POINT_IS_IDENTITY',
  'SCALAR_NOT_CANONICAL',
  'WRONG_ELECTION',
  'UNKNOWN_CREDENTIAL',
  'WRONG_STYLE',
  'DUPLICATE_CIPHERTEXT',
  'BAD_SIGNATURE',
  'BAD_SELECTION_PROOF',
  'BAD_SUM_PROOF',
];

/** The error for a refused ballot: every problem, the most telling first. */
export function ballotError(problems: readonly Problem[]): ApiError {
  const rank = (p: Problem) => {
    const i = PRIORITY.indexOf(p.code);
    return i === -1 ? PRIORITY.length : i;
  };
  return ApiError.fromProblems([...problems].sort((a, b) => rank(a) - rank(b)));
}

/** Whether ballots are accepted at `now`: state open and opens ≤ now ≤ closes (spec §4.5). */
export function votingOpen(election: Election, now: number): ApiError | null {
  if (election.state !== 'open') return new ApiError('VOTING_NOT_OPEN', `voting is not open: the election is ${election.state}`);
  const period = periodOf(election.definition);
  if (withinPeriod(period, now)) return null;
  const { opens, closes } = election.definition.votingPeriod;
  return new ApiError('VOTING_NOT_OPEN', now < period.opens ? `voting opens at ${opens}` : `voting closed at ${closes}`);
}

export async function commitBallots(
  services: Services,
  election: Election,
  batch: readonly { submission: Submission; outcome: VerifyOutcome }[],
): Promise<(Receipt | ApiError)[]> {
  const { storage } = services;
  const results: (ApiError | { seq: number; hash: string; supersedes: string | null })[] = [];
  const { head } = await services.elections.transactWithHead(election, async (board) => {
    // Re-checked at the time the ballots would carry: the election may have closed, or the period ended, while the
    // batch was being verified.
    const closed = votingOpen(election, Date.parse(board.time));
    if (closed) {
      results.push(...batch.map(() => closed));
      return;
    }
    const seenInBatch = new Set<string>();
    const latestInBatch = new Map<string, string>();
    for (const { submission, outcome } of batch) {
      if (outcome.problems.length > 0 || outcome.hash === null) {
        results.push(ballotError(outcome.problems.length > 0 ? outcome.problems : [problem('MALFORMED')]));
        continue;
      }
      const duplicates = [];
      for (const [k, alpha] of outcome.alphas.entries()) {
        if (seenInBatch.has(alpha) || (await storage.ballots.seen(election.id, alpha))) {
          duplicates.push(problem('DUPLICATE_CIPHERTEXT', ['selections', k]));
        }
      }
      if (duplicates.length > 0) {
        results.push(ballotError(duplicates));
        continue;
      }
      const { credential, district } = submission.voter;
      const supersedes = latestInBatch.get(credential) ?? (await storage.ballots.latest(election.id, credential)) ?? null;
      const [event] = await board.append({ type: 'ballot', ballot: submission.ballot as BallotJson, supersedes });
      const seq = (event as { seq: number }).seq;
      await storage.ballots.insert(election.id, {
        hash: outcome.hash,
        seq,
        credential,
        district,
        cast_at: Date.parse(board.time),
      });
      if (supersedes) await storage.ballots.supersede(election.id, supersedes, outcome.hash);
      for (const alpha of outcome.alphas) {
        await storage.ballots.insertAlpha(election.id, alpha);
        seenInBatch.add(alpha);
      }
      latestInBatch.set(credential, outcome.hash);
      results.push({ seq, hash: outcome.hash, supersedes });
    }
  });
  // Committed: now, and only now, the receipts, under the head this transaction signed.
  return results.map((r) => (r instanceof ApiError ? r : receiptOf(election, r, head ?? undefined)));
}

/** The receipt of a committed ballot: its place, an inclusion proof and a signed head (default: the current one). */
export function receiptOf(
  election: Election,
  ballot: { seq: number; hash: string; supersedes: string | null },
  head: SignedTreeHeadJson = election.head as SignedTreeHeadJson,
) {
  return {
    ballotHash: ballot.hash,
    trackingCode: trackingCode(ballot.hash),
    leafIndex: ballot.seq,
    supersedes: ballot.supersedes,
    inclusionProof: makeInclusionProof(election.log, ballot.seq, head.treeSize),
    treeHead: head,
  };
}
