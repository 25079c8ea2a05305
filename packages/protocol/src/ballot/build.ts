// Building a ballot on the voter's device (spec §3.6): encrypt each option's 0/1 with randomness derived from
// a fresh seed, prove every selection and each question's sum, sign with the credential key.
import {
  bytesToHex,
  encrypt,
  hashToScalar,
  mod,
  type Point,
  proveRange,
  publicKeyOf,
  randomBytes,
  type Scalar,
  sign,
  sumCiphertexts,
  TAGS,
  u32,
  utf8ToBytes,
} from '@saylau/crypto';
import { z } from 'zod';
import { questionsOfStyle, styleOfDistrict } from '../definition/fingerprint.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { fail, ok, problem, type Result } from '../errors.ts';
import { type Choices, choicesProblems, selectionVector } from './choices.ts';
import { type Ballot, type BallotJson, BallotWire, UnsignedBallotWire } from './schema.ts';
import { selectionContext, signatureContext, signedMessage, sumContext } from './statement.ts';
import { ballotHash } from './tracking.ts';

export interface ElectionContext {
  readonly definition: ElectionDefinition;
  /** The 32-byte election fingerprint. */
  readonly fingerprint: Uint8Array;
  /** The joint election key, ideally prepared with `prepareElectionKey` (a precomputed table). */
  readonly electionKey: Point;
}

export interface BuiltBallot {
  readonly ballot: Ballot;
  readonly json: BallotJson;
  readonly hash: string;
  /**
   * The 32-byte seed all encryption randomness is derived from. Revealing it opens the ballot: the voter
   * gives it to the second device (QR code) or reveals it in a Benaloh audit. Never sent with the ballot.
   */
  readonly seed: Uint8Array;
}

/** r = H_ℓ(ballot-randomness tag, seed, question id, option index); see spec §3.6.4. */
export function selectionRandomness(seed: Uint8Array, questionId: string, index: number): Scalar {
  return hashToScalar(TAGS.ballotRandomness, [seed, utf8ToBytes(questionId), u32(index)]);
}

export function buildBallot(
  election: ElectionContext,
  input: { district: string; choices: Choices; credentialSecret: Scalar; seed?: Uint8Array },
): Result<BuiltBallot> {
  const { definition, fingerprint, electionKey } = election;
  const style = styleOfDistrict(definition, input.district);
  if (!style) return fail([problem('UNKNOWN_DISTRICT', ['district'])]);
  const problems = choicesProblems(definition, style, input.choices);
  if (problems.length > 0) return fail(problems);
  const seed = input.seed ?? randomBytes(32);
  if (seed.length !== 32) throw new TypeError('the ballot seed is 32 bytes');
  const credential = publicKeyOf(input.credentialSecret);

  const answers = questionsOfStyle(definition, style).map((q) => {
    const values = selectionVector(q, input.choices[q.id] ?? []);
    const randomness = values.map((_, j) => selectionRandomness(seed, q.id, j));
    const selections = values.map((v, j) => {
      const r = randomness[j] as Scalar;
      const ciphertext = encrypt(electionKey, v, r);
      const proof = proveRange(
        { publicKey: electionKey, ciphertext, min: 0, max: 1 },
        v,
        r,
        selectionContext(fingerprint, credential, q.id, j),
      );
      return { ciphertext, proof };
    });
    const sum = sumCiphertexts(selections.map((s) => s.ciphertext));
    const total = values.reduce<number>((a, b) => a + b, 0);
    const rSum = randomness.reduce((a, b) => a + b, 0n);
    const sumProof = proveRange(
      { publicKey: electionKey, ciphertext: sum, min: q.minSelections, max: q.maxSelections },
      total,
      mod(rSum),
      sumContext(fingerprint, credential, q.id),
    );
    return { question: q.id, selections, sumProof };
  });

  const unsigned = { election: bytesToHex(fingerprint), credential, style: style.id, answers };
  const unsignedJson = z.encode(UnsignedBallotWire, unsigned);
  const signature = sign(input.credentialSecret, signedMessage(fingerprint, unsignedJson), signatureContext(fingerprint));
  const ballot: Ballot = { ...unsigned, signature };
  const json = z.encode(BallotWire, ballot);
  return ok({ ballot, json, hash: ballotHash(json), seed });
}
