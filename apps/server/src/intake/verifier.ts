// Where ballot batches are verified: on the main thread (tests, small servers) or in a pool of worker threads
// (worker-pool.ts; production: proof checking is the server's hot path and the main thread should only parse,
// store and answer).
import { decodePoint, hexToBytes, prepareElectionKey } from '@saylau/crypto';
import { type ElectionContext, ElectionDefinitionSchema, fingerprintBytes } from '@saylau/protocol';
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
  /** How many of its threads are alive now (for /api/health); absent when it runs on the main thread and cannot die. */
  readonly alive?: number;
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

/** What crosses to a worker: strings and numbers only (a ballot is its JSON text, never a cloned object graph). */
export interface WorkerJob {
  readonly id: number;
  readonly spec: ElectionSpec;
  readonly items: readonly VerifyItem[];
}

export type WorkerReply = { id: number; outcomes: VerifyOutcome[] } | { id: number; error: string };

/** A worker's answer to one job (worker.ts): the outcomes, or why it could not verify the batch. */
export function answerJob(contexts: ContextCache, job: WorkerJob): WorkerReply {
  try {
    return { id: job.id, outcomes: verifyBatch(contexts.get(job.spec), job.items) };
  } catch (error) {
    // the pool fails this job (and the intake re-verifies its ballots apart); the worker goes on
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
