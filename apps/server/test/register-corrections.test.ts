// The register before and after the freeze (spec §3.5, §3.5.1): corrections (add, remove, move) all or nothing with
// every problem listed, refused once frozen; a lost letter re-issued revokes the old credential on the board, ends the
// voter's sessions, refuses the old credential's ballots and drops the ballot a thief cast with it from the count.
import { bytesToHex, encodePoint, generateKeyPair, type KeyPair } from '@saylau/crypto';
import {
  type BoardEventJson,
  type ElectionDefinition,
  fingerprintBytes,
  loginCodeHash,
  signCommissionStatement,
} from '@saylau/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  electionContextOf,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  openElection,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
  type Voter,
} from './helpers.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startServer();
});
afterEach(async () => {
  await t.close();
});

const codesOf = (answer: { json: { error: { problems?: { code: string; path: unknown[] }[] } } }) =>
  (answer.json.error.problems ?? []).map((p) => [p.code, p.path.join('.')]);

async function define(draft = loadDraft()) {
  const created = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201);
  return created.json.definition as ElectionDefinition;
}

async function board(eid: string): Promise<BoardEventJson[]> {
  return expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events as BoardEventJson[];
}

/** A fresh letter for a registered voter: new codes and key, the voter id and district kept. */
function newLetter(definition: ElectionDefinition, voter: Voter): Voter {
  const fresh = makeVoters(definition, { [voter.district]: 1 })[0] as Voter;
  return { ...fresh, voterId: voter.voterId, district: voter.district };
}

function reissue(eid: string, letter: Voter) {
  return t.request('POST', `/api/elections/${eid}/register/replacements`, {
    ...admin,
    body: { voterId: letter.voterId, credential: letter.credentialHex, loginCodeHash: loginCodeHash(letter.loginCode) },
  });
}

describe('register corrections before the freeze', () => {
  it('adds, removes and moves voters; the sizes follow', async () => {
    const { id } = await define();
    const voters = ['a', 'b', 'c'].map((voterId) => ({ voterId, district: 'medeu' }));
    expectStatus(await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters } }), 200);
    const corrected = expectStatus(
      await t.request('POST', `/api/elections/${id}/register/corrections`, {
        ...admin,
        body: { add: [{ voterId: 'd', district: 'bostandyk' }], remove: ['a'], move: [{ voterId: 'b', district: 'bostandyk' }] },
      }),
      200,
    );
    expect(corrected.json).toEqual({ added: 1, removed: 1, moved: 1, sizes: { medeu: 1, bostandyk: 2 } });
    const alone = expectStatus(
      await t.request('POST', `/api/elections/${id}/register/corrections`, { ...admin, body: { remove: ['c'] } }),
      200,
    );
    expect(alone.json).toMatchObject({ added: 0, removed: 1, moved: 0, sizes: { medeu: 0, bostandyk: 2 } });
  });

  it('replaces an unfrozen register with a fixed file only when asked to; never a frozen one', async () => {
    const definition = await define();
    const id = definition.id;
    const first = ['a', 'b', 'c'].map((voterId) => ({ voterId, district: 'medeu' }));
    expectStatus(await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters: first } }), 200);
    const again = await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters: first } });
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const fixed = [
      { voterId: 'a', district: 'bostandyk' },
      { voterId: 'd', district: 'medeu' },
    ];
    const replaced = expectStatus(
      await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters: fixed, replace: true } }),
      200,
    );
    expect(replaced.json).toEqual({ accepted: 2, replaced: 3, sizes: { medeu: 1, bostandyk: 1 } });
    // a bad fixed file changes nothing
    const bad = await t.request('POST', `/api/elections/${id}/register`, {
      ...admin,
      body: { voters: [{ voterId: 'x', district: 'nowhere' }], replace: true },
    });
    expect(bad.status).toBe(422);
    const sizes = expectStatus(await t.request('GET', `/api/elections/${id}`), 200).json.registerSizes;
    expect(sizes).toEqual({ medeu: 1, bostandyk: 1 });
  });

  it('lists every problem per item and changes nothing', async () => {
    const { id } = await define();
    const voters = [
      { voterId: 'a', district: 'medeu' },
      { voterId: 'b', district: 'medeu' },
    ];
    expectStatus(await t.request('POST', `/api/elections/${id}/register`, { ...admin, body: { voters } }), 200);
    const bad = await t.request('POST', `/api/elections/${id}/register/corrections`, {
      ...admin,
      body: {
        add: [
          { voterId: 'a', district: 'medeu' },
          { voterId: 'x', district: 'nowhere' },
        ],
        remove: ['ghost', 'x'],
        move: [
          { voterId: 'b', district: 'medeu' },
          { voterId: 'nobody', district: 'bostandyk' },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(codesOf(bad)).toEqual([
      ['DUPLICATE_VOTER', 'add.0.voterId'],
      ['UNKNOWN_DISTRICT', 'add.1.district'],
      ['UNKNOWN_VOTER', 'remove.0'],
      ['DUPLICATE_VOTER', 'remove.1'],
      ['UNKNOWN_VOTER', 'remove.1'],
      ['ALREADY_EXISTS', 'move.0.district'],
      ['UNKNOWN_VOTER', 'move.1.voterId'],
    ]);
    const empty = await t.request('POST', `/api/elections/${id}/register/corrections`, { ...admin, body: {} });
    expect([empty.status, empty.json.error.code]).toEqual([400, 'MALFORMED']);
    const sizes = expectStatus(await t.request('GET', `/api/elections/${id}`), 200).json;
    expect(sizes.treeSize).toBe(1);
    // nothing changed: the same correction that was valid before still is
    expectStatus(
      await t.request('POST', `/api/elections/${id}/register/corrections`, { ...admin, body: { remove: ['a'] } }),
      200,
    );
  });

  it('refuses corrections once the register is frozen (409 ALREADY_EXISTS) and once voting is open (409 WRONG_STATE)', async () => {
    const definition = await define();
    await registerVoters(t, definition.id, makeVoters(definition, { medeu: 1, bostandyk: 1 }, false));
    const frozen = await t.request('POST', `/api/elections/${definition.id}/register/corrections`, {
      ...admin,
      body: { add: [{ voterId: 'late', district: 'medeu' }] },
    });
    expect([frozen.status, frozen.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    await runCeremony(t, definition.id, definition);
    expectStatus(await t.request('POST', `/api/elections/${definition.id}/open`, { ...admin, body: {} }), 200);
    const open = await t.request('POST', `/api/elections/${definition.id}/register/corrections`, {
      ...admin,
      body: { remove: ['medeu-0'] },
    });
    expect([open.status, open.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });
});

describe('a lost letter re-issued', () => {
  it('refuses before the freeze, for an unknown voter and for a credential that is listed already', async () => {
    const definition = await define();
    const voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
    expectStatus(
      await t.request('POST', `/api/elections/${definition.id}/register`, {
        ...admin,
        body: { voters: voters.map((v) => ({ voterId: v.voterId, district: v.district })) },
      }),
      200,
    );
    const early = await reissue(definition.id, newLetter(definition, voters[0] as Voter));
    expect([early.status, early.json.error.code]).toEqual([409, 'WRONG_STATE']);
    await t.request('POST', `/api/elections/${definition.id}/credentials`, {
      ...admin,
      body: {
        entries: voters.map((v) => ({
          voterId: v.voterId,
          credential: v.credentialHex,
          loginCodeHash: loginCodeHash(v.loginCode),
        })),
      },
    });
    await runCeremony(t, definition.id, definition);
    const ghost = await reissue(definition.id, { ...newLetter(definition, voters[0] as Voter), voterId: 'ghost' });
    expect([ghost.status, ghost.json.error.code]).toEqual([422, 'UNKNOWN_VOTER']);
    const taken = await reissue(definition.id, {
      ...newLetter(definition, voters[0] as Voter),
      credentialHex: voters[1]!.credentialHex,
    });
    expect([taken.status, taken.json.error.code]).toEqual([422, 'DUPLICATE_CREDENTIAL']);
    expect(codesOf(taken)).toEqual([['DUPLICATE_CREDENTIAL', 'credential']]);
    const identity = await reissue(definition.id, {
      ...newLetter(definition, voters[0] as Voter),
      credentialHex: '00'.repeat(32),
    });
    expect(identity.json.error.code).toBe('POINT_IS_IDENTITY');
    expect((await board(definition.id)).some((e) => e.type === 'credential-replacement')).toBe(false);
  });

  it('revokes the old credential: old login and sessions end, its ballots are refused and the thief’s ballot is not counted', async () => {
    const setup = await openElection(t, { medeu: 2, bostandyk: 1 });
    const { eid, definition } = setup;
    const victim = setup.voters[0] as Voter;
    const choices = { parks: ['yes'], transport: ['tram'] };
    // a thief found the letter and voted before the commission knew
    const thiefSession = await loginVoter(t, eid, victim);
    const stolen = ballotFor(setup.election, victim, { parks: ['no'], transport: ['metro'] });
    expectStatus(
      await t.request('POST', `/api/elections/${eid}/ballots`, { token: thiefSession, body: { ballot: stolen.json } }),
      201,
    );

    const letter = newLetter(definition, victim);
    const before = (await board(eid)).length;
    const replaced = expectStatus(await reissue(eid, letter), 200).json;
    expect(replaced).toEqual({
      voterId: victim.voterId,
      old: victim.credentialHex,
      new: letter.credentialHex,
      district: 'medeu',
      published: true,
      staged: false,
    });
    const events = await board(eid);
    expect(events).toHaveLength(before + 1);
    expect(events[before]).toMatchObject({
      type: 'credential-replacement',
      old: victim.credentialHex,
      new: letter.credentialHex,
    });
    expect(events.find((e) => e.type === 'register')).toMatchObject({ sizes: { medeu: 2, bostandyk: 1 } });

    // the thief's session is over and the old login code no longer works
    const after = await t.request('POST', `/api/elections/${eid}/ballots`, {
      token: thiefSession,
      body: { ballot: stolen.json },
    });
    expect([after.status, after.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const oldLogin = await t.request('POST', `/api/elections/${eid}/sessions`, {
      body: { voterId: victim.voterId, loginCode: victim.loginCode },
    });
    expect([oldLogin.status, oldLogin.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);

    // the voter logs in with the new letter: the old credential is refused by name, the new one votes
    const session = await loginVoter(t, eid, letter);
    const withOld = ballotFor(setup.election, victim, choices);
    const refused = await t.request('POST', `/api/elections/${eid}/ballots`, { token: session, body: { ballot: withOld.json } });
    expect([refused.status, refused.json.error.code]).toEqual([403, 'CREDENTIAL_REVOKED']);
    const context = await electionContextOf(t, eid);
    const good = ballotFor(context, letter, choices);
    expectStatus(await t.request('POST', `/api/elections/${eid}/ballots`, { token: session, body: { ballot: good.json } }), 201);

    // a letter's new credential must be new: the revoked one cannot come back
    const back = await reissue(eid, { ...newLetter(definition, setup.voters[1] as Voter), credentialHex: victim.credentialHex });
    expect([back.status, back.json.error.code]).toEqual([422, 'DUPLICATE_CREDENTIAL']);

    expectStatus(await closeAtPeriodEnd(t, eid), 200);
    expectStatus(await t.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200);
    const counted = (await board(eid)).find((e) => e.type === 'counted-set');
    expect(counted).toMatchObject({ superseded: 0, cancelled: 0, revoked: 1 });
    expect((counted as { counted: string[] }).counted).toHaveLength(1);
    const fate = expectStatus(await t.request('GET', `/api/elections/${eid}/ballots/${stolen.hash}/fate`), 200).json;
    expect(fate).toMatchObject({ fate: 'revoked', decidedBy: { seq: before, type: 'credential-replacement' } });
    const late = await reissue(eid, newLetter(definition, setup.voters[1] as Voter));
    expect([late.status, late.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });

  it('with a commission, the replacement waits for its members’ signatures', async () => {
    const members: { id: string; key: KeyPair }[] = ['aigerim', 'bolat', 'chen'].map((id) => ({ id, key: generateKeyPair() }));
    const definition = await define({
      ...loadDraft(),
      commission: {
        members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
        threshold: 2,
      },
    });
    const eid = definition.id;
    const fp = fingerprintBytes(definition);
    const voters = makeVoters(definition, { medeu: 1, bostandyk: 1 });
    await registerVoters(t, eid, voters);
    await runCeremony(t, eid, definition);
    const letter = newLetter(definition, voters[0] as Voter);
    const staged = expectStatus(await reissue(eid, letter), 200).json;
    expect(staged).toMatchObject({ published: false, staged: true });
    const other = await reissue(eid, newLetter(definition, voters[1] as Voter));
    expect([other.status, other.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const pending = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/credential-replacement`), 200).json;
    expect(pending.statement).toEqual({
      fingerprint: bytesToHex(fp),
      old: voters[0]!.credentialHex,
      new: letter.credentialHex,
      district: 'medeu',
    });
    const sign = (m: (typeof members)[number]) =>
      t.request('POST', `/api/elections/${eid}/commission/credential-replacement/signatures`, {
        body: signCommissionStatement(m.key.secretKey, fp, m.id, 'credential-replacement', pending.statement),
      });
    expect(expectStatus(await sign(members[0]!), 200).json.published).toBe(false);
    expect((await board(eid)).some((e) => e.type === 'credential-replacement')).toBe(false);
    const oldLogin = await t.request('POST', `/api/elections/${eid}/sessions`, {
      body: { voterId: voters[0]!.voterId, loginCode: voters[0]!.loginCode },
    });
    expect(oldLogin.status).toBe(201);
    expect(expectStatus(await sign(members[2]!), 200).json.published).toBe(true);
    const event = (await board(eid)).find((e) => e.type === 'credential-replacement') as { signatures: { member: string }[] };
    expect(event.signatures.map((s) => s.member)).toEqual(['aigerim', 'chen']);
    await loginVoter(t, eid, letter);
  });
});
