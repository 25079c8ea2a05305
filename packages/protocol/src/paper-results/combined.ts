// The combined result (spec §6.5.1): the verified electronic tally, the commission's attested paper results and
// their sum, per district and overall — what the server, `saylau results`, the results protocol, the public page and
// the verifier's report show, derived in one place from the result and paper-results events.
import { validityBasis } from '../definition/fingerprint.ts';
import type { ElectionDefinition, ValidityBasis } from '../definition/schema.ts';
import type { BoardEventJson, EventJsonOf } from '../events/schema.ts';
import { combineTallies, paperTally, type RegisterSizes, type Tally } from '../processing/results.ts';
import type { PaperDistrict, PaperResultsStatement } from './schema.ts';

export interface CombinedResults {
  /** On which votes the verdicts were judged (the definition's validityBasis). */
  readonly basis: ValidityBasis;
  /** The decrypted electronic tally: verified by anyone from the record. */
  readonly eVotes: Tally;
  /** The commission's paper results, when on the board: attested by the members who signed, not verifiable. */
  readonly paper?: {
    readonly tally: Tally;
    readonly districts: readonly PaperDistrict[];
    /** The members named on the event's signatures (the verifier checks them). */
    readonly signers: readonly string[];
  };
  /** Electronic plus paper, figure by figure (present with the paper results). */
  readonly combined?: Tally;
  /** The result event's verdicts, judged on `basis` (spec §6.6). */
  readonly validity: EventJsonOf<'result'>['validity'];
}

/** The board's paper-results event (the first; a second fails board.states), if any. */
export function paperResultsEvent(events: readonly (BoardEventJson | undefined)[]): EventJsonOf<'paper-results'> | undefined {
  return events.find((e): e is EventJsonOf<'paper-results'> => e?.type === 'paper-results');
}

/** The electronic, paper and combined results of a decrypted election (the paper parts only with paper results). */
export function combinedResults(
  definition: ElectionDefinition,
  register: RegisterSizes,
  result: Pick<EventJsonOf<'result'>, 'districts' | 'overall' | 'validity'>,
  paper: { readonly statement: PaperResultsStatement; readonly signatures: readonly { readonly member: string }[] } | undefined,
): CombinedResults {
  const eVotes: Tally = { districts: result.districts, overall: result.overall };
  const base = { basis: validityBasis(definition), eVotes, validity: result.validity };
  if (!paper) return base;
  const tally = paperTally(definition, register, paper.statement);
  return {
    ...base,
    paper: { tally, districts: paper.statement.districts, signers: paper.signatures.map((s) => s.member) },
    combined: combineTallies(definition, eVotes, tally),
  };
}
