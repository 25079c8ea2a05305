// Authenticated encryption with associated data: XChaCha20-Poly1305 (RFC 8439 with the 24-byte extended nonce of
// draft-irtf-cfrg-xchacha), for secrets the protocol seals under a key it holds elsewhere (spec §3.6.6).
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 24;
/** The Poly1305 tag appended to every sealed message. */
export const AEAD_TAG_BYTES = 16;

function cipher(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array) {
  if (key.length !== AEAD_KEY_BYTES) throw new TypeError(`an AEAD key is ${AEAD_KEY_BYTES} bytes`);
  if (nonce.length !== AEAD_NONCE_BYTES) throw new TypeError(`an AEAD nonce is ${AEAD_NONCE_BYTES} bytes`);
  return xchacha20poly1305(key, nonce, associatedData);
}

/** plaintext ‖ tag, sealed under key and nonce; the associated data is authenticated, not encrypted. */
export function aeadSeal(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return cipher(key, nonce, associatedData).encrypt(plaintext);
}

/** The plaintext, or null when the tag does not verify (wrong key, nonce, associated data or a changed byte). */
export function aeadOpen(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < AEAD_TAG_BYTES) return null;
  try {
    return cipher(key, nonce, associatedData).decrypt(sealed);
  } catch {
    return null; // noble throws on a tag mismatch: for the caller that is simply "does not open"
  }
}
