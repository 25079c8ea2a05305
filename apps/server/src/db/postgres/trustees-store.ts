// Trustee enrollment on PostgreSQL (../trustees-store.ts).
import type { AsyncStore } from '../storage.ts';
import type { TrusteeRow, TrusteesStore } from '../trustees-store.ts';
import type { PgConnection } from './connection.ts';

const COLUMNS = 'trustee, name, token_hash, public_key';

export class PgTrusteesStore implements AsyncStore<TrusteesStore> {
  constructor(private readonly pg: PgConnection) {}

  async insert(electionId: string, trustee: number, name: string, tokenHash: string): Promise<void> {
    await this.pg.rows('INSERT INTO trustees (election_id, trustee, name, token_hash) VALUES ($1, $2, $3, $4)', [
      electionId,
      trustee,
      name,
      tokenHash,
    ]);
  }

  async get(electionId: string, trustee: number): Promise<TrusteeRow | undefined> {
    const rows = await this.pg.rows<TrusteeRow>(`SELECT ${COLUMNS} FROM trustees WHERE election_id = $1 AND trustee = $2`, [
      electionId,
      trustee,
    ]);
    return rows[0];
  }

  all(electionId: string): Promise<TrusteeRow[]> {
    return this.pg.rows<TrusteeRow>(`SELECT ${COLUMNS} FROM trustees WHERE election_id = $1 ORDER BY trustee`, [electionId]);
  }

  async enroll(electionId: string, trustee: number, publicKeyHex: string): Promise<void> {
    await this.pg.rows('UPDATE trustees SET public_key = $1, token_hash = NULL WHERE election_id = $2 AND trustee = $3', [
      publicKeyHex,
      electionId,
      trustee,
    ]);
  }
}
