// The receipt a voter keeps (spec §3.6.7): the server's answer to a cast ballot, and the file the booth downloads
// and `saylau vote --receipt` writes. A closed schema: it names the ballot and proves it is on the board, and has no
// field where a seed or a verification key could go, so a receipt file never opens the vote. Its head may carry the
// witnesses' co-signatures known when the file was written (usually none: witnesses co-sign a little later).
import { z } from 'zod';
import { InclusionProofWire } from '../board/proofs.ts';
import { SignedTreeHeadWire, TreeSizeWire } from '../board/tree-head.ts';
import { DigestHex } from '../codec.ts';
import { IdSchema } from '../definition/schema.ts';
import { fail, ok, problem, type Result } from '../errors.ts';
import { trackingCode } from './tracking.ts';

/**
 * The server's answer to POST …/ballots, issued once the ballot is committed. Read leniently (members a later server
 * adds are dropped, not refused); the receipt file below is closed.
 */
export const ReceiptWire = z.object({
  ballotHash: DigestHex,
  trackingCode: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'BAD_ENCODING'),
  leafIndex: TreeSizeWire,
  /** The hash of the credential's previous ballot, which this one replaces; null for its first. */
  supersedes: DigestHex.nullable(),
  inclusionProof: InclusionProofWire,
  treeHead: SignedTreeHeadWire,
});
export type ReceiptJson = z.input<typeof ReceiptWire>;

export const RECEIPT_FILE_TYPE = 'saylau-receipt';

export const ReceiptFileWire = z
  .object({
    ...ReceiptWire.shape,
    type: z.literal(RECEIPT_FILE_TYPE),
    version: z.literal(1),
    election: IdSchema,
    fingerprint: DigestHex,
    /** Where the board is (the origin of the booth, or the CLI's --server); absent when not known. */
    server: z.string().min(1).max(2048).optional(),
  })
  .strict();
export type ReceiptFileJson = z.input<typeof ReceiptFileWire>;

/** The file's JSON for a receipt: only the listed fields are copied, whatever else the object carries. */
export function receiptFile(
  receipt: ReceiptJson,
  where: { readonly election: string; readonly fingerprint: string; readonly server?: string },
): ReceiptFileJson {
  return {
    type: RECEIPT_FILE_TYPE,
    version: 1,
    election: where.election,
    fingerprint: where.fingerprint,
    ...(where.server === undefined ? {} : { server: where.server }),
    ballotHash: receipt.ballotHash,
    trackingCode: receipt.trackingCode,
    leafIndex: receipt.leafIndex,
    supersedes: receipt.supersedes,
    inclusionProof: receipt.inclusionProof,
    treeHead: receipt.treeHead,
  };
}

/** A receipt file read back: MALFORMED for a wrong shape or an unknown field, or a tracking code of another hash. */
export function readReceiptFile(json: unknown): Result<ReceiptFileJson> {
  const parsed = ReceiptFileWire.safeParse(json);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) =>
        problem(
          'MALFORMED',
          issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
          issue.message,
        ),
      ),
    );
  }
  const file = json as ReceiptFileJson;
  if (trackingCode(file.ballotHash) !== file.trackingCode) {
    return fail([problem('MALFORMED', ['trackingCode'], 'the tracking code is not the one of the ballot hash')]);
  }
  return ok(file);
}
