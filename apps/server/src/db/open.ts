// Opening the server's SQLite file: WAL with synchronous=FULL (a committed transaction survives a power cut, which
// is what lets a receipt promise the ballot is stored), then the migrations the file has not seen yet.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { checkDatabasePath, DatabaseOpenError, openErrorOf } from './open-error.ts';

export type Db = Database.Database;

/** Opens (or creates) the file; what the operator can fix is a DatabaseOpenError (open-error.ts). */
export function openDatabase(file: string): Db {
  checkDatabasePath(file);
  let db: Db | undefined;
  try {
    db = new Database(file);
    // The first statement reads the header: a file that is not SQLite fails here, not later in a route.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A checkpoint may not wait on a reader forever; a busy file is an operator error worth a prompt failure.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw openErrorOf(file, error);
  }
}

/**
 * A second connection to the same file for writes whose loss on a power cut is harmless (a session: the voter
 * logs in again; a verification count). synchronous=NORMAL in WAL mode skips the fsync per commit, which would
 * otherwise cost the event loop a disk flush per login; a process crash (kill -9) still loses nothing.
 */
export function openLightConnection(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // What this connection deletes (a sealed seed at the end of its window) is overwritten with zeros, not left in free space.
  db.pragma('secure_delete = ON');
  return db;
}

/** Applies every migration after the file's user_version, each in its own transaction with the version bump. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new DatabaseOpenError(`the database is at schema version ${current}, newer than this server (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
