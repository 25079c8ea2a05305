// Durability (brief §5): the real server process is killed with SIGKILL while many ballots are in flight, then
// restarted on the same file. Every ballot that got a receipt must be on the board, the board must match its
// signed head, and every receipt's head must be consistent with the board after the restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { afterAll, describe, expect, it } from 'vitest';
import { ballotFor, expectStatus, httpRequester, loginVoter, openElection } from '../scripts/election-driver.ts';
import { type SpawnedServer, spawnServer } from '../scripts/spawn-server.ts';

const ADMIN = 'durability-admin-token-0123';
const dir = mkdtempSync(join(tmpdir(), 'saylau-kill-'));
const db = join(dir, 'saylau.db');
let server: SpawnedServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL while ballots are in flight', () => {
  it('loses no receipted ballot and the board verifies after a restart', async () => {
    server = await spawnServer({ db, adminToken: ADMIN, workers: 2, rateAddress: 1e9 });
    let api = httpRequester(server.url, ADMIN);
    const voters = 32;
    const setup = await openElection(api, { medeu: voters, bostandyk: 0 }, undefined, false);
    const tokens = await Promise.all(setup.voters.map((v) => loginVoter(api, setup.eid, v)));
    const ballots = setup.voters.map((v) => ballotFor(setup.election, v, { parks: ['yes'], transport: ['bikes'] }));

    // Eight clients submit one ballot after another; once ten receipts are back the process is killed, with the
    // clients' next ballots in flight.
    const receipts: { hash: string; receipt: Record<string, unknown> }[] = [];
    let killed: Promise<void> | undefined;
    let inFlight = 0;
    let inFlightAtKill = 0;
    let next = 0;
    const url = server.url;
    const client = async () => {
      while (killed === undefined && next < ballots.length) {
        const i = next++;
        const b = ballots[i] as (typeof ballots)[number];
        inFlight++;
        try {
          const res = await fetch(`${url}/api/elections/${setup.eid}/ballots`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
            body: JSON.stringify({ ballot: b.json }),
          });
          const body = await res.json();
          if (res.status === 201) receipts.push({ hash: b.hash, receipt: body });
          if (receipts.length >= 10 && killed === undefined) {
            inFlightAtKill = inFlight - 1;
            killed = server?.kill9();
          }
        } catch {
          // the connection died with the process: no receipt, so no promise was made
        } finally {
          inFlight--;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    await killed;
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(receipts.length).toBeGreaterThanOrEqual(10);
    expect(receipts.length).toBeLessThan(voters);

    server = await spawnServer({ db, adminToken: ADMIN, workers: 1, rateAddress: 1e9 });
    api = httpRequester(server.url, ADMIN);
    const events: BoardEventJson[] = [];
    for (;;) {
      const page = expectStatus(
        await api.request('GET', `/api/elections/${setup.eid}/board?from=${events.length}&limit=1000`),
        200,
      ).json;
      events.push(...page.events);
      if (events.length >= page.treeSize) break;
    }
    const board: BoardKey = {
      publicKey: decodePoint(hexToBytes(setup.definition.boardKey)),
      fingerprint: fingerprintBytes(setup.definition),
    };
    const head = SignedTreeHeadWire.parse(
      expectStatus(await api.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json,
    );
    // the board matches its signed head
    expect(head.treeSize).toBe(events.length);
    expect(verifyTreeHead(board.publicKey, board.fingerprint, head)).toBe(true);
    expect(head.rootHash).toBe(
      Buffer.from(rootOf(events.map((e) => leafHash(eventEntryBytes(board.fingerprint, e))))).toString('hex'),
    );
    events.forEach((e, i) => {
      expect(e.seq).toBe(i);
    });
    // every receipted ballot is there, at its leaf, and its receipt's head is a prefix of today's board
    for (const { hash, receipt } of receipts) {
      const index = receipt.leafIndex as number;
      const event = events[index];
      expect(event?.type).toBe('ballot');
      expect(ballotHash((event as Extract<BoardEventJson, { type: 'ballot' }>).ballot)).toBe(hash);
      const receiptHead = SignedTreeHeadWire.parse(receipt.treeHead);
      expect(
        verifyReceiptInclusion(
          board,
          eventEntryBytes(board.fingerprint, event as BoardEventJson),
          receipt.inclusionProof as never,
          receiptHead,
        ).ok,
      ).toBe(true);
      const proof = expectStatus(
        await api.request(
          'GET',
          `/api/elections/${setup.eid}/proofs/consistency?from=${receiptHead.treeSize}&to=${head.treeSize}`,
        ),
        200,
      ).json;
      expect(verifyHeadConsistency(board, receiptHead, head, proof).ok).toBe(true);
    }
    // the election goes on: a ballot that never got a receipt is sent again (the voter's retry) and gets one — the
    // receipt of the copy already on the board if it was committed before the kill, or a new place if it was not
    const storedAt = new Map(events.flatMap((e) => (e.type === 'ballot' ? [[ballotHash(e.ballot), e.seq] as const] : [])));
    const unreceipted = ballots.findIndex((b) => !receipts.some((r) => r.hash === b.hash));
    const retry = expectStatus(
      await api.request('POST', `/api/elections/${setup.eid}/ballots`, {
        token: tokens[unreceipted] as string,
        body: { ballot: ballots[unreceipted]?.json },
      }),
      201,
    );
    const hash = ballots[unreceipted]?.hash as string;
    expect(retry.json.ballotHash).toBe(hash);
    if (storedAt.has(hash)) expect(retry.json.leafIndex).toBe(storedAt.get(hash));
    else expect(retry.json.leafIndex).toBe(events.length);
  });
});
