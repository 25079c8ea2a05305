// The elections table: one row per election with what the server must remember beyond the board itself.
import type { ElectionState } from '@saylau/protocol';
import type { Db } from './open.ts';

export interface ElectionRow {
  readonly id: string;
  readonly fingerprint: string;
  readonly definition: string;
  /** The board key (scalar hex), or '' when it is held outside the file (election/board-key.ts). */
  readonly board_secret: string;
  readonly state: ElectionState;
  readonly election_key: string | null;
  readonly qualified: string | null;
  readonly register_frozen: number;
  readonly created_at: string;
}

export class ElectionsStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly stateStmt;
  private readonly keyStmt;
  private readonly frozenStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO elections (id, fingerprint, definition, board_secret, state, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], ElectionRow>('SELECT * FROM elections WHERE id = ?');
    this.allStmt = db.prepare<[], ElectionRow>('SELECT * FROM elections ORDER BY created_at, id');
    this.stateStmt = db.prepare<[string, string]>('UPDATE elections SET state = ? WHERE id = ?');
    this.keyStmt = db.prepare<[string, string, string]>('UPDATE elections SET election_key = ?, qualified = ? WHERE id = ?');
    this.frozenStmt = db.prepare<[string]>('UPDATE elections SET register_frozen = 1 WHERE id = ?');
  }

  insert(row: {
    id: string;
    fingerprint: string;
    definition: string;
    boardSecret: string;
    state: ElectionState;
    createdAt: string;
  }) {
    this.insertStmt.run(row.id, row.fingerprint, row.definition, row.boardSecret, row.state, row.createdAt);
  }

  get(id: string): ElectionRow | undefined {
    return this.getStmt.get(id);
  }

  all(): ElectionRow[] {
    return this.allStmt.all();
  }

  setState(id: string, state: ElectionState): void {
    this.stateStmt.run(state, id);
  }

  setElectionKey(id: string, publicKeyHex: string, qualified: readonly number[]): void {
    this.keyStmt.run(publicKeyHex, JSON.stringify(qualified), id);
  }

  freezeRegister(id: string): void {
    this.frozenStmt.run(id);
  }
}
