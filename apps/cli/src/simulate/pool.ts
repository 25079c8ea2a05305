// The simulator's worker threads, one per core (simulate/worker.ts): requests go to the least busy thread, at most
// a few in flight each, and each answer resolves its request's promise.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BallotJson, Choices, PartialAggregateJson } from '@saylau/protocol';

export interface SimulatorElection {
  /** The definition's JSON. */
  readonly definition: string;
  /** The election key (64 hex); without it the threads make key pairs only. */
  readonly electionKey?: string;
}

export interface BallotJob {
  readonly district: string;
  readonly choices: Choices;
  /** The credential secret (64 hex). */
  readonly secret: string;
  /** Whether the ballot will count (the voter's last, not cancelled by paper): its ciphertexts join the sums. */
  readonly counted: boolean;
}

export type SimulatorRequest =
  | { readonly id: number; readonly kind: 'keys'; readonly count: number }
  | { readonly id: number; readonly kind: 'ballots'; readonly jobs: readonly BallotJob[] }
  | { readonly id: number; readonly kind: 'sums' };

export type SimulatorReply =
  | { readonly id: number; readonly kind: 'keys'; readonly keys: readonly (readonly [secret: string, publicKey: string])[] }
  | { readonly id: number; readonly kind: 'ballots'; readonly ballots: readonly { json: BallotJson; hash: string }[] }
  | { readonly id: number; readonly kind: 'sums'; readonly sums: PartialAggregateJson }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };

type Answer<K extends SimulatorRequest['kind']> = Extract<SimulatorReply, { kind: K }>;

const BOOT = new URL('../voting/worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url);

interface Thread {
  readonly worker: Worker;
  inFlight: number;
}

export class SimulatorPool {
  private readonly threads: Thread[];
  private readonly waiting = new Map<number, { resolve: (r: SimulatorReply) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(election: SimulatorElection, size: number = availableParallelism()) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => {
      const thread: Thread = {
        worker: new Worker(BOOT, { workerData: { entry: ENTRY.href, data: election } }),
        inFlight: 0,
      };
      thread.worker.on('message', (reply: SimulatorReply) => {
        thread.inFlight--;
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.kind === 'error') waiter?.reject(new Error(`a simulator thread failed: ${reply.message}`));
        else waiter?.resolve(reply);
      });
      thread.worker.on('error', (error) => {
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
      });
      return thread;
    });
  }

  get size(): number {
    return this.threads.length;
  }

  /** Requests in flight over all threads. */
  get busy(): number {
    return this.threads.reduce((n, t) => n + t.inFlight, 0);
  }

  /** Key pairs from the CSPRNG: [secret, public key] as hex. */
  async keys(count: number): Promise<Answer<'keys'>['keys']> {
    return ((await this.send({ kind: 'keys', count })) as Answer<'keys'>).keys;
  }

  /** Built ballots, in the jobs' order. */
  async ballots(jobs: readonly BallotJob[]): Promise<Answer<'ballots'>['ballots']> {
    return ((await this.send({ kind: 'ballots', jobs })) as Answer<'ballots'>).ballots;
  }

  /** Thread `to`'s running sums of the counted ballots it built. */
  async sums(to: number): Promise<PartialAggregateJson> {
    return ((await this.send({ kind: 'sums' }, to)) as Answer<'sums'>).sums;
  }

  /** Sends a request to the thread with the fewest in flight (or to thread `to`). */
  private send(request: DistributiveOmit<SimulatorRequest, 'id'>, to?: number): Promise<SimulatorReply> {
    const id = this.nextId++;
    const thread =
      to === undefined ? this.threads.reduce((best, t) => (t.inFlight < best.inFlight ? t : best)) : (this.threads[to] as Thread);
    thread.inFlight++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
