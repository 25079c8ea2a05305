// A pool of PostgreSQL connections and the transaction each async context is in: a store call inside
// `transaction` uses that transaction's connection, any other call a pooled one. Failures to reach the database
// become StorageUnavailableError (answered 503), whatever the client library calls them.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { StorageUnavailableError } from '../storage.ts';

/** SQLSTATE classes and codes that say the server is gone or not taking work, not that the query was wrong. */
const UNAVAILABLE_STATES = /^(08|57P0[1-3]|53300|25006)/;
/** Node's socket errors on the way to the server. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  // pg's own words when a connection ends under a query or cannot be had in time
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/.test(
    error.message,
  );
}

function mapped(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || !isUnavailable(error)) return error;
  return new StorageUnavailableError(`the database cannot be reached: ${(error as Error).message}`, { cause: error });
}

/** COUNT(*) and BIGINT columns (milliseconds, counts) come back as numbers: all of ours stay below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** How long the health probe waits for the database. */
const PROBE_MS = 1_000;

export class PgConnection {
  readonly pool: pg.Pool;
  private readonly current = new AsyncLocalStorage<pg.PoolClient>();

  constructor(
    url: string,
    private readonly warn: (message: string) => void,
  ) {
    this.pool = new pg.Pool({ connectionString: url, types: TYPES, connectionTimeoutMillis: 5_000, max: 10 });
    // An idle connection the server drops (a restart, a failover) reports here; without a listener it would end
    // the process. The pool discards it and opens a new one when needed.
    this.pool.on('error', (error) => this.warn(`a pooled PostgreSQL connection failed: ${error.message}`));
  }

  /** The rows of one statement, in the caller's transaction if it is in one. */
  async rows<R>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    return (await this.result<R>(text, values)).rows;
  }

  async result<R>(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
    const inTransaction = this.current.getStore();
    const client = inTransaction ?? (await this.connect());
    let broken: Error | undefined;
    try {
      return await client.query<R & pg.QueryResultRow>(text, values as unknown[]);
    } catch (error) {
      if (isUnavailable(error)) broken = error as Error;
      throw mapped(error);
    } finally {
      if (!inTransaction) client.release(broken);
    }
  }

  /**
   * A pooled connection. Failing to get one is the database being unreachable, whatever the reason the server
   * gives (down, restarting, refusing connections to this database, a failover in progress).
   */
  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new StorageUnavailableError(`cannot connect to the database: ${(error as Error).message}`, { cause: error });
    }
  }

  /** BEGIN … COMMIT around fn on one connection; inside a transaction already, fn joins it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return fn();
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await this.current.run(client, fn);
      await client.query('COMMIT');
      return out;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailure) {
        // The connection is gone, and the server rolls back what it had; the first failure is the one to report.
        broken = rollbackFailure as Error;
      }
      throw mapped(error);
    } finally {
      client.release(broken);
    }
  }

  /** Whether a primary takes a write transaction within PROBE_MS (a standby answers read-only: false). */
  async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_MS);
    });
    const answer = this.pool
      .query<{ ro: string }>("SELECT current_setting('transaction_read_only') AS ro")
      .then((r) => r.rows[0]?.ro === 'off')
      .catch((error: unknown) => {
        // unreachable is the answer (503); any other failure is reported, and the answer is no as well
        if (!isUnavailable(error)) this.warn(`the database health probe failed: ${(error as Error).message}`);
        return false;
      });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
