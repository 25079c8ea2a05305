// The commission's paper results (spec §4.4.3): the server checks the figures entered from the precinct protocols for
// consistency, stages them for the members to sign, and publishes the paper-results event once they stand.
import {
  canonicalJson,
  type EventJsonOf,
  type MemberSignatureJson,
  type PaperDistrict,
  type PaperResultsStatement,
  PaperResultsStatementSchema,
  paperResultsProblems,
  validityBasis,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import type { BoardWriter } from '../election/registry.ts';
import { requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

/** States in which paper results may be entered and published: after close, before publication. */
const PAPER_STATES = ['closed', 'processed', 'decrypted'] as const;

async function firstOf<T extends 'register' | 'paper-results' | 'result'>(
  services: Services,
  election: Election,
  type: T,
): Promise<EventJsonOf<T> | undefined> {
  const [body] = await services.storage.board.eventsOfType(election.id, type);
  return body === undefined ? undefined : (JSON.parse(body) as EventJsonOf<T>);
}

/** The paper-results event on the board, if any (public: GET /paper-results). */
export async function publishedPaperResults(services: Services, election: Election) {
  return firstOf(services, election, 'paper-results');
}

/**
 * Why paper results cannot go on the board now, or nothing: only after close and before publication, only once, and
 * — when the definition judges validity on paper votes — only before the result, which they decide.
 */
export async function requireOpenForPaper(services: Services, election: Election): Promise<void> {
  requireState(election, ...PAPER_STATES);
  if (await firstOf(services, election, 'paper-results')) {
    throw new ApiError('ALREADY_EXISTS', 'the paper results are on the board already: they cannot be replaced');
  }
  if (validityBasis(election.definition) !== 'e-votes' && (await firstOf(services, election, 'result'))) {
    throw new ApiError('WRONG_STATE', 'the result is published already and its verdicts were judged without paper results');
  }
}

/**
 * Checks the districts' paper figures and stages them for the members to sign (replacing figures staged before,
 * and their signatures). Every inconsistency is refused with its path; nothing is staged then.
 */
export async function stagePaperResults(services: Services, election: Election, districts: readonly PaperDistrict[]) {
  if (!election.definition.commission) {
    throw new ApiError('WRONG_STATE', 'the election definition names no commission members to sign the paper results');
  }
  await requireOpenForPaper(services, election);
  const register = await firstOf(services, election, 'register');
  const statement: PaperResultsStatement = { fingerprint: election.fingerprintHex, districts: [...districts] };
  const problems = paperResultsProblems(election.definition, election.fingerprintHex, register?.sizes ?? {}, statement);
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  await services.storage.commission.put(election.id, 'paper-results', canonicalJson(statement));
  const ballots = districts.reduce((sum, d) => sum + d.ballotsCast, 0);
  return { districts: districts.length, ballotsCast: ballots, threshold: election.definition.commission.threshold };
}

/** Appends the paper-results event with its standing signatures (inside the election's transaction). */
export async function publishPaperResults(
  services: Services,
  election: Election,
  board: BoardWriter,
  statement: unknown,
  signatures: readonly MemberSignatureJson[],
): Promise<void> {
  await requireOpenForPaper(services, election);
  await board.append({
    type: 'paper-results',
    statement: PaperResultsStatementSchema.parse(statement),
    signatures: [...signatures],
  } as Omit<EventJsonOf<'paper-results'>, 'seq' | 'time'>);
}
