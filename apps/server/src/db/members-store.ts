// The commission's members (the console, docs/api.md): each invited by name with a one-time token (only its
// SHA-256 kept), then enrolled with the signing key it proved to hold. One key per member, one member per key.
import type { Db } from './open.ts';

export interface MemberRow {
  readonly member: number;
  readonly name: string;
  readonly invite_expires_at: number;
  readonly public_key: string | null;
  readonly enrolled_at: string | null;
  /** When the operator disabled the member (`saylau commission disable-member`): no sign-in from then on. */
  readonly disabled_at: string | null;
}

const COLUMNS = 'member, name, invite_expires_at, public_key, enrolled_at, disabled_at';

export class MembersStore {
  private readonly inviteStmt;
  private readonly byInvitationStmt;
  private readonly byKeyStmt;
  private readonly getStmt;
  private readonly enrollStmt;
  private readonly allStmt;
  private readonly disableStmt;

  constructor(db: Db) {
    this.inviteStmt = db.prepare<[string, string, string, number], { member: number }>(
      'INSERT INTO members (name, invite_hash, invited_at, invite_expires_at) VALUES (?, ?, ?, ?) RETURNING member',
    );
    this.byInvitationStmt = db.prepare<[string], MemberRow>(`SELECT ${COLUMNS} FROM members WHERE invite_hash = ?`);
    this.byKeyStmt = db.prepare<[string], MemberRow>(`SELECT ${COLUMNS} FROM members WHERE public_key = ?`);
    this.getStmt = db.prepare<[number], MemberRow>(`SELECT ${COLUMNS} FROM members WHERE member = ?`);
    this.enrollStmt = db.prepare<[string, string, number, string]>(
      `UPDATE members SET public_key = ?, enrolled_at = ?
       WHERE member = ? AND public_key IS NULL AND NOT EXISTS (SELECT 1 FROM members WHERE public_key = ?)`,
    );
    this.allStmt = db.prepare<[], MemberRow>(`SELECT ${COLUMNS} FROM members ORDER BY member`);
    this.disableStmt = db.prepare<[string, number]>(
      'UPDATE members SET disabled_at = ? WHERE member = ? AND disabled_at IS NULL',
    );
  }

  /** A new member, invited: its number. */
  invite(name: string, inviteHash: string, invitedAt: string, expiresAt: number): number {
    return (this.inviteStmt.get(name, inviteHash, invitedAt, expiresAt) as { member: number }).member;
  }

  byInvitation(inviteHash: string): MemberRow | undefined {
    return this.byInvitationStmt.get(inviteHash);
  }

  byPublicKey(publicKey: string): MemberRow | undefined {
    return this.byKeyStmt.get(publicKey);
  }

  get(member: number): MemberRow | undefined {
    return this.getStmt.get(member);
  }

  /** Sets the member's key, once: false when the member already has one or another member has this key. */
  enroll(member: number, publicKey: string, enrolledAt: string): boolean {
    return this.enrollStmt.run(publicKey, enrolledAt, member, publicKey).changes === 1;
  }

  all(): MemberRow[] {
    return this.allStmt.all();
  }

  /** Disables the member, once: false when there is no such member or it already is disabled. */
  disable(member: number, disabledAt: string): boolean {
    return this.disableStmt.run(disabledAt, member).changes === 1;
  }
}
