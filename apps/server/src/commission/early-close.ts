// Collecting the commission's early close (spec §4.5.4) from members in different places: a member (or the admin
// token) proposes it with a reason, the server stages { fingerprint, reason, at: now }, the members sign it one by one
// through /commission/early-close, and the close request then uses the collected signatures. Voting is never closed
// by the last signature: closing stays the commission's explicit act.
import {
  canonicalJson,
  EARLY_CLOSE_MAX_AGE_MS,
  type EarlyCloseJson,
  type EarlyCloseStatement,
  earlyCloseStatement,
  isEarlyClose,
  periodOf,
  verifyCommissionSignatures,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

/** An early close can be proposed and signed only while voting is open and before the period's end. */
export function requireEarlyCloseTime(services: Services, election: Election): void {
  requireState(election, 'open');
  if (!isEarlyClose(periodOf(election.definition), services.config.now())) {
    throw new ApiError(
      'OUTSIDE_PERIOD',
      `the voting period ended at ${election.definition.votingPeriod.closes}: close voting plainly, no early close is needed`,
    );
  }
}

/**
 * Stages the early close for the members to sign, timed now. It replaces a pending one no member has signed yet, or
 * one too old to close with (24 hours); a pending one with signatures is refused (ALREADY_EXISTS), so a proposal
 * cannot silently wipe what members have signed.
 */
export async function proposeEarlyClose(services: Services, election: Election, reason: string) {
  const commission = election.definition.commission;
  if (!commission) {
    throw new ApiError(
      'EARLY_CLOSE_UNSIGNED',
      `the election definition names no commission: nobody can close it early; voting closes at ${election.definition.votingPeriod.closes}`,
    );
  }
  requireEarlyCloseTime(services, election);
  const store = services.storage.commission;
  // under the election's lock, timed by the board's clock: two proposals at once cannot both pass the check
  const statement = await services.elections.transact(election, async (board) => {
    const row = await store.get(election.id, 'early-close');
    if (row && row.signatures.length > 0) {
      const staged = JSON.parse(row.statement) as EarlyCloseStatement;
      if (Date.parse(staged.at) >= Date.parse(board.time) - EARLY_CLOSE_MAX_AGE_MS) {
        throw new ApiError(
          'ALREADY_EXISTS',
          `an early close proposed at ${staged.at} is being signed (${row.signatures.length} of ${commission.threshold}): sign it and close, or propose again once it is 24 hours old`,
        );
      }
    }
    const proposed = earlyCloseStatement(election.fingerprintHex, reason.trim(), board.time);
    await store.put(election.id, 'early-close', canonicalJson(proposed));
    return proposed;
  });
  return { statement, threshold: commission.threshold };
}

/**
 * The `early` object of a close with the collected signatures, as the close request would send it. Refused when no
 * statement is pending (EARLY_CLOSE_UNSIGNED) or it was proposed more than 24 hours before `time` (TIME_ORDER: the
 * verifier would refuse the close); the threshold is judged by the close itself (period.ts, earlyCloseAt).
 */
export async function collectedEarlyClose(services: Services, election: Election, time: string): Promise<EarlyCloseJson> {
  const row = await services.storage.commission.get(election.id, 'early-close');
  if (!row) {
    throw new ApiError(
      'EARLY_CLOSE_UNSIGNED',
      'no early close is collected: propose one (POST …/early-close) and have the members sign it first',
    );
  }
  const statement = JSON.parse(row.statement) as EarlyCloseStatement;
  if (Date.parse(statement.at) < Date.parse(time) - EARLY_CLOSE_MAX_AGE_MS) {
    throw new ApiError(
      'TIME_ORDER',
      `the early close was proposed at ${statement.at}, more than 24 hours before now (${time}): its signatures can no longer close voting; propose it again`,
    );
  }
  // only the signatures that still verify against this statement (they were checked one by one as they came)
  const { signers } = verifyCommissionSignatures(
    election.definition,
    election.fingerprint,
    'early-close',
    statement,
    row.signatures,
  );
  const signatures = row.signatures.filter((s) => signers.includes(s.member));
  if (signatures.length === 0) {
    const threshold = election.definition.commission?.threshold ?? 1;
    throw new ApiError(
      'EARLY_CLOSE_UNSIGNED',
      `the early close proposed at ${statement.at} is signed by 0 of the ${threshold} commission member(s) it needs`,
    );
  }
  return { reason: statement.reason, at: statement.at, signatures };
}
