// The ballot intake queue: concurrent submissions are collected for a few milliseconds into batches, each batch's
// proofs are verified together (verify-batch.ts) on a free verifier, and the valid ballots of the batch are stored
// in one database transaction (commit.ts). A submission's promise settles only after that transaction commits.
// Ballots go to the verifier as JSON text (verify-batch.ts says why).
import type { ServerConfig } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { commitBallots } from './commit.ts';
import type { Intake, Receipt, Submission } from './types.ts';
import type { ElectionSpec, Verifier } from './verifier.ts';

interface Pending extends Submission {
  /** The ballot's JSON text, for the verifier. */
  readonly text: string;
  readonly resolve: (receipt: Receipt) => void;
  readonly reject: (error: unknown) => void;
}

/** Beyond this many waiting submissions the server answers 429 rather than queue without bound. */
const MAX_WAITING = 10_000;

export class BallotIntake implements Intake {
  private waiting: Pending[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private services: Services | null = null;
  private readonly running = new Set<Promise<void>>();
  private closing = false;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly verifier: Verifier,
    private readonly config: ServerConfig['intake'],
    /** On close, how long the batches being verified may take to commit before they are cut off. */
    private readonly shutdownGraceMs: number,
  ) {}

  /** Late binding: the intake is part of the services it commits through. */
  attach(services: Services): void {
    this.services = services;
  }

  submit(submission: Submission): Promise<Receipt> {
    if (this.closing) return Promise.reject(shuttingDown());
    if (this.waiting.length >= MAX_WAITING)
      return Promise.reject(new ApiError('RATE_LIMITED', 'the server is busy; retry shortly'));
    const text = JSON.stringify(submission.ballot);
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...submission, text, resolve, reject });
      this.pump();
    });
  }

  status(): { readonly workersAlive: number; readonly queued: number } {
    return { workersAlive: this.closing ? 0 : (this.verifier.alive ?? this.verifier.capacity), queued: this.waiting.length };
  }

  /**
   * Refuses what has not started; lets the batches being verified commit (their voters get receipts) for up to
   * `shutdownGraceMs`; then stops the verifier, which fails whatever it still holds. Always settles, whatever
   * state the verifier is in. Calling it again waits for the same shutdown.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.waiting) p.reject(shuttingDown());
    this.waiting = [];
    const drained = Promise.allSettled([...this.running]);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.shutdownGraceMs);
    });
    await Promise.race([drained, grace]);
    clearTimeout(timer);
    await this.verifier.close();
    await drained;
  }

  /**
   * Starts a batch when a verifier is free: at once if a full batch waits, else after the batch window so that
   * concurrent submissions share one multi-scalar multiplication. While every verifier is busy, submissions pile
   * up and the next batch is larger, which is when batching pays most.
   */
  private pump(): void {
    if (this.inFlight >= this.verifier.capacity || this.waiting.length === 0) return;
    if (this.waiting.length >= this.config.maxBatch) {
      this.startBatch();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.startBatch();
      }, this.config.batchWindowMs);
    }
  }

  private startBatch(): void {
    if (this.inFlight >= this.verifier.capacity || this.waiting.length === 0) return;
    // A batch holds one election's ballots (they share a context); others wait for the next batch.
    const electionId = (this.waiting[0] as Pending).electionId;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of this.waiting) (p.electionId === electionId && batch.length < this.config.maxBatch ? batch : rest).push(p);
    this.waiting = rest;
    this.inFlight++;
    const running: Promise<void> = this.run(electionId, batch)
      .catch((error: unknown) => {
        // cut off by the shutdown: a refusal to retry, not a fault to log
        const reason = this.closing && !(error instanceof ApiError) ? shuttingDown() : error;
        for (const p of batch) p.reject(reason);
      })
      .finally(() => {
        this.inFlight--;
        this.running.delete(running);
        if (!this.closing) this.pump();
      });
    this.running.add(running);
    this.pump();
  }

  private async run(electionId: string, batch: Pending[]): Promise<void> {
    const services = this.services;
    if (!services) throw new Error('the intake is not attached to the services');
    const election = await services.elections.require(electionId);
    const spec: ElectionSpec = {
      fingerprint: election.fingerprintHex,
      definition: JSON.stringify(election.definition),
      electionKey: election.electionKeyHex as string,
    };
    const items = batch.map((p) => ({ ballot: p.text, credential: p.voter.credential, district: p.voter.district }));
    const outcomes = await this.verifier.verify(spec, items);
    const results = await commitBallots(
      services,
      election,
      batch.map((p, i) => ({ submission: p, outcome: outcomes[i] as NonNullable<(typeof outcomes)[number]> })),
    );
    results.forEach((result, i) => {
      const p = batch[i] as Pending;
      if (result instanceof ApiError) p.reject(result);
      else p.resolve(result);
    });
  }
}

function shuttingDown(): ApiError {
  return new ApiError('INTERNAL', 'the server is shutting down; retry shortly');
}
