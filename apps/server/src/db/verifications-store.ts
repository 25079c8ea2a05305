// Second-device verification (spec §3.6.6): how often each ballot was fetched, and the sealed seeds the voters'
// devices upload, kept only until their window ends (this connection zeroes what it deletes: see open.ts).
import type { Db } from './open.ts';

export interface SealRow {
  readonly access_hash: string;
  /** Null once erased (the last allowed fetch was made). */
  readonly nonce: string | null;
  readonly sealed: string | null;
  readonly expires_at: number;
}

export class VerificationsStore {
  private readonly getStmt;
  private readonly bumpStmt;
  private readonly insertSealStmt;
  private readonly sealStmt;
  private readonly eraseSealStmt;
  private readonly purgeSealsStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db
      .prepare<[string, string], number>('SELECT fetches FROM verifications WHERE election_id = ? AND ballot_hash = ?')
      .pluck();
    this.bumpStmt = db.prepare<[string, string]>(
      `INSERT INTO verifications (election_id, ballot_hash, fetches) VALUES (?, ?, 1)
       ON CONFLICT (election_id, ballot_hash) DO UPDATE SET fetches = fetches + 1`,
    );
    this.insertSealStmt = db.prepare<[string, string, string, string, string, number]>(
      `INSERT INTO verification_seals (election_id, ballot_hash, access_hash, nonce, sealed, expires_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (election_id, ballot_hash) DO NOTHING`,
    );
    this.sealStmt = db.prepare<[string, string], SealRow>(
      'SELECT access_hash, nonce, sealed, expires_at FROM verification_seals WHERE election_id = ? AND ballot_hash = ?',
    );
    this.eraseSealStmt = db.prepare<[string, string]>(
      'UPDATE verification_seals SET nonce = NULL, sealed = NULL WHERE election_id = ? AND ballot_hash = ?',
    );
    this.purgeSealsStmt = db.prepare<[number]>('DELETE FROM verification_seals WHERE expires_at <= ?');
  }

  fetches(electionId: string, ballotHash: string): number {
    return this.getStmt.get(electionId, ballotHash) ?? 0;
  }

  bump(electionId: string, ballotHash: string): void {
    this.bumpStmt.run(electionId, ballotHash);
  }

  /** Stores a ballot's sealed seed; false when one was stored before (a seal is accepted once). */
  insertSeal(
    electionId: string,
    ballotHash: string,
    seal: Omit<SealRow, 'nonce' | 'sealed'> & { nonce: string; sealed: string },
  ) {
    const { changes } = this.insertSealStmt.run(
      electionId,
      ballotHash,
      seal.access_hash,
      seal.nonce,
      seal.sealed,
      seal.expires_at,
    );
    return changes === 1;
  }

  seal(electionId: string, ballotHash: string): SealRow | undefined {
    return this.sealStmt.get(electionId, ballotHash);
  }

  /** Forgets the sealed seed but keeps the row, so the ballot's seal is still "already uploaded" until the window ends. */
  eraseSeal(electionId: string, ballotHash: string): void {
    this.eraseSealStmt.run(electionId, ballotHash);
  }

  /**
   * Deletes every seal whose window has ended; when any went, checkpoints the WAL and truncates it, so no copy of a
   * deleted seal stays in the -wal file either. Returns how many went.
   */
  purgeSeals(now: number): number {
    const { changes } = this.purgeSealsStmt.run(now);
    if (changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  }
}
