// Spreads the ballot slices over worker threads, one per core (brief §3: worker threads over all cores), or
// checks them on the main thread when there are few. The threads are started as early as possible — loading
// TypeScript in a thread takes a moment, which the main thread spends reading the record — and each gets the
// record's setup once, then slices.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { nextTurn } from '../turn.ts';
import { type WorkerEntry, workerEntry } from './bundle.ts';
import type { Part, SliceWorkers } from './jobs.ts';
import { type BallotJob, checkSlice, prepareSetup, type SliceResult, type SliceSetup } from './slice.ts';

export type WorkerRequest = { kind: 'setup'; setup: SliceSetup } | { kind: 'slice'; id: number; jobs: BallotJob[] };
export type WorkerResponse =
  | { kind: 'booted' }
  | { kind: 'ready' }
  | { kind: 'slice'; id: number; result: SliceResult }
  | { kind: 'error'; id: number; message: string };

/** Below this many ballots, starting workers costs more than it saves. */
const SMALL_RECORD = 150;

/** One thread per core for a large record, none for a small one. */
export function defaultWorkers(ballots: number): number {
  return ballots < SMALL_RECORD ? 0 : availableParallelism();
}

interface Thread {
  readonly worker: Worker;
  booted: boolean;
  handler?: (message: WorkerResponse) => void;
  failure?: Error;
}

/** Worker threads that check ballot slices. Start it early; `close` it when done (also after a failure). */
export class BallotPool implements SliceWorkers {
  private readonly threads: Thread[];
  /** Why threads stopped, if any did (their slices are then checked on the main thread). */
  readonly failures: string[] = [];

  /** How the threads load their code (bundle.ts). */
  readonly entry: WorkerEntry = workerEntry();

  constructor(size: number) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => {
      const thread: Thread = { worker: new Worker(this.entry.url), booted: false };
      thread.worker.on('message', (message: WorkerResponse) => {
        if (message.kind === 'booted') thread.booted = true;
        thread.handler?.(message);
      });
      thread.worker.on('error', (error) => {
        thread.failure = error;
        this.failures.push(error.message);
        thread.handler?.({ kind: 'error', id: -2, message: error.message });
      });
      return thread;
    });
  }

  get size(): number {
    return this.threads.length;
  }

  get code(): string {
    return this.entry.loader === 'bundle' ? 'bundle' : `tsx (no bundle: ${this.entry.reason})`;
  }

  /**
   * Runs the slices `take` hands out, one at a time, until it has none left; `deliver` gets each slice's result
   * (undefined when its thread failed). Until a thread has started, the main thread checks slices itself; after
   * that it only hands them out, two in flight per thread so none waits.
   */
  async run(
    setup: SliceSetup,
    take: () => Part | undefined,
    deliver: (part: Part, result: SliceResult | undefined) => void,
  ): Promise<void> {
    const live = this.threads.filter((t) => !t.failure);
    const anyBooted = () => live.some((t) => t.booted && !t.failure);
    const allFailed = () => live.every((t) => t.failure);
    let exhausted = false;
    const next = (): Part | undefined => {
      if (exhausted) return undefined;
      const part = take();
      if (part === undefined) exhausted = true;
      return part;
    };
    const local = (async () => {
      let prepared: ReturnType<typeof prepareSetup> | undefined;
      for (;;) {
        // yield first, so that a thread's "booted" message is seen before taking another slice
        await nextTurn();
        if ((anyBooted() && !allFailed()) || exhausted) return;
        const part = next();
        if (!part) return;
        prepared ??= prepareSetup(setup);
        deliver(part, checkSlice(prepared, part.jobs));
      }
    })();
    const remote = live.map(
      (thread) =>
        new Promise<void>((resolve) => {
          const inFlight = new Map<number, Part>();
          const send = () => {
            while (inFlight.size < 2) {
              const part = next();
              if (!part) break;
              inFlight.set(part.id, part);
              thread.worker.postMessage({ kind: 'slice', id: part.id, jobs: part.jobs } satisfies WorkerRequest);
            }
            if (inFlight.size === 0) resolve();
          };
          thread.handler = (message) => {
            if (message.kind === 'booted') return;
            if (message.kind === 'ready') return send();
            if (message.kind === 'error') {
              // -2: the thread itself failed (already noted); otherwise it reported an error checking a slice
              if (message.id !== -2) this.failures.push(message.message.split('\n')[0] ?? 'a worker thread failed');
              thread.failure ??= new Error(message.message);
              for (const part of inFlight.values()) deliver(part, undefined);
              inFlight.clear();
              return resolve();
            }
            const part = inFlight.get(message.id);
            inFlight.delete(message.id);
            if (part) deliver(part, message.result);
            send();
          };
          thread.worker.postMessage({ kind: 'setup', setup } satisfies WorkerRequest);
        }),
    );
    await Promise.all([local, ...remote]);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
