// The second device's sealed seed (spec §3.6.6): the voting device draws a verification key k, seals the ballot's
// seed under k and uploads only the sealed seed; k travels in the QR code alone. The server holds a box it cannot
// open, and hands it out only to a fetch that shows the access token derived from k, a few times in a short window.
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  aeadOpen,
  aeadSeal,
  bytesToHex,
  encodeTuple,
  hexToBytes,
  randomBytes,
  TAGS,
  taggedHash,
} from '@saylau/crypto';
import { z } from 'zod';
import { DigestHex } from '../codec.ts';

/** k: 32 bytes from the CSPRNG, one per cast ballot. */
export const VERIFICATION_KEY_BYTES = 32;
const SEED_BYTES = 32;

/** What a sealed seed is about: the election and the ballot on its board. */
export interface SealSubject {
  /** The 32-byte election fingerprint (§3.4): it names the election id too. */
  readonly fingerprint: Uint8Array;
  /** The ballot hash (§3.6.3), 64 hex characters. */
  readonly ballotHash: string;
}

/** The sealed seed as stored by the server and fetched by the second device (hex on the wire). */
export const VerificationSealWire = z
  .object({
    nonce: z.string().regex(new RegExp(`^[0-9a-f]{${2 * AEAD_NONCE_BYTES}}$`), 'BAD_ENCODING'),
    sealed: z.string().regex(new RegExp(`^[0-9a-f]{${2 * (SEED_BYTES + AEAD_TAG_BYTES)}}$`), 'BAD_ENCODING'),
  })
  .strict();
export type VerificationSeal = z.infer<typeof VerificationSealWire>;

/** The body of the voter's upload: the ballot, the access token the fetch must show, the sealed seed. */
export const SealUploadWire = VerificationSealWire.extend({ ballotHash: DigestHex, access: DigestHex }).strict();
export type SealUpload = z.infer<typeof SealUploadWire>;

/** The body of the second device's fetch. */
export const VerificationFetchWire = z.object({ access: DigestHex }).strict();

export function newVerificationKey(): Uint8Array {
  return randomBytes(VERIFICATION_KEY_BYTES);
}

function checkKey(key: Uint8Array): void {
  if (key.length !== VERIFICATION_KEY_BYTES) throw new TypeError(`a verification key is ${VERIFICATION_KEY_BYTES} bytes`);
}

/** AD = encodeTuple("saylau/v1/ballot/verification-seal", [fp, ballot hash bytes]). */
function associatedData(subject: SealSubject): Uint8Array {
  return encodeTuple(TAGS.verificationSeal, [subject.fingerprint, hexToBytes(subject.ballotHash)]);
}

/**
 * access = taggedHash("saylau/v1/ballot/verification-access", [fp, ballot hash bytes, k]), hex. The fetch shows it,
 * so whoever knows only the ballot hash (anyone reading the board) cannot use up the voter's fetches; it reveals
 * nothing about k, which alone opens the seal.
 */
export function verificationAccess(key: Uint8Array, subject: SealSubject): string {
  checkKey(key);
  return bytesToHex(taggedHash(TAGS.verificationAccess, [subject.fingerprint, hexToBytes(subject.ballotHash), key]));
}

/** sealed = XChaCha20-Poly1305(key k, a fresh 24-byte nonce, AD) over the 32-byte seed. */
export function sealSeed(key: Uint8Array, seed: Uint8Array, subject: SealSubject): VerificationSeal {
  checkKey(key);
  if (seed.length !== SEED_BYTES) throw new TypeError(`a ballot seed is ${SEED_BYTES} bytes`);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  return { nonce: bytesToHex(nonce), sealed: bytesToHex(aeadSeal(key, nonce, associatedData(subject), seed)) };
}

/** Everything the voter's device uploads for a cast ballot (POST …/verification-seal). */
export function sealUpload(key: Uint8Array, seed: Uint8Array, subject: SealSubject): SealUpload {
  return { ballotHash: subject.ballotHash, access: verificationAccess(key, subject), ...sealSeed(key, seed, subject) };
}

/** The seed, or null when the seal does not open under k for this election and ballot. */
export function openSeal(key: Uint8Array, seal: VerificationSeal, subject: SealSubject): Uint8Array | null {
  checkKey(key);
  if (!VerificationSealWire.safeParse(seal).success) return null;
  const seed = aeadOpen(key, hexToBytes(seal.nonce), associatedData(subject), hexToBytes(seal.sealed));
  return seed?.length === SEED_BYTES ? seed : null;
}
