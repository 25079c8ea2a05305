// Opening a database file can fail for reasons the operator can fix (a missing folder, a file not readable, another
// server on it): one error type with a one-line message, which the commands print without a stack trace.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'SqliteError' && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Checks what SQLite would otherwise report as a bare "unable to open database file": the folder exists and is
 * writable (SQLite writes -wal and -shm beside the file), and the file, if there, is a file we may read and write.
 */
export function checkDatabasePath(file: string): void {
  const folder = dirname(resolve(file));
  const dir = statOrUndefined(folder);
  if (!dir?.isDirectory()) throw new DatabaseOpenError(`the folder ${folder} of --db ${file} does not exist`);
  const stat = statOrUndefined(file);
  if (stat && !stat.isFile()) throw new DatabaseOpenError(`--db ${file} is not a file`);
  if (stat && !canAccess(file, constants.R_OK | constants.W_OK)) {
    throw new DatabaseOpenError(`cannot read and write --db ${file}: check its owner and permissions`);
  }
  if (!canAccess(folder, constants.W_OK)) throw new DatabaseOpenError(`cannot write in the folder ${folder} of --db ${file}`);
}

/** Turns SQLite's failures to open or read a file into a DatabaseOpenError naming the file; anything else is rethrown. */
export function openErrorOf(file: string, error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  const reason: Record<string, string> = {
    SQLITE_NOTADB: 'is not a SQLite database',
    SQLITE_CORRUPT: 'is damaged (restore it from a backup)',
    SQLITE_CANTOPEN: 'cannot be opened',
    SQLITE_READONLY: 'is read-only',
    SQLITE_PERM: 'may not be opened (permissions)',
  };
  const known = Object.keys(reason).find((code) => error.code.startsWith(code));
  return known ? new DatabaseOpenError(`--db ${file} ${reason[known]} (${error.code})`) : error;
}

function statOrUndefined(path: string) {
  return statSync(path, { throwIfNoEntry: false });
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch (error) {
    // accessSync answers "no" by throwing; only a denial means no, anything else is unexpected.
    if ((error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EROFS') return false;
    throw error;
  }
}
