// All elections of this server, loaded from the file at start, and the one way to change one: a transaction that
// may append board events and ends by signing a tree head. If it fails, the election is reloaded from the file, so
// memory never holds what the file does not.
import { bytesToHex, encodePoint, publicKeyOf } from '@saylau/crypto';
import { canonicalJson, type DefinitionDraft, fingerprint, parseDefinitionDraft } from '@saylau/protocol';
import type { Storage } from '../db/index.ts';
import { ApiError } from '../http/errors.ts';
import { type AppendedEvent, appendEvents, type NewEvent, signBoardHead } from './board.ts';
import type { BoardKeys } from './board-key.ts';
import { type Election, loadElection } from './election.ts';

export interface BoardWriter {
  /** Appends events with the transaction's timestamp; returns them with their seq. */
  append(...events: NewEvent[]): AppendedEvent[];
  /** The timestamp of this transaction's events and head. */
  readonly time: string;
}

export class Elections {
  private readonly byId = new Map<string, Election>();
  private lastTime = 0;

  constructor(
    readonly storage: Storage,
    private readonly now: () => number,
    private readonly keys: BoardKeys,
    warn: (message: string) => void,
  ) {
    for (const row of storage.elections.all()) {
      const election = loadElection(storage, row, keys);
      if (keys.storedInFile(row.board_secret)) {
        warn(
          `election ${row.id}: its board key is still kept in the database file (it was created before the server had a key file), so a copy of the file can sign heads for it; its witnesses still refuse to co-sign a fork. New elections use the key file.`,
        );
      }
      this.byId.set(row.id, election);
      if (election.head) this.lastTime = Math.max(this.lastTime, Date.parse(election.head.timestamp));
    }
  }

  get(id: string): Election | undefined {
    return this.byId.get(id);
  }

  /** The election or a 404. */
  require(id: string): Election {
    const election = this.byId.get(id);
    if (!election) throw new ApiError('UNKNOWN_ELECTION', `there is no election "${id.slice(0, 64)}"`);
    return election;
  }

  list(): Election[] {
    return [...this.byId.values()];
  }

  /** Creates an election from a draft: the board key (BoardKeys), the definition as board event 0, state draft. */
  create(draft: DefinitionDraft): Election {
    if (this.byId.has(draft.id)) throw new ApiError('ALREADY_EXISTS', `an election "${draft.id}" exists already`);
    const board = this.keys.forNewElection();
    const parsed = parseDefinitionDraft(draft, bytesToHex(encodePoint(publicKeyOf(board.secretKey))));
    if (!parsed.ok) throw ApiError.fromProblems(parsed.problems);
    const definition = parsed.value;
    const time = this.timestamp();
    // One transaction: the row, event 0 and the first head exist together or not at all.
    const election = this.storage.transaction(() => {
      this.storage.elections.insert({
        id: definition.id,
        fingerprint: fingerprint(definition),
        definition: canonicalJson(definition),
        boardSecret: board.stored,
        state: 'draft',
        createdAt: time,
      });
      const row = this.storage.elections.get(definition.id);
      if (!row) throw new Error('the election row vanished after its insert');
      const created = loadElection(this.storage, row, this.keys);
      appendEvents(this.storage, created, [{ type: 'definition', definition }], time);
      signBoardHead(this.storage, created, time);
      return created;
    });
    this.byId.set(election.id, election);
    return election;
  }

  /**
   * Runs fn in one SQLite transaction. Events it appends go to the board and, if any were appended, a tree head
   * over the new size is signed and stored in the same transaction, so every committed board has its head.
   */
  transact<T>(election: Election, fn: (board: BoardWriter) => T): T {
    const time = this.timestamp();
    const sizeBefore = election.log.size;
    const writer: BoardWriter = { time, append: (...events) => appendEvents(this.storage, election, events, time) };
    try {
      return this.storage.transaction(() => {
        const out = fn(writer);
        if (election.log.size !== sizeBefore) signBoardHead(this.storage, election, time);
        return out;
      });
    } catch (error) {
      this.reload(election.id);
      throw error;
    }
  }

  /** Replaces the in-memory election with what the file holds, in place so every holder sees it. */
  reload(id: string): void {
    const row = this.storage.elections.get(id);
    const existing = this.byId.get(id);
    if (!row) this.byId.delete(id);
    else if (existing) Object.assign(existing, loadElection(this.storage, row, this.keys));
    else this.byId.set(id, loadElection(this.storage, row, this.keys));
  }

  /** Server UTC, never earlier than a timestamp already issued (heads and events stay in order if the clock steps back). */
  timestamp(): string {
    this.lastTime = Math.max(this.lastTime, this.now());
    return new Date(this.lastTime).toISOString();
  }
}
