// A commission member's two signatures outside the commission's statements (spec §4.4.2): the sign-in to the
// console over a server's one-time challenge, and the enrollment proof that binds the member's key to an invitation.
// Each has its own tag as the only context field, so neither verifies as the other, as a statement signature
// (context commissionSignature, fingerprint, member) or as any other signature of the system.
import {
  bytesToHex,
  concatBytes,
  DecodeError,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  hexToBytes,
  publicKeyOf,
  rawSha256,
  type Scalar,
  type Signature,
  sign,
  TAGS,
  utf8ToBytes,
  verifySignature,
} from '@saylau/crypto';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

/** Whether `text` is 32 bytes in lower-case hex (a challenge, a public key, a digest). */
export function isHex64(text: unknown): text is string {
  return typeof text === 'string' && HEX64.test(text);
}

/** A signature on the wire: R ‖ s, 64 bytes in lower-case hex. */
export function signatureToHex(signature: Signature): string {
  return bytesToHex(concatBytes(encodePoint(signature.commitment), encodeScalar(signature.response)));
}

/** The signature in `hex`, or null when it is not a canonical R ‖ s. */
function signatureFromHex(hex: string): Signature | null {
  if (!HEX128.test(hex)) return null;
  try {
    const bytes = hexToBytes(hex);
    return { commitment: decodePoint(bytes.subarray(0, 32)), response: decodeScalar(bytes.subarray(32)) };
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
}

/** The public key in `hex`, or null when it is not a canonical non-identity point. */
function publicKeyFromHex(hex: string) {
  if (!HEX64.test(hex)) return null;
  try {
    return decodePoint(hexToBytes(hex));
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
}

/** A secret key's public key, as the server lists it. */
export function memberPublicKeyHex(secretKey: Scalar): string {
  return bytesToHex(encodePoint(publicKeyOf(secretKey)));
}

/** The message a member signs to sign in: the challenge's 32 bytes (the context carries the purpose). */
export function signInMessage(challengeHex: string): Uint8Array {
  if (!HEX64.test(challengeHex)) throw new TypeError('a sign-in challenge is 32 bytes in lower-case hex');
  return hexToBytes(challengeHex);
}

/** The member's sign-in signature over the server's challenge, as hex. */
export function signSignIn(secretKey: Scalar, challengeHex: string): string {
  return signatureToHex(sign(secretKey, signInMessage(challengeHex), [utf8ToBytes(TAGS.memberSignIn)]));
}

/** Whether `signatureHex` is this key's sign-in signature over this challenge; false for any malformed input. */
export function verifySignIn(publicKeyHex: string, challengeHex: string, signatureHex: string): boolean {
  return verifyTagged(TAGS.memberSignIn, publicKeyHex, HEX64.test(challengeHex) ? hexToBytes(challengeHex) : null, signatureHex);
}

/**
 * The digest an invitation is known by: SHA-256 of the token's UTF-8. The server keeps only this, and the
 * enrollment proof signs it, so the proof is useless for any other invitation.
 */
export function invitationHash(token: string): string {
  return bytesToHex(rawSha256(utf8ToBytes(token)));
}

/** The message of an enrollment proof: the invitation's digest ‖ the enrolled public key (32 bytes each). */
export function enrollmentMessage(invitationHashHex: string, publicKeyHex: string): Uint8Array {
  if (!HEX64.test(invitationHashHex) || !HEX64.test(publicKeyHex)) {
    throw new TypeError('an enrollment binds a 32-byte digest and a 32-byte key, in lower-case hex');
  }
  return concatBytes(hexToBytes(invitationHashHex), hexToBytes(publicKeyHex));
}

/** The proof that whoever holds the invitation holds this secret key, as hex. */
export function signEnrollment(secretKey: Scalar, enrollment: { readonly invitationHash: string }): string {
  const message = enrollmentMessage(enrollment.invitationHash, memberPublicKeyHex(secretKey));
  return signatureToHex(sign(secretKey, message, [utf8ToBytes(TAGS.memberEnrollment)]));
}

/** Whether `signatureHex` proves possession of `publicKeyHex` for the invitation with this digest. */
export function verifyEnrollment(invitationHashHex: string, publicKeyHex: string, signatureHex: string): boolean {
  const message =
    HEX64.test(invitationHashHex) && HEX64.test(publicKeyHex) ? enrollmentMessage(invitationHashHex, publicKeyHex) : null;
  return verifyTagged(TAGS.memberEnrollment, publicKeyHex, message, signatureHex);
}

function verifyTagged(tag: string, publicKeyHex: string, message: Uint8Array | null, signatureHex: string): boolean {
  if (message === null || typeof publicKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
  const publicKey = publicKeyFromHex(publicKeyHex);
  const signature = signatureFromHex(signatureHex);
  if (publicKey === null || signature === null) return false;
  return verifySignature(publicKey, message, signature, [utf8ToBytes(tag)]);
}
