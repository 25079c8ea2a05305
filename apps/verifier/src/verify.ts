// verifyRecord: runs every check of the record in order and assembles the report. Each stage recomputes what it
// checks from the record alone; a stage that cannot run notes why, and never stops the stages after it.
import { type ElectionState, isPractice } from '@saylau/protocol';
import { BallotPool, defaultWorkers, type PoolOptions } from './ballots/pool.ts';
import { Checks } from './checks.ts';
import { guarded, type VerifyContext } from './context.ts';
import { type LoadedRecord, loadRecord } from './load.ts';
import { type RecordInput, type RecordSource, RecordUnreadable, recordSource } from './record-source.ts';
import type { ElectionSummary, Report, UnreadableReport, VerifiedResult } from './report.ts';
import { type AnchorOptions, type AnchorSummary, checkAnchors } from './stages/anchors.ts';
import { checkBallots } from './stages/ballots.ts';
import { checkSequence, checkStates, checkTree } from './stages/board.ts';
import { checkCeremony } from './stages/ceremony.ts';
import { checkCredentialEncodings, checkCredentials, checkReplacements } from './stages/credentials.ts';
import { checkCancellationSignatures, checkDecision } from './stages/decision.ts';
import { checkCopies, checkDefinition, checkGenerators, checkManifest } from './stages/definition.ts';
import { checkPaperResults } from './stages/paper.ts';
import { checkProtocol, type ProtocolOptions } from './stages/protocol.ts';
import { checkTally } from './stages/tally.ts';
import { checkTimeFormat, checkTimeOrder } from './stages/time.ts';

export interface VerifyOptions extends AnchorOptions, ProtocolOptions {
  /** Worker threads for the ballots (default: one per core; the main thread alone for small records). */
  readonly workers?: number;
  /** Ballots per batch verification. */
  readonly sliceSize?: number;
  /** Progress through the ballots: done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Reuse of ballot slices across runs over variants of one record (see PoolOptions.sliceCache). */
  readonly sliceCache?: PoolOptions['sliceCache'];
}

function summary(ctx: VerifyContext): ElectionSummary {
  const { record, definition } = ctx;
  const first = record.events[0];
  let state: ElectionState = 'draft';
  for (const e of record.events) if (e?.type === 'state') state = e.state;
  const final = record.manifest?.finalTreeHead ?? record.heads[record.heads.length - 1];
  return {
    id: first?.type === 'definition' ? first.definition.id : null,
    title: definition?.title.en ?? null,
    fingerprint: ctx.fingerprintHex ?? null,
    events: record.eventCount,
    ballots: record.ballotCount,
    state,
    finalHead: final ? { treeSize: final.treeSize, rootHash: final.rootHash, timestamp: final.timestamp } : null,
    practice: definition ? isPractice(definition) : false,
  };
}

/**
 * Verifies an election record given as a folder, a record-document file, the folder's files or the document.
 * Resolves to a report of every check; to an unreadable report (exit code 2) only when there is no record at all.
 */
export async function verifyRecord(input: RecordInput, options: VerifyOptions = {}): Promise<Report | UnreadableReport> {
  const started = performance.now();
  let source: RecordSource;
  let record: LoadedRecord;
  let pool: BallotPool | undefined;
  try {
    source = recordSource(input);
    // the threads start now and load while this thread reads the record
    const workers = options.workers ?? defaultWorkers(estimateBallots(source));
    if (workers > 0) pool = new BallotPool(workers);
    record = loadRecord(source);
  } catch (error) {
    await pool?.close();
    if (!(error instanceof RecordUnreadable)) throw error;
    return {
      ok: false,
      readable: false,
      problems: error.problems.map((p) => ({ code: p.code, path: p.path.join('/'), message: p.message })),
      checks: [],
      result: null,
      anchors: null,
    };
  }
  try {
    return await verifyLoaded(record, options, pool, started);
  } finally {
    await pool?.close();
  }
}

/** Lets the worker threads' messages through (slices handed out, results taken in) between main-thread stages. */
function yieldToThreads(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How many ballots events.jsonl holds, from its size alone (to decide on worker threads before reading it): a
 * ballot event is at least some 2.5 KB (one question of two options), so this never overestimates a small record.
 */
function estimateBallots(source: RecordSource): number {
  return Math.floor((source.events?.size ?? 0) / 2500);
}

async function verifyLoaded(
  record: LoadedRecord,
  options: VerifyOptions,
  pool: BallotPool | undefined,
  started: number,
): Promise<Report> {
  const ctx: VerifyContext = { record, checks: new Checks() };
  const ballotCount = record.ballotCount;
  const stages: Record<string, number> = { load: Math.round(performance.now() - started) };
  const stage = async (name: string, run: () => void | Promise<void>) => {
    const t = performance.now();
    await run();
    stages[name] = Math.round(performance.now() - t);
  };

  await stage('frame', () => {
    guarded(ctx, 'record.manifest', {}, () => checkManifest(ctx));
    guarded(ctx, 'parameters.generators', {}, () => checkGenerators(ctx));
    guarded(ctx, 'definition.valid', { seq: 0 }, () => checkDefinition(ctx));
    guarded(ctx, 'record.copies', {}, () => checkCopies(ctx));
  });
  // What the ballots need — the recomputed election key and the credential list — comes first ...
  await stage('ceremony', () => {
    guarded(ctx, 'trustees.joint-key', {}, () => checkCeremony(ctx));
    guarded(ctx, 'credentials.list', {}, () => checkCredentials(ctx));
    guarded(ctx, 'credentials.replacements', {}, () => checkReplacements(ctx));
  });
  // ... then the ballots go to the worker threads, and this thread checks the rest of the board meanwhile.
  const ballotsStarted = performance.now();
  const ballotsDone = checkBallots(ctx, {
    ...(pool === undefined ? {} : { pool }),
    ...(options.sliceSize === undefined ? {} : { sliceSize: options.sliceSize }),
    ...(options.sliceCache === undefined ? {} : { sliceCache: options.sliceCache }),
    onProgress: (done) => options.onProgress?.(done, ballotCount),
  }).then(
    (summary) => summary,
    (error: unknown) => {
      guarded(ctx, 'ballots.encoding', {}, () => {
        throw error;
      });
      return undefined;
    },
  );
  await stage('board', async () => {
    guarded(ctx, 'board.sequence', {}, () => checkSequence(ctx));
    await yieldToThreads();
    guarded(ctx, 'board.states', {}, () => checkStates(ctx));
    guarded(ctx, 'time.format', {}, () => checkTimeFormat(ctx));
    guarded(ctx, 'time.order', {}, () => checkTimeOrder(ctx));
    guarded(ctx, 'board.merkle', {}, () => checkTree(ctx));
    await yieldToThreads();
    guarded(ctx, 'credentials.list', {}, () => checkCredentialEncodings(ctx));
    guarded(ctx, 'anchor.decision', {}, () => checkDecision(ctx));
    guarded(ctx, 'processing.cancellations', {}, () => checkCancellationSignatures(ctx));
    guarded(ctx, 'paper.results', {}, () => {
      ctx.paperForVerdicts = checkPaperResults(ctx);
    });
  });
  let anchors: AnchorSummary = { fingerprint: null, trustedHead: null, statement: 'The anchors could not be checked.' };
  guarded(ctx, 'anchor.trusted-head', {}, () => {
    anchors = checkAnchors(ctx, options);
  });
  const ballots = await ballotsDone;
  stages.ballots = Math.round(performance.now() - ballotsStarted);
  let result: VerifiedResult | null = null;
  await stage('tally', () => {
    guarded(ctx, 'processing.counted-set', {}, () => {
      result = checkTally(ctx, ballots);
    });
  });
  guarded(ctx, 'anchor.protocol', {}, () => checkProtocol(ctx, options));

  const checks = ctx.checks.results();
  const ms = performance.now() - started;
  return {
    ok: checks.every((c) => c.failed === 0),
    readable: true,
    election: summary(ctx),
    checks,
    result,
    anchors,
    timing: {
      ms: Math.round(ms),
      ballots: ballotCount,
      msPerBallot: ballotCount > 0 ? Math.round((ms / ballotCount) * 100) / 100 : null,
      workers: pool?.size ?? 0,
      workerCode: pool ? (pool.entry.loader === 'bundle' ? 'bundle' : `tsx (no bundle: ${pool.entry.reason})`) : null,
      stages,
    },
    warnings: (pool?.failures ?? []).map((f) => `a worker thread failed (${f}); its ballots were checked on the main thread`),
  };
}
