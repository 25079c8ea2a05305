// The console's stores (db/members-store.ts, member-sessions-store.ts, actions-store.ts), one suite on both
// storages: a SQLite file and a fresh PostgreSQL database. A key enrolls one member once, a challenge is taken once,
// a session slides but never past its end, and the actions log reads in order, by election.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../src/db/index.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

function storeSuite(open: () => Promise<Storage>) {
  let storage: Storage;
  beforeAll(async () => {
    storage = await open();
  });
  afterAll(async () => {
    await storage.close();
  });

  it('enrolls a key once, for one member only', async () => {
    const a = await storage.members.invite('Aliya', 'h-a', '2026-01-01T00:00:00.000Z', 1_000);
    const b = await storage.members.invite('Bolat', 'h-b', '2026-01-01T00:00:00.000Z', 1_000);
    expect(b).toBeGreaterThan(a);
    expect(await storage.members.enroll(a, 'key-1', '2026-01-02T00:00:00.000Z')).toBe(true);
    expect(await storage.members.enroll(a, 'key-2', '2026-01-02T00:00:00.000Z')).toBe(false);
    expect(await storage.members.enroll(b, 'key-1', '2026-01-02T00:00:00.000Z')).toBe(false);
    expect(await storage.members.byPublicKey('key-1')).toMatchObject({ member: a, name: 'Aliya', invite_expires_at: 1_000 });
    expect(await storage.members.byInvitation('h-b')).toMatchObject({ member: b, public_key: null, enrolled_at: null });
    expect(await storage.members.get(999)).toBeUndefined();
    expect((await storage.members.all()).map((m) => m.name)).toEqual(['Aliya', 'Bolat']);
    await expect(storage.members.invite('Again', 'h-a', '2026-01-01T00:00:00.000Z', 1_000)).rejects.toThrow();
  });

  it('takes a challenge once', async () => {
    await storage.memberSessions.putChallenge('c1', 500);
    await storage.memberSessions.putChallenge('c2', 100);
    expect(await storage.memberSessions.takeChallenge('c1')).toBe(500);
    expect(await storage.memberSessions.takeChallenge('c1')).toBeUndefined();
    await storage.memberSessions.purgeChallenges(100);
    expect(await storage.memberSessions.takeChallenge('c2')).toBeUndefined();
  });

  it('slides a session up to its end, and never revives an ended one', async () => {
    await storage.memberSessions.insert('s1', 1, 1_000, 100);
    expect(await storage.memberSessions.touch('s1', 50, 400)).toEqual({ member: 1, expires_at: 1_000, idle_until: 400 });
    expect(await storage.memberSessions.touch('s1', 399, 5_000)).toEqual({ member: 1, expires_at: 1_000, idle_until: 1_000 });
    expect(await storage.memberSessions.touch('s1', 1_000, 5_000)).toBeUndefined();
    await storage.memberSessions.insert('s2', 2, 1_000, 100);
    expect(await storage.memberSessions.touch('s2', 100, 200)).toBeUndefined();
    await storage.memberSessions.insert('s3', 3, 1_000, 900);
    await storage.memberSessions.end('s3');
    expect(await storage.memberSessions.touch('s3', 10, 20)).toBeUndefined();
    await storage.memberSessions.purge(1_000);
    await storage.memberSessions.insert('s1', 1, 2_000, 1_500);
    expect(await storage.memberSessions.touch('s1', 1_100, 1_200)).toMatchObject({ idle_until: 1_200 });
  });

  it('keeps the actions log in order, by election', async () => {
    const base = { at: '2026-01-01T00:00:00.000Z', method: 'POST', route: '/api/elections/:eid/open' };
    const one = await storage.actions.begin({ ...base, actor: 'admin-token', member: null, memberName: null, electionId: 'e1' });
    const two = await storage.actions.begin({ ...base, actor: 'member', member: 7, memberName: 'Aliya', electionId: null });
    await storage.actions.finish(one, 409);
    expect(two).toBeGreaterThan(one);
    expect(await storage.actions.list(null, 0, 10)).toEqual([
      { id: one, ...base, actor: 'admin-token', member: null, member_name: null, election_id: 'e1', status: 409 },
      { id: two, ...base, actor: 'member', member: 7, member_name: 'Aliya', election_id: null, status: null },
    ]);
    expect((await storage.actions.list('e1', 0, 10)).map((a) => a.id)).toEqual([one]);
    expect((await storage.actions.list(null, one, 10)).map((a) => a.id)).toEqual([two]);
    expect((await storage.actions.list(null, 0, 1)).map((a) => a.id)).toEqual([one]);
  });
}

describe('the console stores on a SQLite file', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  storeSuite(async () => {
    dir = mkdtempSync(join(tmpdir(), 'saylau-members-'));
    return openStorage(join(dir, 'saylau.db'));
  });
});

describePostgres('the console stores on PostgreSQL', () => {
  let database: TestDatabase;
  afterAll(async () => {
    await database?.drop();
  });
  storeSuite(async () => {
    database = await freshDatabase();
    return openStorage(database.url);
  });
});
