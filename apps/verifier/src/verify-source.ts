// Running every check of a record whose source is at hand, in order, and assembling the report. Each stage
// recomputes what it checks from the record alone; a stage that cannot run notes why, and never stops the stages
// after it. Nothing here needs Node: verify.ts runs it on a folder or file (with worker threads), browser.ts on a
// record document in a page.
import { type ElectionState, isPractice } from '@saylau/protocol';
import type { PoolOptions, SliceWorkers } from './ballots/jobs.ts';
import { Checks } from './checks.ts';
import { guarded, type VerifyContext } from './context.ts';
import { type LoadedRecord, loadRecord } from './load.ts';
import { type RecordSource, RecordUnreadable } from './record-source.ts';
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
import { nextTurn } from './turn.ts';

/** What a run of the checks takes, wherever it runs. */
export interface CheckOptions extends AnchorOptions, ProtocolOptions {
  /** Ballots per batch verification. */
  readonly sliceSize?: number;
  /** Progress through the ballots: done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Reuse of ballot slices across runs over variants of one record (see PoolOptions.sliceCache). */
  readonly sliceCache?: PoolOptions['sliceCache'];
}

/** The report of a record that could not be read at all. */
export function unreadableReport(error: RecordUnreadable): UnreadableReport {
  return {
    ok: false,
    readable: false,
    problems: error.problems.map((p) => ({ code: p.code, path: p.path.join('/'), message: p.message })),
    checks: [],
    result: null,
    anchors: null,
  };
}

/**
 * Reads the record from its source and runs every check; `workers` (when given) checks the ballot slices while
 * this thread checks the rest. Resolves to an unreadable report only when there is no record at all.
 */
export async function verifySource(
  source: RecordSource,
  options: CheckOptions,
  workers?: SliceWorkers,
  started = performance.now(),
): Promise<Report | UnreadableReport> {
  let record: LoadedRecord;
  try {
    record = loadRecord(source);
  } catch (error) {
    if (!(error instanceof RecordUnreadable)) throw error;
    return unreadableReport(error);
  }
  return verifyLoaded(record, options, workers, started);
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

async function verifyLoaded(
  record: LoadedRecord,
  options: CheckOptions,
  pool: SliceWorkers | undefined,
  started: number,
): Promise<Report> {
  const ctx: VerifyContext = { record, checks: new Checks() };
  const ballotCount = record.ballotCount;
  const stages: Record<string, number> = { load: Math.round(performance.now() - started) };
  const stage = async (name: string, run: () => void | Promise<void>) => {
    const t = performance.now();
    await run();
    stages[name] = Math.round(performance.now() - t);
    // between stages: the worker threads' messages, or the page's repaint and clicks
    await nextTurn();
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
    await nextTurn();
    guarded(ctx, 'board.states', {}, () => checkStates(ctx));
    guarded(ctx, 'time.format', {}, () => checkTimeFormat(ctx));
    guarded(ctx, 'time.order', {}, () => checkTimeOrder(ctx));
    guarded(ctx, 'board.merkle', {}, () => checkTree(ctx));
    await nextTurn();
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
      workerCode: pool?.code ?? null,
      stages,
    },
    warnings: (pool?.failures ?? []).map((f) => `a worker thread failed (${f}); its ballots were checked on the main thread`),
  };
}
