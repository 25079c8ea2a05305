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

async function ofType<T extends (typeof CEREMONY_TYPES)[number]>(
  storage: Storage,
  election: Election,
  type: T,
): Promise<EventJsonOf<T>[]> {
  // Stored by this server after validation: parsing back needs no schema.
  return (await storage.board.eventsOfType(election.id, type)).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

export async function ceremonyEvents(storage: Storage, election: Election): Promise<CeremonyEvents> {
  const byTrustee = <E extends { trustee: number }>(events: E[]) => new Map(events.map((e) => [e.trustee, e]));
  return {
    keys: byTrustee(await ofType(storage, election, 'trustee-key')),
    commitments: byTrustee(await ofType(storage, election, 'trustee-commitment')),
    shares: byTrustee(await ofType(storage, election, 'trustee-shares')),
    complaints: await ofType(storage, election, 'trustee-complaint'),
    acknowledgements: await ofType(storage, election, 'trustee-acknowledgement'),
  };
}

/** Every ceremony event decoded (points as values), in board order: the input of the qualification algorithm. */
export async function decodedCeremonyEvents(storage: Storage, election: Election): Promise<CeremonyEvent[]> {
  return (await Promise.all(CEREMONY_TYPES.map((type) => ofType(storage, election, type))))
    .flat()
    .sort((a, b) => a.seq - b.seq)
    .map((json) => EventWire.parse(json) as CeremonyEvent);
}
