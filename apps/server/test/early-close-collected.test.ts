// The early close collected from members in different places (spec §4.5.4, docs/api.md): proposed only while voting is
// open before the period's end, signed one member at a time through /commission/early-close (a signature over another
// statement, kind or election refused, a member twice counted once, members at the same moment all counted), never
// closing by itself; the close with
// { early: "collected" } refused below the threshold or once the statement is 24 hours old, and at the threshold the
// `state closed` event carries an `early` the protocol's verification (the verifier's) accepts.
import { bytesToHex, encodePoint, generateKeyPair, type KeyPair } from '@saylau/crypto';
import {
  closeProblems,
  type DefinitionDraft,
  type ElectionDefinition,
  earlyCloseStatement,
  fingerprintBytes,
  signCommissionStatement,
} from '@saylau/protocol';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  admin,
  expectStatus,
  loadDraft,
  makeVoters,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
} from './helpers.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

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

function draftAround(id: string, from: number, to: number): DefinitionDraft {
  return {
    ...loadDraft(),
    id,
    votingPeriod: { opens: iso(t.clock.now + from * HOUR), closes: iso(t.clock.now + to * HOUR) },
    commission: {
      members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      threshold: 2,
    },
  };
}

/** Ready (decision signed by two members); opened unless `open` is false. */
async function election(id = 'early-collected', open = true, to = 30) {
  const created = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draftAround(id, -1, to) }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const eid = definition.id;
  await registerVoters(t, eid, makeVoters(definition, { medeu: 2, bostandyk: 1 }));
  await runCeremony(t, eid, definition);
  const fp = fingerprintBytes(definition);
  const { statement } = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
  for (const m of members.slice(0, 2)) {
    const body = signCommissionStatement(m.key.secretKey, fp, m.id, 'decision', statement);
    expectStatus(await t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, { body }), 200);
  }
  if (open) expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
  return { eid, definition, fp };
}

const propose = (eid: string, reason: string) =>
  t.request('POST', `/api/elections/${eid}/early-close`, { ...admin, body: { reason } });
const status = (eid: string) => t.request('GET', `/api/elections/${eid}/commission/early-close`);
const post = (eid: string, body: unknown, kind = 'early-close') =>
  t.request('POST', `/api/elections/${eid}/commission/${kind}/signatures`, { body });
const closeCollected = (eid: string) =>
  t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: { early: 'collected' } });
const events = async (eid: string) => expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events;
const sign = (m: (typeof members)[number], fp: Uint8Array, statement: unknown, kind = 'early-close' as const) =>
  signCommissionStatement(m.key.secretKey, fp, m.id, kind, statement);

describe('proposing an early close', () => {
  it('only while voting is open, before the period’s end; needs a reason and the commission’s token', async () => {
    const { eid } = await election('not-open-yet', false);
    const notOpen = await propose(eid, 'storm');
    expect([notOpen.status, notOpen.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expect((await status(eid)).json.error.code).toBe('WRONG_STATE');
    expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
    const blank = await propose(eid, '   ');
    expect([blank.status, blank.json.error.code]).toEqual([400, 'MALFORMED']);
    const anonymous = await t.request('POST', `/api/elections/${eid}/early-close`, { body: { reason: 'storm' } });
    expect(anonymous.status).toBe(401);
    expect((await status(eid)).json.error.code).toBe('NOT_FOUND');
    t.clock.now += 31 * HOUR;
    const late = await propose(eid, 'storm');
    expect([late.status, late.json.error.code]).toEqual([409, 'OUTSIDE_PERIOD']);
    expectStatus(await t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: {} }), 200);
    const closed = await propose(eid, 'storm');
    expect([closed.status, closed.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });

  it('stages { fingerprint, reason, at: now }; replaces an unsigned proposal, refuses to wipe a signed one', async () => {
    const { eid, fp } = await election();
    const first = expectStatus(await propose(eid, '  a typo  '), 200).json;
    expect(first).toEqual({
      statement: { fingerprint: bytesToHex(fp), reason: 'a typo', at: iso(t.clock.now) },
      threshold: 2,
    });
    t.clock.now += 60_000;
    const second = expectStatus(await propose(eid, 'the storm cut the power'), 200).json.statement;
    expect(second.at).toBe(iso(t.clock.now));
    const shown = expectStatus(await status(eid), 200).json;
    expect(shown).toEqual({
      kind: 'early-close',
      statement: second,
      signers: [],
      threshold: 2,
      members: members.map((m) => m.id),
    });
    expectStatus(await post(eid, sign(members[0]!, fp, second)), 200);
    const third = await propose(eid, 'something else');
    expect([third.status, third.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    expect(expectStatus(await status(eid), 200).json.signers).toEqual(['aigerim']);
  });
});

describe('signing and closing with the collected early close', () => {
  it('refuses signatures over another statement, kind or election; counts a member twice once; closes only when asked', async () => {
    const { eid, fp } = await election('early-a');
    const other = await election('early-b');
    const statement = expectStatus(await propose(eid, 'the storm cut the power'), 200).json.statement;
    expectStatus(await propose(other.eid, 'the storm cut the power'), 200);

    const refusals = [
      sign(members[0]!, fp, { ...statement, reason: 'another reason' }),
      sign(members[0]!, fp, { ...statement, at: iso(t.clock.now - HOUR) }),
      signCommissionStatement(members[0]!.key.secretKey, fp, 'aigerim', 'paper-results', statement),
      sign(members[0]!, other.fp, { ...statement, fingerprint: bytesToHex(other.fp) }),
      { ...sign(members[0]!, fp, statement), member: 'bolat' },
    ];
    for (const body of refusals) {
      const refused = await post(eid, body);
      expect([refused.status, refused.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);
    }
    // nor is the early-close signature taken as another kind's
    const asPaper = await post(eid, sign(members[0]!, fp, statement), 'paper-results');
    expect([asPaper.status, asPaper.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expect(expectStatus(await status(eid), 200).json.signers).toEqual([]);

    const once = expectStatus(await post(eid, sign(members[0]!, fp, statement)), 200).json;
    const twice = expectStatus(await post(eid, sign(members[0]!, fp, statement)), 200).json;
    expect([once.signers, twice.signers, twice.published]).toEqual([['aigerim'], ['aigerim'], false]);
    const short = await closeCollected(eid);
    expect([short.status, short.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);
    expect(short.json.error.message).toMatch(/signed by 1 of the 2/);

    const full = expectStatus(await post(eid, sign(members[2]!, fp, statement)), 200).json;
    expect(full).toEqual({ kind: 'early-close', signers: ['aigerim', 'chen'], threshold: 2, published: false });
    // the last signature closes nothing: voting stays open until the commission closes it
    expect((await events(eid)).at(-1)).toMatchObject({ type: 'state', state: 'open' });
    expect(expectStatus(await t.request('GET', `/api/elections/${other.eid}/commission/early-close`), 200).json.signers).toEqual(
      [],
    );

    t.clock.now += 5 * 60_000;
    expect(expectStatus(await closeCollected(eid), 200).json).toEqual({ state: 'closed', early: true });
    const closed = (await events(eid)).at(-1);
    expect(closed).toMatchObject({
      type: 'state',
      state: 'closed',
      early: { reason: statement.reason, at: statement.at },
    });
    expect(closed.early.signatures.map((s: { member: string }) => s.member)).toEqual(['aigerim', 'chen']);
    const { definition } = expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json;
    expect(closeProblems(definition, fp, closed.time, closed.early)).toEqual([]);
    // what the old form would have sent is exactly what the event carries
    expect(Object.keys(closed.early).sort()).toEqual(['at', 'reason', 'signatures']);
    expect((await status(eid)).json.error.code).toBe('WRONG_STATE');
  });

  it('refuses a collected early close proposed more than 24 hours ago; the old form still closes', async () => {
    const { eid, fp } = await election('early-stale', true, 60);
    const statement = expectStatus(await propose(eid, 'the storm cut the power'), 200).json.statement;
    for (const m of [members[0]!, members[1]!]) expectStatus(await post(eid, sign(m, fp, statement)), 200);
    t.clock.now += 24 * HOUR + 60_000;
    const stale = await closeCollected(eid);
    expect([stale.status, stale.json.error.code]).toEqual([422, 'TIME_ORDER']);
    expect(stale.json.error.message).toMatch(/more than 24 hours before now.*propose it again/);
    expect((await events(eid)).at(-1)).toMatchObject({ type: 'state', state: 'open' });
    // a stale signed proposal may be replaced
    const fresh = expectStatus(await propose(eid, 'the storm cut the power'), 200).json.statement;
    expect(fresh.at).toBe(iso(t.clock.now));
    // the early close sent whole with the request keeps working
    const at = iso(t.clock.now);
    const whole = earlyCloseStatement(bytesToHex(fp), 'sent whole', at);
    const early = { reason: 'sent whole', at, signatures: [sign(members[1]!, fp, whole), sign(members[2]!, fp, whole)] };
    expect(expectStatus(await t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: { early } }), 200).json).toEqual(
      { state: 'closed', early: true },
    );
    expect((await events(eid)).at(-1)).toMatchObject({ type: 'state', state: 'closed', early });
  });

  it('counts members signing at the same moment; a signature for a replaced proposal does not move to the new one', async () => {
    await raceAndClose();
  });

  it('without any proposal the collected close is refused; after the period’s end it closes plainly', async () => {
    const { eid } = await election('early-none', true, 2);
    const none = await closeCollected(eid);
    expect([none.status, none.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);
    expect(none.json.error.message).toMatch(/no early close is collected/);
    const bad = await t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: { early: 'gathered' } });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'MALFORMED']);
    t.clock.now += 2 * HOUR;
    expect(expectStatus(await closeCollected(eid), 200).json).toEqual({ state: 'closed', early: false });
    expect((await events(eid)).at(-1)).not.toHaveProperty('early');
  });
});

/** Three members sign at the same moment after a proposal was replaced; closes with all three. */
async function raceAndClose() {
  const { eid, fp } = await election('early-race');
  const first = expectStatus(await propose(eid, 'first wording'), 200).json.statement;
  t.clock.now += 1000;
  const second = expectStatus(await propose(eid, 'second wording'), 200).json.statement;
  const stale = await post(eid, sign(members[0]!, fp, first));
  expect([stale.status, stale.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);
  const answers = await Promise.all(members.map((m) => post(eid, sign(m, fp, second))));
  for (const answer of answers) expectStatus(answer, 200);
  expect(expectStatus(await status(eid), 200).json.signers.sort()).toEqual(['aigerim', 'bolat', 'chen']);
  expect(expectStatus(await closeCollected(eid), 200).json).toEqual({ state: 'closed', early: true });
  expect((await events(eid)).at(-1).early.signatures).toHaveLength(3);
}

describePostgres('the collected early close on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it('counts members signing at the same moment there too', async () => {
    database = await freshDatabase();
    await t.close();
    t = await startServer({ db: database.url });
    await raceAndClose();
  });
});
