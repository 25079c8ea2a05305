// The server's storage as the rest of the server sees it: one store per concept, every call asynchronous, and
// transactions. Two implementations: one SQLite file (sqlite-storage.ts, the default) and PostgreSQL (postgres/),
// which several server processes may share.
import type { Pool } from 'pg';
import type { ActionsStore } from './actions-store.ts';
import type { BallotsStore } from './ballots-store.ts';
import type { BoardStore } from './board-store.ts';
import type { CommissionStore } from './commission-store.ts';
import type { CosignaturesStore } from './cosignatures-store.ts';
import type { ElectionsStore } from './elections-store.ts';
import type { MemberSessionsStore } from './member-sessions-store.ts';
import type { MembersStore } from './members-store.ts';
import type { Db } from './open.ts';
import type { SessionsStore } from './sessions-store.ts';
import type { TrusteesStore } from './trustees-store.ts';
import type { VerificationsStore } from './verifications-store.ts';
import type { VotersStore } from './voters-store.ts';

/**
 * A store's methods as the storage offers them: the same calls with the same answers, asynchronously. The SQLite
 * store classes define the set of queries; the PostgreSQL stores implement this type of each, so a query added to
 * one and not the other fails the typecheck.
 */
export type AsyncStore<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export interface Stores {
  readonly elections: AsyncStore<ElectionsStore>;
  readonly board: AsyncStore<BoardStore>;
  readonly voters: AsyncStore<VotersStore>;
  readonly ballots: AsyncStore<BallotsStore>;
  readonly sessions: AsyncStore<SessionsStore>;
  readonly trustees: AsyncStore<TrusteesStore>;
  readonly verifications: AsyncStore<VerificationsStore>;
  readonly commission: AsyncStore<CommissionStore>;
  readonly cosignatures: AsyncStore<CosignaturesStore>;
  readonly members: AsyncStore<MembersStore>;
  readonly memberSessions: AsyncStore<MemberSessionsStore>;
  readonly actions: AsyncStore<ActionsStore>;
}

interface StorageBase extends Stores {
  /**
   * Runs fn in one transaction: every store call made inside fn (however deep, as long as it is awaited within
   * fn) belongs to it, and all of its writes commit together or none do. A transaction begun inside another one
   * joins it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** A transaction of the second device's counters and seals (on SQLite they have a connection of their own). */
  verificationTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: waits until no other server process holds the election, and holds it until the
   * transaction ends. This is what makes appends to one board one sequence when several servers share a database.
   */
  lockElection(electionId: string): Promise<void>;
  /**
   * Whether a write could begin now (the health probe): false when the database is closed, read-only, held by
   * someone else past a short wait, or cannot be reached. Never throws for those; answers within about a second.
   */
  writable(): Promise<boolean>;
  /** The database for messages: the file, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface SqliteStorage extends StorageBase {
  readonly kind: 'sqlite';
  /** Only this process writes the file (db/lock.ts): what it holds in memory stays true. */
  readonly shared: false;
  readonly db: Db;
  /** The same file without an fsync per commit, for sessions and verification counters (see open.ts). */
  readonly light: Db;
}

export interface PostgresStorage extends StorageBase {
  readonly kind: 'postgres';
  /** Other server processes may write the same database: memory is refreshed from it, never trusted. */
  readonly shared: true;
  readonly pool: Pool;
  /**
   * Takes a token from the key's bucket in the database, so that every server counts against one bucket; true when
   * one was there. A refused take costs a token too, down to a debt of one.
   */
  takeToken(key: string, bucket: { capacity: number; refillPerSecond: number }, now: number): Promise<boolean>;
}

export type Storage = SqliteStorage | PostgresStorage;

/**
 * The database cannot be reached or stopped answering (a restart, a failover, the network). The request is
 * answered 503 with STORAGE_UNAVAILABLE and may be retried; nothing it would have written was committed unless a
 * retry finds it (the ballot retry rule).
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}
