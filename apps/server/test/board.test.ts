// The public board: pages of canonical events, signed heads, inclusion and consistency proofs that verify, the
// entry bytes the server hashes, and a restart on the same file that resumes the same board.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BoardKey,
  canonicalJson,
  EventWire,
  eventEntryBytes,
  fingerprintBytes,
  leafHash,
  rootOf,
  SignedTreeHeadWire,
  verifyHeadConsistency,
  verifyTreeHead,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryBytesOfCanonical } from '../src/election/board.ts';
import { ballotFor, closeAtPeriodEnd, expectStatus, loginVoter, openElection, startServer, type TestServer } from './helpers.ts';

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;
let board: BoardKey;

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t, { medeu: 3, bostandyk: 0 });
  board = { publicKey: decodePoint(hexToBytes(setup.definition.boardKey)), fingerprint: fingerprintBytes(setup.definition) };
  for (const v of setup.voters) {
    const token = await loginVoter(t, setup.eid, v);
    const built = ballotFor(setup.election, v, { parks: ['yes'], transport: ['metro'] });
    expectStatus(await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: built.json } }), 201);
  }
});
afterAll(async () => {
  await t.close();
});

async function allEvents(test: TestServer = t) {
  const events: unknown[] = [];
  for (;;) {
    const page = expectStatus(
      await test.request('GET', `/api/elections/${setup.eid}/board?from=${events.length}&limit=4`),
      200,
    ).json;
    events.push(...page.events);
    if (events.length >= page.treeSize) return events;
  }
}

describe('board pages', () => {
  it('pages through every event in seq order; every event parses as a board event', async () => {
    const events = await allEvents();
    events.forEach((e, i) => {
      expect(EventWire.parse(e).seq).toBe(i);
    });
    const types = events.map((e) => (e as { type: string }).type);
    expect(types.slice(0, 3)).toEqual(['definition', 'credentials', 'register']);
    expect(types.filter((x) => x === 'ballot')).toHaveLength(3);
  });

  it('marks full pages immutable and the growing tail revalidated', async () => {
    const full = await t.request('GET', `/api/elections/${setup.eid}/board?from=0&limit=2`);
    const tail = await t.request('GET', `/api/elections/${setup.eid}/board?from=0&limit=1000`);
    expect(full.headers.get('cache-control')).toContain('immutable');
    expect(tail.headers.get('cache-control')).toContain('no-cache');
  });

  it('stores each event as its canonical JSON and hashes exactly eventEntryBytes', async () => {
    const events = await allEvents();
    const leaves = events.map((e) => {
      const body = canonicalJson(e);
      expect(entryBytesOfCanonical(board.fingerprint, body)).toEqual(eventEntryBytes(board.fingerprint, e as never));
      return leafHash(eventEntryBytes(board.fingerprint, e as never));
    });
    const head = SignedTreeHeadWire.parse(
      expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json,
    );
    expect(head.treeSize).toBe(events.length);
    expect(head.rootHash).toBe(Buffer.from(rootOf(leaves)).toString('hex'));
    expect(verifyTreeHead(board.publicKey, board.fingerprint, head)).toBe(true);
  });
});

describe('proofs', () => {
  it('gives consistency proofs between every stored head and the latest', async () => {
    const heads = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-heads`), 200).json.treeHeads;
    const latest = SignedTreeHeadWire.parse(heads[heads.length - 1]);
    expect(heads.length).toBeGreaterThan(5);
    for (const json of heads) {
      const older = SignedTreeHeadWire.parse(json);
      const proof = expectStatus(
        await t.request('GET', `/api/elections/${setup.eid}/proofs/consistency?from=${older.treeSize}&to=${latest.treeSize}`),
        200,
      ).json;
      expect(verifyHeadConsistency(board, older, latest, proof).ok).toBe(true);
    }
  });

  it('gives inclusion proofs for any event in any past size', async () => {
    const answer = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/proofs/inclusion?index=1&size=4`), 200);
    expect(answer.json).toMatchObject({ leafIndex: 1, treeSize: 4 });
    expect(answer.headers.get('cache-control')).toContain('immutable');
  });
});

describe('restart', () => {
  it('resumes the same election, board, head and sessions from the file', async () => {
    const before = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json;
    const token = await loginVoter(t, setup.eid, setup.voters[0]!);
    t = await t.restart();
    const after = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json;
    expect(after).toEqual(before);
    const info = expectStatus(await t.request('GET', `/api/elections/${setup.eid}`), 200).json;
    expect(info.state).toBe('open');
    // the session survives, and voting goes on with the board's next seq
    const built = ballotFor(setup.election, setup.voters[0]!, { parks: ['no'], transport: ['brt'] });
    const receipt = expectStatus(
      await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: built.json } }),
      201,
    ).json;
    expect(receipt.leafIndex).toBe(before.treeSize);
    expect(receipt.supersedes).not.toBeNull();
    const head = SignedTreeHeadWire.parse(receipt.treeHead);
    const proof = expectStatus(
      await t.request('GET', `/api/elections/${setup.eid}/proofs/consistency?from=${before.treeSize}&to=${head.treeSize}`),
      200,
    ).json;
    expect(verifyHeadConsistency(board, SignedTreeHeadWire.parse(before), head, proof).ok).toBe(true);
    expectStatus(await closeAtPeriodEnd(t, setup.eid), 200);
  });
});
