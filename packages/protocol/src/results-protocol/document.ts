// The results protocol (протокол), version 1 (spec §4.4.1): the commission's signed summary of a published election,
// built in one place from the record's parts so that the CLI that writes it and the verifier that checks it derive
// exactly the same JSON.
import { z } from 'zod';
import { TimestampWire, TreeSizeWire } from '../board/tree-head.ts';
import { DigestHex } from '../codec.ts';
import { MemberSignatureWire, verifyCommissionSignatures } from '../commission/signatures.ts';
import { fingerprint, fingerprintBytes } from '../definition/fingerprint.ts';
import { type ElectionDefinition, IdSchema, VALIDITY_BASES } from '../definition/schema.ts';
import { fail, ok, problem, type Result } from '../errors.ts';
import { type BoardEventJson, type EventJsonOf, QuestionResult, RuleVerdict } from '../events/schema.ts';
import { combinedResults, paperResultsEvent } from '../paper-results/combined.ts';
import { PaperDistrictSchema } from '../paper-results/schema.ts';

export const RESULTS_PROTOCOL_FORMAT = 'saylau-results-protocol';
export const RESULTS_PROTOCOL_VERSION = 1;

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Text = z.object({ kk: z.string(), ru: z.string(), en: z.string() }).strict();

export const ResultsProtocolSchema = z
  .object({
    format: z.literal(RESULTS_PROTOCOL_FORMAT),
    version: z.literal(RESULTS_PROTOCOL_VERSION),
    election: IdSchema,
    title: Text,
    fingerprint: DigestHex,
    votingPeriod: z.object({ opens: z.string(), closes: z.string() }).strict(),
    register: z.object({ sizes: z.record(IdSchema, Count), total: Count }).strict(),
    eVoting: z
      .object({
        /** Distinct credentials with at least one ballot on the board. */
        eVoters: Count,
        ballots: Count,
        counted: Count,
        superseded: Count,
        cancelled: Count,
        revoked: Count,
      })
      .strict(),
    results: z
      .object({
        districts: z.array(z.object({ district: IdSchema, questions: z.array(QuestionResult) }).strict()),
        overall: z.array(QuestionResult),
      })
      .strict(),
    validity: z.array(z.object({ question: IdSchema, valid: z.boolean(), rules: z.array(RuleVerdict) }).strict()),
    /** The definition's validityBasis, when it names one (spec §6.6). */
    validityBasis: z.enum(VALIDITY_BASES).optional(),
    /** The commission's paper results (spec §4.4.3), when on the board: attested by `attestedBy`, not verifiable. */
    paperVoting: z
      .object({
        districts: z.array(PaperDistrictSchema),
        overall: z.array(QuestionResult),
        /** Members whose signatures of the paper results verify, in the definition's order. */
        attestedBy: z.array(IdSchema),
      })
      .strict()
      .optional(),
    /** Electronic plus paper votes per district and overall (spec §6.5.1), with the paper results. */
    combined: z
      .object({
        districts: z.array(z.object({ district: IdSchema, questions: z.array(QuestionResult) }).strict()),
        overall: z.array(QuestionResult),
      })
      .strict()
      .optional(),
    finalHead: z.object({ treeSize: TreeSizeWire, rootHash: DigestHex, timestamp: TimestampWire }).strict(),
    /** Where the record is published (the PDF's QR code): the commission's word, not derived from the record. */
    recordUrl: z.string().min(1).max(2048).optional(),
    signatures: z.array(MemberSignatureWire).max(50),
  })
  .strict();
/** The document as JSON (signatures as hex, as they travel). */
export type ResultsProtocol = z.input<typeof ResultsProtocolSchema>;
/** What each member signs: the document without its signatures. */
export type ResultsProtocolStatement = Omit<ResultsProtocol, 'signatures'>;

/** The parts of an election record the protocol is built from (an ElectionRecord has them all). */
export interface ResultsProtocolSource {
  readonly definition: ElectionDefinition;
  /** Every event, index = seq; lines a lenient reader could not parse are undefined. */
  readonly events: readonly (BoardEventJson | undefined)[];
  /** The record's final signed tree head (only its size, root and time enter the protocol). */
  readonly finalHead: { readonly treeSize: number; readonly rootHash: string; readonly timestamp: string };
}

function last<T extends BoardEventJson['type']>(
  events: readonly (BoardEventJson | undefined)[],
  type: T,
): EventJsonOf<T> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === type) return event as EventJsonOf<T>;
  }
  return undefined;
}

/**
 * The protocol of a published election, unsigned (spec §4.4.1). Fails with PROTOCOL_MISMATCH when the record holds
 * no `register`, `counted-set` or `result` event: there is nothing to put in a protocol yet.
 */
export function buildResultsProtocol(
  source: ResultsProtocolSource,
  options: { readonly recordUrl?: string } = {},
): Result<ResultsProtocol> {
  const { definition, events } = source;
  const register = last(events, 'register');
  const counted = last(events, 'counted-set');
  const result = last(events, 'result');
  const missing = [!register && 'register', !counted && 'counted-set', !result && 'result'].filter(Boolean);
  if (!register || !counted || !result) {
    return fail([problem('PROTOCOL_MISMATCH', [], `the record has no ${missing.join(', ')} event: no results to certify`)]);
  }
  const ballots = events.filter((e): e is EventJsonOf<'ballot'> => e?.type === 'ballot');
  const sizes = { ...register.sizes };
  const paper = paperResultsEvent(events);
  const views = combinedResults(definition, sizes, result, paper);
  const attestedBy = paper
    ? verifyCommissionSignatures(definition, fingerprintBytes(definition), 'paper-results', paper.statement, paper.signatures)
        .signers
    : [];
  return ok({
    format: RESULTS_PROTOCOL_FORMAT,
    version: RESULTS_PROTOCOL_VERSION,
    election: definition.id,
    title: { kk: definition.title.kk, ru: definition.title.ru, en: definition.title.en },
    fingerprint: fingerprint(definition),
    votingPeriod: { opens: definition.votingPeriod.opens, closes: definition.votingPeriod.closes },
    register: { sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) },
    eVoting: {
      eVoters: new Set(ballots.map((b) => b.ballot.credential)).size,
      ballots: ballots.length,
      counted: counted.counted.length,
      superseded: counted.superseded,
      cancelled: counted.cancelled,
      revoked: counted.revoked ?? 0,
    },
    results: { districts: result.districts, overall: result.overall },
    validity: result.validity,
    ...(definition.validityBasis === undefined ? {} : { validityBasis: definition.validityBasis }),
    ...(views.paper && views.combined
      ? {
          paperVoting: {
            districts: [...views.paper.districts],
            overall: views.paper.tally.overall,
            attestedBy: [...attestedBy],
          },
          combined: { districts: views.combined.districts, overall: views.combined.overall },
        }
      : {}),
    finalHead: {
      treeSize: source.finalHead.treeSize,
      rootHash: source.finalHead.rootHash,
      timestamp: source.finalHead.timestamp,
    },
    ...(options.recordUrl === undefined ? {} : { recordUrl: options.recordUrl }),
    signatures: [],
  });
}

/** The statement the members sign: the document without `signatures`. */
export function resultsProtocolStatement(protocol: ResultsProtocol): ResultsProtocolStatement {
  const { signatures: _signatures, ...statement } = protocol;
  return statement;
}
