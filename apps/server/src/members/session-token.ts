// A console session's secrets: the cookie's random token (the server keeps only its SHA-256) and the CSRF token
// derived from it, which the page holds in memory and sends back as a header. A site that makes the browser send
// the cookie cannot read the answer that carries the CSRF token, so it cannot send the header.
import { bytesToHex, randomBytes, TAGS, taggedHash, utf8ToBytes } from '@saylau/crypto';
import { CSRF_HEADER, MEMBER_SESSION_COOKIE, MEMBER_SESSION_COOKIE_HTTPS } from '@saylau/protocol/commission-client';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { arrivedOverHttps, digestsEqual } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';

const TOKEN = /^[0-9a-f]{64}$/;

/** A new session token: 32 bytes from the CSPRNG, hex. */
export function newSessionToken(): string {
  return bytesToHex(randomBytes(32));
}

/** The CSRF token of a session: taggedHash(memberCsrf, token), hex. One-way: it tells nothing of the cookie. */
export function csrfOf(token: string): string {
  return bytesToHex(taggedHash(TAGS.memberCsrf, [utf8ToBytes(token)]));
}

/**
 * The cookie a session travels in: over HTTPS `__Host-saylau_member` at Path=/ (no other host of the site can set
 * it), over plain HTTP (a server on loopback, a test) `saylau_member` at Path=/api.
 */
function cookieOf(c: Context, trustedProxies: readonly string[]): { name: string; path: string; secure: boolean } {
  return arrivedOverHttps(c, trustedProxies)
    ? { name: MEMBER_SESSION_COOKIE_HTTPS, path: '/', secure: true }
    : { name: MEMBER_SESSION_COOKIE, path: '/api', secure: false };
}

/**
 * The session token of the request's cookie (only the name for this transport counts), or undefined when there is
 * no such cookie. 401 for a malformed one.
 */
export function sessionCookie(c: Context, trustedProxies: readonly string[]): string | undefined {
  const value = getCookie(c, cookieOf(c, trustedProxies).name);
  if (value === undefined) return undefined;
  if (!TOKEN.test(value)) throw new ApiError('UNAUTHENTICATED', 'the console session cookie is not valid; sign in again');
  return value;
}

/** 403 CSRF_REJECTED unless the request's X-Saylau-CSRF header is this session's, compared in constant time. */
export function requireCsrf(c: Context, token: string): void {
  const header = c.req.header(CSRF_HEADER);
  if (header === undefined || !digestsEqual(header, csrfOf(token))) {
    throw new ApiError(
      'CSRF_REJECTED',
      `a request with the console session cookie needs the session's ${CSRF_HEADER} header (the csrf of the sign-in answer)`,
    );
  }
}

/**
 * Sets the session cookie (or clears it, with `token` null): HttpOnly so page scripts never see it, SameSite=Strict
 * so other sites' pages do not send it; over HTTPS Secure and __Host- (cookieOf).
 */
export function writeSessionCookie(c: Context, token: string | null, maxAgeMs: number, trustedProxies: readonly string[]): void {
  const cookie = cookieOf(c, trustedProxies);
  setCookie(c, cookie.name, token ?? '', {
    httpOnly: true,
    sameSite: 'Strict',
    path: cookie.path,
    secure: cookie.secure,
    maxAge: token === null ? 0 : Math.floor(maxAgeMs / 1000),
  });
}
