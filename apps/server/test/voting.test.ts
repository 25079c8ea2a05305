// Voting over the API: login, ballot style, receipts that verify against the board key, re-votes, and the checks that
// refuse a ballot (another's credential, replay, wrong district, closed voting). Second device: second-device.test.ts.
import { decodePoint, hexToBytes, sign } from '@saylau/crypto';
import {
  type BallotJson,
  type BoardKey,
  eventEntryBytes,
  fingerprintBytes,
  SignatureWire,
  SignedTreeHeadWire,
  signatureContext,
  signedMessage,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ballotFor,
  closeAtPeriodEnd,
  expectStatus,
  IN_PERIOD,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from './helpers.ts';

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;
let board: BoardKey;

const medeuChoice = { parks: ['yes'], transport: ['tram'] };
const bostandykChoice = { parks: ['no'], transport: ['metro'], projects: ['library', 'lights'] };
const choiceOf = (v: Voter) => (v.district === 'medeu' ? medeuChoice : bostandykChoice);

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t);
  board = { publicKey: decodePoint(hexToBytes(setup.definition.boardKey)), fingerprint: fingerprintBytes(setup.definition) };
});
afterAll(async () => {
  await t.close();
});

function voter(i: number): Voter {
  return setup.voters[i] as Voter;
}

async function cast(v: Voter, choices = choiceOf(v), token?: string) {
  const session = token ?? (await loginVoter(t, setup.eid, v));
  const built = ballotFor(setup.election, v, choices);
  const answer = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token: session, body: { ballot: built.json } });
  return { answer, built, session };
}

describe('sessions', () => {
  it('logs a voter in with the id and login code from the letter, whatever the case and dashes', async () => {
    const v = voter(0);
    const typed = `${v.loginCode.slice(0, 4).toLowerCase()}-${v.loginCode.slice(4)}`;
    const answer = expectStatus(
      await t.request('POST', `/api/elections/${setup.eid}/sessions`, { body: { voterId: v.voterId, loginCode: typed } }),
      201,
    );
    expect(answer.json).toMatchObject({ district: 'medeu', style: 'medeu', credential: v.credentialHex });
    expect(answer.json.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong login code and an unknown voter alike (401)', async () => {
    const wrong = await t.request('POST', `/api/elections/${setup.eid}/sessions`, {
      body: { voterId: voter(0).voterId, loginCode: 'WRONGCODE000' },
    });
    const unknown = await t.request('POST', `/api/elections/${setup.eid}/sessions`, {
      body: { voterId: 'nobody', loginCode: voter(0).loginCode },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([unknown.status, unknown.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('gives the session voter their ballot style with its questions in order', async () => {
    const token = await loginVoter(t, setup.eid, voter(5));
    const answer = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/ballot-style`, { token }), 200);
    expect(answer.json.style.id).toBe('bostandyk');
    expect(answer.json.questions.map((q: { id: string }) => q.id)).toEqual(['parks', 'transport', 'projects']);
  });
});

describe('ballots', () => {
  it('accepts a valid ballot and answers a receipt whose inclusion proof and signed head verify', async () => {
    const { answer, built } = await cast(voter(0));
    expectStatus(answer, 201);
    const receipt = answer.json;
    expect(receipt.ballotHash).toBe(built.hash);
    expect(receipt.supersedes).toBeNull();
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const page = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/board?from=${receipt.leafIndex}&limit=1`), 200);
    const event = page.json.events[0];
    expect(event).toMatchObject({ type: 'ballot', seq: receipt.leafIndex, supersedes: null, ballot: built.json });
    const checked = verifyReceiptInclusion(
      board,
      eventEntryBytes(board.fingerprint, event),
      receipt.inclusionProof,
      SignedTreeHeadWire.parse(receipt.treeHead),
    );
    expect(checked.ok).toBe(true);
  });

  it('keeps a re-vote and names the ballot it supersedes', async () => {
    const v = voter(1);
    const first = await cast(v);
    expectStatus(first.answer, 201);
    const second = await cast(v, { parks: ['blank'], transport: ['roads'] }, first.session);
    expectStatus(second.answer, 201);
    expect(second.answer.json.supersedes).toBe(first.built.hash);
    expect(second.answer.json.leafIndex).toBeGreaterThan(first.answer.json.leafIndex);
  });

  it('refuses a ballot signed with another voter’s credential (403 NOT_YOUR_CREDENTIAL)', async () => {
    const mine = await loginVoter(t, setup.eid, voter(2));
    const theirs = ballotFor(setup.election, voter(3), medeuChoice);
    const answer = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token: mine, body: { ballot: theirs.json } });
    expect([answer.status, answer.json.error.code]).toEqual([403, 'NOT_YOUR_CREDENTIAL']);
  });

  it('answers a retry of the same ballot with the same receipt, and stores nothing twice', async () => {
    const { answer, built, session } = await cast(voter(2));
    expectStatus(answer, 201);
    const size = (await t.server.services.elections.require(setup.eid)).log.size;
    const retry = await t.request('POST', `/api/elections/${setup.eid}/ballots`, {
      token: session,
      body: { ballot: built.json },
    });
    expectStatus(retry, 201);
    expect([retry.json.ballotHash, retry.json.leafIndex]).toEqual([answer.json.ballotHash, answer.json.leafIndex]);
    expect((await t.server.services.elections.require(setup.eid)).log.size).toBe(size);
  });

  it('refuses a replay of an older, superseded ballot (409 DUPLICATE_CIPHERTEXT) and stores nothing', async () => {
    const first = await cast(voter(2));
    expectStatus(first.answer, 201);
    const second = ballotFor(setup.election, voter(2), choiceOf(voter(2)));
    expectStatus(
      await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token: first.session, body: { ballot: second.json } }),
      201,
    );
    const size = (await t.server.services.elections.require(setup.eid)).log.size;
    const replay = await t.request('POST', `/api/elections/${setup.eid}/ballots`, {
      token: first.session,
      body: { ballot: first.built.json },
    });
    expect([replay.status, replay.json.error.code]).toEqual([409, 'DUPLICATE_CIPHERTEXT']);
    expect((await t.server.services.elections.require(setup.eid)).log.size).toBe(size);
  });

  it('refuses ciphertexts copied into a ballot re-signed with the copier’s credential (409 DUPLICATE_CIPHERTEXT)', async () => {
    const victim = await cast(voter(3));
    expectStatus(victim.answer, 201);
    const copier = voter(4);
    const own = ballotFor(setup.election, copier, bostandykChoice);
    // the copier keeps its own credential but takes the victim's first answer
    const forged = { ...own.json, answers: [victim.built.json.answers[0], ...own.json.answers.slice(1)] };
    const token = await loginVoter(t, setup.eid, copier);
    const answer = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: forged } });
    expect([answer.status, answer.json.error.code]).toEqual([409, 'DUPLICATE_CIPHERTEXT']);
  });

  it('refuses a ballot of another district’s style (422 WRONG_STYLE) with the problem list', async () => {
    const v = voter(5); // bostandyk
    const medeuBallot = ballotFor(setup.election, { ...v, district: 'medeu' }, medeuChoice);
    const token = await loginVoter(t, setup.eid, v);
    const answer = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: medeuBallot.json } });
    expect([answer.status, answer.json.error.code]).toEqual([422, 'WRONG_STYLE']);
    expect(answer.json.error.problems.length).toBeGreaterThan(0);
  });

  it('names the failing check of a tampered ballot re-signed by its voter (422 BAD_SELECTION_PROOF, BAD_SUM_PROOF, WRONG_ELECTION)', async () => {
    const v = voter(6);
    const token = await loginVoter(t, setup.eid, v);
    const fp = fingerprintBytes(setup.definition);
    /** The voter's own ballot, changed by `edit`, then signed again so that only the edited part is wrong. */
    const resigned = (edit: (b: BallotJson) => void) => {
      const ballot = structuredClone(ballotFor(setup.election, v, bostandykChoice).json) as BallotJson;
      edit(ballot);
      const { signature: _old, ...unsigned } = ballot;
      const signature = sign(v.secret, signedMessage(fp, unsigned), signatureContext(fp));
      return { ...unsigned, signature: z.encode(SignatureWire, signature) };
    };
    const submit = async (ballot: unknown) =>
      (await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot } })).json.error.code;
    const swap = (a: { commitmentA: string }, b: { commitmentA: string }) => {
      [a.commitmentA, b.commitmentA] = [b.commitmentA, a.commitmentA];
    };
    expect(
      await submit(
        resigned((b) => {
          const proof = b.answers[0]!.selections[0]!.proof;
          swap(proof.branches[0]!, proof.branches[1]!);
        }),
      ),
    ).toBe('BAD_SELECTION_PROOF');
    expect(
      await submit(
        resigned((b) => {
          const branches = b.answers[2]!.sumProof.branches;
          swap(branches[0]!, branches[1]!);
        }),
      ),
    ).toBe('BAD_SUM_PROOF');
    expect(
      await submit(
        resigned((b) => {
          b.election = 'ab'.repeat(32);
        }),
      ),
    ).toBe('WRONG_ELECTION');
    const badSignature = ballotFor(setup.election, v, bostandykChoice).json;
    expect(await submit({ ...badSignature, signature: { ...badSignature.signature, response: '01'.repeat(32) } })).toBe(
      'BAD_SIGNATURE',
    );
    expect(await submit({ ...badSignature, signature: { ...badSignature.signature, response: 'ff'.repeat(32) } })).toBe(
      'SCALAR_NOT_CANONICAL',
    );
  });

  it('batches concurrent submissions: every receipt verifies', async () => {
    const voters = setup.voters.slice(0, 8);
    const results = await Promise.all(voters.map((v) => cast(v)));
    for (const { answer } of results) {
      expectStatus(answer, 201);
      const event = (await t.request('GET', `/api/elections/${setup.eid}/board?from=${answer.json.leafIndex}&limit=1`)).json
        .events[0];
      const checked = verifyReceiptInclusion(
        board,
        eventEntryBytes(board.fingerprint, event),
        answer.json.inclusionProof,
        SignedTreeHeadWire.parse(answer.json.treeHead),
      );
      expect(checked.ok).toBe(true);
    }
    // several ballots shared a batch, so fewer heads were signed than ballots stored
    const heads = new Set(results.map((r) => r.answer.json.treeHead.treeSize));
    expect(heads.size).toBeLessThan(voters.length);
  });
});

describe('voting period and close', () => {
  it('refuses ballots after the voting period even while the state is open (409 VOTING_NOT_OPEN)', async () => {
    const saved = t.clock.now;
    t.clock.now = Date.parse(setup.definition.votingPeriod.closes) + 1;
    try {
      const { answer } = await cast(voter(1));
      expect([answer.status, answer.json.error.code]).toEqual([409, 'VOTING_NOT_OPEN']);
    } finally {
      t.clock.now = saved;
    }
    expect(t.clock.now).toBe(IN_PERIOD);
  });

  it('refuses ballots after close (409 VOTING_NOT_OPEN); turnout counts distinct credentials', async () => {
    // the voter logs in a minute before the period ends; the commission closes at its end
    t.clock.now = Date.parse(setup.definition.votingPeriod.closes) - 60_000;
    const token = await loginVoter(t, setup.eid, voter(1));
    expectStatus(await closeAtPeriodEnd(t, setup.eid), 200);
    const { answer } = await cast(voter(1), medeuChoice, token);
    expect([answer.status, answer.json.error.code]).toEqual([409, 'VOTING_NOT_OPEN']);
    const turnout = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/turnout`), 200).json;
    const total = turnout.districts.reduce((n: number, d: { voted: number }) => n + d.voted, 0);
    expect(total).toBe(8);
  });
});
