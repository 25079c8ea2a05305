// The commission's members on PostgreSQL (../members-store.ts).
import type { MemberRow, MembersStore } from '../members-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

const COLUMNS = 'member, name, invite_expires_at, public_key, enrolled_at, disabled_at';

export class PgMembersStore implements AsyncStore<MembersStore> {
  constructor(private readonly pg: PgConnection) {}

  async invite(name: string, inviteHash: string, invitedAt: string, expiresAt: number): Promise<number> {
    const rows = await this.pg.rows<{ member: number }>(
      'INSERT INTO members (name, invite_hash, invited_at, invite_expires_at) VALUES ($1, $2, $3, $4) RETURNING member',
      [name, inviteHash, invitedAt, expiresAt],
    );
    return (rows[0] as { member: number }).member;
  }

  async byInvitation(inviteHash: string): Promise<MemberRow | undefined> {
    return (await this.pg.rows<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE invite_hash = $1`, [inviteHash]))[0];
  }

  async byPublicKey(publicKey: string): Promise<MemberRow | undefined> {
    return (await this.pg.rows<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE public_key = $1`, [publicKey]))[0];
  }

  async get(member: number): Promise<MemberRow | undefined> {
    return (await this.pg.rows<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE member = $1`, [member]))[0];
  }

  async enroll(member: number, publicKey: string, enrolledAt: string): Promise<boolean> {
    // ON CONFLICT cannot guard an UPDATE: a key another member took at the same moment fails the UNIQUE index,
    // which is the same answer as the NOT EXISTS (nobody gets the key twice).
    try {
      const rows = await this.pg.rows<{ member: number }>(
        `UPDATE members SET public_key = $1, enrolled_at = $2
         WHERE member = $3 AND public_key IS NULL AND NOT EXISTS (SELECT 1 FROM members WHERE public_key = $1)
         RETURNING member`,
        [publicKey, enrolledAt, member],
      );
      return rows.length === 1;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  async all(): Promise<MemberRow[]> {
    return this.pg.rows<MemberRow>(`SELECT ${COLUMNS} FROM members ORDER BY member`);
  }

  async disable(member: number, disabledAt: string): Promise<boolean> {
    const rows = await this.pg.rows<{ member: number }>(
      'UPDATE members SET disabled_at = $1 WHERE member = $2 AND disabled_at IS NULL RETURNING member',
      [disabledAt, member],
    );
    return rows.length === 1;
  }
}
