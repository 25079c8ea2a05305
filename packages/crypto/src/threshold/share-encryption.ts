// Encrypting dealt shares to their recipients (spec §2.11): ECIES over ristretto255 with HKDF-SHA256 and
// XChaCha20-Poly1305, each box signed by a proof of knowledge of its ephemeral secret, and a verifiable complaint
// that reveals one box's key when its share is bad.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { u32, utf8ToBytes } from '../bytes.ts';
import { decodeScalar, encodePoint, encodeScalar, G, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import { encodeTuple, TAGS } from '../hash.ts';
import { type ChaumPedersenProof, proveChaumPedersen, verifyChaumPedersen } from '../proofs/chaum-pedersen.ts';
import { type Equation, equationHolds } from '../proofs/equation.ts';
import { proveSchnorr, type SchnorrProof, schnorrEquations } from '../proofs/schnorr.ts';
import { type TrusteeIndex, verifyShare } from './dealing.ts';

export interface EncryptedShare {
  readonly dealer: TrusteeIndex;
  readonly recipient: TrusteeIndex;
  /** E = e·G, the ephemeral key. */
  readonly ephemeral: Point;
  readonly nonce: Uint8Array;
  /** AEAD ciphertext of the 32-byte share, with a 16-byte tag. */
  readonly sealed: Uint8Array;
  /** Schnorr proof of knowledge of e, bound to the whole box and the dealer's commitments (spec §2.11). */
  readonly proof: SchnorrProof;
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

/**
 * The context of a box's ephemeral-key proof: the ceremony context, then everything that makes the box what it is.
 * Binding the dealer, the recipient and its key, the nonce, the sealed bytes and the dealer's commitments means only
 * the party that drew e can present this E in a box: nobody can move another dealer's E into a box of their own
 * (the complaint oracle), and nobody but the dealer can alter a box or the commitments it is checked against
 * without the proof failing.
 */
function ephemeralProofContext(
  context: readonly Uint8Array[],
  box: Omit<EncryptedShare, 'ephemeral' | 'proof'>,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
): Uint8Array[] {
  return [
    ...context,
    utf8ToBytes(TAGS.shareEphemeral),
    u32(box.dealer),
    u32(box.recipient),
    encodePoint(recipientKey),
    box.nonce,
    box.sealed,
    ...dealerCommitments.map(encodePoint),
  ];
}

function symmetricKey(shared: Point, aad: Uint8Array): Uint8Array {
  // the Diffie–Hellman point is secret: noble's encoder, never encodePoint's cache or the variable-time kernel
  return hkdf(sha256, shared.toBytes(), undefined, aad, 32);
}

/** Seals dealer's share for recipient and proves knowledge of the ephemeral secret over the finished box. */
export function encryptShare(
  share: Scalar,
  dealer: TrusteeIndex,
  recipient: TrusteeIndex,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): EncryptedShare {
  return sealShareBytes(encodeScalar(share), dealer, recipient, recipientKey, dealerCommitments, context);
}

/**
 * Seals any 32 bytes as a box with a valid proof. Only for tests and attack simulations that need a well-formed box
 * holding something other than a canonical share; honest dealers use encryptShare.
 */
export function sealShareBytes(
  plaintext: Uint8Array,
  dealer: TrusteeIndex,
  recipient: TrusteeIndex,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): EncryptedShare {
  const e = randomNonZeroScalar();
  const ephemeral = mulSecret(G, e);
  const aad = associatedData(context, dealer, recipient, ephemeral, recipientKey);
  const key = symmetricKey(mulSecret(recipientKey, e), aad);
  const nonce = randomBytes(24);
  const sealed = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  const body = { dealer, recipient, nonce, sealed };
  const proof = proveSchnorr(e, ephemeralProofContext(context, body, recipientKey, dealerCommitments));
  return { ...body, ephemeral, proof };
}

/** The equation of a box's ephemeral-key proof (for batch verification); null when E is the identity. */
export function boxProofEquations(
  box: EncryptedShare,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): Equation[] | null {
  if (box.ephemeral.is0()) return null;
  return schnorrEquations(box.ephemeral, box.proof, ephemeralProofContext(context, box, recipientKey, dealerCommitments));
}

/** Whether the box's proof of knowledge of its ephemeral secret verifies (spec §2.11). */
export function verifyBoxProof(
  box: EncryptedShare,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): boolean {
  return boxProofEquations(box, recipientKey, dealerCommitments, context)?.every(equationHolds) ?? false;
}

/** Opens a box with its shared point S (what a complaint reveals); null when it holds no canonical scalar. */
export function openWithSharedPoint(
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

/**
 * The recipient opens its share; null when the box does not decrypt to a canonical scalar. The caller checks the
 * box's proof first (verifyBoxProof): a box without a valid proof is never opened or complained about.
 */
export function decryptShare(box: EncryptedShare, recipientSecret: Scalar, context: readonly Uint8Array[]): Scalar | null {
  return openWithSharedPoint(box, mulSecret(box.ephemeral, recipientSecret), mulSecret(G, recipientSecret), context);
}

/**
 * A complaint reveals S = y_x·E with a proof that log_G(Y_x) = log_E(S): anyone can then open the box and see
 * whether the dealer sent a bad share, without learning the recipient's key. Because the box proves that its dealer
 * knows e, S = e·Y_x is something the dealer could compute anyway: the reveal opens this box and no other.
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

export type ComplaintVerdict = 'dealer-at-fault' | 'complaint-unfounded' | 'complaint-invalid';

/**
 * Judges a complaint (spec §2.11): 'complaint-invalid' when it is about another box, the box has no valid proof
 * of its ephemeral secret, or the reveal is not proven; 'dealer-at-fault' when the revealed box holds no share or
 * one that fails the Feldman check; 'complaint-unfounded' when the share is good.
 */
export function judgeComplaint(
  complaint: Complaint,
  box: EncryptedShare,
  recipientKey: Point,
  dealerCommitments: readonly Point[],
  context: readonly Uint8Array[],
): ComplaintVerdict {
  if (complaint.dealer !== box.dealer || complaint.recipient !== box.recipient) return 'complaint-invalid';
  if (!verifyBoxProof(box, recipientKey, dealerCommitments, context)) return 'complaint-invalid';
  const statement = { base1: G, public1: recipientKey, base2: box.ephemeral, public2: complaint.sharedPoint };
  if (!verifyChaumPedersen(statement, complaint.proof, [...context, u32(box.dealer), u32(box.recipient)]))
    return 'complaint-invalid';
  const share = openWithSharedPoint(box, complaint.sharedPoint, recipientKey, context);
  if (share === null || !verifyShare(share, box.recipient, dealerCommitments)) return 'dealer-at-fault';
  return 'complaint-unfounded';
}
