// Witnesses (spec §5.9): independent observers co-sign the heads this server signs, each only after checking that
// the head extends the last one it co-signed. The server keeps a co-signature when it verifies under a witness key
// of the definition and is for a head the server itself signed, and hands them out with the heads.
import {
  type CosignatureJson,
  type CosignatureRequestJson,
  canonicalJson,
  checkCosignatures,
  type SignedTreeHeadJson,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

export interface CosignatureAccepted {
  readonly treeSize: number;
  readonly witness: string;
  /** Every witness that has co-signed this head, by id. */
  readonly cosignedBy: readonly string[];
}

/**
 * Keeps a witness's co-signature: FORBIDDEN for a witness the definition does not name, BAD_COSIGNATURE when it does
 * not verify, NOT_FOUND when this server signed no such head. Handing in the same co-signature again is harmless.
 */
export async function acceptCosignature(
  services: Services,
  election: Election,
  request: CosignatureRequestJson,
): Promise<CosignatureAccepted> {
  const { witness, treeSize, rootHash, timestamp, signature } = request;
  const members = election.definition.witnesses?.members ?? [];
  if (!members.some((m) => m.id === witness)) {
    throw new ApiError('FORBIDDEN', `the definition of "${election.id}" names no witness "${witness}"`);
  }
  // The signature first: it is what authenticates the witness.
  const verdict = checkCosignatures(election.definition, election.fingerprint, { treeSize, rootHash, timestamp }, [
    { witness, signature },
  ]);
  if (verdict.signers.length !== 1) throw ApiError.fromProblems(verdict.problems);
  const stored = await services.storage.board.head(election.id, treeSize);
  const head = stored === undefined ? undefined : (JSON.parse(stored) as SignedTreeHeadJson);
  if (head === undefined || head.rootHash !== rootHash || head.timestamp !== timestamp) {
    throw new ApiError('NOT_FOUND', `this server signed no head of ${treeSize} events with that root and time`);
  }
  await services.storage.cosignatures.insert(election.id, treeSize, witness, canonicalJson(signature));
  const cosignedBy = (await services.storage.cosignatures.forHead(election.id, treeSize)).map((row) => row.witness);
  return { treeSize, witness, cosignedBy };
}

/** The co-signatures kept for one head. */
export async function cosignaturesOfHead(services: Services, election: Election, treeSize: number): Promise<CosignatureJson[]> {
  return (await services.storage.cosignatures.forHead(election.id, treeSize)).map((row) => ({
    witness: row.witness,
    signature: JSON.parse(row.signature),
  }));
}

/** Every head the server signed, in order, each with the co-signatures kept for it (an empty list when none). */
export async function headsWithCosignatures(services: Services, election: Election): Promise<SignedTreeHeadJson[]> {
  const bySize = new Map<number, CosignatureJson[]>();
  for (const row of await services.storage.cosignatures.all(election.id)) {
    const list = bySize.get(row.tree_size) ?? [];
    list.push({ witness: row.witness, signature: JSON.parse(row.signature) });
    bySize.set(row.tree_size, list);
  }
  return (await services.storage.board.heads(election.id)).map((body) => {
    const head = JSON.parse(body) as SignedTreeHeadJson;
    return { ...head, cosignatures: bySize.get(head.treeSize) ?? [] };
  });
}
