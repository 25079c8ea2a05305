// Tagged, length-prefixed hashing (spec §2.3): every hash in Saylau goes through here, under a tag from TAGS.
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from './bytes.ts';
import { type Scalar, scalarFromWideBytes } from './group.ts';

// Under Node.js the same SHA-2 functions run natively (OpenSSL), several times faster on the long inputs that
// ballots and boards hash; browsers use noble's. Reached through getBuiltinModule so that bundlers see no import.
type NodeCrypto = typeof import('node:crypto');
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:crypto',
) as NodeCrypto | undefined;

function nativeDigest(algorithm: 'sha256' | 'sha512'): ((data: Uint8Array) => Uint8Array) | undefined {
  const node = nodeCrypto;
  return node && ((data) => new Uint8Array(node.createHash(algorithm).update(data).digest()));
}

const sha256 = nativeDigest('sha256') ?? nobleSha256;
const sha512 = nativeDigest('sha512') ?? nobleSha512;

/** The registry of every domain-separation tag. docs/spec.md §2.3 lists the same table. */
export const TAGS = {
  generator: 'saylau/v1/generator',
  schnorrProof: 'saylau/v1/proof/schnorr',
  chaumPedersenProof: 'saylau/v1/proof/chaum-pedersen',
  rangeProof: 'saylau/v1/proof/range',
  signature: 'saylau/v1/signature',
  signatureNonce: 'saylau/v1/signature/nonce',
  credentialKdf: 'saylau/v1/credential/kdf',
  shareEncryption: 'saylau/v1/threshold/share-encryption',
  shareEphemeral: 'saylau/v1/threshold/share-ephemeral',
  // protocol-level tags (packages/protocol uses them; kept here so there is one registry)
  fingerprint: 'saylau/v1/election/fingerprint',
  ballotHash: 'saylau/v1/ballot/hash',
  ballotSignature: 'saylau/v1/ballot/signature',
  ballotRandomness: 'saylau/v1/ballot/randomness',
  verificationSeal: 'saylau/v1/ballot/verification-seal',
  verificationAccess: 'saylau/v1/ballot/verification-access',
  selectionProof: 'saylau/v1/ballot/selection',
  sumProof: 'saylau/v1/ballot/sum',
  event: 'saylau/v1/board/event',
  treeHead: 'saylau/v1/board/tree-head',
  ceremonyContext: 'saylau/v1/ceremony',
  trusteeKeyContext: 'saylau/v1/trustee-key',
  decryptionContext: 'saylau/v1/decryption',
  trusteeRequest: 'saylau/v1/trustee-request',
  commissionSignature: 'saylau/v1/commission/signature',
  credentialList: 'saylau/v1/commission/credential-list',
  witnessCosignature: 'saylau/v1/witness/cosignature',
  memberSignIn: 'saylau/v1/commission/sign-in',
  memberEnrollment: 'saylau/v1/commission/enrollment',
  memberCsrf: 'saylau/v1/commission/csrf',
} as const;
export type Tag = (typeof TAGS)[keyof typeof TAGS];

const tagBytes = new Map<Tag, Uint8Array>();

/**
 * The transcript bytes of a tagged tuple: len(tag) ‖ tag ‖ len(f1) ‖ f1 ‖ … with 4-byte big-endian lengths.
 * Length prefixes make the encoding injective, so two different tuples never hash alike. Written into one
 * buffer: every ballot check builds dozens of these.
 */
export function encodeTuple(tag: Tag, fields: readonly Uint8Array[]): Uint8Array {
  let tagged = tagBytes.get(tag);
  if (!tagged) {
    tagged = utf8ToBytes(tag);
    tagBytes.set(tag, tagged);
  }
  let length = 4 + tagged.length;
  for (const field of fields) length += 4 + field.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of [tagged, ...fields]) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/** SHA-512 of the tagged tuple, reduced mod ℓ (wide reduction: 64 bytes, bias < 2^-250). */
export function hashToScalar(tag: Tag, fields: readonly Uint8Array[]): Scalar {
  return scalarFromWideBytes(sha512(encodeTuple(tag, fields)));
}

/** SHA-256 of the tagged tuple: 32-byte digests for fingerprints, ballot hashes and manifests. */
export function taggedHash(tag: Tag, fields: readonly Uint8Array[]): Uint8Array {
  return sha256(encodeTuple(tag, fields));
}

/**
 * Plain SHA-256 with no tag, only for the one format that fixes its own domain separation: the board's
 * RFC 9162 Merkle tree (0x00 prefix for leaves, 0x01 for nodes; spec §5). Everything else uses taggedHash.
 */
export function rawSha256(data: Uint8Array): Uint8Array {
  return sha256(data);
}
