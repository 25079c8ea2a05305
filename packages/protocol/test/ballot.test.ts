// Ballots: build on the device, check on the server, open with the seed (second device, Benaloh audit).
import { bytesToHex, encodePoint, generateKeyPair, publicKeyOf, randomNonZeroScalar } from '@saylau/crypto';
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
