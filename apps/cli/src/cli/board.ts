// Reading the public board (GET /board, pages of events) and finding the latest events of a kind near its end,
// where processing puts the counted set and the aggregates.
import { bytesToHex, decodePoint, hexToBytes } from '@saylau/crypto';
import {
  type BoardEventJson,
  CEREMONY_PART_OF,
  type CeremonyEvent,
  type ElectionDefinition,
  type EventJsonOf,
  type EventType,
  EventWire,
  eventEntryBytes,
  leafHash,
  MerkleLog,
  SignedTreeHeadWire,
  verifyTreeHead,
} from '@saylau/protocol';
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

/** A board prefix the client checked itself: every event up to a head signed by the board key, with its root. */
export interface VerifiedBoard {
  readonly events: BoardEventJson[];
  readonly treeSize: number;
  readonly rootHash: string;
}

/**
 * Reads the board up to the latest signed head and checks that the head is signed by the definition's board key and
 * that its root is the Merkle root of exactly these events: what a trustee then checks (and acknowledges) is the
 * board everyone else is shown, not a view made for it.
 */
export async function readVerifiedBoard(
  client: ApiClient,
  election: { readonly id: string; readonly fingerprint: Uint8Array; readonly definition: ElectionDefinition },
): Promise<VerifiedBoard> {
  const head = SignedTreeHeadWire.parse(
    await client.get<unknown>(`/api/elections/${election.id}/tree-head`, { what: 'reading the signed tree head' }),
  );
  const boardKey = decodePoint(hexToBytes(election.definition.boardKey));
  if (!verifyTreeHead(boardKey, election.fingerprint, head)) {
    throw new CliError('the server’s tree head is not signed by the election’s board key: stop and tell the commission');
  }
  const events: BoardEventJson[] = [];
  const log = new MerkleLog();
  while (events.length < head.treeSize) {
    const page = await boardPage(client, election.id, events.length, Math.min(1000, head.treeSize - events.length));
    if (page.events.length === 0)
      throw new CliError(`the board ends at ${events.length} events; its signed head says ${head.treeSize}`);
    for (const event of page.events) {
      events.push(event);
      log.append(leafHash(eventEntryBytes(election.fingerprint, event)));
    }
  }
  const rootHash = bytesToHex(log.root(head.treeSize));
  if (rootHash !== head.rootHash) {
    throw new CliError('the board’s events do not have the root its signed head gives: stop and tell the commission');
  }
  return { events: events.slice(0, head.treeSize), treeSize: head.treeSize, rootHash };
}

/** Every ceremony event of a verified board, decoded, in board order: the qualification algorithm's input. */
export function ceremonyEventsOf(board: VerifiedBoard): CeremonyEvent[] {
  return board.events.filter((e) => e.type in CEREMONY_PART_OF).map((e) => EventWire.parse(e) as CeremonyEvent);
}
