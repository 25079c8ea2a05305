// A PostgreSQL outage during voting, as far as a shared test machine allows: the test database stops taking
// connections and every connection to it is cut (what a restart or a failover does to a server's pool). Meanwhile
// the server answers 503 STORAGE_UNAVAILABLE, health says so; once the database is back the same server process
// takes ballots again without a restart, and no receipted ballot is lost. And the limit on a voter's login attempts
// holds across servers: two servers on the database share one bucket per voter id.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ballotFor, expectStatus, loadDraft, loginVoter, openElection, startServer, type TestServer } from './helpers.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

let database: TestDatabase;
let t: TestServer;

describePostgres('a PostgreSQL outage during voting', () => {
  beforeAll(async () => {
    database = await freshDatabase();
    t = await startServer({ db: database.url, warn: () => {} });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const outage = (on: boolean) =>
    database.admin(async (client) => {
      await client.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS ${on ? 'false' : 'true'}`);
      if (on) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database.name]);
    });

  it('answers 503 while the database is away and recovers by itself, losing no receipted ballot', async () => {
    const setup = await openElection(t, { medeu: 4, bostandyk: 0 });
    const tokens = await Promise.all(setup.voters.map((v) => loginVoter(t, setup.eid, v)));
    const ballots = setup.voters.map((v) => ballotFor(setup.election, v, { parks: ['yes'], transport: ['bikes'] }));
    const cast = (i: number) =>
      t.request('POST', `/api/elections/${setup.eid}/ballots`, {
        token: tokens[i] as string,
        body: { ballot: ballots[i]?.json },
      });
    const before = expectStatus(await cast(0), 201).json;

    await outage(true);
    try {
      const refused = await cast(1);
      expect([refused.status, refused.json.error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
      const health = await t.request('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.json.database).toEqual({ writable: false });
      const read = await t.request('GET', `/api/elections/${setup.eid}/board`);
      expect([read.status, read.json.error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    } finally {
      await outage(false);
    }

    // back: the refused ballot is taken on its retry, the next one too, by the same process
    expectStatus(await t.request('GET', '/api/health'), 200);
    const retried = expectStatus(await cast(1), 201).json;
    const after = expectStatus(await cast(2), 201).json;
    expect([retried.leafIndex, after.leafIndex]).toEqual([before.leafIndex + 1, before.leafIndex + 2]);
    const board = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/board`), 200).json;
    const seqs = board.events.filter((e: { type: string }) => e.type === 'ballot').map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([before.leafIndex, retried.leafIndex, after.leafIndex]);
    const head = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json;
    expect(head.treeSize).toBe(board.treeSize);
  });

  it('counts the login attempts for one voter id in one bucket, whichever server they reach', async () => {
    const setup = await openElection(t, { medeu: 1, bostandyk: 0 }, { ...loadDraft(), id: 'shared-limits' });
    const tight = { rateLimits: { perVoter: { capacity: 3, refillPerSecond: 0.001 } }, db: database.url, warn: () => {} };
    const [a, b] = [await startServer(tight), await startServer(tight)];
    try {
      const voterId = setup.voters[0]?.voterId as string;
      const guess = (server: TestServer) =>
        server.request('POST', `/api/elections/${setup.eid}/sessions`, { body: { voterId, loginCode: 'WRONG-GUESS' } });
      const codes = [];
      for (const server of [a, b, a, b]) codes.push((await guess(server)).json.error.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
