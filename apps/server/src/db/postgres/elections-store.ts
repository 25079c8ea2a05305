// The elections table on PostgreSQL (../elections-store.ts).
import type { ElectionState } from '@saylau/protocol';
import type { ElectionRow, ElectionsStore } from '../elections-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgElectionsStore implements AsyncStore<ElectionsStore> {
  constructor(private readonly pg: PgConnection) {}

  async insert(row: {
    id: string;
    fingerprint: string;
    definition: string;
    boardSecret: string;
    state: ElectionState;
    createdAt: string;
  }): Promise<void> {
    await this.pg.rows(
      'INSERT INTO elections (id, fingerprint, definition, board_secret, state, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.id, row.fingerprint, row.definition, row.boardSecret, row.state, row.createdAt],
    );
  }

  async get(id: string): Promise<ElectionRow | undefined> {
    return (await this.pg.rows<ElectionRow>('SELECT * FROM elections WHERE id = $1', [id]))[0];
  }

  all(): Promise<ElectionRow[]> {
    // byte order, as SQLite sorts text
    return this.pg.rows<ElectionRow>('SELECT * FROM elections ORDER BY created_at COLLATE "C", id COLLATE "C"');
  }

  async setState(id: string, state: ElectionState): Promise<void> {
    await this.pg.rows('UPDATE elections SET state = $1 WHERE id = $2', [state, id]);
  }

  async setElectionKey(id: string, publicKeyHex: string, qualified: readonly number[]): Promise<void> {
    await this.pg.rows('UPDATE elections SET election_key = $1, qualified = $2 WHERE id = $3', [
      publicKeyHex,
      JSON.stringify(qualified),
      id,
    ]);
  }

  async freezeRegister(id: string): Promise<void> {
    await this.pg.rows('UPDATE elections SET register_frozen = 1 WHERE id = $1', [id]);
  }
}
