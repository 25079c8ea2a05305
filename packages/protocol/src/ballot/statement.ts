// What a ballot's proofs and signature bind to (spec §3.6.2): the contexts and the signed message.
// The builder and the checker both call these, so the two can never disagree.
import { encodePoint, encodeTuple, type Point, TAGS, u32, utf8ToBytes } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { BallotJson } from './schema.ts';

export function selectionContext(fingerprint: Uint8Array, credential: Point, questionId: string, index: number): Uint8Array[] {
  return [utf8ToBytes(TAGS.selectionProof), fingerprint, encodePoint(credential), utf8ToBytes(questionId), u32(index)];
}

export function sumContext(fingerprint: Uint8Array, credential: Point, questionId: string): Uint8Array[] {
  return [utf8ToBytes(TAGS.sumProof), fingerprint, encodePoint(credential), utf8ToBytes(questionId)];
}

/** The signed message: the tagged tuple of the fingerprint and the canonical JSON of the ballot without its signature. */
export function signedMessage(fingerprint: Uint8Array, unsigned: Omit<BallotJson, 'signature'>): Uint8Array {
  return encodeTuple(TAGS.ballotSignature, [fingerprint, canonicalBytes(unsigned)]);
}

export function signatureContext(fingerprint: Uint8Array): Uint8Array[] {
  return [fingerprint];
}
