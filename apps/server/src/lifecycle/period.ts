// The voting period on the server (spec §4.5), with the protocol's rules: a new election's period must not lie wholly
// in the past (and is flagged when very long or very short); opening is judged, and a close before the period's end
// needs the commission's signed early close, both at the time the board will stamp on the event.
import {
  closeProblems,
  type DefinitionDraft,
  type EarlyCloseJson,
  isEarlyClose,
  openingRefusal,
  periodOf,
  periodWarnings,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';

/** The warnings of a new election's period; throws BAD_PERIOD when the period has ended already. */
export function newPeriodWarnings(draft: Pick<DefinitionDraft, 'votingPeriod'>, now: number): string[] {
  const period = periodOf(draft);
  if (period.closes <= now) {
    throw new ApiError('BAD_PERIOD', `the voting period ended at ${draft.votingPeriod.closes}: it lies wholly in the past`, [
      { code: 'BAD_PERIOD', path: ['votingPeriod', 'closes'], message: 'the voting period lies wholly in the past' },
    ]);
  }
  return periodWarnings(period);
}

/** Throws OUTSIDE_PERIOD unless voting may be opened at `time` (from 15 minutes before opens until closes). */
export function requireOpeningTime(election: Election, time: string): void {
  const refusal = openingRefusal(periodOf(election.definition), Date.parse(time));
  if (refusal) throw new ApiError('OUTSIDE_PERIOD', refusal);
}

/**
 * The early close the `state closed` event at `time` carries: none once the period has ended (whatever was sent),
 * else the one sent, which must be signed by the commission's threshold (EARLY_CLOSE_UNSIGNED, BAD_MEMBER_SIGNATURE,
 * TIME_ORDER otherwise; refused outright when the definition names no commission).
 */
export function earlyCloseAt(election: Election, time: string, early: EarlyCloseJson | undefined): EarlyCloseJson | undefined {
  if (!isEarlyClose(periodOf(election.definition), Date.parse(time))) return undefined;
  const problems = closeProblems(election.definition, election.fingerprint, time, early);
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  return early;
}
