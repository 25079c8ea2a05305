// The ballot on the wire (spec §3.6): one ciphertext with a {0,1} proof per option, one sum proof per
// question, bound to the election fingerprint and the credential, signed with the credential key.
import { z } from 'zod';
import { CiphertextWire, DigestHex, PointHex, RangeProofWire, SignatureWire } from '../codec.ts';
import { IdSchema } from '../definition/schema.ts';

export const SelectionWire = z.object({ ciphertext: CiphertextWire, proof: RangeProofWire }).strict();

export const AnswerWire = z
  .object({
    question: IdSchema,
    selections: z.array(SelectionWire).min(1).max(32),
    /** Proves the homomorphic sum of the selections lies in [minSelections..maxSelections]. */
    sumProof: RangeProofWire,
  })
  .strict();

export const UnsignedBallotWire = z
  .object({
    election: DigestHex,
    credential: PointHex,
    style: IdSchema,
    answers: z.array(AnswerWire).min(1).max(50),
  })
  .strict();

export const BallotWire = UnsignedBallotWire.extend({ signature: SignatureWire }).strict();

/** A decoded ballot: group elements and scalars as values. */
export type Ballot = z.output<typeof BallotWire>;
/** The same ballot as JSON on the wire. */
export type BallotJson = z.input<typeof BallotWire>;
export type Answer = z.output<typeof AnswerWire>;
export type Selection = z.output<typeof SelectionWire>;
