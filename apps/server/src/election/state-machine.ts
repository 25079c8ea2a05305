// The election's life cycle (brief §1): draft → key-ceremony → ready → open → closed → processed → decrypted →
// published. Each step is a commission action; its own preconditions are checked by the action, the order here.
import { type EarlyCloseJson, ELECTION_STATES, type ElectionState } from '@saylau/protocol';
import type { Storage } from '../db/index.ts';
import { ApiError } from '../http/errors.ts';
import type { Election } from './election.ts';
import type { BoardWriter } from './registry.ts';

/** The one state each state may move to. */
export function nextState(state: ElectionState): ElectionState | undefined {
  return ELECTION_STATES[ELECTION_STATES.indexOf(state) + 1];
}

/** Throws WRONG_STATE unless the election is in one of the allowed states. */
export function requireState(election: Election, ...allowed: ElectionState[]): void {
  if (!allowed.includes(election.state)) {
    throw new ApiError('WRONG_STATE', `the election is ${election.state}; this needs it to be ${allowed.join(' or ')}`);
  }
}

/**
 * Moves the election one step on and logs it on the board as a StateEvent, with the commission's early close when
 * voting closes before the period ends (spec §4.5). Call inside `Elections.transact`.
 */
export async function advance(
  storage: Storage,
  election: Election,
  board: BoardWriter,
  to: ElectionState,
  early?: EarlyCloseJson,
): Promise<void> {
  if (nextState(election.state) !== to) {
    throw new ApiError('WRONG_STATE', `the election is ${election.state}; it cannot become ${to}`);
  }
  if (early && to !== 'closed') throw new Error('only a close carries an early close');
  await board.append(early ? { type: 'state', state: to, early } : { type: 'state', state: to });
  await storage.elections.setState(election.id, to);
  election.state = to;
}
