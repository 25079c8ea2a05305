// Attack: ballot copying and replay. Known from V. Cortier and B. Smyth, "Attacking and Fixing Helios: An Analysis
// of Ballot Secrecy", IEEE CSF 2011 (journal version JCS 2013): a voter copies another's ballot — verbatim, or
// re-randomised so it no longer looks the same, Helios's weak proofs adapting along — to vote like them and learn
// their vote from the tally; the same ballot replayed in another election or sent twice is its cousin.
// What stops it in Saylau: every proof's challenge hashes the election fingerprint and the voter's credential
// besides the whole statement (spec §2.3, §3.6.2), the signature binds the fingerprint (§2.8), and no α may appear
// twice (§3.6.5 step 7). Lines of defence exercised: the route's early duplicate look-up and the intake's ballot
// check (apps/server: 409 DUPLICATE_CIPHERTEXT, 422 BAD_SELECTION_PROOF / BAD_SUM_PROOF, 422 WRONG_ELECTION),
// the strong challenge in packages/crypto/src/proofs/range.ts, and the verifier's ballots.selection-proofs and
// ballots.duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  expectStatus,
  loadDraft,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import {
  bytesToHex,
  type Ciphertext,
  decodePoint,
  decryptToPoint,
  encrypt,
  G,
  generateKeyPair,
  hexToBytes,
  mod,
  type Point,
  proveRange,
  type RangeProof,
  randomNonZeroScalar,
  type Scalar,
  verifyRange,
} from '../../packages/crypto/src/index.ts';
import { type BallotJson, BallotWire, selectionContext } from '../../packages/protocol/src/index.ts';
import { countedBallot, expectCaught, first, tamper } from '../tamper/harness.ts';
import { boardSize, openElectionFor, proveWeakRange, resignBallot, submitBallot, weakVerifyRange } from './support.ts';

/** s_m + c_m·r in every branch: what a proof needs after its ciphertext gained Enc(0; r) (spec §2.7 step 4 holds). */
function shiftResponses(proof: RangeProof, r: Scalar): RangeProof {
  return { branches: proof.branches.map((b) => ({ ...b, response: mod(b.response + b.challenge * r) })) };
}

/** Adds Enc(0; r) to a ciphertext and shifts its proof to match: the same vote, a new α. */
function rerandomize(ct: Ciphertext, proof: RangeProof, key: Point, r: Scalar): { ciphertext: Ciphertext; proof: RangeProof } {
  const ciphertext = { alpha: ct.alpha.add(G.multiply(r)), beta: ct.beta.add(key.multiply(r)) };
  return { ciphertext, proof: shiftResponses(proof, r) };
}

/**
 * Another voter's ballot under `credential`: every selection re-randomised (fresh α, so no duplicate), its proofs
 * shifted to match, each sum proof shifted by the sum of its selections' shifts, then signed with `secret`.
 */
function rerandomizedCopy(json: BallotJson, key: Point, credential: Point, secret: Scalar, fp: Uint8Array): BallotJson {
  const ballot = BallotWire.parse(json);
  const answers = ballot.answers.map((answer) => {
    let total = 0n;
    const selections = answer.selections.map((s) => {
      const r = randomNonZeroScalar();
      total += r;
      return rerandomize(s.ciphertext, s.proof, key, r);
    });
    return { ...answer, selections, sumProof: shiftResponses(answer.sumProof, mod(total)) };
  });
  return resignBallot(BallotWire.encode({ ...ballot, credential, answers }), secret, fp);
}

describe('copying a ballot: the malleable variant is real against Helios’s weak proofs', () => {
  it('a re-randomised weak proof still verifies, for the same vote under no voter’s name; a strong one does not', () => {
    const key = generateKeyPair();
    const r = randomNonZeroScalar();
    const ct = encrypt(key.publicKey, 1, r);
    const statement = { publicKey: key.publicKey, ciphertext: ct, min: 0, max: 1 };
    const shift = randomNonZeroScalar();

    // Helios: the challenge hashes the commitments only
    const weak = rerandomize(ct, proveWeakRange(statement, 1, r, []), key.publicKey, shift);
    expect(weak.ciphertext.alpha.equals(ct.alpha)).toBe(false);
    expect(weakVerifyRange({ ...statement, ciphertext: weak.ciphertext }, weak.proof, [])).toBe(true);
    expect(decryptToPoint(key.secretKey, weak.ciphertext).equals(G)).toBe(true);

    // Saylau: the challenge hashes α, β and the voter's credential; the copier's context or the victim's, it fails
    const victim = generateKeyPair().publicKey;
    const copier = generateKeyPair().publicKey;
    const victimContext = selectionContext(new Uint8Array(32), victim, 'parks', 0);
    const strong = rerandomize(ct, proveRange(statement, 1, r, victimContext), key.publicKey, shift);
    const copied = { ...statement, ciphertext: strong.ciphertext };
    expect(verifyRange(copied, strong.proof, selectionContext(new Uint8Array(32), copier, 'parks', 0))).toBe(false);
    expect(verifyRange(copied, strong.proof, victimContext)).toBe(false);
    // without the re-randomisation, only the credential differs: the proof is bound to the victim
    const verbatim = proveRange(statement, 1, r, victimContext);
    expect(verifyRange(statement, verbatim, victimContext)).toBe(true);
    expect(verifyRange(statement, verbatim, selectionContext(new Uint8Array(32), copier, 'parks', 0))).toBe(false);
  });
});

describe('copying and replaying ballots against the server', () => {
  let t: TestServer;
  let a: Awaited<ReturnType<typeof openElection>>;
  let b: Awaited<ReturnType<typeof openElectionFor>>;
  const medeu = (i: number): Voter => a.voters.filter((v) => v.district === 'medeu')[i] as Voter;
  const choice = { parks: ['yes'], transport: ['metro'] };

  beforeAll(async () => {
    t = await startServer();
    // random keys rather than code-derived ones: an external (eID) key may be registered in two elections, so a
    // voter can hold the same credential in A and B — the case a cross-election replay needs
    a = await openElection(t, { medeu: 3, bostandyk: 1 }, { ...loadDraft(), id: 'copy-a' }, false);
    b = await openElectionFor(t, { ...loadDraft(), id: 'copy-b' }, a.voters);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses another voter’s ballot under the copier’s credential: verbatim 409 DUPLICATE_CIPHERTEXT, re-randomised 422 BAD_SELECTION_PROOF', async () => {
    const victim = medeu(0);
    const copier = medeu(1);
    const cast = ballotFor(a.election, victim, choice);
    expectStatus(await submitBallot(t, a.eid, await loginVoter(t, a.eid, victim), cast.json), 201);
    const token = await loginVoter(t, a.eid, copier);
    const before = await boardSize(t, a.eid);

    const verbatim = resignBallot(
      { ...structuredClone(cast.json), credential: copier.credentialHex },
      copier.secret,
      a.election.fingerprint,
    );
    const first = await submitBallot(t, a.eid, token, verbatim);
    expect([first.status, first.json.error.code]).toEqual([409, 'DUPLICATE_CIPHERTEXT']);

    const copy = rerandomizedCopy(cast.json, a.election.electionKey, copier.credential, copier.secret, a.election.fingerprint);
    const second = await submitBallot(t, a.eid, token, copy);
    expect([second.status, second.json.error.code]).toEqual([422, 'BAD_SELECTION_PROOF']);
    const codes = (second.json.error.problems as { code: string }[]).map((p) => p.code);
    expect(codes).toContain('BAD_SUM_PROOF');
    // fresh α (no duplicate to catch) and a signature the copier made properly: the proofs alone refuse it
    expect(codes).not.toContain('DUPLICATE_CIPHERTEXT');
    expect(codes).not.toContain('BAD_SIGNATURE');
    expect(await boardSize(t, a.eid)).toBe(before);
  });

  it('refuses a ballot copied before it reached the board (422 BAD_SELECTION_PROOF): the proofs bind the credential', async () => {
    // an intercepted ballot, submitted first under the copier's credential: nothing is a duplicate yet
    const victim = medeu(2);
    const copier = medeu(1);
    const intercepted = ballotFor(a.election, victim, choice);
    const copy = resignBallot(
      { ...structuredClone(intercepted.json), credential: copier.credentialHex },
      copier.secret,
      a.election.fingerprint,
    );
    const answer = await submitBallot(t, a.eid, await loginVoter(t, a.eid, copier), copy);
    expect([answer.status, answer.json.error.code]).toEqual([422, 'BAD_SELECTION_PROOF']);
    // the victim's own ballot is unharmed
    expectStatus(await submitBallot(t, a.eid, await loginVoter(t, a.eid, victim), intercepted.json), 201);
  });

  it('counts a byte-identical re-submission once (the same receipt again; board and turnout unchanged)', async () => {
    const voter = a.voters.find((v) => v.district === 'bostandyk') as Voter;
    const token = await loginVoter(t, a.eid, voter);
    const cast = ballotFor(a.election, voter, { parks: ['no'], transport: ['tram'], projects: ['pool'] });
    const first = expectStatus(await submitBallot(t, a.eid, token, cast.json), 201);
    const before = await boardSize(t, a.eid);
    const turnout = expectStatus(await t.request('GET', `/api/elections/${a.eid}/turnout`), 200).json;
    const again = expectStatus(await submitBallot(t, a.eid, token, cast.json), 201);
    expect(again.json.leafIndex).toBe(first.json.leafIndex);
    expect(await boardSize(t, a.eid)).toBe(before);
    expect(expectStatus(await t.request('GET', `/api/elections/${a.eid}/turnout`), 200).json).toEqual(turnout);
  });

  it('refuses a ballot of election A replayed in election B by the same credential (422 WRONG_ELECTION), and re-aimed at B (422 BAD_SELECTION_PROOF)', async () => {
    const voter = medeu(0);
    expect(b.definition.id).not.toBe(a.definition.id);
    const fromA = ballotFor(a.election, voter, { parks: ['no'], transport: ['bikes'] });
    expectStatus(await submitBallot(t, a.eid, await loginVoter(t, a.eid, voter), fromA.json), 201);
    const token = await loginVoter(t, b.eid, voter);
    const before = await boardSize(t, b.eid);

    const replay = await submitBallot(t, b.eid, token, fromA.json);
    expect([replay.status, replay.json.error.code]).toEqual([422, 'WRONG_ELECTION']);
    // the proofs' challenges hash A's fingerprint: they fail B's (found without a multiplication, spec §2.7 step 3)
    expect((replay.json.error.problems as { code: string }[]).map((p) => p.code)).toContain('BAD_SELECTION_PROOF');

    // the holder of the credential re-aims it: B's fingerprint, signed again — the proofs still name A
    const fpB = b.election.fingerprint;
    const reaimed = resignBallot({ ...structuredClone(fromA.json), election: bytesToHex(fpB) }, voter.secret, fpB);
    const second = await submitBallot(t, b.eid, token, reaimed);
    expect([second.status, second.json.error.code]).toEqual([422, 'BAD_SELECTION_PROOF']);
    expect((second.json.error.problems as { code: string }[]).map((p) => p.code)).not.toContain('BAD_SIGNATURE');
    expect(await boardSize(t, b.eid)).toBe(before);
  });
});

describe('copying a ballot in a record', () => {
  it('a re-randomised copy under another registered credential, re-signed by it and the board key, fails ballots.selection-proofs and ballots.sum-proofs, not ballots.duplicates', async () => {
    let seq = -1;
    const files = tamper(
      (board, sim) => {
        const victim = countedBallot(board, sim);
        const district = sim.secrets.voters.find((v) => v.credential === victim.ballot.credential)?.district;
        // a copier of the same district who cast no ballot: the copy is its only one
        const copier = sim.secrets.voters.find(
          (v) =>
            v.district === district && !board.events.some((e) => e.type === 'ballot' && e.ballot.credential === v.credential),
        );
        if (!copier) throw new Error('no abstaining voter in the district');
        const key = decodePoint(hexToBytes(first(board, 'election-key').publicKey));
        const copy = rerandomizedCopy(
          victim.ballot,
          key,
          decodePoint(hexToBytes(copier.credential)),
          copier.credentialSecret,
          sim.fingerprint,
        );
        // the copy takes the place of the victim's ballot in board order, right after it
        board.events.splice(board.events.indexOf(victim) + 1, 0, { ...victim, ballot: copy, supersedes: null });
        seq = board.events.indexOf(victim) + 1;
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'ballots.selection-proofs');
    const failed = report.checks.filter((c) => c.failed > 0).map((c) => c.id);
    expect(failed).toContain('ballots.sum-proofs');
    expect(failed).not.toContain('ballots.duplicates');
    expect(failed).not.toContain('ballots.signature');
    expect(report.checks.find((c) => c.id === 'ballots.selection-proofs')?.failures.every((f) => f.seq === seq)).toBe(true);
  });
});
