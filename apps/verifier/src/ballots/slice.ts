// Checking a slice of ballots (spec §3.6.5), the unit of work of a worker thread or of the main thread: every
// ballot's checks prepared by the protocol, all their proofs folded into one batch (spec §2.9), and the slice's
// share of each aggregate (the homomorphic sum of its counted ballots per district, question and option).
import {
  bytesToHex,
  decodePoint,
  type Equation,
  encodePoint,
  foldedHolds,
  hexToBytes,
  IDENTITY,
  type Point,
  prepareElectionKey,
} from '@saylau/crypto';
import {
  type BallotChecks,
  type BallotJson,
  ballotHash,
  type ElectionDefinition,
  type ErrorCode,
  type ProofCheck,
  prepareBallotChecks,
  verifyProofChecks,
} from '@saylau/protocol';

/** What every slice of one record shares: sent once to each worker. */
export interface SliceSetup {
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  /** The election key recomputed by the verifier (64 hex). */
  readonly electionKey: string;
}

export interface BallotJob {
  readonly seq: number;
  /**
   * The ballot event's line of events.jsonl (its own copy of the bytes): the thread parses it, so the main thread
   * neither parses the ballot nor copies its object graph across.
   */
  readonly line: Uint8Array;
  /** Whether the ballot is in the counted set (its ciphertexts go into the aggregates). */
  readonly counted: boolean;
  /**
   * The district the credential list gives the ballot's credential; absent when the credential is not registered.
   * Each job carries its own, so no thread holds the whole list (a million voters' credentials).
   */
  readonly district?: string;
}

export interface BallotProblem {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
}

export interface BallotOutcome {
  readonly seq: number;
  /** The ballot hash (spec §3.6.3). */
  readonly hash: string;
  /** Problems found, every one (never only the first). */
  readonly problems: BallotProblem[];
  /** How many selection and sum proofs the ballot has (for the checks' counts). */
  readonly selections: number;
  readonly sums: number;
  /** Every selection's α as on the board, by answer: for the main thread's duplicate check across the board. */
  readonly alphas: readonly (readonly string[])[];
}

/** A partial aggregate: key "district␟question␟option" → (Σα, Σβ) as hex, and the number of ballots summed. */
export interface PartialSum {
  readonly key: string;
  readonly alpha: string;
  readonly beta: string;
}

export interface SliceResult {
  readonly outcomes: BallotOutcome[];
  readonly sums: PartialSum[];
  /** Counted ballots summed, per district. */
  readonly ballots: Record<string, number>;
}

export const SEPARATOR = '\u241f';

export function aggregateKey(district: string, question: string, option: string): string {
  return [district, question, option].join(SEPARATOR);
}

/** A prepared setup: the decoded election key (with its table). */
export interface PreparedSetup {
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  readonly electionKey: Point;
}

export function prepareSetup(setup: SliceSetup): PreparedSetup {
  return {
    definition: setup.definition,
    fingerprint: setup.fingerprint,
    electionKey: prepareElectionKey(decodePoint(hexToBytes(setup.electionKey))),
  };
}

interface BatchItem {
  readonly index: number;
  readonly equations: readonly Equation[];
}

/**
 * The items whose equations do not all hold, found by halving: a batch that holds clears all its items at once, so
 * k bad ballots among n cost about 2k·log2(n) folded checks instead of n single ones (spec §2.9: a failed batch is
 * re-checked until each failure is named).
 */
export function failingItems(items: readonly BatchItem[]): number[] {
  if (items.length === 0 || foldedHolds(items.flatMap((item) => item.equations))) return [];
  if (items.length === 1) return [(items[0] as BatchItem).index];
  const half = Math.ceil(items.length / 2);
  return [...failingItems(items.slice(0, half)), ...failingItems(items.slice(half))];
}

const utf8 = new TextDecoder();

function pathString(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/** Checks every ballot of the slice; the proofs of all of them go through one batch, then each failing ballot alone. */
export function checkSlice(setup: PreparedSetup, jobs: readonly BallotJob[]): SliceResult {
  const { definition, fingerprint, electionKey } = setup;
  // each line passed the event shape when the record was read: a ballot event with a ballot of the ballot's shape
  const parsed = jobs.map((job) => (JSON.parse(utf8.decode(job.line)) as { ballot: BallotJson }).ballot);
  // the registered districts of this slice's credentials, as the jobs carry them
  const districtOf = new Map<string, string>();
  jobs.forEach((job, i) => {
    if (job.district !== undefined) districtOf.set((parsed[i] as BallotJson).credential, job.district);
  });
  const ctx = { definition, fingerprint, electionKey, districtOf: (hex: string) => districtOf.get(hex) };
  const prepared: { job: BallotJob; checks: BallotChecks; outcome: BallotOutcome }[] = [];
  const batch: BatchItem[] = [];

  jobs.forEach((job, i) => {
    const ballot = parsed[i] as BallotJson;
    const checks = prepareBallotChecks(ballot, ctx);
    const problems: BallotProblem[] = checks.problems
      // duplicates across the board are the main thread's check: it sees every ballot
      .filter((p) => p.code !== 'DUPLICATE_CIPHERTEXT')
      .map((p) => ({ code: p.code, path: pathString(p.path), message: p.message }));
    const proofs = checks.proofs;
    const outcome: BallotOutcome = {
      seq: job.seq,
      hash: checks.hash ?? ballotHash(ballot),
      problems,
      selections: proofs.filter((p) => p.code === 'BAD_SELECTION_PROOF').length,
      sums: proofs.filter((p) => p.code === 'BAD_SUM_PROOF').length,
      alphas: ballot.answers.map((a) => a.selections.map((sel) => sel.ciphertext.alpha)),
    };
    prepared.push({ job, checks, outcome });
    // A proof that failed before any multiplication (wrong branch count, challenge sum) is named right away.
    const structural = proofs.filter((p) => p.equations === null);
    for (const p of structural)
      problems.push({ code: p.code, path: pathString(p.path), message: 'the proof fails its structural checks' });
    if (checks.ballot) batch.push({ index: i, equations: proofs.flatMap((p: ProofCheck) => p.equations ?? []) });
  });

  // One multi-scalar multiplication for the whole slice; a failing ballot is then re-checked proof by proof.
  for (const i of failingItems(batch)) {
    const entry = prepared[i];
    if (!entry) continue;
    const proofs = entry.checks.proofs.filter((p) => p.equations !== null);
    for (const p of verifyProofChecks(proofs)) {
      entry.outcome.problems.push({ code: p.code, path: pathString(p.path), message: p.message });
    }
  }

  // The slice's share of the aggregates: counted ballots only, by their credential's district.
  const sums = new Map<string, { alpha: Point; beta: Point }>();
  const ballots: Record<string, number> = {};
  for (const { job, checks } of prepared) {
    if (!job.counted || !checks.ballot) continue;
    const district = districtOf.get(checks.json?.credential ?? '');
    if (district === undefined) continue;
    ballots[district] = (ballots[district] ?? 0) + 1;
    for (const answer of checks.ballot.answers) {
      const question = definition.questions.find((q) => q.id === answer.question);
      if (!question) continue;
      answer.selections.forEach((sel, j) => {
        const option = question.options[j];
        if (!option) return;
        const key = aggregateKey(district, question.id, option.id);
        const acc = sums.get(key) ?? { alpha: IDENTITY, beta: IDENTITY };
        sums.set(key, { alpha: acc.alpha.add(sel.ciphertext.alpha), beta: acc.beta.add(sel.ciphertext.beta) });
      });
    }
  }
  return {
    outcomes: prepared.map((p) => p.outcome),
    sums: [...sums].map(([key, s]) => ({ key, alpha: bytesToHex(encodePoint(s.alpha)), beta: bytesToHex(encodePoint(s.beta)) })),
    ballots,
  };
}
