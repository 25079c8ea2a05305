// The election definition (spec §3.3): what the commission fixes before anything else, and what every
// later object binds to through its fingerprint. Shape only; the cross-field rules are in validate.ts.
import { z } from 'zod';
import { DefinitionTimeSchema } from '../time/formats.ts';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in Kazakh, Russian and English; all three are required. */
export const I18nTextSchema = z
  .object({ kk: z.string().min(1).max(4000), ru: z.string().min(1).max(4000), en: z.string().min(1).max(4000) })
  .strict();
export type I18nText = z.infer<typeof I18nTextSchema>;

/** Ids are short, lower-case and URL-safe so they can appear in paths, CSV files and hash inputs. */
export const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'ids are 1–64 of a-z, 0-9, "-", "_"');

const Percent = z.number().min(0).max(100);

export const ValidityRuleSchema = z.discriminatedUnion('kind', [
  /** Counted ballots that answered the question ≥ percent of the registered voters who see it. */
  z.object({ kind: z.literal('turnout-quorum'), percent: Percent }).strict(),
  /** Selections of `option` ≥ percent of the registered voters who see the question. */
  z.object({ kind: z.literal('approval-quorum'), option: IdSchema, percent: Percent }).strict(),
  /** `option` has more than half (simple) or at least two thirds of the non-blank answers. */
  z.object({ kind: z.literal('majority'), option: IdSchema, threshold: z.enum(['simple', 'two-thirds']) }).strict(),
  /** The question's other rules hold in at least `minDistricts` districts taken one at a time. */
  z.object({ kind: z.literal('district-quorum'), minDistricts: z.number().int().min(1) }).strict(),
]);
export type ValidityRule = z.infer<typeof ValidityRuleSchema>;

/**
 * On which votes the validity rules (turnout, approval and district quorums, majorities) are judged (spec §6.6):
 * the electronic votes alone (the verified tally), the paper votes alone (the commission's attested paper results),
 * or both added together. Absent means `e-votes`, so definitions written before the field keep their fingerprint.
 */
export const VALIDITY_BASES = ['e-votes', 'paper', 'both'] as const;
export type ValidityBasis = (typeof VALIDITY_BASES)[number];

export const OptionSchema = z.object({ id: IdSchema, label: I18nTextSchema }).strict();
export type Option = z.infer<typeof OptionSchema>;

export const QuestionSchema = z
  .object({
    id: IdSchema,
    /** referendum: options yes, no and optionally blank; single: choose one; approval: choose min..max. */
    kind: z.enum(['referendum', 'single', 'approval']),
    text: I18nTextSchema,
    options: z.array(OptionSchema).min(2).max(32),
    minSelections: z.number().int().min(0),
    maxSelections: z.number().int().min(1),
    rules: z.array(ValidityRuleSchema).max(8),
  })
  .strict();
export type Question = z.infer<typeof QuestionSchema>;

export const DistrictSchema = z.object({ id: IdSchema, name: I18nTextSchema }).strict();
export type District = z.infer<typeof DistrictSchema>;

export const BallotStyleSchema = z
  .object({ id: IdSchema, districts: z.array(IdSchema).min(1), questions: z.array(IdSchema).min(1) })
  .strict();
export type BallotStyle = z.infer<typeof BallotStyleSchema>;

const KeyHex = z.string().regex(/^[0-9a-f]{64}$/, 'a public key is 64 lower-case hex characters');

/** A person or body that signs with its own key: a commission member or a witness. */
export const SignerSchema = z.object({ id: IdSchema, name: z.string().min(1).max(200), publicKey: KeyHex }).strict();
export type Signer = z.infer<typeof SignerSchema>;

/**
 * The commission's members and how many of them must sign its decision and the paper-vote list (spec §4.4). Their
 * keys are fixed here, so the fingerprint the commission publishes names them.
 */
export const CommissionSchema = z
  .object({ members: z.array(SignerSchema).min(1).max(50), threshold: z.number().int().min(1) })
  .strict();
export type Commission = z.infer<typeof CommissionSchema>;

/** Independent witnesses who co-sign tree heads, and how many must have co-signed the final head (spec §5.9). */
export const WitnessesSchema = z
  .object({ members: z.array(SignerSchema).min(1).max(50), quorum: z.number().int().min(1) })
  .strict();
export type Witnesses = z.infer<typeof WitnessesSchema>;

export const ElectionDefinitionSchema = z
  .object({
    version: z.literal(1),
    id: IdSchema,
    title: I18nTextSchema,
    description: I18nTextSchema.optional(),
    /**
     * When ballots are accepted (spec §4.5), as the commission wrote it: Z or its own UTC offset, kept as written
     * (the fingerprint covers the text), e.g. 2026-12-01T08:00:00+05:00.
     */
    votingPeriod: z.object({ opens: DefinitionTimeSchema, closes: DefinitionTimeSchema }).strict(),
    districts: z.array(DistrictSchema).min(1).max(1000),
    questions: z.array(QuestionSchema).min(1).max(50),
    ballotStyles: z.array(BallotStyleSchema).min(1).max(1000),
    trustees: z.object({ count: z.number().int().min(1).max(255), threshold: z.number().int().min(1) }).strict(),
    /** scrypt cost of turning a credential code into a key: logN 15 for real elections. */
    credentialKdf: z
      .object({ logN: z.number().int().min(8).max(20), r: z.number().int().min(1).max(16), p: z.number().int().min(1).max(4) })
      .strict(),
    /** The commission members who sign its decision and the paper-vote list (optional: absent, nothing is anchored). */
    commission: CommissionSchema.optional(),
    /** The witnesses whose co-signatures the final head needs (optional: absent, the board is the server's word). */
    witnesses: WitnessesSchema.optional(),
    /** On which votes the validity rules are judged (absent: `e-votes`; spec §6.6). */
    validityBasis: z.enum(VALIDITY_BASES).optional(),
    /**
     * A practice election (spec §3.3): the same booth and checks, but every page, report and result says it does not
     * count. Absent or false: a real election.
     */
    practice: z.boolean().optional(),
    /** The board's tree-head signing key (64 hex), so anyone can check signed heads. */
    boardKey: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type ElectionDefinition = z.infer<typeof ElectionDefinitionSchema>;

/** What the commission writes: the definition before the server adds its board key. */
export const DefinitionDraftSchema = ElectionDefinitionSchema.omit({ boardKey: true });
export type DefinitionDraft = z.infer<typeof DefinitionDraftSchema>;
