// Appending to an election's board: each event gets its seq (= Merkle leaf index) and the server's time, is stored
// as canonical JSON with its leaf hash, and the transaction that appends signs a tree head over the new size.
import { encodeTuple, TAGS, utf8ToBytes } from '@saylau/crypto';
import {
  type BoardEventJson,
  canonicalJson,
  leafHash,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  signTreeHead,
} from '@saylau/protocol';
import { z } from 'zod';
import type { Storage } from '../db/index.ts';
import type { Election } from './election.ts';

type WithoutEnvelope<E> = E extends BoardEventJson ? Omit<E, 'seq' | 'time'> : never;
/** An event as the caller writes it: the board adds `seq` and `time`. */
export type NewEvent = WithoutEnvelope<BoardEventJson>;

export interface AppendedEvent {
  readonly seq: number;
  readonly time: string;
  /** The event's canonical JSON, as stored and as hashed. */
  readonly body: string;
}

/**
 * The entry bytes of an event from its canonical JSON: eventEntryBytes of events/encoding.ts, without
 * serialising the event a second time (a test checks the two agree).
 */
export function entryBytesOfCanonical(fingerprint: Uint8Array, canonicalEvent: string): Uint8Array {
  return encodeTuple(TAGS.event, [fingerprint, utf8ToBytes(canonicalEvent)]);
}

/** Appends events in order. Call only inside `Elections.transact`, which signs the head and undoes memory on failure. */
export async function appendEvents(
  storage: Storage,
  election: Election,
  events: readonly NewEvent[],
  time: string,
): Promise<AppendedEvent[]> {
  const rows = events.map((event) => {
    const seq = election.log.size;
    const body = canonicalJson({ ...event, seq, time });
    const leaf = leafHash(entryBytesOfCanonical(election.fingerprint, body));
    election.log.append(leaf);
    return { seq, type: event.type, body, leafHash: leaf };
  });
  // one statement for all of them (a batch of ballots is one round trip on PostgreSQL)
  await storage.board.insertEvents(election.id, rows);
  return rows.map(({ seq, body }) => ({ seq, time, body }));
}

/**
 * Signs and stores the head of the whole board as it stands. The caller publishes it (election.head) only once
 * its transaction has committed: a head seen by anyone is a head the database holds.
 */
export async function signBoardHead(storage: Storage, election: Election, timestamp: string): Promise<SignedTreeHeadJson> {
  const size = election.log.size;
  const head = signTreeHead(election.boardSecret, election.fingerprint, size, election.log.root(size), timestamp);
  const json = z.encode(SignedTreeHeadWire, head);
  await storage.board.insertHead(election.id, size, canonicalJson(json));
  return json;
}
