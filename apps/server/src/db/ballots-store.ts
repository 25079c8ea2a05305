// Accepted ballots (an index over the board's ballot events) and every ciphertext seen, for duplicates.
import type { Db } from './open.ts';

export interface BallotRow {
  readonly hash: string;
  readonly seq: number;
  readonly credential: string;
  readonly district: string;
  readonly cast_at: number;
  readonly superseded_by: string | null;
}

export class BallotsStore {
  private readonly insertStmt;
  private readonly supersedeStmt;
  private readonly latestStmt;
  private readonly getStmt;
  private readonly insertAlphaStmt;
  private readonly seenStmt;
  private readonly turnoutStmt;
  private readonly countStmt;
  private readonly orderStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, string, number, string, string, number]>(
      'INSERT INTO ballots (election_id, hash, seq, credential, district, cast_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.supersedeStmt = db.prepare<[string, string, string]>(
      'UPDATE ballots SET superseded_by = ? WHERE election_id = ? AND hash = ?',
    );
    this.latestStmt = db
      .prepare<[string, string], string>(
        'SELECT hash FROM ballots WHERE election_id = ? AND credential = ? ORDER BY seq DESC LIMIT 1',
      )
      .pluck();
    this.getStmt = db.prepare<[string, string], BallotRow>(
      'SELECT hash, seq, credential, district, cast_at, superseded_by FROM ballots WHERE election_id = ? AND hash = ?',
    );
    this.insertAlphaStmt = db.prepare<[string, string]>('INSERT INTO ciphertexts (election_id, alpha) VALUES (?, ?)');
    this.seenStmt = db.prepare<[string, string], number>('SELECT 1 FROM ciphertexts WHERE election_id = ? AND alpha = ?').pluck();
    this.turnoutStmt = db.prepare<[string], { district: string; n: number }>(
      'SELECT district, COUNT(DISTINCT credential) AS n FROM ballots WHERE election_id = ? GROUP BY district',
    );
    this.countStmt = db.prepare<[string], number>('SELECT COUNT(*) FROM ballots WHERE election_id = ?').pluck();
    this.orderStmt = db.prepare<[string], BallotRow>(
      'SELECT hash, seq, credential, district, cast_at, superseded_by FROM ballots WHERE election_id = ? ORDER BY seq',
    );
  }

  /** Every accepted ballot in board order. */
  inBoardOrder(electionId: string): BallotRow[] {
    return this.orderStmt.all(electionId);
  }

  insert(electionId: string, row: Omit<BallotRow, 'superseded_by'>): void {
    this.insertStmt.run(electionId, row.hash, row.seq, row.credential, row.district, row.cast_at);
  }

  supersede(electionId: string, oldHash: string, newHash: string): void {
    this.supersedeStmt.run(newHash, electionId, oldHash);
  }

  /** The hash of the credential's latest ballot, if any. */
  latest(electionId: string, credentialHex: string): string | undefined {
    return this.latestStmt.get(electionId, credentialHex);
  }

  get(electionId: string, hash: string): BallotRow | undefined {
    return this.getStmt.get(electionId, hash);
  }

  /** Throws (a UNIQUE violation) if the alpha was stored before: callers check `seen` first. */
  insertAlpha(electionId: string, alphaHex: string): void {
    this.insertAlphaStmt.run(electionId, alphaHex);
  }

  seen(electionId: string, alphaHex: string): boolean {
    return this.seenStmt.get(electionId, alphaHex) !== undefined;
  }

  /** Those of the alphas stored before (one question for a batch: what PostgreSQL answers in one round trip). */
  seenAmong(electionId: string, alphasHex: readonly string[]): string[] {
    return alphasHex.filter((alpha) => this.seen(electionId, alpha));
  }

  /** Each credential's latest ballot hash, for those that have one. */
  latestOf(electionId: string, credentialsHex: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const credential of new Set(credentialsHex)) {
      const hash = this.latest(electionId, credential);
      if (hash !== undefined) out.set(credential, hash);
    }
    return out;
  }

  /** All or none (a savepoint inside a transaction), as PostgreSQL's one statement. */
  insertMany(electionId: string, rows: readonly Omit<BallotRow, 'superseded_by'>[]): void {
    this.db.transaction(() => {
      for (const row of rows) this.insert(electionId, row);
    })();
  }

  /** All or none; throws (a UNIQUE violation) if one was stored before. */
  insertAlphas(electionId: string, alphasHex: readonly string[]): void {
    this.db.transaction(() => {
      for (const alpha of alphasHex) this.insertAlpha(electionId, alpha);
    })();
  }

  /** Distinct credentials that cast a ballot, per district. */
  turnout(electionId: string): Map<string, number> {
    return new Map(this.turnoutStmt.all(electionId).map((r) => [r.district, r.n]));
  }

  count(electionId: string): number {
    return this.countStmt.get(electionId) ?? 0;
  }
}
