// A ballot's fate after processing (spec §6.2): counted, superseded by a later e-vote of its credential, cancelled
// by a paper vote, or revoked with its credential when the voter's letter was re-issued — the counted set's rule applied to one credential — and the board event that shows it, so that a
// voter holding a receipt can check the server's answer (GET /api/elections/:eid/ballots/:hash/fate).
import { z } from 'zod';
import { InclusionProofWire } from '../board/proofs.ts';
import { SignedTreeHeadWire } from '../board/tree-head.ts';
import { DigestHex } from '../codec.ts';
import type { BoardEventJson } from '../events/schema.ts';
import { type BoardBallot, countedSet } from './counted-set.ts';

/** What became of one ballot: counted, superseded by its credential's last ballot, or cancelled. */
export type BallotFate =
  | { readonly fate: 'counted'; readonly ballot: BoardBallot }
  | { readonly fate: 'superseded'; readonly ballot: BoardBallot; readonly by: BoardBallot }
  | { readonly fate: 'cancelled'; readonly ballot: BoardBallot }
  | { readonly fate: 'revoked'; readonly ballot: BoardBallot };
export type FateKind = BallotFate['fate'];

/**
 * The fate of ballot `hash` from its credential's ballots in board order — all of them, or at least those from this
 * one on, since only the last matters — whether that credential voted on paper, and whether it was revoked. undefined
 * when the hash is not among the ballots. The rule is countedSet's, applied to one credential.
 */
export function ballotFate(
  credentialBallots: readonly BoardBallot[],
  hash: string,
  votedOnPaper: boolean,
  revoked = false,
): BallotFate | undefined {
  const ballot = credentialBallots.find((b) => b.hash === hash);
  if (!ballot) return undefined;
  if (credentialBallots.some((b) => b.credential !== ballot.credential))
    throw new RangeError('the ballots of one credential only');
  const mine = new Set([ballot.credential]);
  const set = countedSet(credentialBallots, votedOnPaper ? mine : new Set(), revoked ? mine : new Set());
  const last = set.lastByCredential.get(ballot.credential) as BoardBallot;
  if (last !== ballot) return { fate: 'superseded', ballot, by: last };
  if (set.counted.includes(hash)) return { fate: 'counted', ballot };
  return set.revoked > 0 ? { fate: 'revoked', ballot } : { fate: 'cancelled', ballot };
}

/** The board event type that decides each fate. */
export const DECIDING_EVENT = {
  counted: 'counted-set',
  superseded: 'ballot',
  cancelled: 'cancellation',
  revoked: 'credential-replacement',
} as const;

/**
 * Whether a board event shows the fate of a ballot (its hash, credential and seq as on its own board event): a
 * `counted-set` listing the hash (counted); a later `ballot` of the same credential (superseded: only a credential's
 * last ballot can count); a `cancellation` naming the credential (cancelled); a `credential-replacement` whose `old`
 * is the credential (revoked).
 */
export function fateShownBy(fate: FateKind, ballot: BoardBallot, event: BoardEventJson): boolean {
  switch (fate) {
    case 'counted':
      return event.type === 'counted-set' && event.counted.includes(ballot.hash);
    case 'superseded':
      return event.type === 'ballot' && event.seq > ballot.seq && event.ballot.credential === ballot.credential;
    case 'cancelled':
      return event.type === 'cancellation' && event.credentials.includes(ballot.credential);
    case 'revoked':
      return event.type === 'credential-replacement' && event.old === ballot.credential;
  }
}

/** The public answer about a ballot's fate: the deciding event's place and time, its inclusion proof under a signed head. */
export const FateAnswerWire = z
  .object({
    ballotHash: DigestHex,
    /** The ballot's own place on the board. */
    seq: z.number().int().min(0),
    fate: z.enum(['counted', 'superseded', 'cancelled', 'revoked']),
    decidedBy: z
      .object({
        seq: z.number().int().min(0),
        type: z.enum(['counted-set', 'ballot', 'cancellation', 'credential-replacement']),
        time: z.string(),
        /** The later ballot's hash, when superseded. */
        ballotHash: DigestHex.optional(),
      })
      .strict(),
    inclusionProof: InclusionProofWire,
    treeHead: SignedTreeHeadWire,
  })
  .strict();
export type FateAnswer = z.output<typeof FateAnswerWire>;
export type FateAnswerJson = z.input<typeof FateAnswerWire>;
