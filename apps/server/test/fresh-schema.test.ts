// A fresh schema per throwaway run (`saylau demo --db postgres://…`): two runs on one database each see only their
// own elections, so the second never meets the first's, signed with another board key.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStorage } from '../src/db/index.ts';
import { freshSchema } from '../src/db/postgres/fresh-schema.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

describePostgres('freshSchema', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives each run an empty schema of its own on the same database', async () => {
    const first = await freshSchema(database.url, 'saylau_demo');
    const second = await freshSchema(database.url, 'saylau_demo');
    expect(first.schema).not.toBe(second.schema);
    expect(first.schema).toMatch(/^saylau_demo_\d{14}_[0-9a-f]{6}$/);
    const a = await openStorage(first.url);
    const row = { id: 'e1', fingerprint: 'f1', definition: '{}', boardSecret: '', state: 'draft' as const };
    await a.elections.insert({ ...row, createdAt: '2026-01-02T00:00:00.000Z' });
    const b = await openStorage(second.url);
    try {
      expect((await a.elections.all()).map((e) => e.id)).toEqual(['e1']);
      expect(await b.elections.all()).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const tables = await client.query(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'elections' ORDER BY 1`,
      );
      await client.end();
      expect(tables.rows.map((r) => r.table_schema)).toEqual([first.schema, second.schema].sort());
    } finally {
      await a.close();
      await b.close();
    }
  });
});
