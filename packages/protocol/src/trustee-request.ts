// Trustee requests to the server (docs/api.md): after enrollment, every message a trustee posts is signed with its
// own key over the request's canonical JSON without `signature`, so the server (and the CLI) agree on the bytes.
import { type Point, type Scalar, type Signature, sign, TAGS, u32, utf8ToBytes, verifySignature } from '@saylau/crypto';
import { z } from 'zod';
import { canonicalBytes } from './canonical-json.ts';
import { SignatureWire } from './codec.ts';

/** Context of a trustee request signature: the tag, the election fingerprint and the trustee's index. */
export function trusteeRequestContext(fingerprint: Uint8Array, trustee: number): Uint8Array[] {
  return [utf8ToBytes(TAGS.trusteeRequest), fingerprint, u32(trustee)];
}

/** Signs a request body (JSON, without `signature`) and returns it with its `signature` member. */
export function signTrusteeRequest<T extends Record<string, unknown>>(
  secretKey: Scalar,
  fingerprint: Uint8Array,
  trustee: number,
  body: T,
): T & { signature: z.input<typeof SignatureWire> } {
  if ('signature' in body) throw new TypeError('the body to sign must not have a signature yet');
  const signature = sign(secretKey, canonicalBytes(body), trusteeRequestContext(fingerprint, trustee));
  return { ...body, signature: z.encode(SignatureWire, signature) };
}

/** Whether `signature` signs the canonical JSON of `body` (the request without its signature) under the trustee's key. */
export function verifyTrusteeRequest(
  publicKey: Point,
  fingerprint: Uint8Array,
  trustee: number,
  body: Record<string, unknown>,
  signature: Signature,
): boolean {
  const { signature: _ignored, ...unsigned } = body;
  return verifySignature(publicKey, canonicalBytes(unsigned), signature, trusteeRequestContext(fingerprint, trustee));
}
