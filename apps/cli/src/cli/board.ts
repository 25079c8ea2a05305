// Reading the public board (GET /board, pages of events) and finding the latest events of a kind near its end,
// where processing puts the counted set and the aggregates.
import { type BoardEventJson, type EventJsonOf, type EventType, EventWire } from '@saylau/protocol';
import type { ApiClient } from './client.ts';
import { CliError } from './errors.ts';

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
    const parsed = EventWire.safeParse(event);
    if (!parsed.success || parsed.data.seq !== from + i)
      throw new CliError(`the server sent a malformed board event at ${from + i}`);
  });
  return page as { events: BoardEventJson[]; treeSize: number };
}

/** Every event of the board, in order (for small boards and the demo's checks). */
export async function wholeBoard(client: ApiClient, electionId: string): Promise<BoardEventJson[]> {
  const events: BoardEventJson[] = [];
  for (;;) {
    const page = await boardPage(client, electionId, events.length, 1000);
    events.push(...page.events);
    if (page.events.length === 0 || events.length >= page.treeSize) return events;
  }
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
  const pageSize = 50;
  for (let end = head.treeSize; end > 0; end -= pageSize) {
    const from = Math.max(0, end - pageSize);
    const { events } = await boardPage(client, electionId, from, end - from);
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i] as BoardEventJson;
      if (event.type === after) return found;
      if (event.type === type) found.unshift(event as EventJsonOf<T>);
    }
  }
  return found;
}
