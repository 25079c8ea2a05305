// A member signs in to the console with its own key (docs/api.md): the server issues a one-time challenge, the
// member signs it (member-signatures.ts in the protocol, its own domain tag), and gets a session cookie. Challenges
// and sessions live in the database, so every server sharing it agrees on them.
import { bytesToHex, randomBytes } from '@saylau/crypto';
import {
  MEMBER_SESSION_IDLE_MS,
  MEMBER_SESSION_LIFETIME_MS,
  type MemberSession,
  SIGN_IN_CHALLENGE_TTL_MS,
  verifySignIn,
} from '@saylau/protocol/commission-client';
import type { Context } from 'hono';
import { sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { csrfOf, newSessionToken, requireCsrf, sessionCookie, writeSessionCookie } from './session-token.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A fresh challenge, single use, valid two minutes; expired ones are dropped on the way. */
export async function issueChallenge(services: Services): Promise<{ challenge: string; expiresAt: string }> {
  const now = services.config.now();
  const challenge = bytesToHex(randomBytes(32));
  await services.storage.memberSessions.purgeChallenges(now);
  await services.storage.memberSessions.putChallenge(sha256Hex(challenge), now + SIGN_IN_CHALLENGE_TTL_MS);
  return { challenge, expiresAt: iso(now + SIGN_IN_CHALLENGE_TTL_MS) };
}

/**
 * Signs a member in: the challenge is spent first, whatever follows, so no answer can be tried twice. Then the key
 * must be an enrolled member's and the signature its sign-in signature over this challenge.
 */
export async function signIn(
  services: Services,
  c: Context,
  body: { publicKey: string; challenge: string; signature: string },
): Promise<MemberSession> {
  const now = services.config.now();
  const expiresAt = await services.storage.memberSessions.takeChallenge(sha256Hex(body.challenge));
  if (expiresAt === undefined || expiresAt <= now) {
    throw new ApiError('CHALLENGE_INVALID', 'the sign-in challenge is unknown, already used or expired: ask for a new one');
  }
  const member = await services.storage.members.byPublicKey(body.publicKey);
  if (!member) throw new ApiError('UNKNOWN_MEMBER_KEY');
  if (member.disabled_at !== null) throw new ApiError('MEMBER_DISABLED');
  if (!verifySignIn(body.publicKey, body.challenge, body.signature)) throw new ApiError('BAD_SIGN_IN_SIGNATURE');

  await services.storage.memberSessions.purge(now);
  const token = newSessionToken();
  const end = now + MEMBER_SESSION_LIFETIME_MS;
  const idleUntil = Math.min(end, now + MEMBER_SESSION_IDLE_MS);
  await services.storage.memberSessions.insert(sha256Hex(token), member.member, end, idleUntil);
  writeSessionCookie(c, token, MEMBER_SESSION_LIFETIME_MS, services.config.trustedProxies);
  return { member: member.member, name: member.name, publicKey: body.publicKey, csrf: csrfOf(token), expiresAt: iso(idleUntil) };
}

export interface SignedIn {
  readonly session: MemberSession;
  readonly token: string;
}

/**
 * The session of the request's cookie, slid forward by this request; undefined when there is no cookie. 401 for
 * an unknown, ended or expired session; with `csrf`, 403 unless the CSRF header is the session's.
 */
export async function memberSessionOf(services: Services, c: Context, csrf: boolean): Promise<SignedIn | undefined> {
  const token = sessionCookie(c, services.config.trustedProxies);
  if (token === undefined) return undefined;
  const now = services.config.now();
  const row = await services.storage.memberSessions.touch(sha256Hex(token), now, now + MEMBER_SESSION_IDLE_MS);
  const member = row && (await services.storage.members.get(row.member));
  if (!row || !member?.public_key || member.disabled_at !== null) {
    throw new ApiError('UNAUTHENTICATED', 'the console session has ended (signed out, idle too long, or expired); sign in again');
  }
  if (csrf) requireCsrf(c, token);
  const session = {
    member: member.member,
    name: member.name,
    publicKey: member.public_key,
    csrf: csrfOf(token),
    expiresAt: iso(row.idle_until),
  };
  return { session, token };
}

/** The request's session, or 401 when it carries none. */
export async function requireMemberSession(services: Services, c: Context, csrf: boolean): Promise<SignedIn> {
  const signedIn = await memberSessionOf(services, c, csrf);
  if (!signedIn) throw new ApiError('UNAUTHENTICATED', 'this endpoint needs a console session: sign in with your key');
  return signedIn;
}

/** Ends the session on the server and clears the cookie. */
export async function signOut(services: Services, c: Context, token: string): Promise<void> {
  await services.storage.memberSessions.end(sha256Hex(token));
  writeSessionCookie(c, null, 0, services.config.trustedProxies);
}
