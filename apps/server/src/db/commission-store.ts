// Commission statements while their members sign them (spec §4.4): one pending statement per election and kind,
// with the signatures collected so far. Published statements live on the board; the row is then removed.
import type { MemberSignatureJson } from '@saylau/protocol';
import type { Db } from './open.ts';

export interface PendingStatement {
  readonly statement: string;
  readonly detail: string | null;
  readonly signatures: MemberSignatureJson[];
}

interface Row {
  readonly statement: string;
  readonly detail: string | null;
  readonly signatures: string;
}

export class CommissionStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly signStmt;
  private readonly dropStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], Row>(
      'SELECT statement, detail, signatures FROM commission_statements WHERE election_id = ? AND kind = ?',
    );
    this.putStmt = db.prepare<[string, string, string, string | null]>(
      `INSERT INTO commission_statements (election_id, kind, statement, detail, signatures) VALUES (?, ?, ?, ?, '[]')
       ON CONFLICT (election_id, kind) DO UPDATE SET statement = excluded.statement, detail = excluded.detail, signatures = '[]'`,
    );
    this.signStmt = db.prepare<[string, string, string]>(
      'UPDATE commission_statements SET signatures = ? WHERE election_id = ? AND kind = ?',
    );
    this.dropStmt = db.prepare<[string, string]>('DELETE FROM commission_statements WHERE election_id = ? AND kind = ?');
  }

  get(electionId: string, kind: string): PendingStatement | undefined {
    const row = this.getStmt.get(electionId, kind);
    return row && { statement: row.statement, detail: row.detail, signatures: JSON.parse(row.signatures) };
  }

  /** Stages a statement to sign; one staged before of the same kind is replaced with its signatures. */
  put(electionId: string, kind: string, statement: string, detail: string | null = null): void {
    this.putStmt.run(electionId, kind, statement, detail);
  }

  setSignatures(electionId: string, kind: string, signatures: readonly MemberSignatureJson[]): void {
    this.signStmt.run(JSON.stringify(signatures), electionId, kind);
  }

  drop(electionId: string, kind: string): void {
    this.dropStmt.run(electionId, kind);
  }
}
