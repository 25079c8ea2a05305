// An online backup of the server's SQLite file (`saylau backup`): a consistent copy taken while the server runs.
// A plain file copy of a WAL database is not one: the -wal file holds committed transactions the main file lacks.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkDatabasePath, DatabaseOpenError, openErrorOf } from '../db/open-error.ts';

export interface BackupReport {
  readonly bytes: number;
  /** Per election: its board's event count and the size of its latest signed tree head (equal in a sound copy). */
  readonly elections: readonly { readonly id: string; readonly events: number; readonly headSize: number | null }[];
}

/**
 * Copies `file` to `out` (which must not exist) as one read transaction's snapshot: `VACUUM INTO` reads the file
 * under a WAL read lock, which the running server's writes do not disturb and which never blocks them (unlike the
 * page-by-page backup API, which starts over each time another process writes). The copy is written beside
 * `out` under a temporary name, flushed to disk, checked with `PRAGMA integrity_check`, then renamed into place.
 */
export function backupDatabase(file: string, out: string): BackupReport {
  checkDatabasePath(file);
  if (statSync(file, { throwIfNoEntry: false }) === undefined) throw new DatabaseOpenError(`--db ${file} does not exist`);
  if (statSync(out, { throwIfNoEntry: false }) !== undefined)
    throw new DatabaseOpenError(`--out ${out} exists already; choose a new name`);
  const folder = dirname(resolve(out));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new DatabaseOpenError(`the folder ${folder} of --out does not exist`);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  let source: Database.Database | undefined;
  try {
    source = new Database(file, { fileMustExist: true });
    // The server holds the write lock only for a commit; a short wait is enough to start the read.
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw openErrorOf(file, error);
  } finally {
    source?.close();
  }
  try {
    flush(partial);
    const report = checkCopy(partial);
    renameSync(partial, out);
    flush(folder);
    return report;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Opens the copy: integrity_check must say ok, and every election's event count must equal its latest head's size. */
export function checkCopy(path: string): BackupReport {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new DatabaseOpenError(`the copy fails PRAGMA integrity_check: ${String(integrity)}`);
    const elections = (
      copy
        .prepare(
          `SELECT e.id AS id,
                  (SELECT count(*) FROM events v WHERE v.election_id = e.id) AS events,
                  (SELECT max(tree_size) FROM tree_heads h WHERE h.election_id = e.id) AS headSize
             FROM elections e ORDER BY e.id`,
        )
        .all() as { id: string; events: number; headSize: number | null }[]
    ).map((row) => ({ id: row.id, events: row.events, headSize: row.headSize }));
    const torn = elections.find((e) => e.events !== (e.headSize ?? 0));
    if (torn) {
      throw new DatabaseOpenError(
        `the copy's board of ${torn.id} has ${torn.events} events but its last head covers ${torn.headSize}`,
      );
    }
    return { bytes: statSync(path).size, elections };
  } finally {
    copy.close();
  }
}

/** fsync a file or a folder (so that a rename survives a power cut). */
function flush(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
