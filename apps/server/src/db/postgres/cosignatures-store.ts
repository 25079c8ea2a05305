// Witnesses' co-signatures of the board's signed tree heads, on PostgreSQL (../cosignatures-store.ts).
import type { CosignatureRow, CosignaturesStore } from '../cosignatures-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgCosignaturesStore implements AsyncStore<CosignaturesStore> {
  constructor(private readonly pg: PgConnection) {}

  async insert(electionId: string, treeSize: number, witness: string, signature: string): Promise<boolean> {
    const result = await this.pg.result(
      `INSERT INTO cosignatures (election_id, tree_size, witness, signature) VALUES ($1, $2, $3, $4)
       ON CONFLICT (election_id, tree_size, witness) DO NOTHING`,
      [electionId, treeSize, witness, signature],
    );
    return result.rowCount === 1;
  }

  forHead(electionId: string, treeSize: number): Promise<CosignatureRow[]> {
    return this.pg.rows<CosignatureRow>(
      'SELECT tree_size, witness, signature FROM cosignatures WHERE election_id = $1 AND tree_size = $2 ORDER BY witness COLLATE "C"',
      [electionId, treeSize],
    );
  }

  all(electionId: string): Promise<CosignatureRow[]> {
    return this.pg.rows<CosignatureRow>(
      'SELECT tree_size, witness, signature FROM cosignatures WHERE election_id = $1 ORDER BY tree_size, witness COLLATE "C"',
      [electionId],
    );
  }
}
