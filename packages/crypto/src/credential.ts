// Voter credentials (spec §2.8): a typed code from a letter → scrypt → a ristretto255 signing key;
// Schnorr signatures bind a ballot to that key.
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { concatBytes, utf8ToBytes } from './bytes.ts';
import {
  encodePoint,
  encodeScalar,
  G,
  mod,
  mulSecret,
  type Point,
  randomNonZeroScalar,
  type Scalar,
  scalarFromWideBytes,
} from './group.ts';
import { hashToScalar, TAGS } from './hash.ts';
import { type Equation, equation, equationHolds } from './proofs/equation.ts';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is hard to get wrong. */
export const CREDENTIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 20 characters × 5 bits = 100 bits of secret, stretched by scrypt. */
export const CREDENTIAL_LENGTH = 20;

export interface KdfParams {
  /** scrypt cost N = 2^logN; the definition fixes it (15 for real elections, lower only for demos). */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_KDF: KdfParams = { logN: 15, r: 8, p: 1 };

export interface Signature {
  readonly commitment: Point;
  readonly response: Scalar;
}

export function generateCredentialCode(): string {
  const bytes = randomBytes(CREDENTIAL_LENGTH);
  // 256 is a multiple of 32, so taking each byte mod 32 is uniform.
  return Array.from(bytes, (b) => CREDENTIAL_ALPHABET[b % 32]).join('');
}

/**
 * Normalises what a voter typed: case, spaces and dashes are ignored; O→0 and I/L→1 as Crockford says.
 * Returns null when the result is not 20 characters of the alphabet.
 */
export function normalizeCredentialCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CREDENTIAL_LENGTH) return null;
  for (const ch of code) if (!CREDENTIAL_ALPHABET.includes(ch)) return null;
  return code;
}

/** XXXXX-XXXXX-XXXXX-XXXXX, as printed on the letter. */
export function formatCredentialCode(code: string): string {
  return code.match(/.{1,5}/g)?.join('-') ?? code;
}

function kdfInput(code: string, electionId: string): { password: Uint8Array; salt: Uint8Array } {
  const normalized = normalizeCredentialCode(code);
  if (normalized === null) throw new TypeError('not a credential code');
  return {
    password: utf8ToBytes(normalized),
    salt: concatBytes(utf8ToBytes(`${TAGS.credentialKdf}\u0000`), utf8ToBytes(electionId)),
  };
}

/** The signing key from the code: scrypt(code, tag ‖ 0 ‖ election id) → 64 bytes → mod ℓ. */
export function deriveCredentialKey(code: string, electionId: string, params: KdfParams = DEFAULT_KDF): Scalar {
  const { password, salt } = kdfInput(code, electionId);
  return scalarFromWideBytes(scrypt(password, salt, { N: 2 ** params.logN, r: params.r, p: params.p, dkLen: 64 }));
}

/**
 * Same as deriveCredentialKey, yielding to the event loop (for the browser); `onProgress` hears the fraction done,
 * from 0 to 1, a few times a second.
 */
export async function deriveCredentialKeyAsync(
  code: string,
  electionId: string,
  params: KdfParams = DEFAULT_KDF,
  onProgress?: (fraction: number) => void,
): Promise<Scalar> {
  const { password, salt } = kdfInput(code, electionId);
  const options = { N: 2 ** params.logN, r: params.r, p: params.p, dkLen: 64, ...(onProgress ? { onProgress } : {}) };
  return scalarFromWideBytes(await scryptAsync(password, salt, options));
}

export function publicKeyOf(secretKey: Scalar): Point {
  return mulSecret(G, secretKey);
}

function signatureChallenge(publicKey: Point, commitment: Point, message: Uint8Array, context: readonly Uint8Array[]): Scalar {
  return hashToScalar(TAGS.signature, [...context, encodePoint(publicKey), encodePoint(commitment), message]);
}

/**
 * Schnorr signature: R = k·G, e = H(ctx, X, R, msg), s = k + e·x. The nonce is hedged:
 * derived from the key, the message and fresh randomness, so neither a bad RNG nor a fault alone leaks x.
 */
export function sign(secretKey: Scalar, message: Uint8Array, context: readonly Uint8Array[] = []): Signature {
  const k = hashToScalar(TAGS.signatureNonce, [encodeScalar(secretKey), randomBytes(32), message]) || randomNonZeroScalar();
  const commitment = mulSecret(G, k);
  const e = signatureChallenge(publicKeyOf(secretKey), commitment, message, context);
  return { commitment, response: mod(k + e * secretKey) };
}

/** s·G − e·X − R = 0 */
export function signatureEquations(
  publicKey: Point,
  message: Uint8Array,
  signature: Signature,
  context: readonly Uint8Array[] = [],
): Equation[] {
  const e = signatureChallenge(publicKey, signature.commitment, message, context);
  return [equation([signature.response, G], [-e, publicKey], [-1n, signature.commitment])];
}

export function verifySignature(
  publicKey: Point,
  message: Uint8Array,
  signature: Signature,
  context: readonly Uint8Array[] = [],
): boolean {
  if (publicKey.is0()) return false;
  return signatureEquations(publicKey, message, signature, context).every(equationHolds);
}
