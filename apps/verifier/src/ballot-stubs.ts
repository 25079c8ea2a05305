// The ballot events as the loader keeps them: their board facts only (line, seq, time, supersedes, credential), in
// columns — a million ballots take some 40 MB here, where an object per ballot took 150 — and the ballots' ciphertexts
// and proofs are read again from the file by the ballot stage.
import type { BoardEventJson } from '@saylau/protocol';

/** A ballot event as the stages see it: everything about it but the ballot's ciphertexts, proofs and signature. */
export type BallotStub = Omit<Extract<BoardEventJson, { type: 'ballot' }>, 'ballot'> & {
  readonly ballot: { readonly credential: string };
};

/** A growable column of numbers (a million take 8 MB). */
export class NumberColumn {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  get(i: number): number {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no entry ${i} in a column of ${this.length}`);
    return this.values[i] as number;
  }
}

/** The well-formed ballot events of a board, in board order; `i` is a ballot's place among them. */
export class BallotStubs {
  private readonly lines = new NumberColumn();
  private readonly times = new NumberColumn();
  // on a sound board every seq is its line and every time prints as its milliseconds: only the others are kept
  private readonly oddSeqs = new Map<number, number>();
  private readonly oddTimes = new Map<number, string>();
  // strings, shared: each credential is the credential list's own string, and most ballots supersede nothing
  private readonly credentials: string[] = [];
  private readonly previous: (string | null)[] = [];

  get length(): number {
    return this.lines.length;
  }

  /** Adds the ballot event at `line`; `credential` is the list's string for its credential when it has one. */
  push(line: number, event: Extract<BoardEventJson, { type: 'ballot' }>, credential: string): void {
    const ms = Date.parse(event.time);
    if (Number.isNaN(ms) || new Date(ms).toISOString() !== event.time) this.oddTimes.set(this.length, event.time);
    if (event.seq !== line) this.oddSeqs.set(this.length, event.seq);
    this.lines.push(line);
    this.times.push(ms);
    this.credentials.push(credential);
    this.previous.push(event.supersedes);
  }

  /** The line of events.jsonl the ballot is on. */
  line(i: number): number {
    return this.lines.get(i);
  }

  /** The seq the ballot event gives itself (its line, on a sound board). */
  seq(i: number): number {
    return this.oddSeqs.get(i) ?? this.line(i);
  }

  time(i: number): string {
    return this.oddTimes.get(i) ?? new Date(this.times.get(i)).toISOString();
  }

  supersedes(i: number): string | null {
    return this.previous[i] as string | null;
  }

  credential(i: number): string {
    return this.credentials[i] as string;
  }

  /** The ballot on a line, or -1 when the line holds no well-formed ballot event. */
  at(line: number): number {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const found = this.lines.get(mid);
      if (found === line) return mid;
      if (found < line) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The ballot as an event object (made on each call: only a few are alive at a time). */
  stub(i: number): BallotStub {
    return {
      type: 'ballot',
      seq: this.seq(i),
      time: this.time(i),
      supersedes: this.supersedes(i),
      ballot: { credential: this.credential(i) },
    };
  }
}
