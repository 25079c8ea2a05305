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

function slices(jobs: readonly BallotJob[], size: number): BallotJob[][] {
  const out: BallotJob[][] = [];
  for (let i = 0; i < jobs.length; i += size) out.push(jobs.slice(i, i + size));
  return out;
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
   * Runs the slices. Until a thread has started, the main thread checks slices itself; after that it only hands
   * them out, two in flight per thread so none waits. A slice whose thread failed comes back undefined.
   */
  async run(
    setup: SliceSetup,
    parts: readonly BallotJob[][],
    progress: (n: number) => void,
  ): Promise<(SliceResult | undefined)[]> {
    const results: (SliceResult | undefined)[] = new Array(parts.length);
    let next = 0;
    const live = this.threads.filter((t) => !t.failure);
    const anyBooted = () => live.some((t) => t.booted && !t.failure);
    const allFailed = () => live.every((t) => t.failure);
    const local = (async () => {
      let prepared: ReturnType<typeof prepareSetup> | undefined;
      for (;;) {
        // yield first, so that a thread's "booted" message is seen before taking another slice
        await new Promise((resolve) => setImmediate(resolve));
        if ((anyBooted() && !allFailed()) || next >= parts.length) return;
        prepared ??= prepareSetup(setup);
        const id = next++;
        results[id] = checkSlice(prepared, parts[id] as BallotJob[]);
        progress(parts[id]?.length ?? 0);
      }
    })();
    const remote = live.map(
      (thread) =>
        new Promise<void>((resolve) => {
          let inFlight = 0;
          const send = () => {
            while (inFlight < 2 && next < parts.length) {
              const id = next++;
              inFlight++;
              thread.worker.postMessage({ kind: 'slice', id, jobs: parts[id] as BallotJob[] } satisfies WorkerRequest);
            }
            if (inFlight === 0) resolve();
          };
          thread.handler = (message) => {
            if (message.kind === 'booted') return;
            if (message.kind === 'ready') return send();
            if (message.kind === 'error') {
              // -2: the thread itself failed (already noted); otherwise it reported an error checking a slice
              if (message.id !== -2) this.failures.push(message.message.split('\n')[0] ?? 'a worker thread failed');
              thread.failure ??= new Error(message.message);
              return resolve();
            }
            results[message.id] = message.result;
            inFlight--;
            progress(parts[message.id]?.length ?? 0);
            send();
          };
          thread.worker.postMessage({ kind: 'setup', setup } satisfies WorkerRequest);
        }),
    );
    await Promise.all([local, ...remote]);
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** Checks every ballot job; the results come back in slice order. */
export async function checkBallotJobs(
  setup: SliceSetup,
  jobs: readonly BallotJob[],
  options: PoolOptions = {},
): Promise<SliceResult[]> {
  const all = slices(jobs, Math.max(1, options.sliceSize ?? DEFAULT_SLICE));
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done);
  };
  const { sliceCache: cache, pool } = options;
  const keys = cache ? all.map((part) => sliceDigest(setup, part)) : [];
  const results: (SliceResult | undefined)[] = all.map((_, i) => cache?.get(keys[i] as string));
  const todo = all.filter((_, i) => results[i] === undefined);
  progress(jobs.length - todo.reduce((n, part) => n + part.length, 0));
  const fresh: (SliceResult | undefined)[] = pool && todo.length > 0 ? await pool.run(setup, todo, progress) : [];
  // what no thread checked (no pool, or a thread that failed) is checked here
  let prepared: ReturnType<typeof prepareSetup> | undefined;
  for (let i = 0; i < todo.length; i++) {
    if (fresh[i] !== undefined) continue;
    prepared ??= prepareSetup(setup);
    const part = todo[i] as BallotJob[];
    fresh[i] = checkSlice(prepared, part);
    progress(part.length);
    // let a progress bar repaint between slices
    await new Promise((resolve) => setImmediate(resolve));
  }
  let next = 0;
  return results.map((result, i) => {
    if (result) return result;
    const computed = fresh[next++] as SliceResult;
    cache?.set(keys[i] as string, computed);
    return computed;
  });
}

/** Everything a slice's outcome depends on: the election, its key, the slice's credentials' districts and the jobs. */
function sliceDigest(setup: SliceSetup, jobs: readonly BallotJob[]): string {
  const districts = new Map(setup.credentials);
  const hash = createHash('sha256');
  hash.update(JSON.stringify([bytesToHex(setup.fingerprint), setup.electionKey, canonicalJson(setup.definition)]));
  for (const job of jobs) {
    const credential = (job.ballot as { credential?: unknown }).credential;
    hash.update(
      JSON.stringify([job.seq, job.counted, typeof credential === 'string' ? (districts.get(credential) ?? null) : null]),
    );
    hash.update(canonicalJson(job.ballot));
  }
  return hash.digest('hex');
}
