// After processing, a receipt's ballot has a fate (spec §6.2): counted, superseded by a later e-vote, or cancelled by a
// paper vote. The server names the board event that decides it; this checks that event against a head signed by the
// board key, that the head extends the receipt's (the same history as the ballot), and that the event shows the fate.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BallotJson,
  type BoardEventJson,
  ballotHash,
  ConsistencyProofWire,
  eventEntryBytes,
  FateAnswerWire,
  fateShownBy,
  type SignedTreeHead,
  trackingCode,
  verifyHeadConsistency,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { boardPage } from '../cli/board.ts';
import type { ApiClient } from '../cli/client.ts';
import type { ElectionInfo } from '../cli/options.ts';

const PROCESSED = ['processed', 'decrypted', 'published'];

export interface FateCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * The ballot's fate as the board shows it, or a note that voting is not yet processed. `ballot` is the receipt's
 * ballot as its own board event gives it (hash, credential, place) and `receiptHead` the receipt's signed head.
 */
export async function checkFate(
  client: ApiClient,
  election: ElectionInfo,
  ballot: { readonly hash: string; readonly credential: string; readonly seq: number },
  receiptHead: SignedTreeHead,
): Promise<FateCheck> {
  if (!PROCESSED.includes(election.state)) {
    return { ok: true, detail: `not known yet: voting not yet processed (the election is ${election.state})` };
  }
  const base = `/api/elections/${election.id}`;
  const fate = FateAnswerWire.parse(
    await client.get(`${base}/ballots/${ballot.hash}/fate`, { what: 'reading the ballot’s fate' }),
  );
  const { events } = await boardPage(client, election.id, fate.decidedBy.seq, 1);
  const deciding = events[0] as BoardEventJson | undefined;
  const board = { publicKey: decodePoint(hexToBytes(election.definition.boardKey)), fingerprint: election.fingerprint };
  const problems: string[] = [];
  if (!deciding || fate.ballotHash !== ballot.hash || fate.seq !== ballot.seq)
    problems.push('the answer is about another ballot');
  else {
    const included = verifyReceiptInclusion(
      board,
      eventEntryBytes(election.fingerprint, deciding),
      fate.inclusionProof,
      fate.treeHead,
    );
    if (!included.ok) problems.push(...included.problems.map((p) => p.code));
    if (!fateShownBy(fate.fate, ballot, deciding))
      problems.push(`event ${fate.decidedBy.seq} does not show that the ballot was ${fate.fate}`);
    const later = deciding.type === 'ballot' ? ballotHash(deciding.ballot as BallotJson) : undefined;
    if (fate.fate === 'superseded' && fate.decidedBy.ballotHash !== later) problems.push('the later ballot is not the one named');
  }
  if (fate.treeHead.treeSize >= receiptHead.treeSize) {
    const proof = ConsistencyProofWire.parse(
      await client.get(`${base}/proofs/consistency?from=${receiptHead.treeSize}&to=${fate.treeHead.treeSize}`, {
        what: 'reading the consistency proof',
      }),
    );
    const consistent = verifyHeadConsistency(board, receiptHead, fate.treeHead, proof);
    if (!consistent.ok) problems.push(...consistent.problems.map((p) => p.code));
  } else problems.push('the head of the answer is older than the receipt’s');
  if (problems.length > 0) return { ok: false, detail: `the server says ${fate.fate}, but ${problems.join(', ')}` };
  const at = `event ${fate.decidedBy.seq}, ${fate.decidedBy.time}`;
  switch (fate.fate) {
    case 'counted':
      return { ok: true, detail: `COUNTED: the counted set lists this ballot (${at})` };
    case 'superseded':
      return {
        ok: true,
        detail: `SUPERSEDED by a later e-vote with the same credential, ${trackingCode(fate.decidedBy.ballotHash as string)} (${at}); only the last e-vote counts`,
      };
    case 'cancelled':
      return {
        ok: true,
        detail: `CANCELLED by a paper vote (cancellation ${at}). If you did not vote on paper, complain to the election commission: this receipt and the board are your evidence`,
      };
    case 'revoked':
      return {
        ok: true,
        detail: `REVOKED: the credential that signed this ballot was replaced when the letter was re-issued (${at}); only e-votes with the new credential count`,
      };
  }
}
