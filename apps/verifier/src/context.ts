// What the verifier's stages hand on to one another: the record as read, and every value a stage recomputed
// itself (never one taken from the record on trust), so later stages check the record against them.
import type { DealerCommitment, Point } from '@saylau/crypto';
import type { BoardEventJson, ElectionDefinition, EventType, MerkleLog, PaperResultsStatement } from '@saylau/protocol';
import type { CheckId, Checks, FailureLocation } from './checks.ts';
import type { KeptEvent, LoadedRecord } from './load.ts';

export interface VerifyContext {
  readonly record: LoadedRecord;
  readonly checks: Checks;
  /** The definition of event 0, when it passes the schema (its cross-field rules are checked, not assumed). */
  definition?: ElectionDefinition;
  /** The fingerprint recomputed from event 0's definition. */
  fingerprint?: Uint8Array;
  fingerprintHex?: string;
  /** The board key from the definition, when it decodes. */
  boardKey?: Point;
  /**
   * The Merkle tree over every event, recomputed from the leaves; let go by the anchors, its last reader (a million
   * events' tree is 38 MB).
   */
  merkle?: MerkleLog | undefined;
  /** The dealers found qualified by the verifier (spec §4.3), by index. */
  qualified?: DealerCommitment[];
  /** Every trustee's valid key (spec §4.3 step 1): what its signed statements are checked against. */
  trusteeKeys?: ReadonlyMap<number, Point>;
  /** The election key recomputed from the qualified dealers (with a table for fast verification). */
  electionKey?: Point;
  /** Registered credentials (public key hex) → district. */
  credentials?: Map<string, string>;
  /** The register sizes the board published. */
  registerSizes?: Record<string, number>;
  /** The paper results the result's verdicts are judged with (spec §6.6), when the definition's basis names them. */
  paperForVerdicts?: PaperResultsStatement | undefined;
}

/** The events of one type but ballots (record.ballots has those) with their seq, skipping lines that did not parse. */
export function eventsOfType<T extends Exclude<EventType, 'ballot'>>(
  record: LoadedRecord,
  type: T,
): Extract<KeptEvent, { type: T }>[] {
  return record.events.filter((e): e is Extract<KeptEvent, { type: T }> => e?.type === type);
}

/**
 * Every event whole, which is every event but the ballots and the counted set (kept apart, compact), for the
 * protocol's functions that gather facts from a board (the commission's decision, the cancellations, the paper
 * results) and read neither.
 */
export function wholeEvents(record: LoadedRecord): BoardEventJson[] {
  return record.events.filter(
    (e): e is Exclude<KeptEvent, { type: 'counted-set' }> => e !== undefined && e.type !== 'counted-set',
  );
}

/** Runs a stage; an exception is never swallowed: it becomes a failure of the stage's check, with its message. */
export function guarded(ctx: VerifyContext, id: CheckId, where: FailureLocation, run: () => void): void {
  try {
    run();
  } catch (error) {
    ctx.checks.fail(id, `error ${JSON.stringify(where)}`, {
      ...where,
      code: 'VERIFIER_ERROR',
      reason: `the check could not be completed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** A JSON path as one string: answers.0.selections.1 */
export function pathString(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}
