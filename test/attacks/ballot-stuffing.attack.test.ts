// Attack: ballot stuffing without a credential — ballots for no registered voter, added by an outsider, by a voter
// with a key of their own making, or by whoever runs the board. Known as the classic integrity threat of every
// e-voting system ("ballot stuffing", e.g. Cortier, Galindo, Glondu, Izabachène, "Election Verifiability for Helios
// under Weaker Trust Assumptions", ESORICS 2014, whose credentials answer exactly this in Helios-C / Belenios).
// What stops it in Saylau: a ballot must be signed by a credential of the published credential list (spec §3.5,
// §3.6.5 step 3, §2.8), and the server takes a ballot only in the session of the voter whose credential signs it
// (docs/api.md). Lines of defence exercised: the voter session (401 UNAUTHENTICATED), the route's credential check
// (403 NOT_YOUR_CREDENTIAL — what the server answers for an unregistered key; the protocol's UNKNOWN_CREDENTIAL is
// the verifier's code for it), the signature (422 BAD_SIGNATURE), and in the record the verifier's
// ballots.credential (UNKNOWN_CREDENTIAL) and credentials.register (REGISTER_TOO_SMALL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  expectStatus,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { bytesToHex, decodePoint, encodePoint, generateKeyPair, hexToBytes } from '../../packages/crypto/src/index.ts';
import { type BallotJson, buildBallot, type EventJsonOf } from '../../packages/protocol/src/index.ts';
import type { Simulation } from '../../packages/protocol/src/node.ts';
import { type Board, expectCaught, first, tamper } from '../tamper/harness.ts';
import { boardSize, failedIds, resignBallot, submitBallot } from './support.ts';

describe('ballot stuffing against the server', () => {
  let t: TestServer;
  let setup: Awaited<ReturnType<typeof openElection>>;
  const choice = { parks: ['yes'], transport: ['roads'] };

  beforeAll(async () => {
    t = await startServer();
    setup = await openElection(t, { medeu: 2, bostandyk: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A complete, valid ballot of a key nobody registered. */
  function strangerBallot(): BallotJson {
    const stranger = generateKeyPair();
    return ballotFor(setup.election, { ...(setup.voters[0] as Voter), district: 'medeu' }, choice, stranger.secretKey).json;
  }

  it('refuses an outsider with no voter session (401 UNAUTHENTICATED) and stores nothing', async () => {
    const before = await boardSize(t, setup.eid);
    const none = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { body: { ballot: strangerBallot() } });
    expect([none.status, none.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const guessed = await submitBallot(t, setup.eid, 'ab'.repeat(32), strangerBallot());
    expect([guessed.status, guessed.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await boardSize(t, setup.eid)).toBe(before);
  });

  it('refuses a registered voter’s extra ballot signed by an unregistered key (403 NOT_YOUR_CREDENTIAL)', async () => {
    const voter = setup.voters.find((v) => v.district === 'medeu') as Voter;
    const token = await loginVoter(t, setup.eid, voter);
    const before = await boardSize(t, setup.eid);
    const answer = await submitBallot(t, setup.eid, token, strangerBallot());
    expect([answer.status, answer.json.error.code]).toEqual([403, 'NOT_YOUR_CREDENTIAL']);
    expect(await boardSize(t, setup.eid)).toBe(before);
    // the voter's own ballot is taken: the session only decides which credential may sign
    expectStatus(await submitBallot(t, setup.eid, token, ballotFor(setup.election, voter, choice).json), 201);
  });

  it('refuses a ballot that names the voter’s credential but is signed by another key (422 BAD_SIGNATURE)', async () => {
    const voter = setup.voters.filter((v) => v.district === 'medeu')[1] as Voter;
    const token = await loginVoter(t, setup.eid, voter);
    // built by a key of the attacker's, then relabelled as the voter's and signed again by the attacker
    const stranger = generateKeyPair();
    const own = ballotFor(setup.election, voter, choice).json;
    const forged = resignBallot(
      { ...structuredClone(own), credential: voter.credentialHex },
      stranger.secretKey,
      setup.election.fingerprint,
    );
    const answer = await submitBallot(t, setup.eid, token, forged);
    expect([answer.status, answer.json.error.code]).toEqual([422, 'BAD_SIGNATURE']);
  });
});

/** Puts a ballot event on the board as the last one before the close (the caller renumbers and re-signs). */
function castBeforeClose(board: Board, ballot: BallotJson): number {
  const close = board.events.findIndex((e) => e.type === 'state' && e.state === 'closed');
  const previous = board.events[close - 1] as EventJsonOf<'ballot'>;
  board.events.splice(close, 0, { seq: 0, time: previous.time, type: 'ballot', ballot, supersedes: null });
  return close;
}

/** A valid medeu ballot of a fresh key, under the simulation's real election key. */
function stuffedBallot(board: Board, sim: Simulation): { ballot: BallotJson; credential: string } {
  const stranger = generateKeyPair();
  const electionKey = decodePoint(hexToBytes(first(board, 'election-key').publicKey));
  const built = buildBallot(
    { definition: sim.definition, fingerprint: sim.fingerprint, electionKey },
    { district: 'medeu', choices: { parks: ['yes'], transport: ['tram'] }, credentialSecret: stranger.secretKey },
  );
  if (!built.ok) throw new Error('build');
  return { ballot: built.value.json, credential: bytesToHex(encodePoint(stranger.publicKey)) };
}

describe('ballot stuffing in a record', () => {
  it('a ballot of an unregistered key added by the board key’s holder fails ballots.credential (UNKNOWN_CREDENTIAL), and nothing else about the ballot', async () => {
    let seq = -1;
    const files = tamper(
      (board, sim) => {
        seq = castBeforeClose(board, stuffedBallot(board, sim).ballot);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'ballots.credential');
    expect(report.checks.find((c) => c.id === 'ballots.credential')?.failures).toEqual([
      expect.objectContaining({ seq, code: 'UNKNOWN_CREDENTIAL' }),
    ]);
    // the attack is real against any check short of the credential list: signature and proofs all hold
    const failed = failedIds(report);
    for (const id of ['ballots.signature', 'ballots.selection-proofs', 'ballots.sum-proofs', 'ballots.encoding'] as const) {
      expect(failed).not.toContain(id);
    }
  });

  it('the same key smuggled into the credential list beyond the frozen register fails credentials.register (REGISTER_TOO_SMALL)', async () => {
    const files = tamper(
      (board, sim) => {
        const stuffed = stuffedBallot(board, sim);
        first(board, 'credentials').entries.push({ credential: stuffed.credential, district: 'medeu' });
        castBeforeClose(board, stuffed.ballot);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'credentials.register');
    expect(report.checks.find((c) => c.id === 'credentials.register')?.failures).toEqual([
      expect.objectContaining({ district: 'medeu', code: 'REGISTER_TOO_SMALL' }),
    ]);
    // listed now, so the ballot check itself passes: the published register size is what catches it
    expect(failedIds(report)).not.toContain('ballots.credential');
  });
});
