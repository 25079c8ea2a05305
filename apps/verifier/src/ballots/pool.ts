// Spreads the ballot slices over worker threads, one per core (brief §3: worker threads over all cores), or
// checks them on the main thread when there are few. The threads are started as early as possible — loading
// TypeScript in a thread takes a moment, which the main thread spends reading the record — and each gets the
// record's setup once, then slices.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bytesToHex } from '@saylau/crypto';
import { canonicalJson } from '@saylau/protocol';
import { type WorkerEntry, workerEntry } from './bundle.ts';
import { type BallotJob, checkSlice, prepareSetup, type SliceResult, type SliceSetup } from './slice.ts';

export type WorkerRequest = { kind: 'setup'; setup: SliceSetup } | { kind: 'slice'; id: number; jobs: BallotJob[] };
export type WorkerResponse =
  | { kind: 'booted' }
  | { kind: 'ready' }
  | { kind: 'slice'; id: number; result: SliceResult }
  | { kind: 'error'; id: number; message: string };

export interface PoolOptions {
  /** Worker threads already started for this run (see BallotPool); without it the ballots are checked here. */
  readonly pool?: BallotPool;
  /** Ballots per slice (one batch verification each). */
  readonly sliceSize?: number;
  /** Called after each slice with the number of ballots done so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * Outcomes of slices already checked, by a digest of everything they depend on. For tools that verify many
   * variants of one record (the tamper suite); a slice found here is exactly what checking it again would give.
   */
  readonly sliceCache?: Map<string, SliceResult>;
}

/** Below this many ballots, starting workers costs more than it saves. */
const SMALL_RECORD = 150;
const DEFAULT_SLICE = 48;

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
export class BallotPool {
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
        await new Promise((resolve) => setImmediate(resolve));
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

/** A slice of ballot jobs with its place in the order. */
export interface Part {
  readonly id: number;
  readonly jobs: BallotJob[];
}

/**
 * Checks the ballot jobs as `jobs` yields them, a slice at a time, and hands each slice's result to `onSlice` in
 * slice order. Only the slices in flight are held: the jobs may come from a file far larger than memory.
 */
export async function checkBallotJobs(
  setup: SliceSetup,
  jobs: Iterable<BallotJob>,
  options: PoolOptions,
  onSlice: (result: SliceResult) => void,
): Promise<void> {
  const size = Math.max(1, options.sliceSize ?? DEFAULT_SLICE);
  const { sliceCache: cache, pool } = options;
  const iterator = jobs[Symbol.iterator]();
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done);
  };
  // results arrive in any order; they are passed on in slice order
  const ready = new Map<number, SliceResult>();
  const keys = new Map<number, string>();
  let nextId = 0;
  let nextOut = 0;
  const flush = () => {
    for (let r = ready.get(nextOut); r !== undefined; r = ready.get(nextOut)) {
      ready.delete(nextOut++);
      onSlice(r);
    }
  };
  const finished = (part: Part, result: SliceResult) => {
    const key = keys.get(part.id);
    if (key !== undefined) {
      cache?.set(key, result);
      keys.delete(part.id);
    }
    ready.set(part.id, result);
    progress(part.jobs.length);
    flush();
  };
  /** The next slice not already in the cache (those are passed on as they are met). */
  const take = (): Part | undefined => {
    for (;;) {
      const slice: BallotJob[] = [];
      for (let step = iterator.next(); !step.done; step = iterator.next()) {
        slice.push(step.value);
        if (slice.length === size) break;
      }
      if (slice.length === 0) return undefined;
      const part = { id: nextId++, jobs: slice };
      if (!cache) return part;
      const key = sliceDigest(setup, slice);
      const cached = cache.get(key);
      if (!cached) {
        keys.set(part.id, key);
        return part;
      }
      finished(part, cached);
    }
  };
  const failed: Part[] = [];
  if (pool) await pool.run(setup, take, (part, result) => (result ? finished(part, result) : failed.push(part)));
  // what no thread checked (no pool, or a thread that failed) is checked here
  let prepared: ReturnType<typeof prepareSetup> | undefined;
  for (let part = failed.shift() ?? take(); part; part = failed.shift() ?? take()) {
    prepared ??= prepareSetup(setup);
    finished(part, checkSlice(prepared, part.jobs));
    // let a progress bar repaint between slices
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Everything a slice's outcome depends on: the election, its key, the slice's credentials' districts and the jobs. */
function sliceDigest(setup: SliceSetup, jobs: readonly BallotJob[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([bytesToHex(setup.fingerprint), setup.electionKey, canonicalJson(setup.definition)]));
  for (const job of jobs) {
    hash.update(JSON.stringify([job.seq, job.counted, job.district ?? null, job.line.length]));
    hash.update(job.line);
  }
  return hash.digest('hex');
}
