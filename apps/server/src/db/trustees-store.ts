// Trustee enrollment: names and one-time tokens from the commission, then each trustee's own key.
import type { Db } from './open.ts';

export interface TrusteeRow {
  readonly trustee: number;
  readonly name: string;
  readonly token_hash: string | null;
  readonly public_key: string | null;
}

export class TrusteesStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly enrollStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string]>(
      'INSERT INTO trustees (election_id, trustee, name, token_hash) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string, number], TrusteeRow>(
      'SELECT trustee, name, token_hash, public_key FROM trustees WHERE election_id = ? AND trustee = ?',
    );
    this.allStmt = db.prepare<[string], TrusteeRow>(
      'SELECT trustee, name, token_hash, public_key FROM trustees WHERE election_id = ? ORDER BY trustee',
    );
    this.enrollStmt = db.prepare<[string, string, number]>(
      'UPDATE trustees SET public_key = ?, token_hash = NULL WHERE election_id = ? AND trustee = ?',
    );
  }

  insert(electionId: string, trustee: number, name: string, tokenHash: string): void {
    this.insertStmt.run(electionId, trustee, name, tokenHash);
  }

  get(electionId: string, trustee: number): TrusteeRow | undefined {
    return this.getStmt.get(electionId, trustee);
  }

  all(electionId: string): TrusteeRow[] {
    return this.allStmt.all(electionId);
  }

  /** Records the trustee's key and burns its enrollment token. */
  enroll(electionId: string, trustee: number, publicKeyHex: string): void {
    this.enrollStmt.run(publicKeyHex, electionId, trustee);
  }
}
