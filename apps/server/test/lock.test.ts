// One server per database file, in one process as across processes (the CLI's serve-safety test covers those):
// a second createServer on an open file is refused with a DatabaseOpenError naming the holder; once the first is
// closed the file opens again. A file that is not SQLite, or a missing folder, is a DatabaseOpenError too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, DatabaseOpenError } from '../src/index.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from './helpers.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const open = (db: string) => createServer({ db, adminToken: ADMIN_TOKEN, intake: { workers: 0 }, log: () => {} });

describe('the database lock', () => {
  it('refuses a second server on an open file and lets one in once it is closed', async () => {
    t = await startServer();
    await expect(open(t.file)).rejects.toThrow(DatabaseOpenError);
    await expect(open(t.file)).rejects.toThrow(new RegExp(`is in use by another server \\(pid ${process.pid} `));
    // the refused attempt changed nothing: the first still writes
    expect((await t.request('GET', '/api/health')).json).toMatchObject({ ok: true });
    t = await t.restart();
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  });

  it('names a file that is not a database and a folder that does not exist', async () => {
    t = await startServer();
    const text = join(t.file, '..', 'notes.txt');
    writeFileSync(text, 'not a database\n'.repeat(200));
    await expect(open(text)).rejects.toThrow(/is not a SQLite database \(SQLITE_NOTADB\)/);
    await expect(open(join(t.file, '..', 'missing', 'x.db'))).rejects.toThrow(/the folder .*missing of --db .* does not exist/);
  });
});
