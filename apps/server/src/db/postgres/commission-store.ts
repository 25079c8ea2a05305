// Commission statements while their members sign them, on PostgreSQL (../commission-store.ts).
import type { MemberSignatureJson } from '@saylau/protocol';
import type { CommissionStore, PendingStatement } from '../commission-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgCommissionStore implements AsyncStore<CommissionStore> {
  constructor(private readonly pg: PgConnection) {}

  async get(electionId: string, kind: string): Promise<PendingStatement | undefined> {
    const rows = await this.pg.rows<{ statement: string; detail: string | null; signatures: string }>(
      'SELECT statement, detail, signatures FROM commission_statements WHERE election_id = $1 AND kind = $2',
      [electionId, kind],
    );
    const row = rows[0];
    return row && { statement: row.statement, detail: row.detail, signatures: JSON.parse(row.signatures) };
  }

  async put(electionId: string, kind: string, statement: string, detail: string | null = null): Promise<void> {
    await this.pg.rows(
      `INSERT INTO commission_statements (election_id, kind, statement, detail, signatures) VALUES ($1, $2, $3, $4, '[]')
       ON CONFLICT (election_id, kind) DO UPDATE SET statement = excluded.statement, detail = excluded.detail, signatures = '[]'`,
      [electionId, kind, statement, detail],
    );
  }

  async setSignatures(electionId: string, kind: string, signatures: readonly MemberSignatureJson[]): Promise<void> {
    await this.pg.rows('UPDATE commission_statements SET signatures = $1 WHERE election_id = $2 AND kind = $3', [
      JSON.stringify(signatures),
      electionId,
      kind,
    ]);
  }

  async drop(electionId: string, kind: string): Promise<void> {
    await this.pg.rows('DELETE FROM commission_statements WHERE election_id = $1 AND kind = $2', [electionId, kind]);
  }
}
