// A ballot's fate after processing (spec §6.2, GET /api/elections/:eid/ballots/:hash/fate): counted, superseded by a
// later e-vote (which one), or cancelled by a paper vote (which cancellation event), each with the deciding event's
// inclusion proof under a head signed by the board key; "voting not yet processed" before that.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BoardEventJson,
  eventEntryBytes,
  FateAnswerWire,
  fateShownBy,
  fingerprintBytes,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  expectStatus,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from './helpers.ts';

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;
/** Each voter's receipts (ballot hash and seq) in the order cast. */
const cast = new Map<string, { hash: string; seq: number }[]>();

const voter = (i: number) => setup.voters[i] as Voter;
const fateOf = (hash: string) => t.request('GET', `/api/elections/${setup.eid}/ballots/${hash}/fate`);

async function vote(v: Voter, times: number): Promise<void> {
  const token = await loginVoter(t, setup.eid, v);
  for (let i = 0; i < times; i++) {
    const ballot = ballotFor(setup.election, v, { parks: ['yes'], transport: ['metro'] });
    const receipt = expectStatus(
      await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: ballot.json } }),
      201,
    ).json;
    cast.set(v.voterId, [...(cast.get(v.voterId) ?? []), { hash: receipt.ballotHash, seq: receipt.leafIndex }]);
  }
}

const receipt = (i: number, k: number) => cast.get(voter(i).voterId)?.[k] as { hash: string; seq: number };

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t, { medeu: 2, bostandyk: 2 });
  await vote(voter(0), 1); // counted
  await vote(voter(1), 2); // the first superseded by the second, which counts
  await vote(voter(2), 1); // cancelled by a paper vote
  await vote(voter(3), 2); // the first superseded, the second cancelled
});
afterAll(async () => {
  await t.close();
});

/** The deciding event as the board holds it, checked against the answer's inclusion proof and signed head. */
async function checkedDecision(answer: unknown): Promise<{ fate: string; event: BoardEventJson }> {
  const fate = FateAnswerWire.parse(answer);
  const board = expectStatus(
    await t.request('GET', `/api/elections/${setup.eid}/board?from=${fate.decidedBy.seq}&limit=1`),
    200,
  ).json;
  const event = board.events[0] as BoardEventJson;
  const fp = fingerprintBytes(setup.definition);
  const included = verifyReceiptInclusion(
    { publicKey: decodePoint(hexToBytes(setup.definition.boardKey)), fingerprint: fp },
    eventEntryBytes(fp, event),
    fate.inclusionProof,
    fate.treeHead,
  );
  expect(included.ok).toBe(true);
  expect(event.type).toBe(fate.decidedBy.type);
  expect(event.time).toBe(fate.decidedBy.time);
  return { fate: fate.fate, event };
}

describe('GET /api/elections/:eid/ballots/:hash/fate', () => {
  it('answers "voting not yet processed" (409 WRONG_STATE) while open and closed', async () => {
    const open = await fateOf(receipt(0, 0).hash);
    expect([open.status, open.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expect(open.json.error.message).toMatch(/not yet processed/);
    expectStatus(await closeAtPeriodEnd(t, setup.eid), 200);
    const paper = [voter(2).voterId, voter(3).voterId];
    expectStatus(
      await t.request('POST', `/api/elections/${setup.eid}/paper-voters`, { ...admin, body: { voterIds: paper } }),
      200,
    );
    const closed = await fateOf(receipt(0, 0).hash);
    expect(closed.json.error.message).toMatch(/not yet processed/);
    expectStatus(await t.request('POST', `/api/elections/${setup.eid}/process`, { ...admin, body: {} }), 200);
  });

  it('counted: the counted-set event lists the ballot', async () => {
    for (const r of [receipt(0, 0), receipt(1, 1)]) {
      const answer = expectStatus(await fateOf(r.hash), 200).json;
      expect(answer).toMatchObject({ ballotHash: r.hash, seq: r.seq, fate: 'counted', decidedBy: { type: 'counted-set' } });
      const { event } = await checkedDecision(answer);
      expect(fateShownBy('counted', { hash: r.hash, seq: r.seq, credential: voter(0).credentialHex }, event)).toBe(true);
    }
  });

  it('superseded: names the later e-vote (its hash, place and time), also for a voter who then voted on paper', async () => {
    for (const i of [1, 3]) {
      const [first, second] = [receipt(i, 0), receipt(i, 1)];
      const answer = expectStatus(await fateOf(first.hash), 200).json;
      expect(answer).toMatchObject({
        fate: 'superseded',
        decidedBy: { type: 'ballot', seq: second.seq, ballotHash: second.hash },
      });
      const { event } = await checkedDecision(answer);
      expect(fateShownBy('superseded', { hash: first.hash, seq: first.seq, credential: voter(i).credentialHex }, event)).toBe(
        true,
      );
    }
  });

  it('cancelled: names the cancellation event that lists the voter’s credential', async () => {
    for (const r of [receipt(2, 0), receipt(3, 1)]) {
      const answer = expectStatus(await fateOf(r.hash), 200).json;
      expect(answer).toMatchObject({ fate: 'cancelled', decidedBy: { type: 'cancellation' } });
      const { event } = await checkedDecision(answer);
      expect(event.type === 'cancellation' && event.credentials).toEqual(
        expect.arrayContaining([voter(2).credentialHex, voter(3).credentialHex]),
      );
    }
  });

  it('answers 404 for a hash that is no ballot here and 400 for one that is not a hash', async () => {
    const unknown = await fateOf('ab'.repeat(32));
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await fateOf('XYZ');
    expect([bad.status, bad.json.error.code]).toEqual([400, 'BAD_ENCODING']);
  });
});
