// Which trustees have posted their decryption shares: the `decryption-share` events after the board's `aggregate`
// event. The board holds every ballot before the aggregate, so it is read from its end back to the aggregate once,
// and afterwards only what was appended since.
import type { BoardEventJson } from '@saylau/protocol';
import { boardPage } from '@saylau/protocol/trustee-client';
import type { ConsoleApi } from '../../step.ts';
import { transportOf } from '../kit/election.ts';

const PAGE = 50;

export class DecryptionWatch {
  /** The board position read up to; null until the aggregate is found. */
  private next: number | null = null;
  private readonly posted = new Set<number>();

  constructor(
    private readonly api: ConsoleApi,
    private readonly electionId: string,
  ) {}

  /** The trustees whose decryption shares are on the board, ascending. */
  async read(): Promise<number[]> {
    const transport = transportOf(this.api);
    if (this.next === null) {
      const { treeSize } = await boardPage(transport, this.electionId, 0, 1);
      // back from the end, a page at a time, to the aggregate event
      let end = treeSize;
      while (end > 0 && this.next === null) {
        const from = Math.max(0, end - PAGE);
        const page = await boardPage(transport, this.electionId, from, end - from);
        const aggregate = page.events.findIndex((e) => e.type === 'aggregate');
        if (aggregate !== -1) this.next = from + aggregate;
        end = from;
      }
      if (this.next === null) return [];
    }
    for (;;) {
      const page = await boardPage(transport, this.electionId, this.next, 1000);
      this.collect(page.events);
      this.next += page.events.length;
      if (page.events.length === 0 || this.next >= page.treeSize) break;
    }
    return [...this.posted].sort((a, b) => a - b);
  }

  private collect(events: readonly BoardEventJson[]): void {
    for (const event of events) if (event.type === 'decryption-share') this.posted.add(event.trustee);
  }
}
