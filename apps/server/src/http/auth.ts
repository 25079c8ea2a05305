// Who is asking: the commission by its admin token, a voter by a session token, anyone by network address.
// Tokens are compared as SHA-256 digests in constant time, so timing says nothing about a token's prefix.
import { timingSafeEqual } from 'node:crypto';
import { bytesToHex, rawSha256, utf8ToBytes } from '@saylau/crypto';
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

export function sha256Hex(text: string): string {
  return bytesToHex(rawSha256(utf8ToBytes(text)));
}

/** Constant-time equality of two hex digests of the same length. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The bearer token of the request, or a 401. */
export function bearerToken(c: Context): string {
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  if (!match?.[1]) throw new ApiError('UNAUTHENTICATED', 'this endpoint needs an Authorization: Bearer token');
  return match[1];
}

/** 401 unless the request carries the commission's token. */
export function requireCommission(c: Context, adminTokenHash: string): void {
  if (!digestsEqual(sha256Hex(bearerToken(c)), adminTokenHash)) {
    throw new ApiError('UNAUTHENTICATED', 'the admin token is not valid');
  }
}

/** The peer's network address; behind no proxy this is the TCP peer. In-process test requests have none. */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'in-process';
}
