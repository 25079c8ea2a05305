// Proof contexts of the key ceremony and decryption (spec §4.2): each binds the election fingerprint and the
// object's place, so a proof cannot be replayed for another election, trustee or aggregate entry.
import { TAGS, u32, utf8ToBytes } from '@saylau/crypto';

/** Context of trustee key proofs, polynomial-coefficient proofs, share encryption and complaints. */
export function ceremonyContext(fingerprint: Uint8Array): Uint8Array[] {
  return [utf8ToBytes(TAGS.ceremonyContext), fingerprint];
}

/** Context of the Schnorr proof of a trustee's own key. */
export function trusteeKeyContext(fingerprint: Uint8Array, trustee: number): Uint8Array[] {
  return [utf8ToBytes(TAGS.trusteeKeyContext), fingerprint, u32(trustee)];
}

/** Context of a decryption share of one aggregate entry. */
export function decryptionContext(
  fingerprint: Uint8Array,
  entry: { district: string; question: string; option: string },
): Uint8Array[] {
  return [
    utf8ToBytes(TAGS.decryptionContext),
    fingerprint,
    utf8ToBytes(entry.district),
    utf8ToBytes(entry.question),
    utf8ToBytes(entry.option),
  ];
}
