// Voter sessions, keyed by the sha256 of their bearer token.
import type { Db } from './open.ts';

export interface SessionRow {
  readonly election_id: string;
  readonly voter_id: string;
  readonly expires_at: number;
}

export class SessionsStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly purgeStmt;
  private readonly endVoterStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, string, number]>(
      'INSERT INTO sessions (token_hash, election_id, voter_id, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], SessionRow>(
      'SELECT election_id, voter_id, expires_at FROM sessions WHERE token_hash = ?',
    );
    this.purgeStmt = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
    this.endVoterStmt = db.prepare<[string, string]>('DELETE FROM sessions WHERE election_id = ? AND voter_id = ?');
  }

  insert(tokenHash: string, electionId: string, voterId: string, expiresAt: number): void {
    this.insertStmt.run(tokenHash, electionId, voterId, expiresAt);
  }

  get(tokenHash: string): SessionRow | undefined {
    return this.getStmt.get(tokenHash);
  }

  /** Ends every session of one voter (their letter was re-issued: whoever logged in with the old one is out). */
  endForVoter(electionId: string, voterId: string): void {
    this.endVoterStmt.run(electionId, voterId);
  }

  /** Drops expired sessions (they are refused anyway; this only keeps the table small). */
  purge(now: number): void {
    this.purgeStmt.run(now);
  }
}
