// Tampered ballots (spec §3.6.5): each change to what was cast is caught under the check that names it, even when
// the attacker re-seals the record and — where the test says so — holds the board key to re-sign every head.

import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  decodePoint,
  encodePoint,
  encodeScalar,
  encrypt,
  generateKeyPair,
  hexToBytes,
  mod,
  proveRange,
  publicKeyOf,
  randomNonZeroScalar,
  sign,
  sumCiphertexts,
} from '../../packages/crypto/src/index.ts';
import {
  type BallotJson,
  ballotHash,
  buildBallot,
  type ElectionContext,
  type EventJsonOf,
  fingerprintBytes,
  parseDefinition,
  selectionContext,
  signatureContext,
  signedMessage,
  sumContext,
} from '../../packages/protocol/src/index.ts';
import type { Simulation } from '../../packages/protocol/src/node.ts';
import {
  type Board,
  countedBallot,
  expectCaught,
  failedChecks,
  first,
  flipPointByte,
  flipScalarByte,
  honest,
  IDENTITY_HEX,
  nonCanonicalPoint,
  nonCanonicalScalar,
  ofType,
  revotePair,
  tamper,
} from './harness.ts';

function election(sim: Simulation): ElectionContext {
  const key = first({ events: sim.events, heads: [] }, 'election-key');
  return { definition: sim.definition, fingerprint: sim.fingerprint, electionKey: decodePoint(hexToBytes(key.publicKey)) };
}

/** Puts a ballot event on the board as the last one before the close (the caller renumbers and re-signs). */
function castBeforeClose(board: Board, ballot: BallotJson, supersedes: string | null): void {
  const close = board.events.findIndex((e) => e.type === 'state' && e.state === 'closed');
  const previous = board.events[close - 1] as EventJsonOf<'ballot'>;
  board.events.splice(close, 0, { seq: 0, time: previous.time, type: 'ballot', ballot, supersedes });
}

/** The last ballot of a credential on the board, or null. */
function lastHashOf(board: Board, credential: string): string | null {
  const mine = ofType(board, 'ballot').filter((b) => b.ballot.credential === credential);
  const last = mine[mine.length - 1];
  return last ? ballotHash(last.ballot) : null;
}

/** Re-signs a ballot with the credential's secret (what a voter, or whoever holds the letter, can do). */
function resign(ballot: BallotJson, secret: bigint, fingerprint: Uint8Array): BallotJson {
  const { signature: _old, ...unsigned } = ballot;
  const signature = sign(secret, signedMessage(fingerprint, unsigned), signatureContext(fingerprint));
  return {
    ...unsigned,
    signature: {
      commitment: bytesToHex(encodePoint(signature.commitment)),
      response: bytesToHex(encodeScalar(signature.response)),
    },
  };
}

function voterOf(sim: Simulation, credential: string) {
  const voter = sim.secrets.voters.find((v) => v.credential === credential);
  if (!voter) throw new Error('no such voter');
  return voter;
}

describe('a tampered ballot is caught', () => {
  it('the honest record passes every check (the baseline of the suite)', async () => {
    const sim = honest();
    expect(await failedChecks(tamper(() => {}))).toEqual([]);
    expect(ofType({ events: sim.events, heads: [] }, 'ballot').length).toBeGreaterThan(30);
  });

  it('a flipped byte in a ciphertext → ballots.selection-proofs', async () => {
    const files = tamper((board, sim) => {
      const sel = countedBallot(board, sim).ballot.answers[0]!.selections[0]!;
      sel.ciphertext.alpha = flipPointByte(sel.ciphertext.alpha);
    });
    const report = await expectCaught(files, 'ballots.selection-proofs');
    expect(report.checks.find((c) => c.id === 'ballots.signature')?.failed).toBe(1);
  });

  it('a flipped byte in a selection proof → ballots.selection-proofs', async () => {
    const files = tamper((board, sim) => {
      const branch = countedBallot(board, sim).ballot.answers[0]!.selections[1]!.proof.branches[0]!;
      branch.response = flipScalarByte(branch.response);
    });
    const report = await expectCaught(files, 'ballots.selection-proofs');
    expect(report.checks.find((c) => c.id === 'ballots.selection-proofs')?.failures[0]?.path).toBe('answers.0.selections.1');
  });

  it('a flipped byte in a sum proof → ballots.sum-proofs', async () => {
    const files = tamper((board, sim) => {
      const branch = countedBallot(board, sim).ballot.answers[1]!.sumProof.branches[0]!;
      branch.commitmentA = flipPointByte(branch.commitmentA);
    });
    await expectCaught(files, 'ballots.sum-proofs');
  });

  it('a flipped byte in a signature → ballots.signature', async () => {
    const files = tamper((board, sim) => {
      const ballot = countedBallot(board, sim).ballot;
      ballot.signature.response = flipScalarByte(ballot.signature.response);
    });
    expect(await failedChecks(files)).toEqual(expect.arrayContaining(['ballots.signature']));
  });

  it('a non-canonical point (s + p) → ballots.encoding', async () => {
    const files = tamper((board, sim) => {
      const sel = countedBallot(board, sim).ballot.answers[0]!.selections[0]!;
      sel.ciphertext.beta = nonCanonicalPoint(sel.ciphertext.beta);
    });
    const report = await expectCaught(files, 'ballots.encoding');
    expect(report.checks.find((c) => c.id === 'ballots.encoding')?.failures[0]?.code).toBe('POINT_NOT_CANONICAL');
  });

  it('a non-canonical scalar (s + ℓ) → ballots.encoding', async () => {
    const files = tamper((board, sim) => {
      const branch = countedBallot(board, sim).ballot.answers[0]!.selections[0]!.proof.branches[1]!;
      // a response small enough that s + ℓ still fits in 32 bytes (any response < 2^256 − ℓ)
      branch.response = nonCanonicalScalar(`01${'00'.repeat(31)}`);
    });
    const report = await expectCaught(files, 'ballots.encoding');
    expect(report.checks.find((c) => c.id === 'ballots.encoding')?.failures[0]?.code).toBe('SCALAR_NOT_CANONICAL');
  });

  it('the identity as a ciphertext component → ballots.encoding', async () => {
    const files = tamper((board, sim) => {
      countedBallot(board, sim).ballot.answers[0]!.selections[0]!.ciphertext.alpha = IDENTITY_HEX;
    });
    const report = await expectCaught(files, 'ballots.encoding');
    expect(report.checks.find((c) => c.id === 'ballots.encoding')?.failures[0]?.code).toBe('POINT_IS_IDENTITY');
  });

  it('a ballot signed by an unregistered credential → ballots.credential (board key granted)', async () => {
    const files = tamper(
      (board, sim) => {
        const stranger = generateKeyPair();
        const built = buildBallot(election(sim), {
          district: 'medeu',
          choices: { parks: ['yes'], transport: ['tram'] },
          credentialSecret: stranger.secretKey,
        });
        if (!built.ok) throw new Error('build');
        castBeforeClose(board, built.value.json, null);
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toContain('ballots.credential');
    expect(failed).not.toContain('ballots.signature');
    expect(failed).not.toContain('ballots.selection-proofs');
  });

  it('a ballot copied to another registered credential → ballots.selection-proofs, ballots.duplicates', async () => {
    // Voter B copies voter A's ciphertexts and proofs under B's own credential and signs them properly.
    const files = tamper(
      (board, sim) => {
        const a = countedBallot(board, sim);
        const b = sim.secrets.voters.find(
          (v) => v.district === voterOf(sim, a.ballot.credential).district && v.credential !== a.ballot.credential,
        );
        if (!b) throw new Error('no second voter');
        const copy = resign({ ...structuredClone(a.ballot), credential: b.credential }, b.credentialSecret, sim.fingerprint);
        castBeforeClose(board, copy, lastHashOf(board, b.credential));
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['ballots.selection-proofs', 'ballots.sum-proofs', 'ballots.duplicates']));
    expect(failed).not.toContain('ballots.signature');
  });

  it('a proof replayed from another election → ballots.selection-proofs, ballots.sum-proofs', async () => {
    // The same voter, the same election key, another election: the proofs bind the other fingerprint.
    const files = tamper(
      (board, sim) => {
        const other = parseDefinition({ ...sim.definition, id: 'another-election' });
        if (!other.ok) throw new Error('definition');
        const ctx = { ...election(sim), definition: other.value, fingerprint: fingerprintBytes(other.value) };
        const voter = voterOf(sim, countedBallot(board, sim).ballot.credential);
        const choices =
          voter.district === 'medeu'
            ? { parks: ['no'], transport: ['metro'] }
            : { parks: ['no'], transport: ['metro'], projects: [] };
        const built = buildBallot(ctx, { district: voter.district, choices, credentialSecret: voter.credentialSecret });
        if (!built.ok) throw new Error('build');
        const replayed = resign(
          { ...built.value.json, election: bytesToHex(sim.fingerprint) },
          voter.credentialSecret,
          sim.fingerprint,
        );
        castBeforeClose(board, replayed, lastHashOf(board, voter.credential));
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['ballots.selection-proofs', 'ballots.sum-proofs']));
    expect(failed).not.toContain('ballots.signature');
    expect(failed).not.toContain('ballots.election');
  });

  it('a ballot for another election → ballots.election', async () => {
    const files = tamper((board, sim) => {
      countedBallot(board, sim).ballot.election = 'ab'.repeat(32);
    });
    await expectCaught(files, 'ballots.election');
  });

  it('a ballot of another district’s style → ballots.style (board key granted)', async () => {
    const files = tamper(
      (board, sim) => {
        const voter = sim.secrets.voters.find((v) => v.district === 'medeu');
        if (!voter) throw new Error('no medeu voter');
        const built = buildBallot(election(sim), {
          district: 'bostandyk',
          choices: { parks: ['yes'], transport: ['bikes'], projects: ['library'] },
          credentialSecret: voter.credentialSecret,
        });
        if (!built.ok) throw new Error('build');
        castBeforeClose(board, built.value.json, lastHashOf(board, voter.credential));
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toContain('ballots.style');
    expect(failed).not.toContain('ballots.signature');
  });

  it('an over-vote proven with limits of the ballot’s own choosing → ballots.sum-proofs', async () => {
    // Two options of a single-choice question, each a valid 0/1 proof, and a sum proof for [1..2]: the verifier
    // takes [1..1] from the definition, so the proof has the wrong number of branches.
    const files = tamper(
      (board, sim) => {
        const ctx = election(sim);
        const voter = sim.secrets.voters.find((v) => v.district === 'medeu') as Simulation['secrets']['voters'][number];
        const built = buildBallot(ctx, {
          district: 'medeu',
          choices: { parks: ['yes'], transport: ['metro'] },
          credentialSecret: voter.credentialSecret,
        });
        if (!built.ok) throw new Error('build');
        const credential = publicKeyOf(voter.credentialSecret);
        const values = [1, 1, 0, 0, 0];
        const rs = values.map(() => randomNonZeroScalar());
        const cts = values.map((v, j) => encrypt(ctx.electionKey, v, rs[j]));
        const hex = (p: Parameters<typeof encodePoint>[0]) => bytesToHex(encodePoint(p));
        const scalarHex = (s: bigint) => bytesToHex(encodeScalar(s));
        const proofJson = (proof: ReturnType<typeof proveRange>) => ({
          branches: proof.branches.map((b) => ({
            commitmentA: hex(b.commitmentA),
            commitmentB: hex(b.commitmentB),
            challenge: scalarHex(b.challenge),
            response: scalarHex(b.response),
          })),
        });
        const selections = cts.map((ct, j) => ({
          ciphertext: { alpha: hex(ct.alpha), beta: hex(ct.beta) },
          proof: proofJson(
            proveRange(
              { publicKey: ctx.electionKey, ciphertext: ct, min: 0, max: 1 },
              values[j]!,
              rs[j]!,
              selectionContext(ctx.fingerprint, credential, 'transport', j),
            ),
          ),
        }));
        const sum = sumCiphertexts(cts);
        const rSum = rs.reduce((a, b) => a + b, 0n);
        const sumProof = proofJson(
          proveRange(
            { publicKey: ctx.electionKey, ciphertext: sum, min: 1, max: 2 },
            2,
            mod(rSum),
            sumContext(ctx.fingerprint, credential, 'transport'),
          ),
        );
        const json = structuredClone(built.value.json);
        json.answers[1] = { question: 'transport', selections, sumProof };
        castBeforeClose(board, resign(json, voter.credentialSecret, sim.fingerprint), lastHashOf(board, voter.credential));
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toContain('ballots.sum-proofs');
    expect(failed).not.toContain('ballots.selection-proofs');
    expect(failed).not.toContain('ballots.signature');
  });

  it('a ballot duplicated later on the board → ballots.duplicates (board key granted)', async () => {
    const files = tamper(
      (board, sim) => {
        const a = countedBallot(board, sim);
        castBeforeClose(board, structuredClone(a.ballot), ballotHash(a.ballot));
      },
      { renumber: true, resign: true },
    );
    await expectCaught(files, 'ballots.duplicates');
  });

  it('a ballot removed, old heads kept → board.merkle', async () => {
    const files = tamper(
      (board, sim) => {
        board.events.splice(board.events.indexOf(countedBallot(board, sim)), 1);
      },
      { renumber: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['board.merkle', 'board.consistency']));
  });

  it('a re-vote’s first ballot removed, heads re-signed → ballots.supersedes', async () => {
    const files = tamper(
      (board) => {
        board.events.splice(board.events.indexOf(revotePair(board)[0]), 1);
      },
      { renumber: true, resign: true },
    );
    await expectCaught(files, 'ballots.supersedes');
  });

  it('a re-vote pair reordered, heads re-signed → ballots.supersedes', async () => {
    const files = tamper(
      (board) => {
        const [a, b] = revotePair(board);
        const i = board.events.indexOf(a);
        const j = board.events.indexOf(b);
        board.events[i] = b;
        board.events[j] = a;
      },
      { renumber: true, resign: true },
    );
    await expectCaught(files, 'ballots.supersedes');
  });

  it('two voters’ ballots reordered, old heads kept → board.consistency', async () => {
    const files = tamper(
      (board) => {
        const ballots = ofType(board, 'ballot');
        const i = board.events.indexOf(ballots[0]!);
        const j = board.events.indexOf(ballots[1]!);
        [board.events[i], board.events[j]] = [board.events[j]!, board.events[i]!];
      },
      { renumber: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['board.merkle', 'board.consistency']));
  });

  it('a supersedes link pointing elsewhere → ballots.supersedes (board key granted)', async () => {
    const files = tamper(
      (board) => {
        revotePair(board)[1].supersedes = 'cd'.repeat(32);
      },
      { resign: true },
    );
    await expectCaught(files, 'ballots.supersedes');
  });

  it('a ballot dated outside the voting period → time.order (OUTSIDE_PERIOD; board key granted)', async () => {
    const files = tamper(
      (board, sim) => {
        countedBallot(board, sim).time = '2025-12-31T23:59:59.000Z';
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.order');
    const failures = report.checks.find((c) => c.id === 'time.order')?.failures ?? [];
    expect(failures.find((f) => f.code === 'OUTSIDE_PERIOD')?.reason).toMatch(/outside the voting period/);
  });

  it('a ballot cast after the close → board.states (board key granted)', async () => {
    const files = tamper(
      (board, sim) => {
        const ballot = countedBallot(board, sim);
        board.events.splice(board.events.indexOf(ballot), 1);
        const close = board.events.findIndex((e) => e.type === 'state' && e.state === 'closed');
        board.events.splice(close + 1, 0, ballot);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'board.states');
    expect(report.checks.find((c) => c.id === 'board.states')?.failures[0]?.reason).toMatch(
      /"ballot" event while the election is "closed"/,
    );
  });
});
