// A new, empty PostgreSQL schema for a throwaway run (`saylau demo --db postgres://…`): every run gets its own, so a
// second demo on the same database never meets the first one's elections, signed with another board key.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StorageUnavailableError } from '../storage.ts';

/**
 * Creates schema `<prefix>_<time>_<random>` on the database at `url` and answers the schema's name and a URL whose
 * connections use it (search_path set through the startup `options`, so every pooled connection is in it).
 */
export async function freshSchema(url: string, prefix: string): Promise<{ schema: string; url: string }> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const schema = `${prefix}_${stamp}_${randomBytes(3).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new TypeError(`not a schema name: ${schema}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  } catch (error) {
    // the connection is closed by the process exit if it is still open: the error the operator needs is this one
    throw new StorageUnavailableError(`cannot create schema ${schema} on the database: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: withSchema.toString() };
}
