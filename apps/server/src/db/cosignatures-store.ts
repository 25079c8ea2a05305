// Witnesses' co-signatures of the board's signed tree heads (spec §5.9), kept beside the heads they co-sign.
import type { Db } from './open.ts';

export interface CosignatureRow {
  readonly tree_size: number;
  readonly witness: string;
  /** Canonical JSON of the signature { commitment, response }. */
  readonly signature: string;
}

export class CosignaturesStore {
  private readonly insertStmt;
  private readonly forHeadStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string]>(
      'INSERT OR IGNORE INTO cosignatures (election_id, tree_size, witness, signature) VALUES (?, ?, ?, ?)',
    );
    this.forHeadStmt = db.prepare<[string, number], CosignatureRow>(
      'SELECT tree_size, witness, signature FROM cosignatures WHERE election_id = ? AND tree_size = ? ORDER BY witness',
    );
    this.allStmt = db.prepare<[string], CosignatureRow>(
      'SELECT tree_size, witness, signature FROM cosignatures WHERE election_id = ? ORDER BY tree_size, witness',
    );
  }

  /** Keeps a witness's co-signature of a head; false when that witness's co-signature of it is kept already. */
  insert(electionId: string, treeSize: number, witness: string, signature: string): boolean {
    return this.insertStmt.run(electionId, treeSize, witness, signature).changes === 1;
  }

  forHead(electionId: string, treeSize: number): CosignatureRow[] {
    return this.forHeadStmt.all(electionId, treeSize);
  }

  /** Every co-signature of the election's heads, by head size. */
  all(electionId: string): CosignatureRow[] {
    return this.allStmt.all(electionId);
  }
}
