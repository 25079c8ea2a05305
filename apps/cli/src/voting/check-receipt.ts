// Checking a receipt file against the public board (spec §5.6, §3.6.7): the ballot is at the receipt's leaf, the
// inclusion proof puts it in the tree the receipt's signed head describes, the server's current head extends that
// head (no rollback, no fork), and which witnesses vouched for that history (§5.9). A receipt file cannot open the
// ballot: the choices are shown only by the verification link, on a second device, within the check window (§3.6.6).
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BallotJson,
  ballotHash,
  ConsistencyProofWire,
  checkCosignatures,
  eventEntryBytes,
  InclusionProofWire,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  verifyHeadConsistency,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { boardPage, checkedEvent } from '../cli/board.ts';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { type ElectionInfo, fetchElection } from '../cli/options.ts';
import { checkFate } from './fate.ts';
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

  const currentJson = await client.get<SignedTreeHeadJson>(`/api/elections/${election.id}/tree-head`, {
    what: 'reading the tree head',
  });
  const current = SignedTreeHeadWire.parse(currentJson);
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

  // The receipt's head's co-signatures (those in the file and those the server has now), and — when it extends
  // the receipt's head — the current head's: a witness that co-signed it checked the history the ballot is in.
  const receiptHead = await client.get<SignedTreeHeadJson>(`/api/elections/${election.id}/tree-head?size=${head.data.treeSize}`, {
    what: 'reading the co-signatures of the receipt’s head',
  });
  const vouching = [
    { head: receipt.treeHead, cosignatures: [...(receipt.treeHead.cosignatures ?? []), ...(receiptHead.cosignatures ?? [])] },
  ];
  if (consistent.ok) vouching.push({ head: currentJson, cosignatures: currentJson.cosignatures ?? [] });
  const witnesses = witnessCheck(election, vouching);
  add('witnesses', witnesses.ok, witnesses.detail);
  if (event?.type === 'ballot' && isBallot) {
    const fate = await checkFate(
      client,
      election,
      { hash: receipt.ballotHash, credential: event.ballot.credential, seq: receipt.leafIndex },
      head.data,
    );
    add('ballot fate', fate.ok, fate.detail);
  }
  return checks;
}

/**
 * Which witnesses vouched for the receipt's head or a later head that extends it (spec §5.9). Any co-signature that
 * does not verify fails the check; too few witnesses so far does not (they co-sign a head a little after it is
 * signed), but the detail says so.
 */
function witnessCheck(
  election: ElectionInfo,
  heads: readonly { readonly head: SignedTreeHeadJson; readonly cosignatures: readonly unknown[] }[],
): { ok: boolean; detail: string } {
  const witnesses = election.definition.witnesses;
  if (!witnesses)
    return { ok: true, detail: "the definition names no witnesses: the board's history rests on the board key alone" };
  const vouched = new Map<string, number>();
  const bad: string[] = [];
  for (const { head, cosignatures } of heads) {
    // One at a time: the same witness's co-signature may come both in the file and from the server.
    for (const cosignature of cosignatures) {
      const verdict = checkCosignatures(election.definition, election.fingerprint, head, [cosignature]);
      for (const id of verdict.signers) vouched.set(id, Math.max(vouched.get(id) ?? 0, head.treeSize));
      bad.push(...verdict.problems.map((p) => p.message));
    }
  }
  const names = [...vouched].map(([id, size]) => `${id} (head of ${size} events)`);
  const count = `${vouched.size} of ${witnesses.members.length} witnesses (quorum ${witnesses.quorum})`;
  if (bad.length > 0) return { ok: false, detail: `BAD_COSIGNATURE: ${bad.join('; ')}` };
  if (vouched.size >= witnesses.quorum) return { ok: true, detail: `${count} vouched: ${names.join(', ')}` };
  return {
    ok: true,
    detail: `${count} vouched so far${names.length ? `: ${names.join(', ')}` : ''}; witnesses co-sign a head shortly after it is signed — check again later, and if none ever do, the server may be showing you a board they never saw`,
  };
}
