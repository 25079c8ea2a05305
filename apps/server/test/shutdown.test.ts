// SIGTERM always stops the real server process cleanly and promptly (exit code 0), even right after the red
// team's attacks (deep ballots, a connection sending its headers slowly, an idle keep-alive connection) and with
// ballots in flight: those being verified commit and get their receipts, the rest are refused, nothing hangs.
// Every ballot that got a receipt is on the board when the server starts again. A worker that never answers
// holds the shutdown no longer than its grace.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoardEventJson, ballotHash } from '@saylau/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotFor, expectStatus, httpRequester, loginVoter, openElection } from '../scripts/election-driver.ts';
import { type SpawnedServer, spawnServer } from '../scripts/spawn-server.ts';
import { WorkerPoolVerifier } from '../src/intake/worker-pool.ts';
import { listen } from '../src/listen.ts';
import { startServer } from './helpers.ts';

const ADMIN = 'shutdown-admin-token-0123456';
const dir = mkdtempSync(join(tmpdir(), 'saylau-sigterm-'));
const db = join(dir, 'saylau.db');
let server: SpawnedServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('stops the server with code 0 within a second or two, after attacks and with ballots in flight', async () => {
    server = await spawnServer({ db, adminToken: ADMIN, workers: 2, rateAddress: 1e9 });
    const { url, child } = server;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const api = httpRequester(url, ADMIN);
    const setup = await openElection(api, { medeu: 24, bostandyk: 0 }, undefined, false);
    const tokens = await Promise.all(setup.voters.map((v) => loginVoter(api, setup.eid, v)));
    const post = (token: string, body: string) =>
      fetch(`${url}/api/elections/${setup.eid}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });

    // the attacks: twenty deep ballots at once, a slow sender of headers, an idle keep-alive connection
    const deep = `{"ballot":{"answers":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const refused = await Promise.all(Array.from({ length: 20 }, () => post(tokens[0] as string, deep)));
    expect(refused.map((r) => r.status)).toEqual(Array(20).fill(400));
    const slow = connect(Number(new URL(url).port), '127.0.0.1');
    // both are cut when the server stops: a reset is expected
    slow.on('error', () => undefined);
    slow.write(`GET /api/elections HTTP/1.1\r\nHost: x\r\nX-Slow: `);
    const idle = connect(Number(new URL(url).port), '127.0.0.1');
    idle.on('error', () => undefined);
    idle.on('data', () => undefined);
    idle.write('GET /api/elections HTTP/1.1\r\nHost: x\r\n\r\n');

    // ballots in flight: six voters' clients send one ballot after another; SIGTERM goes as soon as the first
    // receipt is back, while the others' ballots are queued or being verified
    const ballots = setup.voters.map((v) => ballotFor(setup.election, v, { parks: ['yes'], transport: ['tram'] }));
    let signalled: number | undefined;
    type Answer = { status: number; hash: string; body: { ballotHash?: string; error?: { message: string } } };
    const answers: Answer[] = [];
    let next = 0;
    const client = async () => {
      while (next < ballots.length) {
        const i = next++;
        const b = ballots[i] as (typeof ballots)[number];
        try {
          const res = await post(tokens[i] as string, JSON.stringify({ ballot: b.json }));
          answers.push({ status: res.status, hash: b.hash, body: (await res.json()) as Answer['body'] });
          if (res.status === 201 && signalled === undefined) {
            signalled = performance.now();
            child.kill('SIGTERM');
          }
        } catch {
          // the server had stopped accepting connections: this request was never received
          answers.push({ status: 0, hash: b.hash, body: {} });
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, client));
    const code = await server.exited;
    const tookMs = performance.now() - (signalled as number);
    server = undefined;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(3_000);
    // every ballot got a receipt, a refusal to retry, or no answer at all for a request never received
    expect(answers).toHaveLength(ballots.length);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.ballotHash).toBe(a.hash);
      else if (a.status !== 0) expect([a.status, a.body.error?.message]).toEqual([500, expect.stringMatching(/shutting down/)]);
    }
    const receipted = answers.filter((a) => a.status === 201).map((a) => a.hash);
    expect(receipted.length).toBeGreaterThan(0);
    expect(stderr).not.toMatch(/unexpected error/);
    slow.destroy();
    idle.destroy();

    // started again on the same file, the board holds every receipted ballot
    server = await spawnServer({ db, adminToken: ADMIN, workers: 1, rateAddress: 1e9 });
    const again = httpRequester(server.url, ADMIN);
    const page = expectStatus(await again.request('GET', `/api/elections/${setup.eid}/board?from=0&limit=1000`), 200).json;
    const onBoard = new Set(
      (page.events as BoardEventJson[]).flatMap((e) => (e.type === 'ballot' ? [ballotHash(e.ballot)] : [])),
    );
    for (const hash of receipted) expect(onBoard.has(hash)).toBe(true);
  }, 120_000);
});

describe('closing the server', () => {
  it('ends within its grace even when a worker never answers; the ballot it held is refused', async () => {
    const t = await startServer({
      verifier: new WorkerPoolVerifier(1, {
        entry: new URL('./fixtures/dying-worker.ts', import.meta.url),
        data: { district: 'bostandyk', mode: 'hang' },
        jobTimeoutMs: 600_000,
      }),
      shutdownGraceMs: 300,
    });
    const setup = await openElection(t, { medeu: 0, bostandyk: 1 }, undefined, false);
    const listening = await listen(t.server, { port: 0, hostname: '127.0.0.1' });
    const voter = setup.voters[0] as (typeof setup.voters)[number];
    const token = await loginVoter(t, setup.eid, voter);
    const ballot = ballotFor(setup.election, voter, { parks: ['no'], transport: ['metro'], projects: ['library'] });
    const answer = fetch(`http://127.0.0.1:${listening.address.port}/api/elections/${setup.eid}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ballot: ballot.json }),
    });
    // the ballot is with the worker, which spins for an hour
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const start = performance.now();
    await listening.close();
    expect(performance.now() - start).toBeLessThan(2_000);
    const res = await answer;
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/shutting down/);
    await t.close();
  });
});
