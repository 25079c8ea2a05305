// Building many ballots on every core: a pool of worker threads (ballot-worker.ts), each holding the election
// context. Jobs are queued and answered in any order; the credential secret crosses to the worker as hex.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bytesToHex, encodeScalar, type Scalar } from '@saylau/crypto';
import type { BallotJson, Choices } from '@saylau/protocol';

export interface BuilderElection {
  /** The definition's JSON. */
  readonly definition: string;
  readonly electionKey: string;
}

export interface BuildJob {
  readonly id: number;
  readonly district: string;
  readonly choices: Choices;
  readonly secret: string;
}

export type BuildReply = { id: number; json: BallotJson; hash: string; seed: string } | { id: number; error: string };

export interface BuiltInWorker {
  readonly json: BallotJson;
  readonly hash: string;
  /** hex */
  readonly seed: string;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./ballot-worker.ts', import.meta.url);

export class BallotBuilderPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { job: BuildJob; resolve: (b: BuiltInWorker) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { resolve: (b: BuiltInWorker) => void; reject: (e: Error) => void }>();
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(election: BuilderElection, size: number = availableParallelism()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(BOOT, { workerData: { entry: ENTRY.href, data: election } });
      worker.on('message', (reply: BuildReply) => {
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (waiter) {
          if ('error' in reply) waiter.reject(new Error(`building a ballot failed: ${reply.error}`));
          else waiter.resolve({ json: reply.json, hash: reply.hash, seed: reply.seed });
        }
        this.idle.push(worker);
        this.pump();
      });
      worker.on('error', (error) => {
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  build(district: string, choices: Choices, secret: Scalar): Promise<BuiltInWorker> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        job: { id: this.nextId++, district, choices, secret: bytesToHex(encodeScalar(secret)) },
        resolve,
        reject,
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { job, resolve, reject } = this.queue.shift() as (typeof this.queue)[number];
      this.pending.set(job.id, { resolve, reject });
      worker.postMessage(job);
    }
  }
}
