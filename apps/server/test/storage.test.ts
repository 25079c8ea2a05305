// The storage interface (db/storage.ts), one suite run against both implementations: a SQLite file and a fresh
// PostgreSQL database. Each store's queries give the same answers on both, transactions commit whole or not at all,
// and an election's lock orders two transactions that append to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../src/db/index.ts';
import { DatabaseOpenError } from '../src/db/open-error.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

const leaf = (n: number) => new Uint8Array(32).fill(n);
/** Leaf hashes as hex: SQLite answers Buffers, PostgreSQL Uint8Arrays, both 32 bytes. */
const hex = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));

function storageSuite(open: () => Promise<{ storage: Storage; reopen: () => Promise<Storage> }>) {
  let storage: Storage;
  let reopen: () => Promise<Storage>;
  beforeAll(async () => {
    ({ storage, reopen } = await open());
  });
  afterAll(async () => {
    await storage.close();
  });

  it('keeps elections and their changing columns', async () => {
    const row = { id: 'e1', fingerprint: 'f1', definition: '{}', boardSecret: '', state: 'draft' as const };
    await storage.elections.insert({ ...row, createdAt: '2026-01-02T00:00:00.000Z' });
    await storage.elections.insert({ ...row, id: 'e0', createdAt: '2026-01-01T00:00:00.000Z' });
    await storage.elections.setState('e1', 'key-ceremony');
    await storage.elections.setElectionKey('e1', 'aa', [1, 3]);
    await storage.elections.freezeRegister('e1');
    expect(await storage.elections.get('e1')).toMatchObject({
      state: 'key-ceremony',
      election_key: 'aa',
      qualified: '[1,3]',
      register_frozen: 1,
      board_secret: '',
    });
    expect(await storage.elections.get('nope')).toBeUndefined();
    expect((await storage.elections.all()).map((e) => e.id)).toEqual(['e0', 'e1']);
  });

  it('keeps the board: events with leaf hashes, pages, types, heads', async () => {
    for (let seq = 0; seq < 5; seq++) {
      await storage.board.insertEvent('e1', seq, seq % 2 ? 'ballot' : 'state', `{"seq":${seq}}`, leaf(seq));
    }
    expect(await storage.board.count('e1')).toBe(5);
    expect(hex(await storage.board.leafHashes('e1'))).toEqual(hex([0, 1, 2, 3, 4].map(leaf)));
    expect(hex(await storage.board.leafHashesFrom('e1', 3))).toEqual(hex([leaf(3), leaf(4)]));
    expect(await storage.board.page('e1', 1, 2)).toEqual(['{"seq":1}', '{"seq":2}']);
    expect(await storage.board.event('e1', 4)).toBe('{"seq":4}');
    expect(await storage.board.event('e1', 5)).toBeUndefined();
    expect(await storage.board.eventsOfType('e1', 'ballot')).toEqual(['{"seq":1}', '{"seq":3}']);
    await expect(storage.board.insertEvent('e1', 4, 'x', '{}', leaf(9))).rejects.toThrow();
    await storage.board.insertEvents('e2', [
      { seq: 0, type: 'definition', body: '{"n":0}', leafHash: leaf(7) },
      { seq: 1, type: 'ballot', body: '{"n":1}', leafHash: leaf(8) },
    ]);
    expect(hex(await storage.board.leafHashes('e2'))).toEqual(hex([leaf(7), leaf(8)]));
    expect(await storage.board.eventsOfType('e2', 'ballot')).toEqual(['{"n":1}']);
    await storage.board.insertHead('e1', 1, 'h1');
    await storage.board.insertHead('e1', 5, 'h5-first');
    await storage.board.insertHead('e1', 5, 'h5');
    expect(await storage.board.latestHead('e1')).toBe('h5');
    expect(await storage.board.head('e1', 1)).toBe('h1');
    expect(await storage.board.head('e1', 2)).toBeUndefined();
    expect(await storage.board.heads('e1')).toEqual(['h1', 'h5']);
    expect(await storage.board.latestHead('e0')).toBeUndefined();
  });

  it('keeps the register in import order, credentials and paper voters', async () => {
    for (const [id, district] of [
      ['v3', 'a'],
      ['v1', 'b'],
      ['v2', 'a'],
    ] as const) {
      await storage.voters.insert('e1', id, district);
    }
    await storage.voters.issue('e1', 'v1', 'c1', 'l1');
    await storage.voters.issue('e1', 'v3', 'c3', 'l3');
    await storage.voters.markPaper('e1', 'v1');
    expect(await storage.voters.ids('e1')).toEqual(['v3', 'v1', 'v2']);
    expect(await storage.voters.count('e1')).toBe(3);
    expect(await storage.voters.sizes('e1')).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
    expect(await storage.voters.get('e1', 'v1')).toEqual({
      voter_id: 'v1',
      district: 'b',
      credential: 'c1',
      login_hash: 'l1',
      paper: 1,
    });
    expect(await storage.voters.byCredential('e1', 'c3')).toMatchObject({ voter_id: 'v3' });
    expect(await storage.voters.credentials('e1')).toEqual([
      { credential: 'c3', district: 'a' },
      { credential: 'c1', district: 'b' },
    ]);
    await expect(storage.voters.issue('e1', 'v2', 'c1', 'l2')).rejects.toThrow();
  });

  it('keeps ballots, re-votes and every ciphertext seen', async () => {
    await storage.ballots.insert('e1', { hash: 'b1', seq: 1, credential: 'c1', district: 'b', cast_at: 1_767_225_600_000 });
    await storage.ballots.insert('e1', { hash: 'b2', seq: 3, credential: 'c1', district: 'b', cast_at: 1_767_225_600_001 });
    await storage.ballots.supersede('e1', 'b1', 'b2');
    expect(await storage.ballots.latest('e1', 'c1')).toBe('b2');
    expect(await storage.ballots.latest('e1', 'c9')).toBeUndefined();
    expect(await storage.ballots.get('e1', 'b1')).toEqual({
      hash: 'b1',
      seq: 1,
      credential: 'c1',
      district: 'b',
      cast_at: 1_767_225_600_000,
      superseded_by: 'b2',
    });
    expect((await storage.ballots.inBoardOrder('e1')).map((b) => b.hash)).toEqual(['b1', 'b2']);
    expect(await storage.ballots.turnout('e1')).toEqual(new Map([['b', 1]]));
    expect(await storage.ballots.count('e1')).toBe(2);
    await storage.ballots.insertAlpha('e1', 'alpha');
    expect(await storage.ballots.seen('e1', 'alpha')).toBe(true);
    expect(await storage.ballots.seen('e0', 'alpha')).toBe(false);
    await expect(storage.ballots.insertAlpha('e1', 'alpha')).rejects.toThrow();
    // the batch forms, as the intake uses them
    await storage.ballots.insertMany('e1', [
      { hash: 'b3', seq: 5, credential: 'c3', district: 'a', cast_at: 2 },
      { hash: 'b4', seq: 6, credential: 'c1', district: 'b', cast_at: 2 },
    ]);
    await storage.ballots.insertAlphas('e1', ['alpha2', 'alpha3']);
    expect((await storage.ballots.seenAmong('e1', ['alpha3', 'nope', 'alpha'])).sort()).toEqual(['alpha', 'alpha3']);
    expect(await storage.ballots.seenAmong('e1', [])).toEqual([]);
    expect(await storage.ballots.latestOf('e1', ['c1', 'c3', 'c9', 'c1'])).toEqual(
      new Map([
        ['c1', 'b4'],
        ['c3', 'b3'],
      ]),
    );
    await expect(storage.ballots.insertAlphas('e1', ['alpha4', 'alpha2'])).rejects.toThrow();
    expect(await storage.ballots.seen('e1', 'alpha4')).toBe(false);
  });

  it('keeps sessions, trustees, commission statements and co-signatures', async () => {
    await storage.sessions.insert('t1', 'e1', 'v1', 1000);
    await storage.sessions.insert('t2', 'e1', 'v3', 3000);
    await storage.sessions.purge(2000);
    expect(await storage.sessions.get('t1')).toBeUndefined();
    expect(await storage.sessions.get('t2')).toEqual({ election_id: 'e1', voter_id: 'v3', expires_at: 3000 });

    await storage.trustees.insert('e1', 2, 'Bolat', 'tok2');
    await storage.trustees.insert('e1', 1, 'Aigerim', 'tok1');
    await storage.trustees.enroll('e1', 1, 'pk1');
    expect(await storage.trustees.all('e1')).toEqual([
      { trustee: 1, name: 'Aigerim', token_hash: null, public_key: 'pk1' },
      { trustee: 2, name: 'Bolat', token_hash: 'tok2', public_key: null },
    ]);
    expect(await storage.trustees.get('e1', 3)).toBeUndefined();

    await storage.commission.put('e1', 'decision', 'S1');
    await storage.commission.setSignatures('e1', 'decision', [{ member: 'm', signature: { commitment: 'c', response: 'r' } }]);
    expect((await storage.commission.get('e1', 'decision'))?.signatures).toHaveLength(1);
    await storage.commission.put('e1', 'decision', 'S2', 'detail');
    expect(await storage.commission.get('e1', 'decision')).toEqual({ statement: 'S2', detail: 'detail', signatures: [] });
    await storage.commission.drop('e1', 'decision');
    expect(await storage.commission.get('e1', 'decision')).toBeUndefined();

    expect(await storage.cosignatures.insert('e1', 5, 'w2', 's2')).toBe(true);
    expect(await storage.cosignatures.insert('e1', 5, 'w1', 's1')).toBe(true);
    expect(await storage.cosignatures.insert('e1', 5, 'w1', 'other')).toBe(false);
    expect(await storage.cosignatures.insert('e1', 1, 'w1', 's0')).toBe(true);
    expect((await storage.cosignatures.forHead('e1', 5)).map((c) => [c.witness, c.signature])).toEqual([
      ['w1', 's1'],
      ['w2', 's2'],
    ]);
    expect((await storage.cosignatures.all('e1')).map((c) => c.tree_size)).toEqual([1, 5, 5]);
  });

  it('keeps second-device seals and fetch counts, erasing and purging them', async () => {
    const seal = { access_hash: 'a', nonce: 'n', sealed: 's', expires_at: 5000 };
    expect(await storage.verifications.insertSeal('e1', 'b1', seal)).toBe(true);
    expect(await storage.verifications.insertSeal('e1', 'b1', { ...seal, nonce: 'x' })).toBe(false);
    await storage.verifications.bump('e1', 'b1');
    await storage.verifications.bump('e1', 'b1');
    expect(await storage.verifications.fetches('e1', 'b1')).toBe(2);
    expect(await storage.verifications.fetches('e1', 'b2')).toBe(0);
    await storage.verifications.eraseSeal('e1', 'b1');
    expect(await storage.verifications.seal('e1', 'b1')).toEqual({
      access_hash: 'a',
      nonce: null,
      sealed: null,
      expires_at: 5000,
    });
    expect(await storage.verifications.purgeSeals(4999)).toBe(0);
    expect(await storage.verifications.purgeSeals(5000)).toBe(1);
    expect(await storage.verifications.seal('e1', 'b1')).toBeUndefined();
  });

  it('commits a transaction whole or not at all', async () => {
    await expect(
      storage.transaction(async () => {
        await storage.voters.insert('e0', 'x1', 'a');
        await storage.board.insertEvent('e0', 0, 'state', '{}', leaf(0));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await storage.voters.count('e0')).toBe(0);
    expect(await storage.board.count('e0')).toBe(0);
    const value = await storage.transaction(async () => {
      await storage.voters.insert('e0', 'x1', 'a');
      // a transaction begun inside another joins it
      await storage.transaction(() => storage.voters.insert('e0', 'x2', 'a'));
      return 'done';
    });
    expect(value).toBe('done');
    expect(await storage.voters.ids('e0')).toEqual(['x1', 'x2']);
  });

  it('orders two transactions that lock the same election: the second sees what the first appended', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const append = (name: string, wait?: Promise<void>) =>
      storage.transaction(async () => {
        await storage.lockElection('e0');
        const seq = await storage.board.count('e0');
        order.push(`${name} at ${seq}`);
        await wait;
        await storage.board.insertEvent('e0', seq, 'state', `{"by":"${name}"}`, leaf(seq));
      });
    const first = append('first', held);
    // give the first a head start, then let the second queue behind it
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = append('second');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first at 0', 'second at 1']);
    expect(await storage.board.page('e0', 0, 10)).toEqual(['{"by":"first"}', '{"by":"second"}']);
  });

  it('says whether it takes writes, and keeps everything across a reopen (migrations run once)', async () => {
    expect(await storage.writable()).toBe(true);
    await storage.close();
    storage = await reopen();
    expect(await storage.board.count('e1')).toBe(5);
    expect(await storage.voters.ids('e1')).toEqual(['v3', 'v1', 'v2']);
  });
}

describe('storage on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saylau-storage-'));
  const file = join(dir, 'saylau.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  storageSuite(async () => ({ storage: await openStorage(file), reopen: () => openStorage(file) }));
});

describePostgres('storage on PostgreSQL', () => {
  let database: TestDatabase;
  afterAll(async () => {
    await database?.drop();
  });
  storageSuite(async () => {
    database = await freshDatabase();
    return { storage: await openStorage(database.url), reopen: () => openStorage(database.url) };
  });

  it('refuses a database at a newer schema version than this server knows', async () => {
    const other = await freshDatabase();
    try {
      const storage = await openStorage(other.url);
      await storage.close();
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: other.url });
      await client.connect();
      await client.query('UPDATE schema_version SET version = version + 1');
      await client.end();
      await expect(openStorage(other.url)).rejects.toThrow(DatabaseOpenError);
      await expect(openStorage(other.url)).rejects.toThrow(/newer than this server/);
    } finally {
      await other.drop();
    }
  });

  it('names a database that does not exist', async () => {
    const url = new URL(database.url);
    url.pathname = '/saylau_test_missing_database';
    await expect(openStorage(url.toString())).rejects.toThrow(DatabaseOpenError);
  });
});
