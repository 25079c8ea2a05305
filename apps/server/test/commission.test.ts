// Commission endpoints: defining an election, importing the register, issuing credentials, the state machine's
// checks on open/close/publish, paper voters, and turnout.
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import { EventWire, loginCodeHash } from '@saylau/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  admin,
  closeAtPeriodEnd,
  expectStatus,
  loadDraft,
  makeVoters,
  openElection,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
} from './helpers.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startServer();
});
afterEach(async () => {
  await t.close();
});

async function define() {
  const answer = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201);
  return answer.json as { id: string; fingerprint: string; definition: { boardKey: string; id: string } };
}

describe('POST /api/elections', () => {
  it('creates the election in state draft with a board key and the definition as board event 0', async () => {
    const created = await define();
    expect(created.definition.boardKey).toMatch(/^[0-9a-f]{64}$/);
    const info = expectStatus(await t.request('GET', `/api/elections/${created.id}`), 200).json;
    expect(info).toMatchObject({ state: 'draft', fingerprint: created.fingerprint, electionKey: null, treeSize: 1 });
    const board = expectStatus(await t.request('GET', `/api/elections/${created.id}/board`), 200).json;
    expect(board.events).toHaveLength(1);
    expect(EventWire.parse(board.events[0])).toMatchObject({ seq: 0, type: 'definition' });
    const head = expectStatus(await t.request('GET', `/api/elections/${created.id}/tree-head`), 200).json;
    expect(head.treeSize).toBe(1);
  });

  it('lists every problem of a bad draft (422) and refuses a board key set by the client (400)', async () => {
    const draft = loadDraft();
    draft.trustees = { count: 2, threshold: 3 };
    draft.votingPeriod = { opens: '2026-02-01T00:00:00Z', closes: '2026-01-01T00:00:00Z' };
    const bad = await t.request('POST', '/api/elections', { ...admin, body: draft });
    expect(bad.status).toBe(422);
    expect(bad.json.error.problems.map((p: { code: string }) => p.code).sort()).toEqual(['BAD_PERIOD', 'BAD_THRESHOLD']);
    const withKey = await t.request('POST', '/api/elections', {
      ...admin,
      body: { ...loadDraft(), boardKey: bytesToHex(encodePoint(G)) },
    });
    expect([withKey.status, withKey.json.error.code]).toEqual([400, 'MALFORMED']);
  });

  it('refuses a second election with the same id (409 ALREADY_EXISTS)', async () => {
    await define();
    const again = await t.request('POST', '/api/elections', { ...admin, body: loadDraft() });
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('needs the admin token (401 without or with a wrong one)', async () => {
    const none = await t.request('POST', '/api/elections', { body: loadDraft() });
    const wrong = await t.request('POST', '/api/elections', { token: 'not-the-admin-token', body: loadDraft() });
    expect([none.status, none.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('register and credentials', () => {
  it('rejects the whole import with every duplicate and unknown district listed, and stores nothing', async () => {
    const { id } = await define();
    const voters = [
      { voterId: 'a', district: 'medeu' },
      { voterId: 'a', district: 'medeu' },
      { voterId: 'b', district: 'nowhere' },
    ];
    const answer = await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters } });
    expect(answer.status).toBe(422);
    expect(answer.json.error.problems.map((p: { code: string; path: unknown[] }) => [p.code, p.path])).toEqual([
      ['DUPLICATE_VOTER', ['voters', 1, 'voterId']],
      ['UNKNOWN_DISTRICT', ['voters', 2, 'district']],
    ]);
    const good = expectStatus(
      await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters: voters.slice(0, 1) } }),
      200,
    );
    expect(good.json).toEqual({ accepted: 1, replaced: 0, sizes: { medeu: 1, bostandyk: 0 } });
    const again = await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters: voters.slice(0, 1) } });
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('issues credentials all or nothing: unknown voters, repeats, bad points and missing voters are refused', async () => {
    const created = await define();
    const voters = makeVoters(created.definition as never, { medeu: 2, bostandyk: 1 });
    expectStatus(
      await t.request('POST', `/api/elections/${created.id}/register`, {
        ...admin,
        body: { voters: voters.map((v) => ({ voterId: v.voterId, district: v.district })) },
      }),
      200,
    );
    const entry = (i: number) => ({
      voterId: voters[i]!.voterId,
      credential: voters[i]!.credentialHex,
      loginCodeHash: loginCodeHash(voters[i]!.loginCode),
    });
    const problems = async (entries: unknown[]) => {
      const answer = await t.request('POST', `/api/elections/${created.id}/credentials`, { ...admin, body: { entries } });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      return answer.json.error.problems.map((p: { code: string }) => p.code);
    };
    expect(await problems([entry(0), entry(1), { ...entry(2), voterId: 'ghost' }])).toEqual(['UNKNOWN_VOTER']);
    expect(await problems([entry(0), entry(0), entry(1), entry(2)])).toEqual(['DUPLICATE_VOTER', 'DUPLICATE_CREDENTIAL']);
    expect(await problems([entry(0), entry(1), { ...entry(2), credential: 'ff'.repeat(32) }])).toEqual(['POINT_NOT_CANONICAL']);
    expect(await problems([entry(0), entry(1), { ...entry(2), credential: '00'.repeat(32) }])).toEqual(['POINT_IS_IDENTITY']);
    expect(await problems([entry(0), entry(1)])).toEqual(['MISSING_CREDENTIAL']);
    expect(expectStatus(await t.request('GET', `/api/elections/${created.id}`), 200).json.treeSize).toBe(1);
    const issued = expectStatus(
      await t.request('POST', `/api/elections/${created.id}/credentials`, {
        ...admin,
        body: { entries: [entry(0), entry(1), entry(2)] },
      }),
      200,
    );
    expect(issued.json).toEqual({ issued: 3 });
    const board = expectStatus(await t.request('GET', `/api/elections/${created.id}/board`), 200).json;
    expect(board.events.map((e: { type: string }) => e.type)).toEqual(['definition', 'credentials', 'register']);
    expect(board.events[1].entries).toHaveLength(3);
    expect(board.events[2].sizes).toEqual({ medeu: 2, bostandyk: 1 });
    const frozen = await t.request('POST', `/api/elections/${created.id}/credentials`, {
      ...admin,
      body: { entries: [entry(0)] },
    });
    expect([frozen.status, frozen.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const late = await t.request('POST', `/api/elections/${created.id}/register`, {
      ...admin,
      body: { voters: [{ voterId: 'late', district: 'medeu' }] },
    });
    expect([late.status, late.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('refuses credentials before any register import (409 WRONG_STATE)', async () => {
    const { id } = await define();
    const answer = await t.request('POST', `/api/elections/${id}/credentials`, {
      ...admin,
      body: { entries: [{ voterId: 'a', credential: bytesToHex(encodePoint(G)), loginCodeHash: 'ab'.repeat(32) }] },
    });
    expect([answer.status, answer.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });
});

describe('state machine', () => {
  it('opens only when the key exists and the register is frozen; each transition is on the board', async () => {
    const created = await define();
    const eid = created.id;
    const tooEarly = await t.request('POST', `/api/elections/${eid}/open`, { ...admin });
    expect([tooEarly.status, tooEarly.json.error.code]).toEqual([409, 'WRONG_STATE']);
    const trustees = await runCeremony(t, eid, created.definition as never);
    expect(trustees).toHaveLength(3);
    const noRegister = await t.request('POST', `/api/elections/${eid}/open`, { ...admin });
    expect([noRegister.status, noRegister.json.error.code]).toEqual([409, 'WRONG_STATE']);
    await registerVoters(t, eid, makeVoters(created.definition as never, { medeu: 1, bostandyk: 1 }));
    expect(expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin }), 200).json).toEqual({
      state: 'open',
    });
    const twice = await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'WRONG_STATE']);
    const publishEarly = await t.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} });
    expect([publishEarly.status, publishEarly.json.error.code]).toEqual([409, 'WRONG_STATE']);
    const results = await t.request('GET', `/api/elections/${eid}/results`);
    expect([results.status, results.json.error.code]).toEqual([409, 'WRONG_STATE']);
    const record = await t.request('GET', `/api/elections/${eid}/record`);
    expect([record.status, record.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expectStatus(await closeAtPeriodEnd(t, eid), 200);
    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json;
    const states = board.events.filter((e: { type: string }) => e.type === 'state').map((e: { state: string }) => e.state);
    expect(states).toEqual(['key-ceremony', 'ready', 'open', 'closed']);
  });
});

describe('paper voters and turnout', () => {
  it('cancels paper voters’ credentials after close, once each; refuses unknown voters and early calls', async () => {
    const { eid, voters } = await openElection(t, { medeu: 2, bostandyk: 1 });
    const early = await t.request('POST', `/api/elections/${eid}/paper-voters`, {
      ...admin,
      body: { voterIds: [voters[0]!.voterId] },
    });
    expect([early.status, early.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expectStatus(await closeAtPeriodEnd(t, eid), 200);
    const unknown = await t.request('POST', `/api/elections/${eid}/paper-voters`, { ...admin, body: { voterIds: ['ghost'] } });
    expect([unknown.status, unknown.json.error.code]).toEqual([422, 'UNKNOWN_VOTER']);
    const first = await t.request('POST', `/api/elections/${eid}/paper-voters`, {
      ...admin,
      body: { voterIds: [voters[0]!.voterId, voters[2]!.voterId] },
    });
    expect(expectStatus(first, 200).json).toEqual({ cancelled: 2 });
    const again = await t.request('POST', `/api/elections/${eid}/paper-voters`, {
      ...admin,
      body: { voterIds: [voters[0]!.voterId] },
    });
    expect(expectStatus(again, 200).json).toEqual({ cancelled: 0 });
    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json;
    const cancellations = board.events.filter((e: { type: string }) => e.type === 'cancellation');
    expect(cancellations).toHaveLength(1);
    expect(cancellations[0].credentials).toEqual([voters[0]!.credentialHex, voters[2]!.credentialHex]);
  });

  it('reports registered voters per district', async () => {
    const { eid } = await openElection(t, { medeu: 2, bostandyk: 1 });
    const turnout = expectStatus(await t.request('GET', `/api/elections/${eid}/turnout`), 200).json;
    expect(turnout.districts).toEqual([
      { district: 'medeu', registered: 2, voted: 0 },
      { district: 'bostandyk', registered: 1, voted: 0 },
    ]);
  });
});
