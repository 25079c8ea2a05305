// A ballot's fate on the second device (spec §6.2), once the election is processed: counted, superseded by a later
// e-vote, or cancelled by a paper vote. The server names the deciding board event; the page reads that event and the
// ballot's own from the board and checks that a head signed with the board key includes it and that it shows the fate.
import {
  type BallotJson,
  type BoardEventJson,
  ballotHash,
  eventEntryBytes,
  type FateKind,
  fateShownBy,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { ApiError, api } from '../api.ts';
import type { LoadedElection } from '../election.ts';

const PROCESSED = ['processed', 'decrypted', 'published'];

export type FateOutcome =
  | { readonly kind: 'not-processed' }
  | {
      readonly kind: 'known';
      readonly fate: FateKind;
      /** The deciding event's place and time, and for a superseded ballot the later ballot's hash. */
      readonly decidedBy: { readonly seq: number; readonly time: string; readonly ballotHash?: string | undefined };
      /** The deciding event is on the board under a head signed with the board key, and it shows this fate. */
      readonly evidence: boolean;
    };

/** Whether the election is processed, and if so the ballot's fate with the board's evidence for it. */
export async function ballotFate(election: LoadedElection, hash: string): Promise<FateOutcome> {
  if (!PROCESSED.includes(election.state)) return { kind: 'not-processed' };
  const answer = await api.fate(election.id, hash);
  const [own, deciding] = (await Promise.all([
    api.boardEvent(election.id, answer.seq),
    api.boardEvent(election.id, answer.decidedBy.seq),
  ])) as [BoardEventJson, BoardEventJson];
  if (own.type !== 'ballot' || ballotHash(own.ballot as BallotJson) !== hash || answer.ballotHash !== hash) {
    throw new ApiError('BAD_ANSWER', 200, 'the fate names another ballot');
  }
  const included = verifyReceiptInclusion(
    { publicKey: election.boardKey, fingerprint: election.fingerprint },
    eventEntryBytes(election.fingerprint, deciding),
    answer.inclusionProof,
    answer.treeHead,
  ).ok;
  const later = deciding.type === 'ballot' ? ballotHash(deciding.ballot as BallotJson) : undefined;
  const shown =
    fateShownBy(answer.fate, { hash, credential: own.ballot.credential, seq: own.seq }, deciding) &&
    (answer.fate !== 'superseded' || answer.decidedBy.ballotHash === later);
  return {
    kind: 'known',
    fate: answer.fate,
    decidedBy: { seq: answer.decidedBy.seq, time: answer.decidedBy.time, ballotHash: answer.decidedBy.ballotHash },
    evidence: included && shown,
  };
}
