// verifyRecord: the verifier on a record folder or file (or the folder's files or the document, in memory) under
// Node.js, with the ballots spread over worker threads for a large record. The checks themselves are
// verify-source.ts, the same code the browser runs (browser.ts).
import { BallotPool, defaultWorkers } from './ballots/pool.ts';
import { type RecordInput, recordSource } from './record-folder.ts';
import { type RecordSource, RecordUnreadable } from './record-source.ts';
import type { Report, UnreadableReport } from './report.ts';
import { type CheckOptions, unreadableReport, verifySource } from './verify-source.ts';

export interface VerifyOptions extends CheckOptions {
  /** Worker threads for the ballots, beside the main thread (default: one per core but one; none for small records). */
  readonly workers?: number;
}

/**
 * Verifies an election record given as a folder, a record-document file, the folder's files or the document.
 * Resolves to a report of every check; to an unreadable report (exit code 2) only when there is no record at all.
 */
export async function verifyRecord(input: RecordInput, options: VerifyOptions = {}): Promise<Report | UnreadableReport> {
  const started = performance.now();
  let source: RecordSource;
  let pool: BallotPool | undefined;
  try {
    source = recordSource(input);
    // the threads start now and load while this thread reads the record
    const workers = options.workers ?? defaultWorkers(estimateBallots(source));
    if (workers > 0) pool = new BallotPool(workers);
  } catch (error) {
    await pool?.close();
    if (!(error instanceof RecordUnreadable)) throw error;
    return unreadableReport(error);
  }
  try {
    return await verifySource(source, options, pool, started);
  } finally {
    await pool?.close();
  }
}

/**
 * How many ballots events.jsonl holds, from its size alone (to decide on worker threads before reading it): a
 * ballot event is at least some 2.5 KB (one question of two options), so this never overestimates a small record.
 */
function estimateBallots(source: RecordSource): number {
  return Math.floor((source.events?.size ?? 0) / 2500);
}
