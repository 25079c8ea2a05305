// Who is asking: the commission by its admin token (its members by their console session, members/), a voter by a
// session token, anyone by network address. Tokens are compared as SHA-256 digests in constant time, so timing says
// nothing about a token's prefix.
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

/** 401 unless the request carries the commission's admin token (members/commission-auth.ts also takes a session). */
export function requireAdminToken(c: Context, adminTokenHash: string): void {
  if (!digestsEqual(sha256Hex(bearerToken(c)), adminTokenHash)) {
    throw new ApiError('UNAUTHENTICATED', 'the admin token is not valid');
  }
}

/**
 * The voter's network address, for the per-address rate limit: the TCP peer, or — when the peer is one of the
 * commission's reverse proxies (`trustedProxies`, e.g. 127.0.0.1 for nginx on the same host) — the address that proxy
 * put last in X-Forwarded-For. Anyone else's X-Forwarded-For is ignored: a client could write anything there. Without
 * this, every voter behind the proxy would share one address and one rate limit. In-process test requests have none.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[] = []): string {
  const peer = peerOf(c);
  if (peer === undefined) return 'in-process';
  if (!trustedProxies.includes(normalizeAddress(peer))) return peer;
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded ? forwarded.slice(0, 64) : peer;
}

/**
 * Whether the request reached us over HTTPS: directly, or through one of the trusted proxies that says so in
 * X-Forwarded-Proto (its last value, the one that proxy wrote). Decides a session cookie's Secure attribute.
 */
export function arrivedOverHttps(c: Context, trustedProxies: readonly string[] = []): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const peer = peerOf(c);
  if (peer === undefined || !trustedProxies.includes(normalizeAddress(peer))) return false;
  return c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

function peerOf(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** An IPv4 peer as Node reports it on a dual-stack socket (::ffff:127.0.0.1) compared as plain IPv4. */
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
