// One server per database file: a lock on a small side file (FILE.lock) that the OS releases when the holder's
// process ends, however it ends (kill -9 included). The database itself stays open to readers (`saylau backup`).
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { checkDatabasePath, DatabaseOpenError, isSqliteError, openErrorOf } from './open-error.ts';

export interface DatabaseLock {
  readonly path: string;
  release(): void;
}

export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/**
 * Takes the lock of `file` or throws DatabaseOpenError naming its holder. The side file is itself a SQLite file:
 * the holder writes who it is, then keeps a write transaction open (SQLite's RESERVED lock, an fcntl lock). Others
 * may still read who holds it; nobody else can begin writing, and SQLite enforces this between connections of one
 * process too. No journal is ever written, so a killed holder leaves nothing to recover.
 */
export function lockDatabase(file: string): DatabaseLock {
  checkDatabasePath(file);
  const path = lockPathOf(file);
  let lock: Database.Database;
  try {
    lock = new Database(path);
  } catch (error) {
    throw openErrorOf(path, error);
  }
  try {
    // A held lock is held for good, so waiting long gains nothing; a short wait lets two servers started at the same
    // moment settle which one holds it instead of both giving up.
    lock.pragma('busy_timeout = 1000');
    lock.pragma('journal_mode = DELETE');
    try {
      lock.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, since TEXT)');
      lock
        .prepare('INSERT OR REPLACE INTO holder (id, pid, host, since) VALUES (1, ?, ?, ?)')
        .run(process.pid, hostname(), new Date().toISOString());
      lock.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (isBusy(error)) throw new DatabaseOpenError(`${file} is in use by another server (${holderOf(lock)}; lock ${path})`);
      throw error;
    }
  } catch (error) {
    lock.close();
    throw error;
  }
  return {
    path,
    // Closing the connection rolls the open transaction back and drops the OS lock.
    release: () => lock.close(),
  };
}

function isBusy(error: unknown): boolean {
  return isSqliteError(error) && error.code.startsWith('SQLITE_BUSY');
}

/** "pid N on HOST since T", as the holder wrote it; reading needs only a shared lock, which the holder allows. */
function holderOf(lock: Database.Database): string {
  try {
    const row = lock.prepare('SELECT pid, host, since FROM holder WHERE id = 1').get() as
      | { pid: number; host: string; since: string }
      | undefined;
    return row ? `pid ${row.pid} on ${row.host} since ${row.since}` : 'holder unknown';
  } catch (error) {
    // The message is what matters; who holds the lock is a courtesy that a busy or odd side file may deny.
    if (isSqliteError(error)) return `holder unreadable: ${error.code}`;
    throw error;
  }
}
