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

  async seenAmong(electionId: string, alphasHex: readonly string[]): Promise<string[]> {
    if (alphasHex.length === 0) return [];
    const rows = await this.pg.rows<{ alpha: string }>(
      'SELECT alpha FROM ciphertexts WHERE election_id = $1 AND alpha = ANY($2::text[])',
      [electionId, alphasHex],
    );
    return rows.map((r) => r.alpha);
  }

  async latestOf(electionId: string, credentialsHex: readonly string[]): Promise<Map<string, string>> {
    if (credentialsHex.length === 0) return new Map();
    const rows = await this.pg.rows<{ credential: string; hash: string }>(
      `SELECT DISTINCT ON (credential) credential, hash FROM ballots
       WHERE election_id = $1 AND credential = ANY($2::text[]) ORDER BY credential, seq DESC`,
      [electionId, [...new Set(credentialsHex)]],
    );
    return new Map(rows.map((r) => [r.credential, r.hash]));
  }

  async insertMany(electionId: string, rows: readonly Omit<BallotRow, 'superseded_by'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pg.rows(
      `INSERT INTO ballots (election_id, hash, seq, credential, district, cast_at)
       SELECT $1, * FROM UNNEST($2::text[], $3::integer[], $4::text[], $5::text[], $6::bigint[])`,
      [
        electionId,
        rows.map((r) => r.hash),
        rows.map((r) => r.seq),
        rows.map((r) => r.credential),
        rows.map((r) => r.district),
        rows.map((r) => r.cast_at),
      ],
    );
  }

  async insertAlphas(electionId: string, alphasHex: readonly string[]): Promise<void> {
    if (alphasHex.length === 0) return;
    await this.pg.rows('INSERT INTO ciphertexts (election_id, alpha) SELECT $1, UNNEST($2::text[])', [electionId, alphasHex]);
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
