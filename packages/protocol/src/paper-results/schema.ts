// The paper results (spec §4.4.3): what the commission enters from the precinct protocols — per district the paper
// ballots issued, cast and invalid and the count of each option — and signs. Attested by its members, not verified.
import { z } from 'zod';
import { DigestHex } from '../codec.ts';
import { IdSchema } from '../definition/schema.ts';

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One question's paper counts in one district: option id → the number of valid paper ballots that marked it. */
export const PaperQuestionSchema = z.object({ question: IdSchema, counts: z.record(IdSchema, Count) }).strict();

export const PaperDistrictSchema = z
  .object({
    district: IdSchema,
    /** Voters who received a paper ballot (signed for it in the register at the polling station). */
    ballotsIssued: Count,
    /** Paper ballots found in the ballot boxes. */
    ballotsCast: Count,
    /** Of those, ballots found invalid (the rest, ballotsCast − invalid, are the valid paper ballots). */
    invalid: Count,
    /** One entry per question of the district's ballot style, in the style's order. */
    questions: z.array(PaperQuestionSchema).max(50),
  })
  .strict();
export type PaperDistrict = z.infer<typeof PaperDistrictSchema>;

/** What the members sign (kind `paper-results`): this election's fingerprint and one entry per district. */
export const PaperResultsStatementSchema = z
  .object({ fingerprint: DigestHex, districts: z.array(PaperDistrictSchema).max(1000) })
  .strict();
export type PaperResultsStatement = z.infer<typeof PaperResultsStatementSchema>;

/** The valid paper ballots of a district: those cast less those found invalid. */
export function validPaperBallots(d: PaperDistrict): number {
  return Math.max(0, d.ballotsCast - d.invalid);
}
