// The server's storage: one SQLite file and a store per concept over it.
import { BallotsStore } from './ballots-store.ts';
import { BoardStore } from './board-store.ts';
import { CommissionStore } from './commission-store.ts';
import { CosignaturesStore } from './cosignatures-store.ts';
import { ElectionsStore } from './elections-store.ts';
import { type DatabaseLock, lockDatabase } from './lock.ts';
import { type Db, openDatabase, openLightConnection } from './open.ts';
import { SessionsStore } from './sessions-store.ts';
import { TrusteesStore } from './trustees-store.ts';
import { VerificationsStore } from './verifications-store.ts';
import { VotersStore } from './voters-store.ts';

export type { Db } from './open.ts';

export interface Storage {
  readonly db: Db;
  /** The same file without an fsync per commit, for sessions and verification counters (see open.ts). */
  readonly light: Db;
  readonly elections: ElectionsStore;
  readonly board: BoardStore;
  readonly voters: VotersStore;
  readonly ballots: BallotsStore;
  readonly sessions: SessionsStore;
  readonly trustees: TrusteesStore;
  readonly verifications: VerificationsStore;
  readonly commission: CommissionStore;
  readonly cosignatures: CosignaturesStore;
  /** Runs fn in one transaction of the main connection: all of its writes commit together or none do. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openStorage(file: string): Storage {
  // The lock first: a second server must not even migrate a file another one serves.
  const lock = lockDatabase(file);
  let db: Db | undefined;
  try {
    db = openDatabase(file);
    return storageOver(db, openLightConnection(file), lock);
  } catch (error) {
    db?.close();
    lock.release();
    throw error;
  }
}

function storageOver(db: Db, light: Db, lock: DatabaseLock): Storage {
  return {
    db,
    light,
    elections: new ElectionsStore(db),
    board: new BoardStore(db),
    voters: new VotersStore(db),
    ballots: new BallotsStore(db),
    sessions: new SessionsStore(light),
    trustees: new TrusteesStore(db),
    verifications: new VerificationsStore(light),
    commission: new CommissionStore(db),
    cosignatures: new CosignaturesStore(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => {
      light.close();
      db.close();
      lock.release();
    },
  };
}
