// One SQLite connection among concurrent requests. better-sqlite3 answers synchronously, but the server's
// transactions are asynchronous (the storage interface is, for PostgreSQL): while one is open, every other use of
// the connection would join it. The gate lets one use at a time through, in arrival order, and lets the calls made
// inside a transaction (the same async context) through at once.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './open.ts';

export class SqliteGate {
  private tail: Promise<unknown> = Promise.resolve();
  /** Users holding or waiting for the gate. */
  private queued = 0;
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly db: Db) {}

  /** Runs fn alone on the connection (at once when called from inside a transaction of this connection). */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.inside.getStore()) return settle(fn);
    this.queued++;
    const result = this.tail.then(() => this.inside.run(true, fn));
    // the next user waits for this one to end, whether it failed or not; the failure goes to this one's caller
    this.tail = result.then(
      () => this.queued--,
      () => this.queued--,
    );
    return result;
  }

  /**
   * Runs a synchronous statement: at once when nobody holds or waits for the gate (the common case: a read
   * between transactions costs no queueing), else in turn.
   */
  runSync<T>(fn: () => T): Promise<T> {
    if (this.queued === 0 || this.inside.getStore()) return settle(fn);
    return this.run(fn);
  }

  /** BEGIN IMMEDIATE … COMMIT around fn, or fn alone when a transaction of this connection is open already. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return fn();
    return this.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        this.db.exec('COMMIT');
        return out;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }
}

/** The store's methods, each run through the gate: the AsyncStore (storage.ts) of a synchronous store. */
export function gated<S extends object>(store: S, gate: SqliteGate): { [K in keyof S]: unknown } {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(store))) {
    const method = (store as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    out[name] = (...args: unknown[]) => gate.runSync(() => (method as (...a: unknown[]) => unknown).apply(store, args));
  }
  return out as { [K in keyof S]: unknown };
}

/** fn's value or failure as a promise (a synchronous throw becomes a rejection, as an async store's would be). */
function settle<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}
