// A ballot's fate after processing (spec §6.2, docs/api.md): counted, superseded by a later e-vote of its credential,
// or cancelled by a paper vote — by the protocol's one rule (ballotFate) — with the board event that decides it and
// that event's inclusion proof under the current signed head, so the voter can check the answer against the board.
import {
  type BoardBallot,
  type BoardEventJson,
  ballotFate,
  DECIDING_EVENT,
  type FateAnswerJson,
  makeInclusionProof,
  type SignedTreeHeadJson,
} from '@saylau/protocol';
import type { BallotRow } from '../db/ballots-store.ts';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

const PROCESSED = ['processed', 'decrypted', 'published'];

/** What processing put on the board, which never changes afterwards: read once per election. */
interface Processed {
  readonly countedSetSeq: number;
  /** credential → seq of the first cancellation event that names it */
  readonly paperVotes: ReadonlyMap<string, number>;
  /** credential → seq of the first credential-replacement event that revoked it */
  readonly revocations: ReadonlyMap<string, number>;
}

const processedBoards = new WeakMap<Election, Processed>();

async function processedBoard(services: Services, election: Election): Promise<Processed> {
  const known = processedBoards.get(election);
  if (known) return known;
  const events = async (type: string) =>
    (await services.storage.board.eventsOfType(election.id, type)).map((b) => JSON.parse(b) as BoardEventJson);
  const countedSet = (await events('counted-set'))[0];
  if (!countedSet) throw new Error(`election ${election.id} is processed but has no counted-set event`);
  const paperVotes = new Map<string, number>();
  for (const e of await events('cancellation')) {
    if (e.type !== 'cancellation') continue;
    for (const credential of e.credentials) if (!paperVotes.has(credential)) paperVotes.set(credential, e.seq);
  }
  const revocations = new Map<string, number>();
  for (const e of await events('credential-replacement')) {
    if (e.type === 'credential-replacement' && !revocations.has(e.old)) revocations.set(e.old, e.seq);
  }
  const board = { countedSetSeq: countedSet.seq, paperVotes, revocations };
  processedBoards.set(election, board);
  return board;
}

const boardBallot = (row: BallotRow): BoardBallot => ({ hash: row.hash, credential: row.credential, seq: row.seq });

/** The fate of ballot `hash`; WRONG_STATE before processing, NOT_FOUND for a hash that is no ballot of this election. */
export async function fateOfBallot(services: Services, election: Election, hash: string): Promise<FateAnswerJson> {
  if (!PROCESSED.includes(election.state)) {
    throw new ApiError(
      'WRONG_STATE',
      'voting not yet processed: a ballot’s fate is known once the commission has processed the ballots',
    );
  }
  const { ballots, board } = services.storage;
  const row = await ballots.get(election.id, hash);
  if (!row) throw new ApiError('NOT_FOUND', `no ballot ${hash.slice(0, 64)} in election ${election.id}`);
  // The credential's ballots from this one on, by the re-vote index written with each ballot (board order).
  const chain = [row];
  for (let next = row.superseded_by; next !== null; ) {
    const later = await ballots.get(election.id, next);
    if (!later) throw new Error(`ballot ${next} superseding another is missing from the index`);
    chain.push(later);
    next = later.superseded_by;
  }
  const processed = await processedBoard(services, election);
  const paperSeq = processed.paperVotes.get(row.credential);
  const revokedSeq = processed.revocations.get(row.credential);
  const fate = ballotFate(chain.map(boardBallot), hash, paperSeq !== undefined, revokedSeq !== undefined);
  if (!fate) throw new Error(`ballot ${hash} vanished from its own chain`);
  const seq =
    fate.fate === 'counted'
      ? processed.countedSetSeq
      : fate.fate === 'superseded'
        ? fate.by.seq
        : fate.fate === 'revoked'
          ? (revokedSeq as number)
          : (paperSeq as number);
  const deciding = JSON.parse((await board.event(election.id, seq)) as string) as BoardEventJson;
  const current = await services.elections.covering(election, seq);
  const head = current.head as SignedTreeHeadJson;
  return {
    ballotHash: hash,
    seq: row.seq,
    fate: fate.fate,
    decidedBy: {
      seq,
      type: DECIDING_EVENT[fate.fate],
      time: deciding.time,
      ...(fate.fate === 'superseded' ? { ballotHash: fate.by.hash } : {}),
    },
    inclusionProof: makeInclusionProof(current.log, seq, head.treeSize),
    treeHead: head,
  };
}
