// Wire codecs (spec §3.1): group elements and scalars travel as lower-case hex; these zod codecs turn them into
// rich values on decode and back on encode, in one place. Canonical-encoding failures become zod issues.
import {
  bytesToHex,
  type ChaumPedersenProof,
  type Ciphertext,
  DecodeError,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  hexToBytes,
  type Point,
  type RangeProof,
  type Scalar,
  type SchnorrProof,
  type Signature,
} from '@saylau/crypto';
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** The registry code for a failed decode: the crypto core's specific reason, or BAD_ENCODING. */
export function decodeErrorCode(error: unknown): ErrorCode {
  if (error instanceof DecodeError && error.code !== 'WRONG_LENGTH') return error.code;
  return 'BAD_ENCODING';
}

function decodeOrIssue<T>(hex: string, ctx: z.core.ParsePayload<string>, decode: (b: Uint8Array) => T): T {
  try {
    return decode(hexToBytes(hex));
  } catch (error) {
    const code = decodeErrorCode(error);
    ctx.issues.push({ code: 'custom', input: hex, message: code, params: { code } });
    return z.NEVER;
  }
}

/** A group element other than the identity, as 64 hex characters. */
export const PointHex = z.codec(z.string().regex(HEX64, 'BAD_ENCODING'), z.custom<Point>(), {
  decode: (hex, ctx) => decodeOrIssue(hex, ctx, (b) => decodePoint(b)),
  encode: (p) => bytesToHex(encodePoint(p)),
});

/**
 * Any group element, the identity included (64 zero hex characters): only where the sum of ciphertexts may be
 * the identity, that is in aggregates (spec §6.3). Everywhere else use PointHex.
 */
export const PointHexOrIdentity = z.codec(z.string().regex(HEX64, 'BAD_ENCODING'), z.custom<Point>(), {
  decode: (hex, ctx) => decodeOrIssue(hex, ctx, (b) => decodePoint(b, { allowIdentity: true })),
  encode: (p) => bytesToHex(encodePoint(p)),
});

/** A scalar in [0, ℓ), as 64 hex characters (32 bytes little-endian). */
export const ScalarHex = z.codec(
  z.string().regex(HEX64, 'BAD_ENCODING'),
  z.custom<Scalar>((v) => typeof v === 'bigint'),
  {
    decode: (hex, ctx) => decodeOrIssue(hex, ctx, decodeScalar),
    encode: (s) => bytesToHex(encodeScalar(s)),
  },
);

/** Any byte string as lower-case hex (bounded by the caller's max). */
export function bytesHex(maxBytes: number) {
  return z.codec(
    z
      .string()
      .max(maxBytes * 2)
      .regex(/^(?:[0-9a-f]{2})*$/, 'BAD_ENCODING'),
    z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    { decode: (hex) => hexToBytes(hex), encode: (b) => bytesToHex(b) },
  );
}

/** A 32-byte digest as 64 hex characters (kept as a string: digests are compared, not computed on). */
export const DigestHex = z.string().regex(HEX64, 'BAD_ENCODING');

export const CiphertextWire = z.object({ alpha: PointHex, beta: PointHex }).strict();
/** A homomorphic sum: either component may be the identity (an empty district's aggregate is (O, O)). */
export const AggregateCiphertextWire = z.object({ alpha: PointHexOrIdentity, beta: PointHexOrIdentity }).strict();
export const SchnorrProofWire = z.object({ commitment: PointHex, response: ScalarHex }).strict();
export const SignatureWire = z.object({ commitment: PointHex, response: ScalarHex }).strict();
export const ChaumPedersenProofWire = z.object({ commitment1: PointHex, commitment2: PointHex, response: ScalarHex }).strict();
export const RangeProofWire = z
  .object({
    branches: z
      .array(z.object({ commitmentA: PointHex, commitmentB: PointHex, challenge: ScalarHex, response: ScalarHex }).strict())
      .min(1)
      .max(64)
      .readonly(),
  })
  .strict();

// Compile-time checks that the wire schemas decode to the crypto core's types.
type Assert<T extends true> = T;
export type _CodecTypesMatch = Assert<
  z.output<typeof CiphertextWire> extends Ciphertext
    ? z.output<typeof AggregateCiphertextWire> extends Ciphertext
      ? z.output<typeof SchnorrProofWire> extends SchnorrProof
        ? z.output<typeof SignatureWire> extends Signature
          ? z.output<typeof ChaumPedersenProofWire> extends ChaumPedersenProof
            ? z.output<typeof RangeProofWire> extends RangeProof
              ? true
              : false
            : false
          : false
        : false
      : false
    : false
>;
