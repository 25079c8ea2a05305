// Checking a receipt file against the public board (spec §5.6, §3.6.7): the ballot is at the receipt's leaf, the
// inclusion proof puts it in the tree the receipt's signed head describes, and the server's current head extends that
// head (no rollback, no fork). A receipt file cannot open the ballot: the choices are shown only by the verification
// link, on a second device, within the check window (§3.6.6).
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BallotJson,
  ballotHash,
  ConsistencyProofWire,
  eventEntryBytes,
  InclusionProofWire,
  SignedTreeHeadWire,
  verifyHeadConsistency,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { boardPage, checkedEvent } from '../cli/board.ts';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import type { ReceiptFile } from './vote.ts';

export interface ReceiptCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export async function checkReceipt(client: ApiClient, receipt: ReceiptFile): Promise<ReceiptCheck[]> {
  const election = await fetchElection(client, receipt.election);
  const checks: ReceiptCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  add('fingerprint', election.fingerprintHex === receipt.fingerprint, `election ${election.id} ${election.fingerprintHex}`);
  const head = SignedTreeHeadWire.safeParse(receipt.treeHead);
  const proof = InclusionProofWire.safeParse(receipt.inclusionProof);
  if (!head.success || !proof.success) throw new CliError('the receipt is malformed (tree head or inclusion proof)', EXIT.usage);
  const board = { publicKey: decodePoint(hexToBytes(election.definition.boardKey)), fingerprint: election.fingerprint };

  const { events } = await boardPage(client, election.id, receipt.leafIndex, 1);
  const event = events[0] ? checkedEvent(events[0]) : undefined;
  const isBallot = event?.type === 'ballot' && ballotHash(event.ballot as BallotJson) === receipt.ballotHash;
  add(
    'ballot on the board',
    isBallot,
    `event ${receipt.leafIndex} ${isBallot ? 'is' : 'is NOT'} ballot ${receipt.ballotHash.slice(0, 16)}…`,
  );
  if (event) {
    const included = verifyReceiptInclusion(board, eventEntryBytes(election.fingerprint, event), proof.data, head.data);
    add(
      'inclusion proof',
      included.ok,
      included.ok
        ? `leaf ${receipt.leafIndex} is in the signed tree of ${head.data.treeSize} events`
        : included.problems.map((p) => p.code).join(', '),
    );
  }

  const current = SignedTreeHeadWire.parse(
    await client.get(`/api/elections/${election.id}/tree-head`, { what: 'reading the tree head' }),
  );
  const consistency = ConsistencyProofWire.parse(
    await client.get(`/api/elections/${election.id}/proofs/consistency?from=${head.data.treeSize}&to=${current.treeSize}`, {
      what: 'reading the consistency proof',
    }),
  );
  const consistent = verifyHeadConsistency(board, head.data, current, consistency);
  add(
    'board consistency',
    consistent.ok,
    consistent.ok
      ? `the current signed head (${current.treeSize} events) extends the receipt's (${head.data.treeSize})`
      : consistent.problems.map((p) => p.code).join(', '),
  );

  return checks;
}
