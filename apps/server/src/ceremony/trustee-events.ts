// The key ceremony's state is its board events: each trustee's key, commitment, shares and complaints so far.
import { type CeremonyEvent, type EventJsonOf, EventWire } from '@saylau/protocol';
import type { Storage } from '../db/index.ts';
import type { Election } from '../election/election.ts';

const CEREMONY_TYPES = [
  'trustee-key',
  'trustee-commitment',
  'trustee-shares',
  'trustee-complaint',
  'trustee-acknowledgement',
] as const;

export interface CeremonyEvents {
  readonly keys: Map<number, EventJsonOf<'trustee-key'>>;
  readonly commitments: Map<number, EventJsonOf<'trustee-commitment'>>;
  readonly shares: Map<number, EventJsonOf<'trustee-shares'>>;
  readonly complaints: EventJsonOf<'trustee-complaint'>[];
  readonly acknowledgements: EventJsonOf<'trustee-acknowledgement'>[];
}

function ofType<T extends (typeof CEREMONY_TYPES)[number]>(storage: Storage, election: Election, type: T): EventJsonOf<T>[] {
  // Stored by this server after validation: parsing back needs no schema.
  return storage.board.eventsOfType(election.id, type).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

export function ceremonyEvents(storage: Storage, election: Election): CeremonyEvents {
  const byTrustee = <E extends { trustee: number }>(events: E[]) => new Map(events.map((e) => [e.trustee, e]));
  return {
    keys: byTrustee(ofType(storage, election, 'trustee-key')),
    commitments: byTrustee(ofType(storage, election, 'trustee-commitment')),
    shares: byTrustee(ofType(storage, election, 'trustee-shares')),
    complaints: ofType(storage, election, 'trustee-complaint'),
    acknowledgements: ofType(storage, election, 'trustee-acknowledgement'),
  };
}

/** Every ceremony event decoded (points as values), in board order: the input of the qualification algorithm. */
export function decodedCeremonyEvents(storage: Storage, election: Election): CeremonyEvent[] {
  return CEREMONY_TYPES.flatMap((type) => ofType(storage, election, type))
    .sort((a, b) => a.seq - b.seq)
    .map((json) => EventWire.parse(json) as CeremonyEvent);
}
