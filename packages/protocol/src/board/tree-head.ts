// Signed tree heads (spec §5.5): the board key's Schnorr signature on (fingerprint, size, root, time), which
// commits the server to one history of the board; receipts and auditors hold it to that history. On the wire a head
// may carry the witnesses' co-signatures of it (§5.9), a member outside what the board key signs.
import {
  bytesToHex,
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
import { IdSchema } from '../definition/schema.ts';
import { HASH_BYTES } from './merkle.ts';

const FINGERPRINT_BYTES = 32;
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** YYYY-MM-DDTHH:MM:SS.sssZ naming a real instant: exactly what Date.prototype.toISOString() writes. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP_FORMAT.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export const TimestampWire = z.string().refine(isTimestamp, 'BAD_ENCODING');
export const TreeSizeWire = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The most co-signatures a head carries: one per witness, and a definition names at most 50 (spec §3.3). */
export const MAX_COSIGNATURES = 50;

/** One witness's co-signature of a head (spec §5.9): the witness's id in the definition and its signature. */
export const CosignatureWire = z.object({ witness: IdSchema, signature: SignatureWire }).strict();
export type Cosignature = z.output<typeof CosignatureWire>;
export type CosignatureJson = z.input<typeof CosignatureWire>;

export const SignedTreeHeadWire = z
  .object({
    treeSize: TreeSizeWire,
    rootHash: DigestHex,
    timestamp: TimestampWire,
    signature: SignatureWire,
    /** Witnesses' co-signatures of this head: not covered by `signature`, checked one by one (spec §5.9). */
    cosignatures: z.array(CosignatureWire).max(MAX_COSIGNATURES).optional(),
  })
  .strict();

/** A decoded signed tree head: the signature as group values, the root as hex. */
export type SignedTreeHead = z.output<typeof SignedTreeHeadWire>;
/** The same head as JSON on the wire. */
export type SignedTreeHeadJson = z.input<typeof SignedTreeHeadWire>;

/** The head without its co-signatures: exactly what the board key signed. */
export function withoutCosignatures<H extends { readonly cosignatures?: unknown }>(head: H): Omit<H, 'cosignatures'> {
  const { cosignatures: _cosignatures, ...signed } = head;
  return signed;
}

/** The signed message: encodeTuple(tree-head tag, [fingerprint, u64(treeSize), rootHash, utf8(timestamp)]). */
export function treeHeadMessage(fingerprint: Uint8Array, treeSize: number, rootHash: Uint8Array, timestamp: string): Uint8Array {
  return encodeTuple(TAGS.treeHead, [fingerprint, u64(treeSize), rootHash, utf8ToBytes(timestamp)]);
}

/** Signs the head of the first treeSize leaves. Throws on misuse (wrong lengths, bad size or timestamp). */
export function signTreeHead(
  boardSecretKey: Scalar,
  fingerprint: Uint8Array,
  treeSize: number,
  rootHash: Uint8Array,
  timestamp: string,
): SignedTreeHead {
  if (fingerprint.length !== FINGERPRINT_BYTES) throw new TypeError(`a fingerprint is ${FINGERPRINT_BYTES} bytes`);
  if (rootHash.length !== HASH_BYTES) throw new TypeError(`a root hash is ${HASH_BYTES} bytes`);
  if (!isTreeSize(treeSize)) throw new RangeError(`bad tree size ${treeSize}`);
  if (!isTimestamp(timestamp)) throw new TypeError('a timestamp is YYYY-MM-DDTHH:MM:SS.sssZ');
  const signature = sign(boardSecretKey, treeHeadMessage(fingerprint, treeSize, rootHash, timestamp), [fingerprint]);
  return { treeSize, rootHash: bytesToHex(rootHash), timestamp, signature };
}

/** Whether the board key signed this head for this election. Returns false for any bad field, never throws. */
export function verifyTreeHead(boardPublicKey: Point, fingerprint: Uint8Array, head: SignedTreeHead): boolean {
  if (!(fingerprint instanceof Uint8Array) || fingerprint.length !== FINGERPRINT_BYTES) return false;
  if (!isTreeSize(head.treeSize) || !isTimestamp(head.timestamp)) return false;
  if (typeof head.rootHash !== 'string' || !DigestHex.safeParse(head.rootHash).success) return false;
  const message = treeHeadMessage(fingerprint, head.treeSize, hexToBytes(head.rootHash), head.timestamp);
  return verifySignature(boardPublicKey, message, head.signature, [fingerprint]);
}
