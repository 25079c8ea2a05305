// The storage on PostgreSQL (`--db postgres://…`): any number of server processes share one database. Each
// election's appends are serialized by a transaction-scoped advisory lock (lockElection), which is released at
// COMMIT or ROLLBACK, and also when a server's connection dies: a killed server holds nothing.
import { DatabaseOpenError } from '../open-error.ts';
import type { PostgresStorage } from '../storage.ts';
import { StorageUnavailableError } from '../storage.ts';
import { PgActionsStore } from './actions-store.ts';
import { PgBallotsStore } from './ballots-store.ts';
import { PgBoardStore } from './board-store.ts';
import { PgCommissionStore } from './commission-store.ts';
import { PgConnection } from './connection.ts';
import { PgCosignaturesStore } from './cosignatures-store.ts';
import { PgElectionsStore } from './elections-store.ts';
import { PgMemberSessionsStore } from './member-sessions-store.ts';
import { PgMembersStore } from './members-store.ts';
import { PG_MIGRATIONS } from './migrations.ts';
import { PgSessionsStore } from './sessions-store.ts';
import { PgTrusteesStore } from './trustees-store.ts';
import { PgVerificationsStore } from './verifications-store.ts';
import { PgVotersStore } from './voters-store.ts';

/** The first key of Saylau's advisory locks (the second is the election's, or 0 for migrations): 'SAYL'. */
const LOCK_SPACE = 0x5341594c;

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // not a URL the WHATWG parser takes (pg accepts a few more): say nothing of it rather than echo a secret
    return 'postgres://…';
  }
}

export async function openPostgresStorage(
  url: string,
  warn: (message: string) => void = (message) => console.warn(message),
): Promise<PostgresStorage> {
  const location = redactUrl(url);
  const pg = new PgConnection(url, warn);
  try {
    await migrate(pg);
  } catch (error) {
    await pg.close();
    if (error instanceof StorageUnavailableError) throw new DatabaseOpenError(`cannot reach ${location}: ${error.message}`);
    if (error instanceof DatabaseOpenError) throw error;
    const code = (error as { code?: string }).code;
    // 28xxx: authentication; 3D000: no such database; 42501: not allowed to create the tables
    if (code && /^(28|3D000|42501)/.test(code)) throw new DatabaseOpenError(`${location}: ${(error as Error).message}`);
    throw error;
  }
  return {
    kind: 'postgres',
    shared: true,
    location,
    pool: pg.pool,
    elections: new PgElectionsStore(pg),
    board: new PgBoardStore(pg),
    voters: new PgVotersStore(pg),
    ballots: new PgBallotsStore(pg),
    sessions: new PgSessionsStore(pg),
    trustees: new PgTrusteesStore(pg),
    verifications: new PgVerificationsStore(pg),
    commission: new PgCommissionStore(pg),
    cosignatures: new PgCosignaturesStore(pg),
    members: new PgMembersStore(pg),
    memberSessions: new PgMemberSessionsStore(pg),
    actions: new PgActionsStore(pg),
    transaction: (fn) => pg.transaction(fn),
    verificationTransaction: (fn) => pg.transaction(fn),
    lockElection: async (electionId) => {
      await pg.rows('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, electionId]);
    },
    writable: () => pg.probe(),
    takeToken: async (key, bucket, now) => {
      const rows = await pg.rows<{ tokens: number }>(
        `INSERT INTO rate_buckets AS b (key, tokens, at) VALUES ($1, $2 - 1, $4)
         ON CONFLICT (key) DO UPDATE SET
           tokens = GREATEST(-1, LEAST($2, b.tokens + GREATEST(0, $4 - b.at) / 1000.0 * $3) - 1),
           at = GREATEST(b.at, $4)
         RETURNING tokens`,
        [key, bucket.capacity, bucket.refillPerSecond, now],
      );
      return (rows[0]?.tokens ?? -1) >= 0;
    },
    close: () => pg.close(),
  };
}

/**
 * Applies the migrations the database has not seen, all in one transaction under an advisory lock, so servers
 * started together migrate once (the others wait, then find nothing to do).
 */
async function migrate(pg: PgConnection): Promise<void> {
  await pg.transaction(async () => {
    await pg.rows('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SPACE]);
    await pg.rows('CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    const rows = await pg.rows<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new DatabaseOpenError(
        `the database is at schema version ${current}, newer than this server (${PG_MIGRATIONS.length})`,
      );
    }
    for (let version = current; version < PG_MIGRATIONS.length; version++) {
      await pg.rows(PG_MIGRATIONS[version] as string);
    }
    await pg.rows(
      'INSERT INTO schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
      [PG_MIGRATIONS.length],
    );
  });
}
