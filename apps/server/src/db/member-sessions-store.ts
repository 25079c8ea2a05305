// Members' sign-in challenges and console sessions (docs/api.md), in the database so that every server sharing
// it agrees: a challenge is taken once (deleted as it is read), a session is keyed by the SHA-256 of its cookie.
import type { Db } from './open.ts';

export interface MemberSessionRow {
  readonly member: number;
  /** The absolute end (ms since the epoch). */
  readonly expires_at: number;
  /** The end unless another request slides it (ms since the epoch). */
  readonly idle_until: number;
}

export class MemberSessionsStore {
  private readonly putChallengeStmt;
  private readonly takeChallengeStmt;
  private readonly purgeChallengesStmt;
  private readonly insertStmt;
  private readonly touchStmt;
  private readonly endStmt;
  private readonly endAllOfStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    this.putChallengeStmt = db.prepare<[string, number]>(
      'INSERT INTO member_challenges (challenge_hash, expires_at) VALUES (?, ?)',
    );
    this.takeChallengeStmt = db.prepare<[string], { expires_at: number }>(
      'DELETE FROM member_challenges WHERE challenge_hash = ? RETURNING expires_at',
    );
    this.purgeChallengesStmt = db.prepare<[number]>('DELETE FROM member_challenges WHERE expires_at <= ?');
    this.insertStmt = db.prepare<[string, number, number, number]>(
      'INSERT INTO member_sessions (token_hash, member, expires_at, idle_until) VALUES (?, ?, ?, ?)',
    );
    this.touchStmt = db.prepare<[number, string, number, number], MemberSessionRow>(
      `UPDATE member_sessions SET idle_until = MIN(expires_at, ?)
       WHERE token_hash = ? AND expires_at > ? AND idle_until > ? RETURNING member, expires_at, idle_until`,
    );
    this.endStmt = db.prepare<[string]>('DELETE FROM member_sessions WHERE token_hash = ?');
    this.endAllOfStmt = db.prepare<[number]>('DELETE FROM member_sessions WHERE member = ?');
    this.purgeStmt = db.prepare<[number, number]>('DELETE FROM member_sessions WHERE expires_at <= ? OR idle_until <= ?');
  }

  putChallenge(challengeHash: string, expiresAt: number): void {
    this.putChallengeStmt.run(challengeHash, expiresAt);
  }

  /** Deletes the challenge and answers when it expires (or expired); undefined when it was not there. */
  takeChallenge(challengeHash: string): number | undefined {
    return this.takeChallengeStmt.get(challengeHash)?.expires_at;
  }

  purgeChallenges(now: number): void {
    this.purgeChallengesStmt.run(now);
  }

  insert(tokenHash: string, member: number, expiresAt: number, idleUntil: number): void {
    this.insertStmt.run(tokenHash, member, expiresAt, idleUntil);
  }

  /**
   * The session, if it is alive at `now`, with its idle end slid to `idleUntil` (never past its absolute end);
   * undefined for an unknown, ended or expired one.
   */
  touch(tokenHash: string, now: number, idleUntil: number): MemberSessionRow | undefined {
    return this.touchStmt.get(idleUntil, tokenHash, now, now);
  }

  end(tokenHash: string): void {
    this.endStmt.run(tokenHash);
  }

  /** Ends every session of a member (the member was disabled). */
  endAllOf(member: number): void {
    this.endAllOfStmt.run(member);
  }

  /** Drops ended sessions (they are refused anyway; this only keeps the table small). */
  purge(now: number): void {
    this.purgeStmt.run(now, now);
  }
}
