// One thing at a time per key, within this process: an election's transactions and refreshes take turns, in
// arrival order, because they change the same in-memory election.
export class Serial {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether something runs (or waits) for the key. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // the last one out forgets the key, so busy() is false when nothing is queued
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
