// Encrypting dealt shares to their recipients (spec §2.11): ECIES over ristretto255 with HKDF-SHA256 and
// XChaCha20-Poly1305, and a verifiable complaint that reveals one message's key when a share is bad.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { u32 } from '../bytes.ts';
import { decodeScalar, encodePoint, encodeScalar, G, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import { encodeTuple, TAGS } from '../hash.ts';
import { type ChaumPedersenProof, proveChaumPedersen, verifyChaumPedersen } from '../proofs/chaum-pedersen.ts';
import { type TrusteeIndex, verifyShare } from './dealing.ts';

export interface EncryptedShare {
  readonly dealer: TrusteeIndex;
  readonly recipient: TrusteeIndex;
  /** E = e·G, the ephemeral key. */
  readonly ephemeral: Point;
  readonly nonce: Uint8Array;
  /** AEAD ciphertext of the 32-byte share, with a 16-byte tag. */
  readonly sealed: Uint8Array;
}

/** The header both sides bind as associated data: context, dealer, recipient, E, recipient key. */
function associatedData(
  context: readonly Uint8Array[],
  dealer: number,
  recipient: number,
  ephemeral: Point,
  recipientKey: Point,
): Uint8Array {
  return encodeTuple(TAGS.shareEncryption, [
    ...context,
    u32(dealer),
    u32(recipient),
    encodePoint(ephemeral),
    encodePoint(recipientKey),
  ]);
}

function symmetricKey(shared: Point, aad: Uint8Array): Uint8Array {
  // the Diffie–Hellman point is secret: noble's encoder, never encodePoint's cache or the variable-time kernel
  return hkdf(sha256, shared.toBytes(), undefined, aad, 32);
}

export function encryptShare(
  share: Scalar,
  dealer: TrusteeIndex,
  recipient: TrusteeIndex,
  recipientKey: Point,
  context: readonly Uint8Array[],
): EncryptedShare {
  const e = randomNonZeroScalar();
  const ephemeral = mulSecret(G, e);
  const aad = associatedData(context, dealer, recipient, ephemeral, recipientKey);
  const key = symmetricKey(mulSecret(recipientKey, e), aad);
  const nonce = randomBytes(24);
  return { dealer, recipient, ephemeral, nonce, sealed: xchacha20poly1305(key, nonce, aad).encrypt(encodeScalar(share)) };
}

function openWithSharedPoint(
  box: EncryptedShare,
  shared: Point,
  recipientKey: Point,
  context: readonly Uint8Array[],
): Scalar | null {
  const aad = associatedData(context, box.dealer, box.recipient, box.ephemeral, recipientKey);
  try {
    return decodeScalar(xchacha20poly1305(symmetricKey(shared, aad), box.nonce, aad).decrypt(box.sealed));
  } catch {
    return null; // a wrong tag or a non-canonical scalar: the box does not hold a share
  }
}

/** The recipient opens its share; null when the box does not decrypt to a canonical scalar. */
export function decryptShare(box: EncryptedShare, recipientSecret: Scalar, context: readonly Uint8Array[]): Scalar | null {
  return openWithSharedPoint(box, mulSecret(box.ephemeral, recipientSecret), mulSecret(G, recipientSecret), context);
}

/**
 * A complaint reveals S = x_r·E with a proof that log_G(X_r) = log_E(S): anyone can then open the box
 * and see whether the dealer sent a bad share, without learning the recipient's key.
 */
export interface Complaint {
  readonly dealer: TrusteeIndex;
  readonly recipient: TrusteeIndex;
  readonly sharedPoint: Point;
  readonly proof: ChaumPedersenProof;
}

export function makeComplaint(box: EncryptedShare, recipientSecret: Scalar, context: readonly Uint8Array[]): Complaint {
  const recipientKey = mulSecret(G, recipientSecret);
  const sharedPoint = mulSecret(box.ephemeral, recipientSecret);
  const proof = proveChaumPedersen(
    recipientSecret,
    { base1: G, public1: recipientKey, base2: box.ephemeral, public2: sharedPoint },
    [...context, u32(box.dealer), u32(box.recipient)],
  );
  return { dealer: box.dealer, recipient: box.recipient, sharedPoint, proof };
}

/**
 * Judges a complaint: 'dealer-at-fault' when the revealed box holds no share or a share that fails the
 * Feldman check; 'complaint-unfounded' when the share is good; 'complaint-invalid' when the reveal is not proven.
 */
export function judgeComplaint(
  complaint: Complaint,
  box: EncryptedShare,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): 'dealer-at-fault' | 'complaint-unfounded' | 'complaint-invalid' {
  if (complaint.dealer !== box.dealer || complaint.recipient !== box.recipient) return 'complaint-invalid';
  const statement = { base1: G, public1: recipientKey, base2: box.ephemeral, public2: complaint.sharedPoint };
  if (!verifyChaumPedersen(statement, complaint.proof, [...context, u32(box.dealer), u32(box.recipient)]))
    return 'complaint-invalid';
  const share = openWithSharedPoint(box, complaint.sharedPoint, recipientKey, context);
  if (share === null || !verifyShare(share, box.recipient, dealerCommitments)) return 'dealer-at-fault';
  return 'complaint-unfounded';
}
