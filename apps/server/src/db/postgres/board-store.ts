// The board's rows on PostgreSQL: events with their leaf hashes, and the signed tree heads (../board-store.ts).
import type { BoardStore, NewEventRow } from '../board-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

export class PgBoardStore implements AsyncStore<BoardStore> {
  constructor(private readonly pg: PgConnection) {}

  async insertEvent(electionId: string, seq: number, type: string, body: string, leafHash: Uint8Array): Promise<void> {
    await this.pg.rows('INSERT INTO events (election_id, seq, type, body, leaf_hash) VALUES ($1, $2, $3, $4, $5)', [
      electionId,
      seq,
      type,
      body,
      leafHash,
    ]);
  }

  async insertEvents(electionId: string, events: readonly NewEventRow[]): Promise<void> {
    if (events.length === 0) return;
    await this.pg.rows(
      `INSERT INTO events (election_id, seq, type, body, leaf_hash)
       SELECT $1, * FROM UNNEST($2::integer[], $3::text[], $4::text[], $5::bytea[])`,
      [
        electionId,
        events.map((e) => e.seq),
        events.map((e) => e.type),
        events.map((e) => e.body),
        events.map((e) => Buffer.from(e.leafHash.buffer, e.leafHash.byteOffset, e.leafHash.byteLength)),
      ],
    );
  }

  async leafHashes(electionId: string): Promise<Uint8Array[]> {
    return this.leafHashesFrom(electionId, 0);
  }

  async leafHashesFrom(electionId: string, from: number): Promise<Uint8Array[]> {
    const rows = await this.pg.rows<{ leaf_hash: Buffer }>(
      'SELECT leaf_hash FROM events WHERE election_id = $1 AND seq >= $2 ORDER BY seq',
      [electionId, from],
    );
    return rows.map((r) => new Uint8Array(r.leaf_hash));
  }

  async page(electionId: string, from: number, limit: number): Promise<string[]> {
    const rows = await this.pg.rows<{ body: string }>(
      'SELECT body FROM events WHERE election_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
      [electionId, from, limit],
    );
    return rows.map((r) => r.body);
  }

  async event(electionId: string, seq: number): Promise<string | undefined> {
    const rows = await this.pg.rows<{ body: string }>('SELECT body FROM events WHERE election_id = $1 AND seq = $2', [
      electionId,
      seq,
    ]);
    return rows[0]?.body;
  }

  async eventsOfType(electionId: string, type: string): Promise<string[]> {
    const rows = await this.pg.rows<{ body: string }>(
      'SELECT body FROM events WHERE election_id = $1 AND type = $2 ORDER BY seq',
      [electionId, type],
    );
    return rows.map((r) => r.body);
  }

  async count(electionId: string): Promise<number> {
    const rows = await this.pg.rows<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE election_id = $1', [electionId]);
    return rows[0]?.n ?? 0;
  }

  async insertHead(electionId: string, treeSize: number, body: string): Promise<void> {
    await this.pg.rows(
      `INSERT INTO tree_heads (election_id, tree_size, body) VALUES ($1, $2, $3)
       ON CONFLICT (election_id, tree_size) DO UPDATE SET body = excluded.body`,
      [electionId, treeSize, body],
    );
  }

  async latestHead(electionId: string): Promise<string | undefined> {
    const rows = await this.pg.rows<{ body: string }>(
      'SELECT body FROM tree_heads WHERE election_id = $1 ORDER BY tree_size DESC LIMIT 1',
      [electionId],
    );
    return rows[0]?.body;
  }

  async head(electionId: string, treeSize: number): Promise<string | undefined> {
    const rows = await this.pg.rows<{ body: string }>('SELECT body FROM tree_heads WHERE election_id = $1 AND tree_size = $2', [
      electionId,
      treeSize,
    ]);
    return rows[0]?.body;
  }

  async heads(electionId: string): Promise<string[]> {
    const rows = await this.pg.rows<{ body: string }>('SELECT body FROM tree_heads WHERE election_id = $1 ORDER BY tree_size', [
      electionId,
    ]);
    return rows.map((r) => r.body);
  }
}
