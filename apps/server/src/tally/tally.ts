// Processing and decryption over the board (spec §6): the counted set and the aggregates after close, each
// trustee's decryption shares checked as they arrive, and the tally that combines t of them into the result.
// The computations are the protocol's (processing/), so the verifier recomputes exactly what is published here.
import { type Ciphertext, type DealerCommitment, decodePoint, hexToBytes, type Point } from '@saylau/crypto';
import {
  type Aggregate,
  AggregateEntry,
  aggregate,
  aggregatePayload,
  type BoardBallot,
  buildResultEvent,
  CiphertextWire,
  type CountedBallot,
  checkDecryptionShares,
  countedSet,
  countedSetPayload,
  type DecryptionSetup,
  DecryptionShareEvent,
  decryptAggregates,
  decryptionSharePayload,
  type EntryShare,
  type EventJsonOf,
  type TrusteeShares,
  validityBasis,
} from '@saylau/protocol';
import { z } from 'zod';
import type { Storage } from '../db/index.ts';
import type { Election } from '../election/election.ts';
import { advance, requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import { registerSizes } from '../register/register.ts';
import type { Services } from '../services.ts';

/** Parsed back from the board: the server stored them after checking them. */
async function eventsOf<
  T extends 'trustee-commitment' | 'aggregate' | 'decryption-share' | 'cancellation' | 'register' | 'credential-replacement',
>(storage: Storage, election: Election, type: T): Promise<EventJsonOf<T>[]> {
  return (await storage.board.eventsOfType(election.id, type)).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

/** The counted set and the aggregates of the counted ballots; state → processed. */
export async function processBallots(services: Services, election: Election) {
  requireState(election, 'closed');
  const { storage } = services;
  const rows = await storage.ballots.inBoardOrder(election.id);
  const ballots: BoardBallot[] = rows.map((r) => ({ hash: r.hash, credential: r.credential, seq: r.seq }));
  const cancelled = new Set((await eventsOf(storage, election, 'cancellation')).flatMap((e) => e.credentials));
  // a lost letter re-issued: the old credential's e-votes are not counted (spec §6.2)
  const revoked = new Set((await eventsOf(storage, election, 'credential-replacement')).map((e) => e.old));
  const set = countedSet(ballots, cancelled, revoked);
  const rowOf = new Map(rows.map((r) => [r.hash, r]));
  // Only the counted ballots' ciphertexts are decoded (the proofs were checked at intake).
  const counted: CountedBallot[] = [];
  for (const hash of set.counted) {
    const row = rowOf.get(hash) as (typeof rows)[number];
    const event = JSON.parse((await storage.board.event(election.id, row.seq)) as string) as EventJsonOf<'ballot'>;
    counted.push({
      district: row.district,
      ballot: {
        answers: event.ballot.answers.map((a) => ({
          question: a.question,
          selections: a.selections.map((s) => ({ ciphertext: CiphertextWire.parse(s.ciphertext) as Ciphertext })),
        })),
      },
    });
  }
  const entries = aggregate(election.definition, counted);
  const countedEvent = countedSetPayload(set);
  const aggregateEvent = aggregatePayload(entries);
  await services.elections.transact(election, async (board) => {
    await board.append(countedEvent, aggregateEvent);
    await advance(storage, election, board, 'processed');
  });
  return {
    counted: countedEvent.counted.length,
    superseded: countedEvent.superseded,
    cancelled: countedEvent.cancelled,
    entries: aggregateEvent.entries,
  };
}

/** What share checking and decryption need, from the board. */
async function decryptionSetup(storage: Storage, election: Election): Promise<DecryptionSetup> {
  const qualified = new Set(election.qualified ?? []);
  const dealers: DealerCommitment[] = (await eventsOf(storage, election, 'trustee-commitment'))
    .filter((e) => qualified.has(e.trustee))
    .map((e) => ({ dealer: e.trustee, commitments: e.commitments.map(pointOf), proofs: [] }));
  const aggregateEvent = (await eventsOf(storage, election, 'aggregate'))[0];
  if (!aggregateEvent) throw new ApiError('WRONG_STATE', 'there are no aggregates to decrypt yet');
  const entries: Aggregate[] = z.array(AggregateEntry).parse(aggregateEvent.entries);
  return { fingerprint: election.fingerprint, trustees: election.definition.trustees, dealers, entries };
}

/** A trustee's decryption shares of every aggregate entry, all proofs checked in one batch before they are stored. */
export async function postDecryptionShares(
  services: Services,
  election: Election,
  trustee: number,
  shares: readonly EntryShare[],
  signature: EventJsonOf<'decryption-share'>['signature'],
) {
  requireState(election, 'processed');
  const { storage } = services;
  if ((await eventsOf(storage, election, 'decryption-share')).some((e) => e.trustee === trustee)) {
    throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has sent its decryption shares already`);
  }
  const check = checkDecryptionShares(await decryptionSetup(storage, election), [{ trustee, shares }]);
  if (check.problems.length > 0) throw ApiError.fromProblems(check.problems);
  const payload = decryptionSharePayload(trustee, shares);
  await services.elections.transact(election, async (board) => {
    // another server may have taken this trustee's shares since the check above
    if ((await eventsOf(storage, election, 'decryption-share')).some((e) => e.trustee === trustee)) {
      throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has sent its decryption shares already`);
    }
    await board.append({ ...payload, signature });
  });
  return { trustee };
}

/** Combines the shares of the first t valid trustees, solves the counts, judges the validity rules; state → decrypted. */
export async function decrypt(services: Services, election: Election) {
  requireState(election, 'processed');
  const { storage } = services;
  const setup = await decryptionSetup(storage, election);
  const submissions: TrusteeShares[] = (await eventsOf(storage, election, 'decryption-share')).map((e) => {
    const decoded = DecryptionShareEvent.parse(e);
    return { trustee: decoded.trustee, shares: decoded.shares };
  });
  const decryption = decryptAggregates(setup, submissions);
  if (!decryption.ok) {
    const notEnough = decryption.problems.find((p) => p.code === 'NOT_ENOUGH_TRUSTEES');
    throw notEnough
      ? new ApiError('NOT_ENOUGH_TRUSTEES', notEnough.message, decryption.problems)
      : ApiError.fromProblems(decryption.problems);
  }
  // the register as published on the board: the quorum denominators the verifier will use too
  const register = (await eventsOf(storage, election, 'register'))[0]?.sizes ?? (await registerSizes(services, election));
  // the verdicts are judged on the definition's basis: with paper votes, on the paper results already on the board
  const [paperBody] = await storage.board.eventsOfType(election.id, 'paper-results');
  const paper = paperBody === undefined ? undefined : (JSON.parse(paperBody) as EventJsonOf<'paper-results'>).statement;
  const basis = validityBasis(election.definition);
  if (basis !== 'e-votes' && !paper) {
    throw new ApiError(
      'WRONG_STATE',
      `the definition judges validity on "${basis}": enter the paper results and have the members sign them before the tally`,
    );
  }
  const result = buildResultEvent(election.definition, register, setup.entries, decryption.value, paper);
  let stored: EventJsonOf<'result'> | undefined;
  await services.elections.transact(election, async (board) => {
    const [event] = await board.append(result);
    stored = JSON.parse((event as { body: string }).body) as EventJsonOf<'result'>;
    await advance(storage, election, board, 'decrypted');
  });
  return stored;
}
