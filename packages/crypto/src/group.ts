// The ristretto255 group (RFC 9496): scalars, elements, canonical encodings and derived generators (spec §2.1–2.2).
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { utf8ToBytes } from './bytes.ts';
import { secretCombinations } from './internal/combine.ts';
import { decodeRistretto } from './internal/decode.ts';
import { toRistretto } from './internal/edwards.ts';
import { knownEncoding, rememberEncoding } from './internal/encodings.ts';
import { readLE256, viewOf } from './internal/le256.ts';
import { linearCombination } from './internal/msm.ts';
import { registerFixedBase } from './internal/tables.ts';
import { wasmKernel } from './internal/wasm-kernel.ts';

export const Point = ristretto255.Point;
export type Point = InstanceType<typeof Point>;
/** A scalar is a bigint in [0, ℓ). */
export type Scalar = bigint;

/** ℓ = 2^252 + 27742317777372353535851937790883648493, the prime order of the group. */
export const ORDER: bigint = Point.Fn.ORDER;
/** The standard ristretto255 base point G. */
export const G: Point = Point.BASE;
// every proof has G in its equations: verification gives it a table of its own (built on first use)
registerFixedBase(G);
export const IDENTITY: Point = Point.ZERO;

export const POINT_BYTES = 32;
export const SCALAR_BYTES = 32;

export class DecodeError extends Error {
  constructor(
    readonly code: 'POINT_NOT_CANONICAL' | 'POINT_IS_IDENTITY' | 'SCALAR_NOT_CANONICAL' | 'WRONG_LENGTH',
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export function mod(a: bigint): Scalar {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** A uniformly random scalar from the platform CSPRNG (64 bytes reduced mod ℓ). */
export function randomScalar(): Scalar {
  return scalarFromWideBytes(randomBytes(64));
}

/** A uniformly random non-zero scalar (for secret keys and nonces). */
export function randomNonZeroScalar(): Scalar {
  for (;;) {
    const s = randomScalar();
    if (s !== 0n) return s;
  }
}

export function scalarFromWideBytes(bytes: Uint8Array): Scalar {
  if (bytes.length !== 64) throw new TypeError('wide reduction needs 64 bytes');
  return mod(bytesToNumberLE(bytes));
}

/** 32-byte little-endian encoding of a scalar in [0, ℓ). */
export function encodeScalar(s: Scalar): Uint8Array {
  if (s < 0n || s >= ORDER) throw new RangeError('scalar out of range');
  return numberToBytesLE(s, SCALAR_BYTES);
}

// One buffer to read every scalar through (a DataView per scalar was a measurable share of a ballot's checks).
// Secret scalars pass through it too (key files, decrypted shares): it is wiped after each read, so no copy of the
// last one stays in memory.
const scalarBytes = new Uint8Array(SCALAR_BYTES);
const scalarView = viewOf(scalarBytes);

/** Decodes 32 little-endian bytes; rejects any value ≥ ℓ (RFC 9496 §4.3.1 style canonical check). */
export function decodeScalar(bytes: Uint8Array): Scalar {
  if (bytes.length !== SCALAR_BYTES) throw new DecodeError('WRONG_LENGTH', `scalar must be ${SCALAR_BYTES} bytes`);
  scalarBytes.set(bytes);
  const s = readLE256(scalarView);
  scalarBytes.fill(0);
  if (s >= ORDER) throw new DecodeError('SCALAR_NOT_CANONICAL', 'scalar is not reduced mod the group order');
  return s;
}

export function encodePoint(p: Point): Uint8Array {
  let bytes = knownEncoding(p);
  if (bytes === undefined) {
    bytes = wasmKernel ? wasmKernel.encode(p) : p.toBytes();
    rememberEncoding(p, bytes);
  }
  // A copy: the cached bytes must not change if a caller writes into what it was given.
  return new Uint8Array(bytes);
}

/**
 * Decodes a canonical ristretto255 encoding (RFC 9496 §4.3.1). Non-canonical or invalid encodings throw;
 * the identity throws too unless `allowIdentity` (it is never a valid key, commitment or ciphertext part).
 */
export function decodePoint(bytes: Uint8Array, options: { allowIdentity?: boolean } = {}): Point {
  if (bytes.length !== POINT_BYTES) throw new DecodeError('WRONG_LENGTH', `element must be ${POINT_BYTES} bytes`);
  // RFC 9496 decoding on the faster field arithmetic (internal/decode.ts): the same checks, and the same
  // point, as noble's RistrettoPoint.fromBytes
  let p: Point | null;
  try {
    p = decodeRistretto(bytes);
  } catch {
    p = null; // not bytes at all
  }
  if (p === null) throw new DecodeError('POINT_NOT_CANONICAL', 'not a canonical ristretto255 encoding');
  // the identity's one canonical encoding is 32 zero bytes (RFC 9496 §4.3.2 encodes it as s = 0)
  if (!options.allowIdentity && bytes.every((b) => b === 0)) {
    throw new DecodeError('POINT_IS_IDENTITY', 'the identity is not allowed here');
  }
  // only the canonical encoding decodes, so these bytes (copied: the caller owns its buffer) are p's
  rememberEncoding(p, new Uint8Array(bytes));
  return p;
}

/**
 * A generator with no known discrete log relative to G: RFC 9380 hash_to_ristretto255
 * (expand_message_xmd with SHA-512) of the label under the DST "saylau/v1/generator".
 * Anyone re-derives it from the published label (spec §2.2).
 */
export function deriveGenerator(label: string): Point {
  return ristretto255_hasher.hashToCurve(utf8ToBytes(label), { DST: 'saylau/v1/generator' });
}

/**
 * Gives a point a precomputed table, so that multiplying it (`mulSecret`, `mulPublic`, `encrypt`, proofs) costs
 * one table addition per scalar byte and verification equations need no doublings for it. Worth it for a
 * point multiplied many times (the election key K); the table is built on first use. Returns the same object.
 */
export function withTable(p: Point): Point {
  registerFixedBase(p);
  // and noble's own table, lazily, for any caller that multiplies with noble's methods directly
  return p.precompute(8, true);
}

/**
 * Scalar multiplication for secret scalars: through the point's precomputed table if it has one (blinded,
 * a fixed sequence of operations: internal/tables.ts), or else noble's constant-time `multiply`.
 */
export function mulSecret(p: Point, s: Scalar): Point {
  if (s === 0n) return IDENTITY;
  return secretCombinations([[[s, p]]])?.[0] ?? p.multiply(s);
}

/** Scalar multiplication for public scalars (variable time; allows 0). */
export function mulPublic(p: Point, s: Scalar): Point {
  if (s < 0n || s >= ORDER) throw new RangeError('invalid scalar: expected 0 <= s < ℓ');
  return s === 0n ? IDENTITY : toRistretto(linearCombination([p], [s]));
}
