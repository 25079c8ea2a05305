// The bytes of an event on the board (spec §4.1): the Merkle leaf's entry is the tagged tuple of the election
// fingerprint and the event's canonical JSON, so an event copied from another election never verifies here.
import { encodeTuple, TAGS } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { BoardEventJson } from './schema.ts';

export function eventEntryBytes(fingerprint: Uint8Array, event: BoardEventJson): Uint8Array {
  return encodeTuple(TAGS.event, [fingerprint, canonicalBytes(event)]);
}
