// All elections of this server and the one way to change one: a transaction that may append board events and ends
// by signing a tree head. Memory never holds what the database does not: a failed transaction's election is rebuilt
// from the database; on a shared database (PostgreSQL, several servers) an election is also brought up to date
// before each use and, under its advisory lock, before each transaction, so every server appends to the one board.
import { bytesToHex, encodePoint, publicKeyOf } from '@saylau/crypto';
import {
  canonicalJson,
  type DefinitionDraft,
  fingerprint,
  parseDefinitionDraft,
  type SignedTreeHeadJson,
} from '@saylau/protocol';
import type { ElectionRow } from '../db/elections-store.ts';
import { type Storage, StorageUnavailableError } from '../db/index.ts';
import { ApiError } from '../http/errors.ts';
import { type AppendedEvent, appendEvents, type NewEvent, signBoardHead } from './board.ts';
import type { BoardKeys } from './board-key.ts';
import { applyRow, type Election, loadElection } from './election.ts';
import { Serial } from './serial.ts';

export interface BoardWriter {
  /** Appends events with the transaction's timestamp; returns them with their seq. */
  append(...events: NewEvent[]): Promise<AppendedEvent[]>;
  /** The timestamp of this transaction's events and head. */
  readonly time: string;
}

export class Elections {
  private readonly byId = new Map<string, Election>();
  /** An election's transactions and refreshes take turns in this process (its advisory lock orders processes). */
  private readonly serial = new Serial();
  /** Elections whose memory may hold what was rolled back (rebuilding them failed too): rebuilt before next use. */
  private readonly stale = new Set<string>();
  private lastTime = 0;

  private constructor(
    readonly storage: Storage,
    private readonly now: () => number,
    private readonly keys: BoardKeys,
  ) {}

  /** Loads every election of the database; throws BoardKeyError for one whose board key the server lacks. */
  static async load(storage: Storage, now: () => number, keys: BoardKeys, warn: (message: string) => void): Promise<Elections> {
    const elections = new Elections(storage, now, keys);
    for (const row of await storage.elections.all()) {
      await elections.rebuild(row);
      if (keys.storedInFile(row.board_secret)) {
        warn(
          `election ${row.id}: its board key is still kept in the database file (it was created before the server had a key file), so a copy of the file can sign heads for it; its witnesses still refuse to co-sign a fork. New elections use the key file.`,
        );
      }
    }
    return elections;
  }

  /** The election as this server last saw it, without asking the database (tests; `require` is the way in). */
  get(id: string): Election | undefined {
    return this.byId.get(id);
  }

  /** The election, up to date with the database when other servers share it; or a 404. */
  async require(id: string): Promise<Election> {
    const known = this.byId.get(id);
    if (known && !this.storage.shared && !this.stale.has(id)) return known;
    if (!known && !this.storage.shared) throw unknownElection(id);
    // A transaction of this election is under way here: it brings the election up to date itself, and what the
    // caller reads meanwhile is what was committed when that transaction began.
    if (known && this.serial.busy(id) && !this.stale.has(id)) return known;
    return this.serial.run(id, () => this.refresh(id));
  }

  /**
   * The election with a head covering event `seq`: when another server committed that event after this one last
   * looked, waits for the election's turn and catches up. Proofs about an event found in the database use this.
   */
  async covering(election: Election, seq: number): Promise<Election> {
    if (seq < (election.head?.treeSize ?? 0)) return election;
    return this.serial.run(election.id, () => this.refresh(election.id));
  }

  /** The elections as this server last saw them, without asking the database. */
  known(): Election[] {
    return [...this.byId.values()];
  }

  async list(): Promise<Election[]> {
    if (this.storage.shared) for (const row of await this.storage.elections.all()) await this.require(row.id);
    return [...this.byId.values()];
  }

  /** Creates an election from a draft: the board key (BoardKeys), the definition as board event 0, state draft. */
  async create(draft: DefinitionDraft): Promise<Election> {
    if (this.byId.has(draft.id)) throw alreadyExists(draft.id);
    const board = this.keys.forNewElection();
    const parsed = parseDefinitionDraft(draft, bytesToHex(encodePoint(publicKeyOf(board.secretKey))));
    if (!parsed.ok) throw ApiError.fromProblems(parsed.problems);
    const definition = parsed.value;
    const time = this.timestamp();
    // One transaction: the row, event 0 and the first head exist together or not at all.
    const election = await this.serial.run(definition.id, () =>
      this.storage.transaction(async () => {
        await this.storage.lockElection(definition.id);
        // another server may have created it since this one last looked
        if (await this.storage.elections.get(definition.id)) throw alreadyExists(definition.id);
        await this.storage.elections.insert({
          id: definition.id,
          fingerprint: fingerprint(definition),
          definition: canonicalJson(definition),
          boardSecret: board.stored,
          state: 'draft',
          createdAt: time,
        });
        const row = await this.storage.elections.get(definition.id);
        if (!row) throw new Error('the election row vanished after its insert');
        const created = await loadElection(this.storage, row, this.keys);
        await appendEvents(this.storage, created, [{ type: 'definition', definition }], time);
        created.head = await signBoardHead(this.storage, created, time);
        return created;
      }),
    );
    this.byId.set(election.id, election);
    return election;
  }

  /**
   * Runs fn in one database transaction holding the election (its advisory lock on PostgreSQL). Events it appends
   * go to the board and, if any were appended, a tree head over the new size is signed and stored in the same
   * transaction, so every committed board has its head.
   */
  async transact<T>(election: Election, fn: (board: BoardWriter) => Promise<T>): Promise<T> {
    return (await this.transactWithHead(election, fn)).value;
  }

  /** transact, also giving the head the transaction signed (null when it appended nothing): a receipt's head. */
  transactWithHead<T>(
    election: Election,
    fn: (board: BoardWriter) => Promise<T>,
  ): Promise<{ readonly value: T; readonly head: SignedTreeHeadJson | null }> {
    return this.serial.run(election.id, async () => {
      let head: SignedTreeHeadJson | null = null;
      try {
        const value = await this.storage.transaction(async () => {
          await this.storage.lockElection(election.id);
          // under the lock nobody else appends: what the database holds now is what this transaction extends
          if (this.storage.shared || this.stale.has(election.id)) await this.refresh(election.id);
          const time = this.timestamp();
          const sizeBefore = election.log.size;
          const writer: BoardWriter = { time, append: (...events) => appendEvents(this.storage, election, events, time) };
          const out = await fn(writer);
          if (election.log.size !== sizeBefore) head = await signBoardHead(this.storage, election, time);
          return out;
        });
        // committed: now, and only now, the head is shown
        if (head) election.head = head;
        return { value, head };
      } catch (error) {
        await this.recover(election.id);
        throw error;
      }
    });
  }

  /** Server UTC, never earlier than a timestamp already issued (heads and events stay in order if the clock steps back). */
  timestamp(): string {
    this.lastTime = Math.max(this.lastTime, this.now());
    return new Date(this.lastTime).toISOString();
  }

  /** Brings the election up to the database: its row, and the events and head committed since (by any server). */
  private async refresh(id: string): Promise<Election> {
    const row = await this.storage.elections.get(id);
    const known = this.byId.get(id);
    if (!row) {
      this.byId.delete(id);
      throw unknownElection(id);
    }
    if (!known || this.stale.has(id)) return this.rebuild(row);
    const headJson = await this.storage.board.latestHead(id);
    const head = headJson === undefined ? null : (JSON.parse(headJson) as SignedTreeHeadJson);
    if (!head) return this.rebuild(row);
    if (head.treeSize > known.log.size) {
      const missing = head.treeSize - known.log.size;
      const leaves = await this.storage.board.leafHashesFrom(id, known.log.size);
      if (leaves.length < missing) return this.rebuild(row);
      for (const leaf of leaves.slice(0, missing)) known.log.append(leaf);
    }
    // Memory ahead of the database, or a different board of the same size, is what a rollback leaves: rebuild.
    if (head.treeSize !== known.log.size || bytesToHex(known.log.root(head.treeSize)) !== head.rootHash) return this.rebuild(row);
    known.head = head;
    this.noteTime(head);
    applyRow(known, row);
    return known;
  }

  /** Replaces the in-memory election with what the database holds, in place so every holder sees it. */
  private async rebuild(row: ElectionRow): Promise<Election> {
    const fresh = await loadElection(this.storage, row, this.keys);
    const existing = this.byId.get(row.id);
    if (existing) Object.assign(existing, fresh);
    else this.byId.set(row.id, fresh);
    this.stale.delete(row.id);
    if (fresh.head) this.noteTime(fresh.head);
    return existing ?? fresh;
  }

  /** After a failed transaction: rebuild now, or, when the database cannot be reached, before the next use. */
  private async recover(id: string): Promise<void> {
    this.stale.add(id);
    try {
      const row = await this.storage.elections.get(id);
      if (row) await this.rebuild(row);
      else this.byId.delete(id);
    } catch (error) {
      // The election stays marked stale and is rebuilt before its next use; the transaction's own failure is the
      // one the caller hears about.
      if (!(error instanceof StorageUnavailableError)) throw error;
    }
  }

  private noteTime(head: SignedTreeHeadJson): void {
    this.lastTime = Math.max(this.lastTime, Date.parse(head.timestamp));
  }
}

function unknownElection(id: string): ApiError {
  return new ApiError('UNKNOWN_ELECTION', `there is no election "${id.slice(0, 64)}"`);
}

function alreadyExists(id: string): ApiError {
  return new ApiError('ALREADY_EXISTS', `an election "${id.slice(0, 64)}" exists already`);
}
