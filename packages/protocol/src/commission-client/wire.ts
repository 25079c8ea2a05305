// The console's endpoints on the wire (docs/api.md, "The commission's console"): the names the server answers with
// and the browser sends, in one place so the two cannot drift apart.
import { z } from 'zod';

/** The cookie that carries a member's session: HttpOnly, SameSite=Strict, Path=/api. */
export const MEMBER_SESSION_COOKIE = 'saylau_member';
/**
 * The cookie's name over HTTPS: the __Host- prefix makes the browser refuse it unless Secure, host-only and Path=/,
 * so a sibling subdomain cannot plant a cookie of that name to shadow the member's session.
 */
export const MEMBER_SESSION_COOKIE_HTTPS = `__Host-${MEMBER_SESSION_COOKIE}`;
/** The header every request with the session cookie must carry: the session's CSRF token. */
export const CSRF_HEADER = 'X-Saylau-CSRF';

/** A session's absolute lifetime, and how long it lasts without a request (each request slides it). */
export const MEMBER_SESSION_LIFETIME_MS = 12 * 60 * 60_000;
export const MEMBER_SESSION_IDLE_MS = 60 * 60_000;
/** How long a sign-in challenge may be answered, and an invitation used. */
export const SIGN_IN_CHALLENGE_TTL_MS = 2 * 60_000;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes in lower-case hex');
const Hex128 = z.string().regex(/^[0-9a-f]{128}$/, 'a signature: 64 bytes in lower-case hex');
/** A member's name as the commission wrote it on the invitation. */
export const MemberNameSchema = z
  .string()
  .min(1)
  .max(200)
  // Control, format (zero-width, bidirectional overrides, BOM) and separator characters would let one name look
  // exactly like another in the members list and the actions log.
  .refine(
    (s) => s.trim() === s && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(s),
    'no control or invisible characters, no surrounding spaces',
  );
/** An invitation token: 32 random bytes, base64url without padding. */
export const InvitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an invitation token: 43 characters of base64url');

export const InvitationRequest = z.object({ name: MemberNameSchema }).strict();
export const InvitationAnswer = z.object({ member: z.number(), name: z.string(), token: z.string() });

export const EnrollRequest = z.object({ token: InvitationTokenSchema, publicKey: Hex64, signature: Hex128 }).strict();
export const EnrollAnswer = z.object({ member: z.number(), name: z.string() });

export const MemberWire = z.object({
  member: z.number(),
  name: z.string(),
  publicKey: z.string().nullable(),
  enrolledAt: z.string().nullable(),
  /** When the operator disabled the member; null while it may sign in. */
  disabledAt: z.string().nullable(),
});
export const MembersAnswer = z.object({ members: z.array(MemberWire) });

export const ChallengeAnswer = z.object({ challenge: Hex64, expiresAt: z.string() });
export const SignInRequest = z.object({ publicKey: Hex64, challenge: Hex64, signature: Hex128 }).strict();
export const SessionAnswer = z.object({
  member: z.number(),
  name: z.string(),
  publicKey: z.string(),
  csrf: z.string(),
  /** When the session ends unless a request slides it further (never past its absolute end). */
  expiresAt: z.string(),
});
export type MemberSession = z.infer<typeof SessionAnswer>;

export const ActorWire = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), member: z.number(), name: z.string() }),
  z.object({ kind: z.literal('admin-token') }),
]);
export type Actor = z.infer<typeof ActorWire>;

export const ActionWire = z.object({
  /** Its place in the log: ask for `after` it to read on. */
  id: z.number(),
  at: z.string(),
  actor: ActorWire,
  method: z.string(),
  /** The endpoint's pattern (`/api/elections/:eid/open`), never the raw path. */
  route: z.string(),
  election: z.string().nullable(),
  /** The answer's HTTP status; null while the request is still running (or never finished). */
  status: z.number().nullable(),
});
export type Action = z.infer<typeof ActionWire>;
export const ActionsAnswer = z.object({ actions: z.array(ActionWire) });

/** The console's address with an invitation for a member to enroll a key. */
export function invitationLink(server: string, token: string): string {
  return `${server.replace(/\/+$/, '')}/admin.html#invite=${token}`;
}
