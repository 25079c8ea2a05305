// The voting period's rules (spec §4.5), in one place for the server, the simulator and the verifier: when the
// commission may open voting, when ballots count as cast in time, and when a close needs the commission's signature.
import type { ElectionDefinition } from '../definition/schema.ts';
import { instantOf } from './formats.ts';

/** Voting may be opened this long before `opens` (the commission opens by hand; ballots still wait for `opens`). */
export const OPEN_GRACE_MS = 15 * 60_000;
/** A period longer than this is allowed but flagged when the election is defined. */
export const LONG_PERIOD_MS = 31 * 24 * 60 * 60_000;
/** A period shorter than this is allowed but flagged when the election is defined. */
export const SHORT_PERIOD_MS = 60 * 60_000;

/** The period as instants (milliseconds since the epoch). */
export interface Period {
  readonly opens: number;
  readonly closes: number;
}

export function periodOf(definition: Pick<ElectionDefinition, 'votingPeriod'>): Period {
  return { opens: instantOf(definition.votingPeriod.opens), closes: instantOf(definition.votingPeriod.closes) };
}

/** A ballot is in time when opens ≤ t ≤ closes. */
export function withinPeriod(period: Period, at: number): boolean {
  return at >= period.opens && at <= period.closes;
}

/** Why voting may not be opened at `at`, or null: not before opens − 15 minutes, not once the period has ended. */
export function openingRefusal(period: Period, at: number): string | null {
  if (at < period.opens - OPEN_GRACE_MS) {
    return `voting opens at ${new Date(period.opens).toISOString()}; it can be opened at most ${OPEN_GRACE_MS / 60_000} minutes before`;
  }
  if (at >= period.closes) return `the voting period ended at ${new Date(period.closes).toISOString()}`;
  return null;
}

/** Closing at `at` is early (needs the commission's signed early close) while the period has not ended. */
export function isEarlyClose(period: Period, at: number): boolean {
  return at < period.closes;
}

/** What is unusual about a period (it is allowed, but the commission should look again): very long or very short. */
export function periodWarnings(period: Period): string[] {
  const length = period.closes - period.opens;
  if (length > LONG_PERIOD_MS) return [`the voting period is very long (${Math.round(length / 86_400_000)} days, more than 31)`];
  if (length < SHORT_PERIOD_MS)
    return [`the voting period is very short (${Math.round(length / 60_000)} minutes, less than an hour)`];
  return [];
}
