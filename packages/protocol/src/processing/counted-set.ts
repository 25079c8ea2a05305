// The counted set (spec §6.2): the last ballot of every credential, unless that credential was revoked (a lost letter
// re-issued, §3.5.1) or is on the paper-vote cancellation list. Also the check that every re-vote's `supersedes` names its credential's previous ballot.
import { type BallotJson, ballotHash } from '../ballot/index.ts';
import { type Problem, problem } from '../errors.ts';
import type { BoardEventJson, EventJsonOf } from '../events/schema.ts';

/** A ballot as processing sees it: its hash, its credential (public key hex) and its place on the board. */
export interface BoardBallot {
  readonly hash: string;
  readonly credential: string;
  readonly seq: number;
}

export interface CountedSet {
  /** Hashes of the counted ballots, in board order. */
  readonly counted: string[];
  /** Ballots replaced by a later ballot of the same credential (cancelled credentials' included). */
  readonly superseded: number;
  /** Voters whose e-vote was cancelled: credentials on the cancellation list that have at least one ballot. */
  readonly cancelled: number;
  /** Revoked credentials that have at least one ballot: their last ballot is dropped (revocation wins over paper). */
  readonly revoked: number;
  /** Every credential's last ballot, counted or cancelled. */
  readonly lastByCredential: Map<string, BoardBallot>;
}

/** The ballots of a board as the counted set reads them, by their place in board order (0 … length − 1). */
export interface BallotList {
  readonly length: number;
  seq(i: number): number;
  credential(i: number): string;
}

/** The counted set with each ballot named by its place in a BallotList (countedSet names them by hash). */
export interface CountedPlaces extends Omit<CountedSet, 'counted' | 'lastByCredential'> {
  /** Places of the counted ballots, in board order. */
  readonly counted: number[];
  /** Every credential's last ballot (its place), counted or cancelled. */
  readonly last: Map<string, number>;
}

/**
 * Keeps the last ballot per credential and drops the credentials that were revoked or voted on paper, whatever the
 * order of the revocation, the cancellation and the ballots. The ballots must be in board order (strictly increasing
 * seq). Every ballot is exactly one of counted, superseded, cancelled or revoked:
 * counted + superseded + cancelled + revoked = ballots. For a board of a million ballots, held in columns by the
 * verifier, without an object per ballot.
 */
export function countedPlaces(
  ballots: BallotList,
  cancelledCredentials: ReadonlySet<string>,
  revokedCredentials: ReadonlySet<string> = new Set(),
): CountedPlaces {
  const last = new Map<string, number>();
  let previousSeq = -1;
  for (let i = 0; i < ballots.length; i++) {
    const seq = ballots.seq(i);
    if (seq <= previousSeq) throw new RangeError('ballots must be in board order');
    previousSeq = seq;
    last.set(ballots.credential(i), i);
  }
  const counted: number[] = [];
  let cancelled = 0;
  let revoked = 0;
  // Map iteration follows first insertion, not the last ballot's seq: walk the ballots again for board order.
  for (let i = 0; i < ballots.length; i++) {
    const credential = ballots.credential(i);
    if (last.get(credential) !== i) continue;
    if (revokedCredentials.has(credential)) revoked++;
    else if (cancelledCredentials.has(credential)) cancelled++;
    else counted.push(i);
  }
  return { counted, superseded: ballots.length - last.size, cancelled, revoked, last };
}

/** countedPlaces for ballots given as objects, the counted ones named by hash. */
export function countedSet(
  ballots: readonly BoardBallot[],
  cancelledCredentials: ReadonlySet<string>,
  revokedCredentials: ReadonlySet<string> = new Set(),
): CountedSet {
  const at = (i: number) => ballots[i] as BoardBallot;
  const list = { length: ballots.length, seq: (i: number) => at(i).seq, credential: (i: number) => at(i).credential };
  const { counted, superseded, cancelled, revoked, last } = countedPlaces(list, cancelledCredentials, revokedCredentials);
  return {
    counted: counted.map((i) => at(i).hash),
    superseded,
    cancelled,
    revoked,
    lastByCredential: new Map([...last].map(([credential, i]) => [credential, at(i)])),
  };
}

/** The counted-set event as the board stores it (without seq and time); `revoked` only when not 0 (spec §6.2). */
export function countedSetPayload(set: CountedSet): Omit<EventJsonOf<'counted-set'>, 'seq' | 'time'> {
  return {
    type: 'counted-set',
    counted: [...set.counted],
    superseded: set.superseded,
    cancelled: set.cancelled,
    ...(set.revoked > 0 ? { revoked: set.revoked } : {}),
  };
}

/** A ballot event with what `supersedesProblems` needs. */
export interface SupersedingBallot extends BoardBallot {
  readonly supersedes: string | null;
}

/**
 * Every ballot whose `supersedes` is not the hash of its credential's previous ballot on the board (null for the
 * credential's first): WRONG_SUPERSEDES at path [seq, 'supersedes']. `ballots` in board order.
 */
export function supersedesProblems(ballots: readonly SupersedingBallot[]): Problem[] {
  const previous = new Map<string, string>();
  const out: Problem[] = [];
  for (const ballot of ballots) {
    const expected = previous.get(ballot.credential) ?? null;
    if (ballot.supersedes !== expected) {
      const message =
        expected === null
          ? `the ballot at seq ${ballot.seq} supersedes ${ballot.supersedes}, but it is its credential's first`
          : `the ballot at seq ${ballot.seq} supersedes ${ballot.supersedes ?? 'nothing'}; its credential's previous ballot is ${expected}`;
      out.push(problem('WRONG_SUPERSEDES', [ballot.seq, 'supersedes'], message));
    }
    previous.set(ballot.credential, ballot.hash);
  }
  return out;
}

/** The ballot events of a board (JSON, board order) with their hashes, for `countedSet` and `supersedesProblems`. */
export function boardBallots(events: readonly BoardEventJson[]): SupersedingBallot[] {
  return events.flatMap((e) =>
    e.type === 'ballot'
      ? [{ hash: ballotHash(e.ballot as BallotJson), credential: e.ballot.credential, seq: e.seq, supersedes: e.supersedes }]
      : [],
  );
}

/** The credentials of every cancellation event on the board (there may be several; their union counts). */
export function paperCancellations(events: readonly BoardEventJson[]): Set<string> {
  return new Set(events.flatMap((e) => (e.type === 'cancellation' ? e.credentials : [])));
}

/**
 * Compares a published counted set with the recomputed one: COUNTED_SET_MISMATCH for each hash counted but not
 * expected (path ['counted', i]), each expected but missing (path ['counted']), a different order, and each
 * differing figure (path ['superseded'], ['cancelled'] or ['revoked']; an absent `revoked` reads as 0).
 */
export function countedSetProblems(
  posted: Pick<EventJsonOf<'counted-set'>, 'counted' | 'superseded' | 'cancelled' | 'revoked'>,
  expected: Pick<CountedSet, 'counted' | 'superseded' | 'cancelled'> & { readonly revoked?: number },
): Problem[] {
  const out: Problem[] = [];
  const want = new Set(expected.counted);
  const have = new Set(posted.counted);
  posted.counted.forEach((hash, i) => {
    if (!want.has(hash)) out.push(problem('COUNTED_SET_MISMATCH', ['counted', i], `ballot ${hash} is counted but must not be`));
  });
  if (have.size !== posted.counted.length) out.push(problem('COUNTED_SET_MISMATCH', ['counted'], 'a ballot is counted twice'));
  for (const hash of expected.counted) {
    if (!have.has(hash)) out.push(problem('COUNTED_SET_MISMATCH', ['counted'], `ballot ${hash} must be counted but is missing`));
  }
  if (out.length === 0 && posted.counted.some((hash, i) => hash !== expected.counted[i])) {
    out.push(problem('COUNTED_SET_MISMATCH', ['counted'], 'the counted ballots are not in board order'));
  }
  for (const key of ['superseded', 'cancelled', 'revoked'] as const) {
    const have = posted[key] ?? 0;
    const want = expected[key] ?? 0;
    if (have !== want) out.push(problem('COUNTED_SET_MISMATCH', [key], `${key} is ${have}; recomputed ${want}`));
  }
  return out;
}
