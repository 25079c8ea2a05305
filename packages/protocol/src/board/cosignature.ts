// Witness co-signatures of tree heads (spec §5.9): an independent witness signs a head only after checking that it
// extends the last head it signed, so a board that was rolled back or forked (a server restored from a backup)
// cannot collect co-signatures. One message, signed and checked here for the witness, the server and the verifier.
import {
  bytesEqual,
  decodePoint,
  encodePoint,
  encodeTuple,
  hexToBytes,
  type Point,
  type Scalar,
  sign,
  TAGS,
  u64,
  utf8ToBytes,
  verifySignature,
} from '@saylau/crypto';
import { z } from 'zod';
import { DigestHex, SignatureWire } from '../codec.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import {
  type CosignatureJson,
  CosignatureWire,
  isTimestamp,
  type SignedTreeHead,
  TimestampWire,
  TreeSizeWire,
} from './tree-head.ts';

const FINGERPRINT_BYTES = 32;

/** The head fields a co-signature covers (the board's own signature is not part of it). */
export type CosignedFields = Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp'>;

/**
 * The co-signed message: encodeTuple("saylau/v1/witness/cosignature", [fp, u64(treeSize), rootHash, utf8(timestamp)]),
 * the tree head message of §5.5 under the witness tag, so neither signature can stand for the other.
 */
export function cosignatureMessage(
  fingerprint: Uint8Array,
  treeSize: number,
  rootHash: Uint8Array,
  timestamp: string,
): Uint8Array {
  return encodeTuple(TAGS.witnessCosignature, [fingerprint, u64(treeSize), rootHash, utf8ToBytes(timestamp)]);
}

/** Sign the head (context [fp], as the board key's signature). Throws on misuse (a bad size, root or time). */
export function cosignTreeHead(
  witnessSecretKey: Scalar,
  fingerprint: Uint8Array,
  witness: string,
  head: CosignedFields,
): CosignatureJson {
  if (fingerprint.length !== FINGERPRINT_BYTES) throw new TypeError(`a fingerprint is ${FINGERPRINT_BYTES} bytes`);
  if (!DigestHex.safeParse(head.rootHash).success) throw new TypeError('a root hash is 64 lower-case hex characters');
  if (!isTimestamp(head.timestamp)) throw new TypeError('a timestamp is YYYY-MM-DDTHH:MM:SS.sssZ');
  const message = cosignatureMessage(fingerprint, head.treeSize, hexToBytes(head.rootHash), head.timestamp);
  return { witness, signature: z.encode(SignatureWire, sign(witnessSecretKey, message, [fingerprint])) };
}

/** Whether the witness key signed this head for this election. Returns false for any bad field, never throws. */
export function verifyCosignature(
  witnessKey: Point,
  fingerprint: Uint8Array,
  head: CosignedFields,
  signature: z.output<typeof SignatureWire>,
): boolean {
  if (!(fingerprint instanceof Uint8Array) || fingerprint.length !== FINGERPRINT_BYTES) return false;
  if (!TreeSizeWire.safeParse(head.treeSize).success || !isTimestamp(head.timestamp)) return false;
  if (typeof head.rootHash !== 'string' || !DigestHex.safeParse(head.rootHash).success) return false;
  const message = cosignatureMessage(fingerprint, head.treeSize, hexToBytes(head.rootHash), head.timestamp);
  return verifySignature(witnessKey, message, signature, [fingerprint]);
}

/** POST /api/elections/:eid/cosignatures: a witness hands in its co-signature of a head the server signed. */
export const CosignatureRequestWire = z
  .object({
    witness: CosignatureWire.shape.witness,
    treeSize: TreeSizeWire,
    rootHash: DigestHex,
    timestamp: TimestampWire,
    signature: SignatureWire,
  })
  .strict();
export type CosignatureRequestJson = z.input<typeof CosignatureRequestWire>;

export interface WitnessVerdict {
  /** Witnesses of the definition whose co-signature of the head verifies, in the definition's order. */
  readonly signers: readonly string[];
  /** The definition names witnesses and at least its quorum of distinct ones co-signed. */
  readonly quorum: boolean;
  /** Each co-signature that is malformed, by an unknown or repeated witness, or does not verify (`BAD_COSIGNATURE`). */
  readonly problems: readonly Problem[];
}

/**
 * Checks a head's co-signatures against the definition's witnesses (spec §5.9). Never throws: a malformed
 * co-signature is a problem like a wrong one. A witness whose key is the board key is not independent of the server
 * and its co-signature counts for nothing. Paths are indices into `cosignatures`.
 */
export function checkCosignatures(
  definition: Pick<ElectionDefinition, 'witnesses' | 'boardKey'>,
  fingerprint: Uint8Array,
  head: CosignedFields,
  cosignatures: readonly unknown[],
): WitnessVerdict {
  const members = definition.witnesses?.members ?? [];
  const valid = new Set<string>();
  const problems: Problem[] = [];
  cosignatures.forEach((raw, i) => {
    const parsed = CosignatureWire.safeParse(raw);
    if (!parsed.success) {
      problems.push(problem('BAD_COSIGNATURE', [i], 'not a co-signature (witness id and a canonical signature)'));
      return;
    }
    const { witness, signature } = parsed.data;
    const member = members.find((m) => m.id === witness);
    if (member === undefined) {
      problems.push(problem('BAD_COSIGNATURE', [i], `"${witness}" is not a witness named in the definition`));
      return;
    }
    if (valid.has(witness)) {
      problems.push(problem('BAD_COSIGNATURE', [i], `witness "${witness}" co-signed this head twice`));
      return;
    }
    const key = witnessKey(member.publicKey);
    if (key === null || !verifyCosignature(key, fingerprint, head, signature)) {
      problems.push(
        problem(
          'BAD_COSIGNATURE',
          [i],
          `witness "${witness}"'s co-signature of the head of size ${head.treeSize} does not verify`,
        ),
      );
      return;
    }
    if (bytesEqual(encodePoint(key), hexToBytes(definition.boardKey))) {
      problems.push(
        problem('BAD_COSIGNATURE', [i], `witness "${witness}"'s key is the board key: it is not independent of the server`),
      );
      return;
    }
    valid.add(witness);
  });
  const signers = members.map((m) => m.id).filter((id) => valid.has(id));
  const needed = definition.witnesses?.quorum;
  return { signers, quorum: needed !== undefined && signers.length >= needed, problems };
}

function witnessKey(hex: string): Point | null {
  try {
    return decodePoint(hexToBytes(hex));
  } catch {
    return null; // a key that does not decode verifies nothing; definition.valid reports the key itself
  }
}
