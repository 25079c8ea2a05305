// Spreads the ballot slices over worker threads, one per core (brief §3: worker threads over all cores), or
// checks them on the main thread when there are few. The threads are started as early as possible — loading
// TypeScript in a thread takes a moment, which the main thread spends reading the record — and each gets the
// record's setup once, then slices.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { nextTurn } from '../turn.ts';
import { startWorker, type WorkerEntry, workerEntry } from './bundle.ts';
import type { Part, SliceWorkers } from './jobs.ts';
import { type BallotJob, checkSlice, prepareSetup, type SliceResult, type SliceSetup } from './slice.ts';

export type WorkerRequest = { kind: 'setup'; setup: SliceSetup } | { kind: 'slice'; id: number; jobs: BallotJob[] };
export type WorkerResponse = { kind: 'slice'; id: number; result: SliceResult } | { kind: 'error'; id: number; message: string };

/** Below this many ballots, starting workers costs more than it saves. */
const SMALL_RECORD = 150;

/**
 * For a large record, one thread per core but one: the main thread checks slices beside them (run), so no core
 * pays for a thread's start-up and warm-up that the main thread has already paid. None for a small record.
 */
export function defaultWorkers(ballots: number): number {
  return ballots < SMALL_RECORD ? 0 : Math.max(1, availableParallelism() - 1);
}

interface Thread {
  readonly worker: Worker;
  handler?: ((message: WorkerResponse) => void) | undefined;
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
      const thread: Thread = { worker: startWorker(this.entry) };
      thread.worker.on('message', (message: WorkerResponse) => {
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
   * (undefined when its thread failed). The threads get two slices in flight each, so none waits while the main
   * thread, which hands them out, checks slices of its own between its other work.
   */
  async run(
    setup: SliceSetup,
    take: () => Part | undefined,
    deliver: (part: Part, result: SliceResult | undefined) => void,
  ): Promise<void> {
    const live = this.threads.filter((t) => !t.failure);
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
        // yield first, so that the threads' results are taken and their next slices sent before this one
        await nextTurn();
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
            if (message.kind === 'error') {
              // -2: the thread itself failed (already noted); otherwise it reported an error checking a slice
              if (message.id !== -2) this.failures.push(message.message.split('\n')[0] ?? 'a worker thread failed');
              thread.failure ??= new Error(message.message);
              for (const part of inFlight.values()) deliver(part, undefined);
              inFlight.clear();
              // what the thread still answers (the slices queued behind a failed setup) is not heard
              thread.handler = undefined;
              return resolve();
            }
            const part = inFlight.get(message.id);
            inFlight.delete(message.id);
            if (part) deliver(part, message.result);
            send();
          };
          // the setup and the first slices at once: the thread takes them in order, and does not wait for this
          // thread to come back from whatever it checks next before it has its first slice
          thread.worker.postMessage({ kind: 'setup', setup } satisfies WorkerRequest);
          send();
        }),
    );
    await Promise.all([local, ...remote]);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
