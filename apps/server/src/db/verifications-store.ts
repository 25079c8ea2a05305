// Second-device verification counters: how often each ballot was fetched.
import type { Db } from './open.ts';

export class VerificationsStore {
  private readonly getStmt;
  private readonly bumpStmt;

  constructor(db: Db) {
    this.getStmt = db
      .prepare<[string, string], number>('SELECT fetches FROM verifications WHERE election_id = ? AND ballot_hash = ?')
      .pluck();
    this.bumpStmt = db.prepare<[string, string]>(
      `INSERT INTO verifications (election_id, ballot_hash, fetches) VALUES (?, ?, 1)
       ON CONFLICT (election_id, ballot_hash) DO UPDATE SET fetches = fetches + 1`,
    );
  }

  fetches(electionId: string, ballotHash: string): number {
    return this.getStmt.get(electionId, ballotHash) ?? 0;
  }

  bump(electionId: string, ballotHash: string): void {
    this.bumpStmt.run(electionId, ballotHash);
  }
}
