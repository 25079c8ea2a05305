// The server's storage: a SQLite file (the default: `--db FILE`) or a PostgreSQL database (`--db postgres://…`).
import { openPostgresStorage } from './postgres/postgres-storage.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { Storage } from './storage.ts';

export type { Db } from './open.ts';
export type { AsyncStore, PostgresStorage, SqliteStorage, Storage } from './storage.ts';
export { StorageUnavailableError } from './storage.ts';

/** Whether --db names a PostgreSQL database rather than a file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens (creating and migrating if new) the file or database --db names. */
export async function openStorage(target: string, warn?: (message: string) => void): Promise<Storage> {
  return isPostgresUrl(target) ? openPostgresStorage(target, warn) : openSqliteStorage(target);
}
