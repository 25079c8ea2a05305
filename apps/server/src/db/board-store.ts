// The board's rows: events with their leaf hashes, and the signed tree heads issued over them.
import type { Db } from './open.ts';

export interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly body: string;
}

export interface NewEventRow {
  readonly seq: number;
  readonly type: string;
  readonly body: string;
  readonly leafHash: Uint8Array;
}

export class BoardStore {
  private readonly insertEventStmt;
  private readonly leafHashesStmt;
  private readonly leafHashesFromStmt;
  private readonly pageStmt;
  private readonly eventStmt;
  private readonly byTypeStmt;
  private readonly insertHeadStmt;
  private readonly latestHeadStmt;
  private readonly headStmt;
  private readonly headsStmt;
  private readonly countStmt;

  constructor(private readonly db: Db) {
    this.insertEventStmt = db.prepare<[string, number, string, string, Uint8Array]>(
      'INSERT INTO events (election_id, seq, type, body, leaf_hash) VALUES (?, ?, ?, ?, ?)',
    );
    this.leafHashesStmt = db
      .prepare<[string], Uint8Array>('SELECT leaf_hash FROM events WHERE election_id = ? ORDER BY seq')
      .pluck();
    this.leafHashesFromStmt = db
      .prepare<[string, number], Uint8Array>('SELECT leaf_hash FROM events WHERE election_id = ? AND seq >= ? ORDER BY seq')
      .pluck();
    this.pageStmt = db
      .prepare<[string, number, number], string>(
        'SELECT body FROM events WHERE election_id = ? AND seq >= ? ORDER BY seq LIMIT ?',
      )
      .pluck();
    this.eventStmt = db.prepare<[string, number], string>('SELECT body FROM events WHERE election_id = ? AND seq = ?').pluck();
    this.byTypeStmt = db
      .prepare<[string, string], string>('SELECT body FROM events WHERE election_id = ? AND type = ? ORDER BY seq')
      .pluck();
    this.insertHeadStmt = db.prepare<[string, number, string]>(
      'INSERT OR REPLACE INTO tree_heads (election_id, tree_size, body) VALUES (?, ?, ?)',
    );
    this.latestHeadStmt = db
      .prepare<[string], string>('SELECT body FROM tree_heads WHERE election_id = ? ORDER BY tree_size DESC LIMIT 1')
      .pluck();
    this.headStmt = db
      .prepare<[string, number], string>('SELECT body FROM tree_heads WHERE election_id = ? AND tree_size = ?')
      .pluck();
    this.headsStmt = db.prepare<[string], string>('SELECT body FROM tree_heads WHERE election_id = ? ORDER BY tree_size').pluck();
    this.countStmt = db.prepare<[string], number>('SELECT COUNT(*) FROM events WHERE election_id = ?').pluck();
  }

  insertEvent(electionId: string, seq: number, type: string, body: string, leafHash: Uint8Array): void {
    this.insertEventStmt.run(electionId, seq, type, body, leafHash);
  }

  /** Several events in one call, all or none (one statement on PostgreSQL). */
  insertEvents(electionId: string, events: readonly NewEventRow[]): void {
    this.db.transaction(() => {
      for (const e of events) this.insertEvent(electionId, e.seq, e.type, e.body, e.leafHash);
    })();
  }

  leafHashes(electionId: string): Uint8Array[] {
    return this.leafHashesStmt.all(electionId);
  }

  /** The leaf hashes from `from` on: what another server appended since this one last looked. */
  leafHashesFrom(electionId: string, from: number): Uint8Array[] {
    return this.leafHashesFromStmt.all(electionId, from);
  }

  /** Canonical JSON of up to `limit` events from `from` on. */
  page(electionId: string, from: number, limit: number): string[] {
    return this.pageStmt.all(electionId, from, limit);
  }

  event(electionId: string, seq: number): string | undefined {
    return this.eventStmt.get(electionId, seq);
  }

  eventsOfType(electionId: string, type: string): string[] {
    return this.byTypeStmt.all(electionId, type);
  }

  count(electionId: string): number {
    return this.countStmt.get(electionId) ?? 0;
  }

  insertHead(electionId: string, treeSize: number, body: string): void {
    this.insertHeadStmt.run(electionId, treeSize, body);
  }

  latestHead(electionId: string): string | undefined {
    return this.latestHeadStmt.get(electionId);
  }

  /** The head signed over the first treeSize events, if one was. */
  head(electionId: string, treeSize: number): string | undefined {
    return this.headStmt.get(electionId, treeSize);
  }

  heads(electionId: string): string[] {
    return this.headsStmt.all(electionId);
  }
}
