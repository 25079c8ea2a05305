// Members' sign-in challenges and console sessions on PostgreSQL (../member-sessions-store.ts): a challenge issued
// by one server is answered at another, and taken exactly once by a DELETE … RETURNING.
import type { MemberSessionRow, MemberSessionsStore } from '../member-sessions-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgMemberSessionsStore implements AsyncStore<MemberSessionsStore> {
  constructor(private readonly pg: PgConnection) {}

  async putChallenge(challengeHash: string, expiresAt: number): Promise<void> {
    await this.pg.rows('INSERT INTO member_challenges (challenge_hash, expires_at) VALUES ($1, $2)', [challengeHash, expiresAt]);
  }

  async takeChallenge(challengeHash: string): Promise<number | undefined> {
    const rows = await this.pg.rows<{ expires_at: number }>(
      'DELETE FROM member_challenges WHERE challenge_hash = $1 RETURNING expires_at',
      [challengeHash],
    );
    return rows[0]?.expires_at;
  }

  async purgeChallenges(now: number): Promise<void> {
    await this.pg.rows('DELETE FROM member_challenges WHERE expires_at <= $1', [now]);
  }

  async insert(tokenHash: string, member: number, expiresAt: number, idleUntil: number): Promise<void> {
    await this.pg.rows('INSERT INTO member_sessions (token_hash, member, expires_at, idle_until) VALUES ($1, $2, $3, $4)', [
      tokenHash,
      member,
      expiresAt,
      idleUntil,
    ]);
  }

  async touch(tokenHash: string, now: number, idleUntil: number): Promise<MemberSessionRow | undefined> {
    const rows = await this.pg.rows<MemberSessionRow>(
      `UPDATE member_sessions SET idle_until = LEAST(expires_at, $1)
       WHERE token_hash = $2 AND expires_at > $3 AND idle_until > $3 RETURNING member, expires_at, idle_until`,
      [idleUntil, tokenHash, now],
    );
    return rows[0];
  }

  async end(tokenHash: string): Promise<void> {
    await this.pg.rows('DELETE FROM member_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async endAllOf(member: number): Promise<void> {
    await this.pg.rows('DELETE FROM member_sessions WHERE member = $1', [member]);
  }

  async purge(now: number): Promise<void> {
    await this.pg.rows('DELETE FROM member_sessions WHERE expires_at <= $1 OR idle_until <= $1', [now]);
  }
}
