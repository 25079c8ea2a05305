import { type BoardEventJson, type ElectionDefinition, type EventJsonOf, type EventType, EventWire } from '@saylau/protocol';
import {
  ceremonyEventsOf,
  readVerifiedBoard as readShared,
  TrusteeError,
  type VerifiedBoard,
} from '@saylau/protocol/trustee-client';
import { transportOf } from '../trustee/transport.ts';
import type { ApiClient } from './client.ts';
import { CliError } from './errors.ts';

/**
 * A page of board events. Only each event's place and type are checked here (decoding every point of every ballot
 * would cost far more than the callers need); callers parse the events they use with EventWire.
 */
export async function boardPage(
  client: ApiClient,
  electionId: string,
  from: number,
  limit: number,
): Promise<{ events: BoardEventJson[]; treeSize: number }> {
  const page = await client.get<{ events: unknown[]; treeSize: number }>(
    `/api/elections/${electionId}/board?from=${from}&limit=${limit}`,
    { what: 'reading the board' },
  );
  page.events.forEach((event, i) => {
    const e = event as { seq?: unknown; type?: unknown } | null;
    if (typeof e !== 'object' || e === null || e.seq !== from + i || typeof e.type !== 'string') {
      throw new CliError(`the server sent a malformed board event at ${from + i}`);
    }
  });
  return page as { events: BoardEventJson[]; treeSize: number };
}

/** The event checked in full against the protocol's schema (points decoded, canonical encodings enforced). */
export function checkedEvent<T extends BoardEventJson>(event: T): T {
  if (!EventWire.safeParse(event).success) throw new CliError(`the server sent a malformed ${event.type} event at ${event.seq}`);
  return event;
}

/**
 * The events of `type` after the last event of `after` (both searched from the end backwards), in board order.
 * Reads pages backwards so a big board's ballots are not fetched.
 */
export async function latestEventsOf<T extends EventType>(
  client: ApiClient,
  electionId: string,
  type: T,
  after: EventType,
): Promise<EventJsonOf<T>[]> {
  const head = await boardPage(client, electionId, 0, 1);
  const found: EventJsonOf<T>[] = [];
  // small pages first: what is looked for sits near the end, behind which lie the (large) ballots
  let pageSize = 8;
  for (let end = head.treeSize; end > 0; end -= pageSize, pageSize = Math.min(pageSize * 2, 256)) {
    const from = Math.max(0, end - pageSize);
    const { events } = await boardPage(client, electionId, from, end - from);
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i] as BoardEventJson;
      if (event.type === after) return found;
      if (event.type === type) found.unshift(checkedEvent(event) as EventJsonOf<T>);
    }
  }
  return found;
}

/** A board prefix the client checked itself: the shared trustee logic's (one implementation for CLI and page). */
export type { VerifiedBoard };

/**
 * Reads the board up to the latest signed head and checks that the head is signed by the definition's board key and
 * that its root is the Merkle root of exactly these events (@saylau/protocol/trustee-client's readVerifiedBoard).
 */
export async function readVerifiedBoard(
  client: ApiClient,
  election: { readonly id: string; readonly fingerprint: Uint8Array; readonly definition: ElectionDefinition },
): Promise<VerifiedBoard> {
  try {
    return await readShared(transportOf(client), election);
  } catch (error) {
    if (error instanceof TrusteeError) throw new CliError(error.message);
    throw error;
  }
}

export { ceremonyEventsOf };
