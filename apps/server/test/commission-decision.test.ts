// The commission's signed word over HTTP (spec §4.4): the decision is built from the board, signed by members one
// by one and published at the threshold; voting cannot open without it; the paper-voter list is staged and cancels
// nothing until enough members have signed it. Forged, foreign and repeated signatures are refused.
import { bytesToHex, encodePoint, generateKeyPair, type KeyPair } from '@saylau/crypto';
import { type ElectionDefinition, fingerprintBytes, signCommissionStatement } from '@saylau/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  electionContextOf,
  expectStatus,
  loadDraft,
  makeVoters,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
} from './helpers.ts';

let t: TestServer;
const members: { id: string; key: KeyPair }[] = ['aigerim', 'bolat', 'chen'].map((id) => ({ id, key: generateKeyPair() }));
const admin = () => ({ token: t.adminToken });

beforeEach(async () => {
  t = await startServer();
});
afterEach(async () => {
  await t.close();
});

async function readyElection() {
  const draft = {
    ...loadDraft(),
    commission: {
      members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      threshold: 2,
    },
  };
  const created = expectStatus(await t.request('POST', '/api/elections', { ...admin(), body: draft }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const eid = definition.id;
  const voters = makeVoters(definition, { medeu: 2, bostandyk: 2 });
  await registerVoters(t, eid, voters);
  await runCeremony(t, eid, definition);
  return { eid, definition, fp: fingerprintBytes(definition), voters };
}

const sign = (fp: Uint8Array, member: (typeof members)[number], kind: 'decision' | 'paper-voters', statement: unknown) =>
  signCommissionStatement(member.key.secretKey, fp, member.id, kind, statement);

describe('the commission’s decision', () => {
  it('is built from the board, published at the threshold, and needed to open', async () => {
    const { eid, fp } = await readyElection();
    const early = await t.request('POST', `/api/elections/${eid}/open`, { ...admin(), body: {} });
    expect([early.status, early.json.error.code]).toEqual([409, 'NOT_ENOUGH_MEMBERS']);

    const status = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
    expect(status).toMatchObject({ kind: 'decision', signers: [], threshold: 2, members: ['aigerim', 'bolat', 'chen'] });
    expect(status.statement.registerSizes).toEqual({ medeu: 2, bostandyk: 2 });
    expect(status.statement.credentialList.count).toBe(4);
    expect(status.statement.trustees).toHaveLength(3);

    const post = (body: unknown) => t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, { body });
    // a signature of another statement, a stranger's key, and a paper-voter signature passed off as a decision
    const forged = await post(
      sign(fp, members[0]!, 'decision', { ...status.statement, registerSizes: { medeu: 900, bostandyk: 2 } }),
    );
    expect([forged.status, forged.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);
    const stranger = await post(
      signCommissionStatement(generateKeyPair().secretKey, fp, 'aigerim', 'decision', status.statement),
    );
    expect([stranger.status, stranger.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);
    const wrongKind = await post(sign(fp, members[0]!, 'paper-voters', status.statement));
    expect([wrongKind.status, wrongKind.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);

    const first = expectStatus(await post(sign(fp, members[0]!, 'decision', status.statement)), 200).json;
    expect(first).toMatchObject({ signers: ['aigerim'], published: false });
    const again = expectStatus(await post(sign(fp, members[0]!, 'decision', status.statement)), 200).json;
    expect(again).toMatchObject({ signers: ['aigerim'], published: false }); // one member counts once
    const second = expectStatus(await post(sign(fp, members[2]!, 'decision', status.statement)), 200).json;
    expect(second).toMatchObject({ signers: ['aigerim', 'chen'], published: true });

    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events as { type: string }[];
    const decision = board.find((e) => e.type === 'commission-decision') as unknown as {
      statement: unknown;
      signatures: unknown[];
    };
    expect(decision.statement).toEqual(status.statement);
    expect(decision.signatures).toHaveLength(2);
    expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin(), body: {} }), 200);
    const late = await post(sign(fp, members[1]!, 'decision', status.statement));
    expect([late.status, late.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('paper voters are cancelled only when enough members signed the list', async () => {
    const { eid, fp, voters, definition } = await readyElection();
    const status = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
    for (const m of members.slice(0, 2)) {
      await t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, {
        body: sign(fp, m, 'decision', status.statement),
      });
    }
    expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin(), body: {} }), 200);
    await electionContextOf(t, eid);
    t.clock.now = Date.parse(definition.votingPeriod.closes) + 1000; // the period is over
    expectStatus(await t.request('POST', `/api/elections/${eid}/close`, { ...admin(), body: {} }), 200);
    const staged = expectStatus(
      await t.request('POST', `/api/elections/${eid}/paper-voters`, { ...admin(), body: { voterIds: [voters[0]!.voterId] } }),
      200,
    ).json;
    expect(staged).toEqual({ cancelled: 0, staged: 1 });
    const pending = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/paper-voters`), 200).json;
    expect(pending.statement).toEqual({ fingerprint: bytesToHex(fp), credentials: [voters[0]!.credentialHex] });
    const count = async () =>
      (expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events as { type: string }[]).filter(
        (e) => e.type === 'cancellation',
      ).length;
    const post = (m: (typeof members)[number]) =>
      t.request('POST', `/api/elections/${eid}/commission/paper-voters/signatures`, {
        body: sign(fp, m, 'paper-voters', pending.statement),
      });
    expectStatus(await post(members[1]!), 200);
    expect(await count()).toBe(0);
    expect(expectStatus(await post(members[2]!), 200).json.published).toBe(true);
    expect(await count()).toBe(1);
  });
});
