// The register on PostgreSQL (../voters-store.ts); `ord` keeps the import order SQLite's rowid keeps.
import type { AsyncStore } from '../storage.ts';
import type { VoterRow, VotersStore } from '../voters-store.ts';
import type { PgConnection } from './connection.ts';

const COLUMNS = 'voter_id, district, credential, login_hash, paper';

export class PgVotersStore implements AsyncStore<VotersStore> {
  constructor(private readonly pg: PgConnection) {}

  async insert(electionId: string, voterId: string, district: string): Promise<void> {
    await this.pg.rows('INSERT INTO voters (election_id, voter_id, district) VALUES ($1, $2, $3)', [
      electionId,
      voterId,
      district,
    ]);
  }

  async get(electionId: string, voterId: string): Promise<VoterRow | undefined> {
    const rows = await this.pg.rows<VoterRow>(`SELECT ${COLUMNS} FROM voters WHERE election_id = $1 AND voter_id = $2`, [
      electionId,
      voterId,
    ]);
    return rows[0];
  }

  async byCredential(electionId: string, credentialHex: string): Promise<VoterRow | undefined> {
    const rows = await this.pg.rows<VoterRow>(`SELECT ${COLUMNS} FROM voters WHERE election_id = $1 AND credential = $2`, [
      electionId,
      credentialHex,
    ]);
    return rows[0];
  }

  async count(electionId: string): Promise<number> {
    const rows = await this.pg.rows<{ n: number }>('SELECT COUNT(*) AS n FROM voters WHERE election_id = $1', [electionId]);
    return rows[0]?.n ?? 0;
  }

  async sizes(electionId: string): Promise<Map<string, number>> {
    const rows = await this.pg.rows<{ district: string; n: number }>(
      'SELECT district, COUNT(*) AS n FROM voters WHERE election_id = $1 GROUP BY district',
      [electionId],
    );
    return new Map(rows.map((r) => [r.district, r.n]));
  }

  async issue(electionId: string, voterId: string, credentialHex: string, loginHash: string): Promise<void> {
    await this.pg.rows('UPDATE voters SET credential = $1, login_hash = $2 WHERE election_id = $3 AND voter_id = $4', [
      credentialHex,
      loginHash,
      electionId,
      voterId,
    ]);
  }

  async ids(electionId: string): Promise<string[]> {
    const rows = await this.pg.rows<{ voter_id: string }>('SELECT voter_id FROM voters WHERE election_id = $1 ORDER BY ord', [
      electionId,
    ]);
    return rows.map((r) => r.voter_id);
  }

  async removeAll(electionId: string): Promise<void> {
    await this.pg.rows('DELETE FROM voters WHERE election_id = $1', [electionId]);
  }

  async remove(electionId: string, voterId: string): Promise<void> {
    await this.pg.rows('DELETE FROM voters WHERE election_id = $1 AND voter_id = $2', [electionId, voterId]);
  }

  async move(electionId: string, voterId: string, district: string): Promise<void> {
    await this.pg.rows('UPDATE voters SET district = $1 WHERE election_id = $2 AND voter_id = $3', [
      district,
      electionId,
      voterId,
    ]);
  }

  async markPaper(electionId: string, voterId: string): Promise<void> {
    await this.pg.rows('UPDATE voters SET paper = 1 WHERE election_id = $1 AND voter_id = $2', [electionId, voterId]);
  }

  credentials(electionId: string): Promise<{ credential: string; district: string }[]> {
    return this.pg.rows<{ credential: string; district: string }>(
      'SELECT credential, district FROM voters WHERE election_id = $1 AND credential IS NOT NULL ORDER BY ord',
      [electionId],
    );
  }
}
