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
    // What the database knows of the batch, asked once: ciphertexts seen before, each voter's latest ballot.
    const valid = batch.filter(({ outcome }) => outcome.problems.length === 0 && outcome.hash !== null);
    const seenBefore = new Set(
      await storage.ballots.seenAmong(
        election.id,
        valid.flatMap(({ outcome }) => outcome.alphas),
      ),
    );
    const latest = await storage.ballots.latestOf(
      election.id,
      valid.map(({ submission }) => submission.voter.credential),
    );
    const seenInBatch = new Set<string>();
    const kept: { submission: Submission; hash: string; alphas: readonly string[]; supersedes: string | null; at: number }[] = [];
    for (const { submission, outcome } of batch) {
      if (outcome.problems.length > 0 || outcome.hash === null) {
        results.push(ballotError(outcome.problems.length > 0 ? outcome.problems : [problem('MALFORMED')]));
        continue;
      }
      const duplicates = outcome.alphas.flatMap((alpha, k) =>
        seenInBatch.has(alpha) || seenBefore.has(alpha) ? [problem('DUPLICATE_CIPHERTEXT', ['selections', k])] : [],
      );
      if (duplicates.length > 0) {
        results.push(ballotError(duplicates));
        continue;
      }
      const { credential } = submission.voter;
      const supersedes = latest.get(credential) ?? null;
      for (const alpha of outcome.alphas) seenInBatch.add(alpha);
      latest.set(credential, outcome.hash);
      // the result's place, filled in once the events are appended below
      results.push({ seq: -1, hash: outcome.hash, supersedes });
      kept.push({ submission, hash: outcome.hash, alphas: outcome.alphas, supersedes, at: results.length - 1 });
    }
    // The batch's events in one append, then its index rows: a few statements whatever the batch's size.
    const events = await board.append(
      ...kept.map((k) => ({ type: 'ballot' as const, ballot: k.submission.ballot as BallotJson, supersedes: k.supersedes })),
    );
    const castAt = Date.parse(board.time);
    await storage.ballots.insertMany(
      election.id,
      kept.map((k, i) => ({
        hash: k.hash,
        seq: (events[i] as { seq: number }).seq,
        credential: k.submission.voter.credential,
        district: k.submission.voter.district,
        cast_at: castAt,
      })),
    );
    for (const k of kept) if (k.supersedes) await storage.ballots.supersede(election.id, k.supersedes, k.hash);
    await storage.ballots.insertAlphas(
      election.id,
      kept.flatMap((k) => k.alphas),
    );
    kept.forEach((k, i) => {
      results[k.at] = { seq: (events[i] as { seq: number }).seq, hash: k.hash, supersedes: k.supersedes };
    });
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
