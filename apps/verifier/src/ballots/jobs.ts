// Checking the ballot jobs a slice at a time, in order, on whatever runs the slices: worker threads under Node.js
// (pool.ts), or this thread — the browser's main thread, or Node's for a small record — giving the event loop a
// turn between slices. Nothing here needs Node.
import { bytesToHex, rawSha256Stream, utf8ToBytes } from '@saylau/crypto';
import { canonicalJson } from '@saylau/protocol';
import { nextTurn } from '../turn.ts';
import { type BallotJob, checkSlice, prepareSetup, type SliceResult, type SliceSetup } from './slice.ts';

export interface PoolOptions {
  /** Worker threads already started for this run (BallotPool, Node); without it the ballots are checked here. */
  readonly pool?: SliceRunner;
  /** Ballots per slice (one batch verification each). */
  readonly sliceSize?: number;
  /**
   * How many jobs there are, when known: the last slices are then cut smaller, so that no thread is left with a
   * full slice to check while the others wait for it.
   */
  readonly total?: number;
  /** Called after each slice with the number of ballots done so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * Outcomes of slices already checked, by a digest of everything they depend on. For tools that verify many
   * variants of one record (the tamper suite); a slice found here is exactly what checking it again would give.
   */
  readonly sliceCache?: Map<string, SliceResult>;
}

/**
 * Ballots per slice. Larger slices make the batch's multi-scalar multiplication a little cheaper per ballot once
 * the code is warm, but a short run is faster with smaller ones: measured on 1,000 belenios-shape ballots and on
 * 3,000 yes/no ballots, slices of 32 take 4–7% less wall time and CPU than slices of 48, and 96 are slower again.
 */
const DEFAULT_SLICE = 32;
/** The smallest slice the tail is cut into: below it, the batch's fixed costs show. */
const TAIL_SLICE = 8;
/** Near the end a slice holds about this fraction of what is left (threads hold two slices each). */
const TAIL_SHARE = 6;

/** What checks slices elsewhere (BallotPool: worker threads): `take` hands them out, `deliver` takes each result. */
export interface SliceRunner {
  run(
    setup: SliceSetup,
    take: () => Part | undefined,
    deliver: (part: Part, result: SliceResult | undefined) => void,
  ): Promise<void>;
}

/** Worker threads as a run of the checks sees them: the slices, and what the report says of the threads. */
export interface SliceWorkers extends SliceRunner {
  readonly size: number;
  /** How the threads load their code: 'bundle', or 'tsx (no bundle: …)'. */
  readonly code: string;
  /** Why threads stopped, if any did (their slices are then checked on the main thread). */
  readonly failures: readonly string[];
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
  let taken = 0;
  const nextSize = () =>
    options.total === undefined ? size : Math.min(size, Math.max(TAIL_SLICE, Math.ceil((options.total - taken) / TAIL_SHARE)));
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
      const want = nextSize();
      for (let step = iterator.next(); !step.done; step = iterator.next()) {
        slice.push(step.value);
        if (slice.length === want) break;
      }
      if (slice.length === 0) return undefined;
      taken += slice.length;
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
    // let a progress bar (or the page) repaint between slices
    await nextTurn();
  }
}

/** Everything a slice's outcome depends on: the election, its key, the slice's credentials' districts and the jobs. */
function sliceDigest(setup: SliceSetup, jobs: readonly BallotJob[]): string {
  const hash = rawSha256Stream();
  hash.update(utf8ToBytes(JSON.stringify([bytesToHex(setup.fingerprint), setup.electionKey, canonicalJson(setup.definition)])));
  for (const job of jobs) {
    hash.update(utf8ToBytes(JSON.stringify([job.seq, job.counted, job.district ?? null, job.line.length])));
    hash.update(job.line);
  }
  return bytesToHex(hash.digest());
}
