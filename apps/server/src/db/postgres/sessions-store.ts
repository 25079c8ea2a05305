// Voter sessions on PostgreSQL (../sessions-store.ts): in the database, so any server takes a session another made.
import type { SessionRow, SessionsStore } from '../sessions-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgSessionsStore implements AsyncStore<SessionsStore> {
  constructor(private readonly pg: PgConnection) {}

  async insert(tokenHash: string, electionId: string, voterId: string, expiresAt: number): Promise<void> {
    await this.pg.rows('INSERT INTO sessions (token_hash, election_id, voter_id, expires_at) VALUES ($1, $2, $3, $4)', [
      tokenHash,
      electionId,
      voterId,
      expiresAt,
    ]);
  }

  async get(tokenHash: string): Promise<SessionRow | undefined> {
    const rows = await this.pg.rows<SessionRow>('SELECT election_id, voter_id, expires_at FROM sessions WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0];
  }

  async endForVoter(electionId: string, voterId: string): Promise<void> {
    await this.pg.rows('DELETE FROM sessions WHERE election_id = $1 AND voter_id = $2', [electionId, voterId]);
  }

  async purge(now: number): Promise<void> {
    await this.pg.rows('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
}
