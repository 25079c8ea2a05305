// Accepted ballots and every ciphertext seen, on PostgreSQL (../ballots-store.ts).
import type { BallotRow, BallotsStore } from '../ballots-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

const COLUMNS = 'hash, seq, credential, district, cast_at, superseded_by';

export class PgBallotsStore implements AsyncStore<BallotsStore> {
  constructor(private readonly pg: PgConnection) {}

  inBoardOrder(electionId: string): Promise<BallotRow[]> {
    return this.pg.rows<BallotRow>(`SELECT ${COLUMNS} FROM ballots WHERE election_id = $1 ORDER BY seq`, [electionId]);
  }

  async insert(electionId: string, row: Omit<BallotRow, 'superseded_by'>): Promise<void> {
    await this.pg.rows(
      'INSERT INTO ballots (election_id, hash, seq, credential, district, cast_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [electionId, row.hash, row.seq, row.credential, row.district, row.cast_at],
    );
  }

  async supersede(electionId: string, oldHash: string, newHash: string): Promise<void> {
    await this.pg.rows('UPDATE ballots SET superseded_by = $1 WHERE election_id = $2 AND hash = $3', [
      newHash,
      electionId,
      oldHash,
    ]);
  }

  async latest(electionId: string, credentialHex: string): Promise<string | undefined> {
    const rows = await this.pg.rows<{ hash: string }>(
      'SELECT hash FROM ballots WHERE election_id = $1 AND credential = $2 ORDER BY seq DESC LIMIT 1',
      [electionId, credentialHex],
    );
    return rows[0]?.hash;
  }

  async get(electionId: string, hash: string): Promise<BallotRow | undefined> {
    const rows = await this.pg.rows<BallotRow>(`SELECT ${COLUMNS} FROM ballots WHERE election_id = $1 AND hash = $2`, [
      electionId,
      hash,
    ]);
    return rows[0];
  }

  async insertAlpha(electionId: string, alphaHex: string): Promise<void> {
    await this.pg.rows('INSERT INTO ciphertexts (election_id, alpha) VALUES ($1, $2)', [electionId, alphaHex]);
  }

  async seen(electionId: string, alphaHex: string): Promise<boolean> {
    const rows = await this.pg.rows('SELECT 1 FROM ciphertexts WHERE election_id = $1 AND alpha = $2', [electionId, alphaHex]);
    return rows.length > 0;
  }

  async turnout(electionId: string): Promise<Map<string, number>> {
    const rows = await this.pg.rows<{ district: string; n: number }>(
      'SELECT district, COUNT(DISTINCT credential) AS n FROM ballots WHERE election_id = $1 GROUP BY district',
      [electionId],
    );
    return new Map(rows.map((r) => [r.district, r.n]));
  }

  async count(electionId: string): Promise<number> {
    const rows = await this.pg.rows<{ n: number }>('SELECT COUNT(*) AS n FROM ballots WHERE election_id = $1', [electionId]);
    return rows[0]?.n ?? 0;
  }
}
