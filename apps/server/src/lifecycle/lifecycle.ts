// The commission's steps between the ceremony and processing: open, close, cancel paper voters' e-votes, publish.

import { type EarlyCloseJson, isEarlyClose, periodOf } from '@saylau/protocol';
import { collectedEarlyClose } from '../commission/early-close.ts';
import { decisionPublished, stagePaperVoters } from '../commission/statements.ts';
import type { Election } from '../election/election.ts';
import { advance, requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import { registerSizes } from '../register/register.ts';
import type { Services } from '../services.ts';
import { earlyCloseAt, requireOpeningTime } from './period.ts';

/** Opening needs the joint key (state ready) and the frozen register with its credentials. */
export async function openVoting(services: Services, election: Election) {
  requireState(election, 'ready');
  if (!election.registerFrozen) throw new ApiError('WRONG_STATE', 'issue the credentials (freezing the register) before opening');
  const commission = election.definition.commission;
  if (commission && !(await decisionPublished(services, election))) {
    throw new ApiError(
      'NOT_ENOUGH_MEMBERS',
      `the commission's decision needs ${commission.threshold} member signatures before voting opens: each member runs "saylau commission sign decision"`,
    );
  }
  await services.elections.transact(election, async (board) => {
    requireOpeningTime(election, board.time);
    await advance(services.storage, election, board, 'open');
  });
  return { state: election.state };
}

/**
 * Closing stops the intake at once: batches still being verified are refused when they come to commit. Before the
 * period's end it needs the commission's signed early close (spec §4.5), which the `state closed` event carries:
 * sent with the request, or 'collected' — the statement the members signed through /commission/early-close.
 */
export async function closeVoting(services: Services, election: Election, early?: EarlyCloseJson | 'collected') {
  requireState(election, 'open');
  let kept: EarlyCloseJson | undefined;
  await services.elections.transact(election, async (board) => {
    const before = isEarlyClose(periodOf(election.definition), Date.parse(board.time));
    const sent = early === 'collected' ? (before ? await collectedEarlyClose(services, election, board.time) : undefined) : early;
    kept = earlyCloseAt(election, board.time, sent);
    await advance(services.storage, election, board, 'closed', kept);
    await services.storage.commission.drop(election.id, 'early-close');
  });
  return { state: election.state, early: kept !== undefined };
}

/** The cancellation event's bound: more paper voters take several events. */
const CANCELLATIONS_PER_EVENT = 100_000;

/**
 * Voters who voted on paper: their credentials go on the board in a cancellation event, which cancels their
 * e-votes whatever the order (brief §1.6). Voters named before are not listed again.
 */
export async function cancelPaperVoters(services: Services, election: Election, voterIds: readonly string[]) {
  requireState(election, 'closed');
  const { voters } = services.storage;
  const known = await Promise.all(voterIds.map((id) => voters.get(election.id, id)));
  const unknown = voterIds.filter((_, i) => !known[i]);
  if (unknown.length > 0) {
    throw new ApiError('UNKNOWN_VOTER', `not in the register: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`);
  }
  // With a commission, the list is staged for its members to sign; it cancels nothing until they have (spec §4.4).
  if (election.definition.commission) {
    const { staged } = await stagePaperVoters(services, election, voterIds);
    return { cancelled: 0, staged };
  }
  const rows = new Map(voterIds.map((id, i) => [id, known[i]]));
  const fresh = [...rows.keys()].filter((id) => rows.get(id)?.paper === 0);
  if (fresh.length > 0) {
    await services.elections.transact(election, async (board) => {
      for (const id of fresh) await voters.markPaper(election.id, id);
      const credentials = fresh.map((id) => rows.get(id)?.credential as string);
      for (let i = 0; i < credentials.length; i += CANCELLATIONS_PER_EVENT) {
        await board.append({ type: 'cancellation', credentials: credentials.slice(i, i + CANCELLATIONS_PER_EVENT) });
      }
    });
  }
  return { cancelled: fresh.length };
}

export async function publish(services: Services, election: Election) {
  requireState(election, 'decrypted');
  await services.elections.transact(election, (board) => advance(services.storage, election, board, 'published'));
  return { state: election.state };
}

/** Registered and voted (distinct credentials with a ballot) per district: public at any time, results never. */
export async function turnout(services: Services, election: Election) {
  const sizes = await registerSizes(services, election);
  const voted = await services.storage.ballots.turnout(election.id);
  return {
    districts: election.definition.districts.map((d) => ({
      district: d.id,
      registered: sizes[d.id] ?? 0,
      voted: voted.get(d.id) ?? 0,
    })),
  };
}
