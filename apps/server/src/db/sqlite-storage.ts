// The embedded storage: one SQLite file, one server on it (lock.ts), a store per concept over its two connections.
import { ActionsStore } from './actions-store.ts';
import { BallotsStore } from './ballots-store.ts';
import { BoardStore } from './board-store.ts';
import { CommissionStore } from './commission-store.ts';
import { CosignaturesStore } from './cosignatures-store.ts';
import { ElectionsStore } from './elections-store.ts';
import { type DatabaseLock, lockDatabase } from './lock.ts';
import { MemberSessionsStore } from './member-sessions-store.ts';
import { MembersStore } from './members-store.ts';
import { type Db, openDatabase, openLightConnection } from './open.ts';
import { isSqliteError } from './open-error.ts';
import { SessionsStore } from './sessions-store.ts';
import { gated, SqliteGate } from './sqlite-gate.ts';
import type { SqliteStorage, Stores } from './storage.ts';
import { TrusteesStore } from './trustees-store.ts';
import { VerificationsStore } from './verifications-store.ts';
import { VotersStore } from './voters-store.ts';

export function openSqliteStorage(file: string): SqliteStorage {
  // The lock first: a second server must not even migrate a file another one serves.
  const lock = lockDatabase(file);
  let db: Db | undefined;
  try {
    db = openDatabase(file);
    return storageOver(file, db, openLightConnection(file), lock);
  } catch (error) {
    db?.close();
    lock.release();
    throw error;
  }
}

function storageOver(file: string, db: Db, light: Db, lock: DatabaseLock): SqliteStorage {
  const main = new SqliteGate(db);
  const lightGate = new SqliteGate(light);
  const stores = {
    elections: gated(new ElectionsStore(db), main),
    board: gated(new BoardStore(db), main),
    voters: gated(new VotersStore(db), main),
    ballots: gated(new BallotsStore(db), main),
    sessions: gated(new SessionsStore(light), lightGate),
    trustees: gated(new TrusteesStore(db), main),
    verifications: gated(new VerificationsStore(light), lightGate),
    commission: gated(new CommissionStore(db), main),
    cosignatures: gated(new CosignaturesStore(db), main),
    members: gated(new MembersStore(db), main),
    // like voter sessions: a lost sign-in or session costs a member one more sign-in, not an fsync per request
    memberSessions: gated(new MemberSessionsStore(light), lightGate),
    actions: gated(new ActionsStore(db), main),
  } as unknown as Stores;
  return {
    kind: 'sqlite',
    shared: false,
    location: file,
    db,
    light,
    ...stores,
    transaction: (fn) => main.transaction(fn),
    verificationTransaction: (fn) => lightGate.transaction(fn),
    // One server per file: its own in-process order (election/registry.ts) is all the order there is.
    lockElection: async () => undefined,
    writable: () => main.run(() => writable(db)),
    close: async () => {
      // after whatever is still using the connections
      await main.run(() => lightGate.run(() => undefined));
      light.close();
      db.close();
      lock.release();
    },
  };
}

/** How long the health probe waits for a write lock held by another process. */
const PROBE_WAIT_MS = 100;

/**
 * Takes the write lock of the main connection and gives it back: fails when the file is closed, read-only or
 * locked by someone else past PROBE_WAIT_MS. A full disk shows only on the next real write.
 */
function writable(db: Db): boolean {
  if (!db.open || db.readonly) return false;
  // Run through the gate, so the lock is free unless another process holds it: wait briefly, not the connection's
  // full busy timeout, so that a monitor's probe never stalls the server.
  const patience = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${PROBE_WAIT_MS}`);
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch (error) {
    // SQLite's refusal is the answer (`writable: false`, status 503); its text may name paths, so it is not shown.
    if (isSqliteError(error)) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${patience}`);
  }
}
