// The register: voters with their district, and once issued their credential and login-code hash.
import type { Db } from './open.ts';

export interface VoterRow {
  readonly voter_id: string;
  readonly district: string;
  readonly credential: string | null;
  readonly login_hash: string | null;
  readonly paper: number;
}

export class VotersStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byCredentialStmt;
  private readonly countStmt;
  private readonly sizesStmt;
  private readonly issueStmt;
  private readonly idsStmt;
  private readonly paperStmt;
  private readonly credentialsStmt;
  private readonly removeStmt;
  private readonly removeAllStmt;
  private readonly moveStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, string]>(
      'INSERT INTO voters (election_id, voter_id, district) VALUES (?, ?, ?)',
    );
    this.getStmt = db.prepare<[string, string], VoterRow>(
      'SELECT voter_id, district, credential, login_hash, paper FROM voters WHERE election_id = ? AND voter_id = ?',
    );
    this.byCredentialStmt = db.prepare<[string, string], VoterRow>(
      'SELECT voter_id, district, credential, login_hash, paper FROM voters WHERE election_id = ? AND credential = ?',
    );
    this.countStmt = db.prepare<[string], number>('SELECT COUNT(*) FROM voters WHERE election_id = ?').pluck();
    this.sizesStmt = db.prepare<[string], { district: string; n: number }>(
      'SELECT district, COUNT(*) AS n FROM voters WHERE election_id = ? GROUP BY district',
    );
    this.issueStmt = db.prepare<[string, string, string, string]>(
      'UPDATE voters SET credential = ?, login_hash = ? WHERE election_id = ? AND voter_id = ?',
    );
    this.idsStmt = db.prepare<[string], string>('SELECT voter_id FROM voters WHERE election_id = ? ORDER BY rowid').pluck();
    this.paperStmt = db.prepare<[string, string]>('UPDATE voters SET paper = 1 WHERE election_id = ? AND voter_id = ?');
    this.removeStmt = db.prepare<[string, string]>('DELETE FROM voters WHERE election_id = ? AND voter_id = ?');
    this.removeAllStmt = db.prepare<[string]>('DELETE FROM voters WHERE election_id = ?');
    this.moveStmt = db.prepare<[string, string, string]>('UPDATE voters SET district = ? WHERE election_id = ? AND voter_id = ?');
    this.credentialsStmt = db.prepare<[string], { credential: string; district: string }>(
      'SELECT credential, district FROM voters WHERE election_id = ? AND credential IS NOT NULL ORDER BY rowid',
    );
  }

  insert(electionId: string, voterId: string, district: string): void {
    this.insertStmt.run(electionId, voterId, district);
  }

  get(electionId: string, voterId: string): VoterRow | undefined {
    return this.getStmt.get(electionId, voterId);
  }

  byCredential(electionId: string, credentialHex: string): VoterRow | undefined {
    return this.byCredentialStmt.get(electionId, credentialHex);
  }

  count(electionId: string): number {
    return this.countStmt.get(electionId) ?? 0;
  }

  /** Registered voters per district (districts with none are absent). */
  sizes(electionId: string): Map<string, number> {
    return new Map(this.sizesStmt.all(electionId).map((r) => [r.district, r.n]));
  }

  /** Sets the voter's credential and login-code hash: at issue, and again when a lost letter is re-issued. */
  issue(electionId: string, voterId: string, credentialHex: string, loginHash: string): void {
    this.issueStmt.run(credentialHex, loginHash, electionId, voterId);
  }

  /** A correction before the register is frozen: the voter leaves the register. */
  /** Empties an election's register (a whole re-import before the register is frozen). */
  removeAll(electionId: string): void {
    this.removeAllStmt.run(electionId);
  }

  remove(electionId: string, voterId: string): void {
    this.removeStmt.run(electionId, voterId);
  }

  /** A correction before the register is frozen: the voter belongs to another district. */
  move(electionId: string, voterId: string, district: string): void {
    this.moveStmt.run(district, electionId, voterId);
  }

  /** Every registered voter id, in import order. */
  ids(electionId: string): string[] {
    return this.idsStmt.all(electionId);
  }

  markPaper(electionId: string, voterId: string): void {
    this.paperStmt.run(electionId, voterId);
  }

  /** The public credential list in issue order. */
  credentials(electionId: string): { credential: string; district: string }[] {
    return this.credentialsStmt.all(electionId);
  }
}
