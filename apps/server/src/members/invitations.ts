// Members join the console by invitation (docs/api.md): the commission names a member and gets a one-time token
// (only its SHA-256 kept, valid seven days); the member enrolls a signing key with it, proving to hold the key
// (member-signatures.ts in the protocol). One key per member, one member per key; a token enrolls once.
import { randomBytes } from '@saylau/crypto';
import { INVITATION_TTL_MS, invitationHash, type MembersAnswer, verifyEnrollment } from '@saylau/protocol/commission-client';
import type { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

/** A new member by name: its number and the invitation token (shown once, never stored). */
export async function inviteMember(services: Services, name: string): Promise<{ member: number; name: string; token: string }> {
  const now = services.config.now();
  const token = Buffer.from(randomBytes(32)).toString('base64url');
  const member = await services.storage.members.invite(
    name,
    invitationHash(token),
    new Date(now).toISOString(),
    now + INVITATION_TTL_MS,
  );
  return { member, name, token };
}

/** Enrolls the key the invitation's holder proved to hold; the invitation is then spent. */
export async function enrollMember(
  services: Services,
  body: { token: string; publicKey: string; signature: string },
): Promise<{ member: number; name: string }> {
  const hash = invitationHash(body.token);
  const invited = await services.storage.members.byInvitation(hash);
  if (!invited) throw new ApiError('INVITATION_INVALID', 'the invitation is unknown: ask the commission for a new link');
  if (invited.public_key !== null) throw new ApiError('INVITATION_SPENT');
  if (invited.disabled_at !== null) throw new ApiError('MEMBER_DISABLED');
  if (invited.invite_expires_at <= services.config.now()) {
    throw new ApiError('INVITATION_INVALID', 'the invitation has expired: ask the commission for a new link');
  }
  if (!verifyEnrollment(hash, body.publicKey, body.signature)) throw new ApiError('BAD_ENROLLMENT_SIGNATURE');
  if (await services.storage.members.byPublicKey(body.publicKey)) throw new ApiError('KEY_ALREADY_ENROLLED');
  const enrolledAt = new Date(services.config.now()).toISOString();
  if (!(await services.storage.members.enroll(invited.member, body.publicKey, enrolledAt))) {
    // another request got there first: with this invitation, or with this key
    const now = await services.storage.members.byInvitation(hash);
    throw new ApiError(now?.public_key ? 'INVITATION_SPENT' : 'KEY_ALREADY_ENROLLED');
  }
  return { member: invited.member, name: invited.name };
}

export async function listMembers(services: Services): Promise<z.infer<typeof MembersAnswer>> {
  const rows = await services.storage.members.all();
  return {
    members: rows.map((r) => ({
      member: r.member,
      name: r.name,
      publicKey: r.public_key,
      enrolledAt: r.enrolled_at,
      disabledAt: r.disabled_at,
    })),
  };
}

/**
 * Disables a member (a member who left, a key that may be lost): its sessions end at once, its key signs nobody in
 * and its invitation enrolls nobody. 404 for no such member; disabling twice is refused as it changes nothing.
 */
export async function disableMember(
  services: Services,
  member: number,
): Promise<{ member: number; name: string; disabledAt: string }> {
  const row = await services.storage.members.get(member);
  if (!row) throw new ApiError('NOT_FOUND', `there is no member ${member}`);
  const disabledAt = new Date(services.config.now()).toISOString();
  if (!(await services.storage.members.disable(member, disabledAt))) {
    throw new ApiError('WRONG_STATE', `member ${member} (${row.name}) is already disabled`);
  }
  await services.storage.memberSessions.endAllOf(member);
  return { member, name: row.name, disabledAt };
}
