// PostgreSQL for tests: each test file gets a database of its own (saylau_test_<random>) on the server given by
// SAYLAU_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test), dropped when the file ends. Where no
// server answers, the PostgreSQL suites say so and are skipped, except in CI (the CI variable set), where .ci/run
// starts PostgreSQL and an unreachable server is a failure.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

export const POSTGRES_ADMIN_URL = process.env.SAYLAU_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or null when it can. Asked once per test file. */
async function unreachableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `${POSTGRES_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} does not answer: ${(error as Error).message}`;
  } finally {
    // a client that never connected may refuse to end as well; the reason above is what is reported
    await client.end().catch(() => undefined);
  }
}

const reason = await unreachableReason();
if (reason !== null) {
  if (process.env.CI) throw new Error(`PostgreSQL is expected in CI (.ci/run starts it) but ${reason}`);
  console.warn(`PostgreSQL suite not run: ${reason}`);
}

/** Whether the PostgreSQL suites run in this file. */
export const postgresReachable = reason === null;

/** describe, skipped (with the warning above) when PostgreSQL cannot be reached. */
export const describePostgres = describe.skipIf(!postgresReachable);

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Runs SQL as the administrator on the test server (e.g. to cut the test database's connections). */
  admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

/** A new, empty database; drop() removes it whoever is still connected. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `saylau_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
