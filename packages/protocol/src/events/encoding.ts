// The bytes of an event on the board (spec §4.1): the Merkle leaf's entry is the tagged tuple of the election
// fingerprint and the event's canonical JSON, so an event copied from another election never verifies here.
import { encodeTuple, TAGS } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { BoardEventJson } from './schema.ts';

export function eventEntryBytes(fingerprint: Uint8Array, event: BoardEventJson): Uint8Array {
  return eventEntryOfLine(fingerprint, canonicalBytes(event));
}

/** The same entry from the event's canonical JSON bytes, for a writer that already holds them (its record line). */
export function eventEntryOfLine(fingerprint: Uint8Array, canonical: Uint8Array): Uint8Array {
  return encodeTuple(TAGS.event, [fingerprint, canonical]);
}
