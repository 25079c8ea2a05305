// Is this ballot on the public board? Fetches the board event at the receipt's leaf index, checks that it is this
// ballot, and checks its inclusion proof against the signed tree head under the definition's board key (spec §5.6).
import {
  type BallotJson,
  type BoardEventJson,
  ballotHash,
  EventWire,
  eventEntryBytes,
  type InclusionProof,
  type SignedTreeHead,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { api } from './api.ts';
import type { LoadedElection } from './election.ts';

export interface BoardCheck {
  /** The head's signature verifies under the board key, for this election. */
  readonly headSigned: boolean;
  /** The board event at the leaf index is this ballot, and the proof puts it in the head's tree. */
  readonly included: boolean;
}

export async function checkBallotOnBoard(
  election: LoadedElection,
  hash: string,
  leafIndex: number,
  proof: InclusionProof,
  head: SignedTreeHead,
  /** The board event as the server gave it with the ballot, if it did; else it is read from the board. */
  given?: unknown,
): Promise<BoardCheck> {
  const event = (
    given !== undefined && EventWire.safeParse(given).success ? given : await api.boardEvent(election.id, leafIndex)
  ) as BoardEventJson;
  const isThisBallot =
    event.type === 'ballot' &&
    event.seq === leafIndex &&
    ballotHash(event.ballot as BallotJson) === hash &&
    proof.leafIndex === leafIndex;
  const result = verifyReceiptInclusion(
    { publicKey: election.boardKey, fingerprint: election.fingerprint },
    eventEntryBytes(election.fingerprint, event),
    proof,
    head,
  );
  const failed = result.ok ? [] : result.problems.map((p) => p.code);
  return {
    headSigned: !failed.includes('BAD_TREE_HEAD_SIGNATURE'),
    included: isThisBallot && !failed.includes('BAD_INCLUSION_PROOF'),
  };
}
