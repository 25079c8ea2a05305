// Ballots: build on the device, check on the server, open with the seed (second device, Benaloh audit).
import { bytesToHex, encodePoint, generateKeyPair, publicKeyOf, randomNonZeroScalar } from '@saylau/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditBallot, type BallotCheckContext, buildBallot, checkBallot, openBallot, trackingCode } from '../src/index.ts';
import { electionContext } from './helpers.ts';

const election = electionContext();
const voterSecret = randomNonZeroScalar();
const voterHex = bytesToHex(encodePoint(publicKeyOf(voterSecret)));
const ctx: BallotCheckContext = { ...election, districtOf: (hex) => (hex === voterHex ? 'bostandyk' : undefined) };
const choices = { parks: ['yes'], transport: ['tram'], projects: ['library', 'lights'] };

describe('ballot', () => {
  const built = buildBallot(election, { district: 'bostandyk', choices, credentialSecret: voterSecret });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  const { json, ballot, seed, hash } = built.value;

  it('an honest ballot passes every check', () => {
    const checked = checkBallot(json, ctx);
    expect(checked.problems).toEqual([]);
    expect(checked.hash).toBe(hash);
    expect(trackingCode(hash)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });

  it('opens with its seed to the voter’s choices, and fails with another seed', () => {
    const opened = openBallot(election, ballot, seed);
    expect(opened.ok && opened.value).toEqual(choices);
    const wrong = openBallot(election, ballot, new Uint8Array(32));
    expect(wrong.ok).toBe(false);
    expect(auditBallot(election, ballot, seed, choices).ok).toBe(true);
    expect(auditBallot(election, ballot, seed, { ...choices, parks: ['no'] }).ok).toBe(false);
  });

  it('names every failure', () => {
    const other = generateKeyPair();
    const copied = { ...json, credential: bytesToHex(encodePoint(other.publicKey)) };
    const codes = checkBallot(copied, { ...ctx, districtOf: () => 'bostandyk' }).problems.map((p) => p.code);
    expect(codes).toContain('BAD_SIGNATURE');
    expect(codes).toContain('BAD_SELECTION_PROOF');
    expect(codes).toContain('BAD_SUM_PROOF');
    expect(checkBallot(json, { ...ctx, districtOf: () => undefined }).problems.map((p) => p.code)).toEqual([
      'UNKNOWN_CREDENTIAL',
    ]);
    expect(checkBallot(json, { ...ctx, districtOf: () => 'medeu' }).problems.map((p) => p.code)).toEqual(['WRONG_STYLE']);
    expect(
      checkBallot(json, { ...ctx, seenCiphertext: () => true }).problems.every((p) => p.code === 'DUPLICATE_CIPHERTEXT'),
    ).toBe(true);
    expect(checkBallot({ ...json, extra: 1 }, ctx).problems[0]?.code).toBe('MALFORMED');
  });

  it('rejects choices outside the limits', () => {
    const bad = buildBallot(election, {
      district: 'medeu',
      choices: { parks: ['yes', 'no'], transport: [] },
      credentialSecret: voterSecret,
    });
    expect(bad.ok).toBe(false);
  });
});

describe('ballot properties', () => {
  const questions = election.definition.questions;
  /** Random valid choices for the Bostandyk style (all three questions), within each question's limits. */
  const validChoices = fc.tuple(
    ...questions.map((q) =>
      fc.subarray(
        q.options.map((o) => o.id),
        { minLength: q.minSelections, maxLength: q.maxSelections },
      ),
    ),
  );

  it('any valid choices build a ballot that passes every check and opens to the same choices', () => {
    fc.assert(
      fc.property(validChoices, (picked) => {
        const choices = Object.fromEntries(questions.map((q, i) => [q.id, picked[i] ?? []]));
        const built = buildBallot(election, { district: 'bostandyk', choices, credentialSecret: voterSecret });
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        const roundTrip = JSON.parse(JSON.stringify(built.value.json));
        expect(checkBallot(roundTrip, ctx).problems).toEqual([]);
        const opened = openBallot(election, built.value.ballot, built.value.seed);
        expect(opened.ok && opened.value).toEqual(choices);
      }),
      { numRuns: 8 },
    );
  });

  it('names a ballot for another election, a malformed hex field and the identity', () => {
    const built = buildBallot(election, { district: 'bostandyk', choices, credentialSecret: voterSecret });
    if (!built.ok) throw new Error('build failed');
    const json = built.value.json;
    const codes = (input: unknown) => checkBallot(input, ctx).problems.map((p) => p.code);
    expect(codes({ ...json, election: 'ab'.repeat(32) })).toContain('WRONG_ELECTION');
    expect(codes({ ...json, credential: 'XYZ' })).toContain('MALFORMED');
    expect(codes({ ...json, credential: '0'.repeat(64) })).toContain('POINT_IS_IDENTITY');
    expect(codes({ ...json, credential: 'f'.repeat(64) })).toContain('POINT_NOT_CANONICAL');
  });
});
