// Closing voting before the period ends (spec §4.5): only on the commission's word, a statement { fingerprint, reason,
// at } signed by at least its threshold of members with the protocol's one member signature (commission/signatures.ts).
// The `state closed` event carries it as `early`; the server and the verifier judge it with closeProblems.
import { bytesToHex } from '@saylau/crypto';
import { z } from 'zod';
import { isTimestamp, TimestampWire } from '../board/tree-head.ts';
import { MemberSignatureWire, verifyCommissionSignatures } from '../commission/signatures.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import { isEarlyClose, periodOf } from './period.ts';

/** The members' clocks may run this far ahead of the server's. */
export const EARLY_CLOSE_SKEW_MS = 5 * 60_000;
/** A signed early close is good for this long: a statement signed days before cannot be kept for later use. */
export const EARLY_CLOSE_MAX_AGE_MS = 24 * 60 * 60_000;

/** The `early` member of a `state closed` event, as the close request sends it. */
export const EarlyCloseWire = z
  .object({
    reason: z.string().min(1).max(1000),
    /** When the members signed (UTC, the board's format). */
    at: TimestampWire,
    signatures: z.array(MemberSignatureWire).min(1).max(50),
  })
  .strict();
export type EarlyCloseJson = z.input<typeof EarlyCloseWire>;

/** What each member signs (kind 'early-close'). */
export interface EarlyCloseStatement {
  readonly fingerprint: string;
  readonly reason: string;
  readonly at: string;
}

export function earlyCloseStatement(fingerprintHex: string, reason: string, at: string): EarlyCloseStatement {
  return { fingerprint: fingerprintHex, reason, at };
}

/**
 * Judges a close at `closedAt` (the `state closed` event's time). Before the period's end it needs `early`: its
 * statement signed by the commission's threshold (EARLY_CLOSE_UNSIGNED when missing, short or without a commission;
 * BAD_MEMBER_SIGNATURE for each bad signature), signed at most 24 hours before the close and not after it
 * (TIME_ORDER, with 5 minutes for the members' clocks). An `early` on a close at or after the end is judged the same.
 */
export function closeProblems(
  definition: ElectionDefinition,
  fingerprint: Uint8Array,
  closedAt: string,
  early: unknown,
): Problem[] {
  if (!isTimestamp(closedAt))
    return [problem('BAD_TIME_FORMAT', ['time'], `the close's time ${closedAt} is not a UTC timestamp`)];
  const period = periodOf(definition);
  const at = Date.parse(closedAt);
  const closes = definition.votingPeriod.closes;
  if (early === undefined) {
    if (!isEarlyClose(period, at)) return [];
    const why = definition.commission
      ? `without an early close signed by ${definition.commission.threshold} commission member(s)`
      : 'and the definition names no commission who could close it early';
    return [
      problem('EARLY_CLOSE_UNSIGNED', ['early'], `voting closed at ${closedAt}, before the period's end (${closes}), ${why}`),
    ];
  }
  const parsed = EarlyCloseWire.safeParse(early);
  if (!parsed.success) {
    return [problem('EARLY_CLOSE_UNSIGNED', ['early'], 'the early close is not { reason, at, signatures } of the right form')];
  }
  const commission = definition.commission;
  if (!commission) {
    return [problem('EARLY_CLOSE_UNSIGNED', ['early'], 'the definition names no commission: nobody can sign an early close')];
  }
  const { reason, at: signedAt } = parsed.data;
  const statement = earlyCloseStatement(bytesToHex(fingerprint), reason, signedAt);
  const signatures = (early as { signatures: unknown[] }).signatures;
  const verdict = verifyCommissionSignatures(definition, fingerprint, 'early-close', statement, signatures);
  const out: Problem[] = verdict.problems.map((p) => ({ ...p, path: ['early', 'signatures', ...p.path] }));
  if (!verdict.enough) {
    out.push(
      problem(
        'EARLY_CLOSE_UNSIGNED',
        ['early', 'signatures'],
        `the early close is signed by ${verdict.signers.length} of the ${commission.threshold} commission member(s) it needs`,
      ),
    );
  }
  const signed = Date.parse(signedAt);
  if (signed > at + EARLY_CLOSE_SKEW_MS) {
    out.push(problem('TIME_ORDER', ['early', 'at'], `the members signed at ${signedAt}, after the close at ${closedAt}`));
  } else if (signed < at - EARLY_CLOSE_MAX_AGE_MS) {
    out.push(
      problem(
        'TIME_ORDER',
        ['early', 'at'],
        `the members signed at ${signedAt}, more than 24 hours before the close at ${closedAt}`,
      ),
    );
  }
  return out;
}

/** Why a member must not sign an early-close statement: a code for the pages' own words, a sentence for the CLI. */
export interface EarlyCloseSigningRefusal {
  readonly code: 'malformed' | 'other-election' | 'no-reason' | 'in-future' | 'too-old';
  readonly message: string;
}

/**
 * Why a member must not sign this early-close statement now, or null: a member signs only this election's fingerprint,
 * a stated reason and a time within the last 24 hours (5 minutes ahead for the clocks) — never a statement blindly.
 * The CLI's `commission sign early-close` and the console check with this before signing what the server staged.
 */
export function earlyCloseSigningRefusal(
  fingerprintHex: string,
  statement: unknown,
  now: number,
): EarlyCloseSigningRefusal | null {
  const s = statement as Partial<Record<keyof EarlyCloseStatement, unknown>> | null;
  if (typeof s !== 'object' || s === null || Object.keys(s).sort().join(',') !== 'at,fingerprint,reason') {
    return { code: 'malformed', message: 'the statement is not { fingerprint, reason, at }' };
  }
  if (s.fingerprint !== fingerprintHex) {
    return { code: 'other-election', message: `the statement names another election (fingerprint ${String(s.fingerprint)})` };
  }
  if (typeof s.reason !== 'string' || s.reason.trim() === '' || s.reason.length > 1000) {
    return { code: 'no-reason', message: 'the statement gives no reason' };
  }
  if (!isTimestamp(s.at)) return { code: 'malformed', message: 'the statement’s time is not a UTC timestamp' };
  const at = Date.parse(s.at);
  if (at > now + EARLY_CLOSE_SKEW_MS) return { code: 'in-future', message: `the statement is timed ${s.at}, in the future` };
  if (at < now - EARLY_CLOSE_MAX_AGE_MS) {
    return { code: 'too-old', message: `the statement is timed ${s.at}, more than 24 hours ago: propose it again` };
  }
  return null;
}
