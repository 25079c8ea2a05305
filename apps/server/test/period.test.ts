// The voting period on the server (spec §4.5): a period wholly in the past is refused and an unusual one flagged;
// opening only from 15 minutes before `opens` until `closes`; ballots only inside the period; a close before the end
// only with the commission's early close signed by its threshold, which the `state closed` event then carries.
import { bytesToHex, encodePoint, generateKeyPair, type KeyPair } from '@saylau/crypto';
import {
  type DefinitionDraft,
  type ElectionDefinition,
  earlyCloseStatement,
  fingerprintBytes,
  signCommissionStatement,
} from '@saylau/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  admin,
  ballotFor,
  electionContextOf,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
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

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const members: { id: string; key: KeyPair }[] = ['aigerim', 'bolat', 'chen'].map((id) => ({ id, key: generateKeyPair() }));

/** The fixture with a period around the test clock: opens `from` and closes `to` hours from now. */
function draftAround(from: number, to: number, id = 'period-check'): DefinitionDraft {
  return { ...loadDraft(), id, votingPeriod: { opens: iso(t.clock.now + from * HOUR), closes: iso(t.clock.now + to * HOUR) } };
}

function withCommission(draft: DefinitionDraft): DefinitionDraft {
  return {
    ...draft,
    commission: {
      members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      threshold: 2,
    },
  };
}

/** Defined, registered, ceremony done (and, with a commission, its decision signed by two members): ready to open. */
async function readyElection(draft: DefinitionDraft) {
  const created = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const eid = definition.id;
  const voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
  await registerVoters(t, eid, voters);
  await runCeremony(t, eid, definition);
  const fp = fingerprintBytes(definition);
  if (definition.commission) {
    const { statement } = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
    for (const m of members.slice(0, 2)) {
      const body = signCommissionStatement(m.key.secretKey, fp, m.id, 'decision', statement);
      expectStatus(await t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, { body }), 200);
    }
  }
  return { eid, definition, fp, voters, created: created.json };
}

const open = (eid: string) => t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} });
const close = (eid: string, body: unknown = {}) => t.request('POST', `/api/elections/${eid}/close`, { ...admin, body });

describe('defining the period', () => {
  it('refuses a period wholly in the past (422 BAD_PERIOD) and creates nothing', async () => {
    const past = await t.request('POST', '/api/elections', { ...admin, body: draftAround(-48, -24) });
    expect([past.status, past.json.error.code]).toEqual([422, 'BAD_PERIOD']);
    expect(past.json.error.message).toMatch(/wholly in the past/);
    expect(expectStatus(await t.request('GET', '/api/elections'), 200).json.elections).toEqual([]);
  });

  it('flags a very long or very short period as a warning, and accepts it', async () => {
    const long = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201).json;
    expect(long.warnings).toEqual([expect.stringMatching(/very long \(3652 days/)]);
    const short = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draftAround(1, 1.5, 'short') }), 201);
    expect(short.json.warnings).toEqual([expect.stringMatching(/very short \(30 minutes/)]);
    const usual = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draftAround(-1, 10, 'usual') }), 201);
    expect(usual.json.warnings).toEqual([]);
  });

  it('keeps a period written in the commission’s own time zone as written (2026-12-01T08:00:00+05:00)', async () => {
    t.clock.now = Date.parse('2026-11-01T00:00:00Z');
    const votingPeriod = { opens: '2026-12-01T08:00:00+05:00', closes: '2026-12-01T20:00:00+05:00' };
    const created = expectStatus(
      await t.request('POST', '/api/elections', { ...admin, body: { ...loadDraft(), votingPeriod } }),
      201,
    );
    expect(created.json.definition.votingPeriod).toEqual(votingPeriod);
  });
});

describe('opening', () => {
  it('is refused more than 15 minutes before opens (409 OUTSIDE_PERIOD), allowed within them', async () => {
    const { eid } = await readyElection(draftAround(1, 10));
    const early = await open(eid);
    expect([early.status, early.json.error.code]).toEqual([409, 'OUTSIDE_PERIOD']);
    expect(early.json.error.message).toMatch(/at most 15 minutes before/);
    t.clock.now += 45 * 60_000; // 15 minutes before opens
    expect(expectStatus(await open(eid), 200).json).toEqual({ state: 'open' });
  });

  it('is refused once the period has ended (409 OUTSIDE_PERIOD)', async () => {
    const { eid } = await readyElection(draftAround(-2, 1));
    t.clock.now += HOUR;
    const late = await open(eid);
    expect([late.status, late.json.error.code]).toEqual([409, 'OUTSIDE_PERIOD']);
    expect(late.json.error.message).toMatch(/ended/);
  });
});

describe('ballots', () => {
  it('are refused before opens even when voting was opened in the grace, and accepted from opens on', async () => {
    const { eid, voters } = await readyElection(draftAround(0.1, 10));
    expectStatus(await open(eid), 200);
    const election = await electionContextOf(t, eid);
    const voter = voters[0] as (typeof voters)[number];
    const token = await loginVoter(t, eid, voter);
    const ballot = () => ballotFor(election, voter, { parks: ['yes'], transport: ['metro'] }).json;
    const before = await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: ballot() } });
    expect([before.status, before.json.error.code]).toEqual([409, 'VOTING_NOT_OPEN']);
    t.clock.now += 0.1 * HOUR;
    expectStatus(await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: ballot() } }), 201);
  });
});

describe('closing', () => {
  it('before the end without a commission is refused outright (409 EARLY_CLOSE_UNSIGNED), at the end needs nothing', async () => {
    const { eid } = await readyElection(draftAround(-1, 10));
    expectStatus(await open(eid), 200);
    const early = await close(eid);
    expect([early.status, early.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);
    expect(early.json.error.message).toMatch(/names no commission/);
    t.clock.now += 10 * HOUR;
    expect(expectStatus(await close(eid), 200).json).toEqual({ state: 'closed', early: false });
  });

  it('before the end needs the early close signed by the threshold; the close event carries it', async () => {
    const { eid, fp } = await readyElection(withCommission(draftAround(-1, 10)));
    expectStatus(await open(eid), 200);
    const unsigned = await close(eid);
    expect([unsigned.status, unsigned.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);
    expect(unsigned.json.error.message).toMatch(/signed by 2 commission member/);

    const reason = 'the polling stations reported every voter as having voted';
    const at = iso(t.clock.now);
    const statement = earlyCloseStatement(bytesToHex(fp), reason, at);
    const sign = (m: (typeof members)[number], s: unknown = statement) =>
      signCommissionStatement(m.key.secretKey, fp, m.id, 'early-close', s);
    const one = await close(eid, { early: { reason, at, signatures: [sign(members[0]!)] } });
    expect([one.status, one.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);
    // a signature made for another reason does not count
    const other = sign(members[1]!, { ...statement, reason: 'another reason' });
    const forged = await close(eid, { early: { reason, at, signatures: [sign(members[0]!), other] } });
    expect(forged.json.error.problems.map((p: { code: string }) => p.code)).toEqual([
      'BAD_MEMBER_SIGNATURE',
      'EARLY_CLOSE_UNSIGNED',
    ]);
    const malformed = await close(eid, { early: { reason, at: '2026-06-01T10:00:00Z', signatures: [sign(members[0]!)] } });
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'MALFORMED']);
    const lastEvent = async () => expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events.at(-1);
    expect(await lastEvent()).toMatchObject({ type: 'state', state: 'open' });

    const early = { reason, at, signatures: [sign(members[0]!), sign(members[2]!)] };
    expect(expectStatus(await close(eid, { early }), 200).json).toEqual({ state: 'closed', early: true });
    expect(await lastEvent()).toMatchObject({ type: 'state', state: 'closed', early });
  });

  it('at the end ignores an early close sent all the same', async () => {
    const { eid, fp } = await readyElection(withCommission(draftAround(-1, 2)));
    expectStatus(await open(eid), 200);
    t.clock.now += 2 * HOUR;
    const at = iso(t.clock.now);
    const statement = earlyCloseStatement(bytesToHex(fp), 'late', at);
    const signatures = members
      .slice(0, 2)
      .map((m) => signCommissionStatement(m.key.secretKey, fp, m.id, 'early-close', statement));
    expect(expectStatus(await close(eid, { early: { reason: 'late', at, signatures } }), 200).json).toEqual({
      state: 'closed',
      early: false,
    });
    const { events } = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json;
    expect(events.at(-1)).not.toHaveProperty('early');
  });
});
