// Where ballot batches are verified: on the main thread (tests, small servers) or in a pool of worker threads
// (production: proof checking is the server's hot path and the main thread should only parse, store and answer).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { decodePoint, hexToBytes, prepareElectionKey } from '@saylau/crypto';
import { type ElectionContext, ElectionDefinitionSchema, fingerprintBytes } from '@saylau/protocol';
import { startTsWorker } from '../workers/ts-worker.ts';
import { type VerifyItem, type VerifyOutcome, verifyBatch } from './verify-batch.ts';

/** What a verifier needs to know about the election, in a form that crosses to a worker. */
export interface ElectionSpec {
  readonly fingerprint: string;
  /** Canonical JSON of the definition. */
  readonly definition: string;
  readonly electionKey: string;
}

export interface Verifier {
  /** How many batches it verifies at the same time. */
  readonly capacity: number;
  verify(spec: ElectionSpec, items: readonly VerifyItem[]): Promise<VerifyOutcome[]>;
  close(): Promise<void>;
}

/** Election contexts by fingerprint and key: preparing the key's table is worth doing once. */
export class ContextCache {
  private readonly cache = new Map<string, ElectionContext>();

  get(spec: ElectionSpec): ElectionContext {
    const key = `${spec.fingerprint}:${spec.electionKey}`;
    let ctx = this.cache.get(key);
    if (!ctx) {
      const definition = ElectionDefinitionSchema.parse(JSON.parse(spec.definition));
      ctx = {
        definition,
        fingerprint: fingerprintBytes(definition),
        electionKey: prepareElectionKey(decodePoint(hexToBytes(spec.electionKey))),
      };
      this.cache.set(key, ctx);
    }
    return ctx;
  }
}

export class InProcessVerifier implements Verifier {
  readonly capacity = 1;
  private readonly contexts = new ContextCache();

  async verify(spec: ElectionSpec, items: readonly VerifyItem[]): Promise<VerifyOutcome[]> {
    return verifyBatch(this.contexts.get(spec), items);
  }

  async close(): Promise<void> {}
}

interface Job {
  readonly spec: ElectionSpec;
  readonly items: readonly VerifyItem[];
  readonly resolve: (outcomes: VerifyOutcome[]) => void;
  readonly reject: (error: Error) => void;
}

export type WorkerReply = { id: number; outcomes: VerifyOutcome[] } | { id: number; error: string };

/** Worker threads running worker.ts; each verifies one batch at a time. */
export class WorkerPoolVerifier implements Verifier {
  readonly capacity: number;
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private nextId = 0;

  constructor(size: number = availableParallelism()) {
    this.capacity = size;
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  verify(spec: ElectionSpec, items: readonly VerifyItem[]): Promise<VerifyOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, items, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.running.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = startTsWorker(new URL('./worker.ts', import.meta.url));
    worker.on('message', (reply: WorkerReply) => {
      const job = this.running.get(worker);
      this.running.delete(worker);
      this.idle.push(worker);
      worker.unref();
      if (job) {
        if ('error' in reply) job.reject(new Error(`ballot verification worker failed: ${reply.error}`));
        else job.resolve(reply.outcomes);
      }
      this.pump();
    });
    worker.on('error', (error) => {
      // A crashed worker fails its batch (the submissions get a 500) and is replaced.
      const job = this.running.get(worker);
      this.running.delete(worker);
      job?.reject(error);
      this.idle.push(this.spawn());
      this.pump();
    });
    // An idle worker does not keep the process alive; a busy one does (pump refs it).
    worker.unref();
    return worker;
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as Job;
      this.running.set(worker, job);
      worker.ref();
      worker.postMessage({ id: this.nextId++, spec: job.spec, items: job.items });
    }
  }
}
