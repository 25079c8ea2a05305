// Attack: weak Fiat–Shamir. Known from D. Bernhard, O. Pereira, B. Warinschi, "How not to Prove Yourself: Pitfalls
// of the Fiat–Shamir Heuristic and Applications to Helios", ASIACRYPT 2012: Helios's ballot proofs hashed the
// prover's commitments but not the statement, so a voter could commit first and choose the ciphertext afterwards,
// proving "0 or 1" for a ciphertext that holds neither — whose tally then has no small discrete log.
// What stops it in Saylau: strong Fiat–Shamir (spec §2.3; §2.7 step 2): every range-proof challenge hashes G, K,
// α, β, min, max and the context (fingerprint, credential, question, option). Line of defence exercised:
// `challenge()` in packages/crypto/src/proofs/range.ts, reached through the ballot check (spec §3.6.5 step 6) —
// the server answers 422 BAD_SELECTION_PROOF (with BAD_SUM_PROOF), the verifier fails ballots.selection-proofs.
// Weak Fiat–Shamir does not let the forger pick the value (it is whatever the hash makes it), so the forged
// ciphertext holds a random scalar rather than exactly 2: that is the attack as published.
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
import {
  decodePoint,
  decryptToPoint,
  discreteLog,
  generateKeyPair,
  hexToBytes,
  verifyRange,
} from '../../packages/crypto/src/index.ts';
import {
  type BallotJson,
  CiphertextWire,
  RangeProofWire,
  selectionContext,
  sumContext,
} from '../../packages/protocol/src/index.ts';
import { countedBallot, expectCaught, first, tamper } from '../tamper/harness.ts';
import { boardSize, forgeWeakRange, resignBallot, submitBallot, weakVerifyRange } from './support.ts';

describe('weak Fiat–Shamir: a proof whose challenge omits the statement', () => {
  it('is real: the weakened check accepts a {0,1} proof for a ciphertext that holds neither, and a sum proof out of its range', () => {
    const key = generateKeyPair();
    const context = selectionContext(new Uint8Array(32), key.publicKey, 'transport', 0);
    const forged = forgeWeakRange(key.publicKey, 0, 1, context);
    expect([0n, 1n]).not.toContain(forged.value);
    const statement = { publicKey: key.publicKey, ciphertext: forged.ciphertext, min: 0, max: 1 };
    expect(weakVerifyRange(statement, forged.proof, context)).toBe(true);
    // the real check hashes α and β, fixed only after the commitments: the forgery fails
    expect(verifyRange(statement, forged.proof, context)).toBe(false);
    // Bernhard et al.'s consequence: the plaintext is no count at all, so the tally's discrete log never ends
    expect(discreteLog(decryptToPoint(key.secretKey, forged.ciphertext), 100_000)).toBeNull();

    const sum = forgeWeakRange(key.publicKey, 0, 3, sumContext(new Uint8Array(32), key.publicKey, 'projects'));
    const sumStatement = { publicKey: key.publicKey, ciphertext: sum.ciphertext, min: 0, max: 3 };
    expect(sum.value > 3n).toBe(true);
    expect(weakVerifyRange(sumStatement, sum.proof, sumContext(new Uint8Array(32), key.publicKey, 'projects'))).toBe(true);
    expect(verifyRange(sumStatement, sum.proof, sumContext(new Uint8Array(32), key.publicKey, 'projects'))).toBe(false);
  });
});

describe('weak Fiat–Shamir against the server', () => {
  let t: TestServer;
  let setup: Awaited<ReturnType<typeof openElection>>;

  beforeAll(async () => {
    t = await startServer();
    setup = await openElection(t, { medeu: 2, bostandyk: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a ballot carrying the forged selection, signed by the voter’s own credential (422 BAD_SELECTION_PROOF)', async () => {
    const voter = setup.voters.find((v) => v.district === 'medeu') as Voter;
    const { fingerprint, electionKey } = setup.election;
    const ballot = structuredClone(ballotFor(setup.election, voter, { parks: ['yes'], transport: ['metro'] }).json) as BallotJson;
    // the voter's own device forges option 0 of "transport" under the weak challenge, binding voter and election
    const forged = forgeWeakRange(electionKey, 0, 1, selectionContext(fingerprint, voter.credential, 'transport', 0));
    const transport = ballot.answers[1];
    if (transport?.question !== 'transport') throw new Error('the fixture changed');
    transport.selections[0] = {
      ciphertext: CiphertextWire.encode(forged.ciphertext),
      proof: RangeProofWire.encode(forged.proof),
    };
    const token = await loginVoter(t, setup.eid, voter);
    const before = await boardSize(t, setup.eid);
    const answer = await submitBallot(t, setup.eid, token, resignBallot(ballot, voter.secret, fingerprint));
    expect([answer.status, answer.json.error.code]).toEqual([422, 'BAD_SELECTION_PROOF']);
    const problems = (answer.json.error.problems as { code: string; path: (string | number)[] }[]).map(
      (p) => `${p.code} ${p.path.join('.')}`,
    );
    expect(problems).toContain('BAD_SELECTION_PROOF answers.1.selections.0');
    // the sum no longer lies in [1..1] either; the signature is the voter's own and holds
    expect(problems).toContain('BAD_SUM_PROOF answers.1.sumProof');
    expect(problems.some((p) => p.startsWith('BAD_SIGNATURE'))).toBe(false);
    expect(await boardSize(t, setup.eid)).toBe(before);
    // and the voter's honest ballot still goes through: nothing but the forgery was refused
    expectStatus(
      await submitBallot(t, setup.eid, token, ballotFor(setup.election, voter, { parks: ['no'], transport: ['tram'] }).json),
      201,
    );
  });
});

describe('weak Fiat–Shamir in a record', () => {
  it('a counted ballot carrying the forged selection, re-signed by its voter and the board key, fails ballots.selection-proofs', async () => {
    let seq = -1;
    let forgedValue = 0n;
    const files = tamper(
      (board, sim) => {
        const event = countedBallot(board, sim);
        const voter = sim.secrets.voters.find((v) => v.credential === event.ballot.credential);
        if (!voter) throw new Error('no voter');
        const electionKey = decodePoint(hexToBytes(first(board, 'election-key').publicKey));
        const answer = event.ballot.answers[0];
        if (!answer) throw new Error('no answer');
        const credential = decodePoint(hexToBytes(voter.credential));
        const forged = forgeWeakRange(electionKey, 0, 1, selectionContext(sim.fingerprint, credential, answer.question, 0));
        answer.selections[0] = {
          ciphertext: CiphertextWire.encode(forged.ciphertext),
          proof: RangeProofWire.encode(forged.proof),
        };
        event.ballot = resignBallot(event.ballot, voter.credentialSecret, sim.fingerprint);
        seq = event.seq;
        // what the trustees would decrypt: not a count (the simulation keeps the joint secret for tests)
        forgedValue = forged.value;
        expect(discreteLog(decryptToPoint(sim.secrets.electionSecret, forged.ciphertext), 100_000)).toBeNull();
      },
      { resign: true },
    );
    expect([0n, 1n]).not.toContain(forgedValue);
    const report = await expectCaught(files, 'ballots.selection-proofs');
    const failure = report.checks.find((c) => c.id === 'ballots.selection-proofs')?.failures[0];
    expect(failure).toMatchObject({ seq, code: 'BAD_SELECTION_PROOF', path: 'answers.0.selections.0' });
    expect(report.checks.find((c) => c.id === 'ballots.signature')?.failed).toBe(0);
  });
});
