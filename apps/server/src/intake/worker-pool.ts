// A pool of worker threads verifying ballot batches (worker.ts), one batch per worker at a time. A worker that
// fails in any way (answers an error, throws, exits, hangs past the job timeout) fails only its own job, and the
// pool never shrinks: a worker that ended on a job is replaced at once, any other as soon as there is work.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { isWorkerReady, startTsWorker, type WorkerReady } from '../workers/ts-worker.ts';
import type { ElectionSpec, Verifier, WorkerJob, WorkerReply } from './verifier.ts';
import type { VerifyItem, VerifyOutcome } from './verify-batch.ts';

export interface WorkerPoolOptions {
  /** The worker's module (default worker.ts); tests start one that dies on purpose. */
  readonly entry?: URL;
  /** Handed to the worker as workerData.data. */
  readonly data?: unknown;
  /** A worker that has not answered a job after this long is terminated and the job failed. */
  readonly jobTimeoutMs?: number;
}

interface Job {
  readonly spec: ElectionSpec;
  readonly items: readonly VerifyItem[];
  readonly resolve: (outcomes: VerifyOutcome[]) => void;
  readonly reject: (error: Error) => void;
}

interface Running {
  readonly id: number;
  readonly job: Job;
  /** The job timeout; none while the worker is still loading its module (its job waits in its message queue). */
  timer?: NodeJS.Timeout;
}

/** Far beyond any honest batch (32 ballots verify in about a second), short of holding a worker for good. */
const DEFAULT_JOB_TIMEOUT_MS = 60_000;
/** A worker whose module has not loaded after this long will not: it is ended (and its job failed). */
const BOOT_TIMEOUT_MS = 120_000;

export class WorkerPoolVerifier implements Verifier {
  readonly capacity: number;
  private readonly entry: URL;
  private readonly data: unknown;
  private readonly jobTimeoutMs: number;
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Running>();
  /** Workers that were handed a job: one of these that ends is replaced at once. */
  private readonly worked = new WeakSet<Worker>();
  /** Workers whose module has loaded: only then does a job's time start to count. */
  private readonly ready = new WeakSet<Worker>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number = availableParallelism(), options: WorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a worker pool needs at least one worker');
    this.capacity = size;
    this.entry = options.entry ?? new URL('./worker.ts', import.meta.url);
    this.data = options.data;
    this.jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    // started at once, so that the first ballots do not wait for the workers to load
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  /** How many workers are alive now (tests check that none is lost). */
  get size(): number {
    return this.workers.size;
  }

  get alive(): number {
    return this.workers.size;
  }

  verify(spec: ElectionSpec, items: readonly VerifyItem[]): Promise<VerifyOutcome[]> {
    if (this.closed) return Promise.reject(new Error('the verifier is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, items, resolve, reject });
      this.pump();
    });
  }

  /** Fails every job not yet answered and ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the verifier is closed');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    for (const worker of [...this.running.keys()]) this.settle(worker)?.reject(stopped);
    this.idle.length = 0;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = startTsWorker(this.entry, this.data, { signalReady: true });
    this.workers.add(worker);
    const boot = setTimeout(() => void worker.terminate(), BOOT_TIMEOUT_MS);
    boot.unref();
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if (isWorkerReady(reply)) {
        clearTimeout(boot);
        this.ready.add(worker);
        const running = this.running.get(worker);
        if (running) this.startTimer(worker, running);
        return;
      }
      if (this.running.get(worker)?.id !== reply.id) return;
      const job = this.settle(worker) as Job;
      this.release(worker);
      if ('error' in reply) job.reject(new Error(`ballot verification failed in a worker: ${reply.error}`));
      else job.resolve(reply.outcomes);
    });
    worker.on('messageerror', (error) => {
      // the answer could not be read; the worker itself is fine
      this.settle(worker)?.reject(error);
      this.release(worker);
    });
    worker.on('error', (error) => {
      // an uncaught exception: the worker is ending ('exit' follows and replaces it)
      this.settle(worker)?.reject(error);
    });
    worker.on('exit', (code) => {
      clearTimeout(boot);
      this.workers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at !== -1) this.idle.splice(at, 1);
      this.settle(worker)?.reject(new Error(`a ballot verification worker exited (code ${code}) during its batch`));
      // One that never had a job may be unable to start at all: it is replaced only when work comes (pump), so a
      // broken worker module cannot make the pool spin.
      if (!this.closed && this.worked.has(worker)) this.idle.push(this.spawn());
      this.pump();
    });
    // An idle worker does not keep the process alive; a busy one does (dispatch refs it).
    worker.unref();
    return worker;
  }

  /** Takes the worker's job off it (stopping its timer); the caller answers the job. */
  private settle(worker: Worker): Job | undefined {
    const running = this.running.get(worker);
    if (!running) return undefined;
    clearTimeout(running.timer);
    this.running.delete(worker);
    return running.job;
  }

  private release(worker: Worker): void {
    worker.unref();
    if (this.closed || !this.workers.has(worker)) return;
    this.idle.push(worker);
    this.pump();
  }

  /** Hands queued jobs to idle workers, starting replacements for workers that ended while there is work. */
  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.workers.size >= this.capacity) return;
        worker = this.spawn();
      }
      this.dispatch(worker, this.queue.shift() as Job);
    }
  }

  /** The job's time starts: past jobTimeoutMs the worker is taken to hang, ended, and the job failed. */
  private startTimer(worker: Worker, running: Running): void {
    running.timer = setTimeout(() => {
      this.settle(worker)?.reject(new Error(`a ballot verification worker did not answer within ${this.jobTimeoutMs} ms`));
      void worker.terminate();
    }, this.jobTimeoutMs);
    running.timer.unref();
  }

  private dispatch(worker: Worker, job: Job): void {
    const id = this.nextId++;
    const running: Running = { id, job };
    this.running.set(worker, running);
    if (this.ready.has(worker)) this.startTimer(worker, running);
    this.worked.add(worker);
    worker.ref();
    const message: WorkerJob = { id, spec: job.spec, items: job.items };
    try {
      worker.postMessage(message);
    } catch (error) {
      // Nothing reached the worker (strings always clone; this guards the pool's invariant, not a known case).
      this.settle(worker)?.reject(error instanceof Error ? error : new Error(String(error)));
      this.release(worker);
    }
  }
}
