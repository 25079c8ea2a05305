// Several servers on one PostgreSQL database (issue 16): three real server processes take logins and ballots at
// the same time, each voter logging in on one and voting on another; one is killed with SIGKILL while ballots are
// in flight and started again. Every receipted ballot is on the one board, every receipt's inclusion proof checks
// against its head and that head is a prefix of the final one, all heads ever signed form one log, and the record,
// finished by a fourth server on the same database, verifies.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BoardEventJson,
  type BoardKey,
  ballotHash,
  eventEntryBytes,
  fingerprintBytes,
  leafHash,
  rootOf,
  SignedTreeHeadWire,
  verifyHeadConsistency,
  verifyReceiptInclusion,
  verifyTreeHead,
} from '@saylau/protocol';
import { afterAll, expect, it } from 'vitest';
import { readable, runToPublication } from '../../../test/attacks/support.ts';
import { verifyRecord } from '../../verifier/src/index.ts';
import { ballotFor, expectStatus, httpRequester, loginVoter, openElection } from '../scripts/election-driver.ts';
import { type SpawnedServer, spawnServer } from '../scripts/spawn-server.ts';
import { startServer } from './helpers.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

const ADMIN = 'multi-server-admin-token-0123';
const VOTERS = 36;
let database: TestDatabase | undefined;
const servers: SpawnedServer[] = [];

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
  await database?.drop();
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describePostgres('three servers on one PostgreSQL database', () => {
  it('keep one board through concurrent ballots and a SIGKILL, and the record verifies', async () => {
    database = await freshDatabase();
    const db = database.url;
    const spawn = () => spawnServer({ db, adminToken: ADMIN, workers: 1, rateAddress: 1e9 });
    servers.push(...(await Promise.all([spawn(), spawn(), spawn()])));
    const urls = servers.map((s) => s.url);
    const api = (i: number) => httpRequester(urls[i % 3] as string, ADMIN);

    const setup = await openElection(api(0), { medeu: VOTERS, bostandyk: 0 }, undefined, false);
    // logged in on one server, voting on the next: the session is in the database, not in a process
    const tokens = await Promise.all(setup.voters.map((v, i) => loginVoter(api(i + 1), setup.eid, v)));
    const ballots = setup.voters.map((v, i) =>
      ballotFor(setup.election, v, { parks: [i % 2 ? 'yes' : 'no'], transport: ['bikes'] }),
    );
    const submit = (i: number, url: string) =>
      fetch(`${url}/api/elections/${setup.eid}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({ ballot: ballots[i]?.json }),
      });

    // Nine clients spread the ballots over the three servers; once twelve receipts are back, server 1 is killed.
    const receipts = new Map<number, Record<string, unknown>>();
    let killed: Promise<void> | undefined;
    let next = 0;
    const client = async () => {
      while (next < VOTERS && killed === undefined) {
        const i = next++;
        try {
          const res = await submit(i, urls[i % 3] as string);
          const body = (await res.json()) as Record<string, unknown>;
          if (res.status === 201) receipts.set(i, body);
          if (receipts.size >= 12 && killed === undefined) killed = servers[1]?.kill9();
        } catch (error) {
          // the connection died with the killed process: no receipt, so no promise was made
          if (!(error instanceof TypeError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 9 }, client));
    await killed;
    expect(receipts.size).toBeGreaterThanOrEqual(12);
    expect(receipts.size).toBeLessThan(VOTERS);

    // Server 1 comes back; every voter without a receipt sends the ballot again, to all three servers at once.
    servers[1] = await spawn();
    urls[1] = servers[1].url;
    const missing = ballots.map((_, i) => i).filter((i) => !receipts.has(i));
    const retried = await Promise.all(
      missing.map(async (i, k) => {
        const res = await submit(i, urls[k % 3] as string);
        return [i, res.status, await res.json()] as const;
      }),
    );
    for (const [i, status, body] of retried) {
      expect(status, JSON.stringify(body)).toBe(201);
      receipts.set(i, body);
    }

    // The one board, read from server 2, against the latest head read from server 0.
    const events: BoardEventJson[] = [];
    for (;;) {
      const page = expectStatus(await api(2).request('GET', `/api/elections/${setup.eid}/board?from=${events.length}`), 200).json;
      events.push(...page.events);
      if (events.length >= page.treeSize) break;
    }
    const board: BoardKey = {
      publicKey: decodePoint(hexToBytes(setup.definition.boardKey)),
      fingerprint: fingerprintBytes(setup.definition),
    };
    const leaves = events.map((e) => leafHash(eventEntryBytes(board.fingerprint, e)));
    const head = SignedTreeHeadWire.parse(
      expectStatus(await api(0).request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json,
    );
    expect(head.treeSize).toBe(events.length);
    expect(verifyTreeHead(board.publicKey, board.fingerprint, head)).toBe(true);
    expect(head.rootHash).toBe(hex(rootOf(leaves)));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));

    // Every ballot exactly once, each receipt's proof checks, and its head is a prefix of the final board.
    const onBoard = events.flatMap((e) => (e.type === 'ballot' ? [ballotHash(e.ballot)] : []));
    expect(onBoard.length).toBe(VOTERS);
    expect(new Set(onBoard)).toEqual(new Set(ballots.map((b) => b.hash)));
    for (const [i, receipt] of receipts) {
      const event = events[receipt.leafIndex as number] as BoardEventJson;
      expect(event.type === 'ballot' && ballotHash(event.ballot)).toBe(ballots[i]?.hash);
      const receiptHead = SignedTreeHeadWire.parse(receipt.treeHead);
      expect(
        verifyReceiptInclusion(board, eventEntryBytes(board.fingerprint, event), receipt.inclusionProof as never, receiptHead).ok,
      ).toBe(true);
      const proof = expectStatus(
        await api(i).request(
          'GET',
          `/api/elections/${setup.eid}/proofs/consistency?from=${receiptHead.treeSize}&to=${head.treeSize}`,
        ),
        200,
      ).json;
      expect(verifyHeadConsistency(board, receiptHead, head, proof).ok).toBe(true);
    }

    // Every head any server signed: one growing log, each head the root of a prefix of this board.
    const heads = expectStatus(await api(1).request('GET', `/api/elections/${setup.eid}/tree-heads`), 200).json
      .treeHeads as unknown[];
    let previous = 0;
    for (const raw of heads) {
      const h = SignedTreeHeadWire.parse(raw);
      expect(h.treeSize).toBeGreaterThan(previous);
      previous = h.treeSize;
      expect(verifyTreeHead(board.publicKey, board.fingerprint, h)).toBe(true);
      expect(h.rootHash).toBe(hex(rootOf(leaves.slice(0, h.treeSize))));
    }
    expect(previous).toBe(head.treeSize);

    // The three stop; a fourth server on the same database, its clock at the period's end, finishes the election.
    await Promise.all(servers.map((s) => s.stop()));
    const last = await startServer({ db });
    try {
      const record = await runToPublication(last, setup.eid, setup.definition, setup.trustees);
      const report = readable(await verifyRecord(record as never, { workers: 0 }));
      expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await last.close();
    }
  }, 240_000);
});
