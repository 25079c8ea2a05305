// The verifier's checks (brief §6): one id and title per check, in the order they are reported, and the collector
// that counts what each check looked at and names every failure. docs/auditor-guide.md explains each id.
import type { ErrorCode } from '@saylau/protocol';

export const CHECKS = {
  'record.manifest': 'the record files match the manifest, are canonical JSON Lines and name this election',
  'record.copies': 'definition.json and result.json are exactly the board’s definition and result',
  'anchor.fingerprint': 'the fingerprint equals the one published outside the record (--expect-fingerprint)',
  'anchor.trusted-head': 'a head saved during voting is signed by the board key and the final board extends it (--trusted-head)',
  'anchor.decision':
    'the commission’s decision (register sizes, credential list, trustees’ keys, election key, voting period) matches the board and is signed by a threshold of its members before voting opened',
  'parameters.generators': 'G is the standard ristretto255 base; derived generators re-derived from their labels',
  'definition.valid': 'event 0 is a well-formed election definition (every rule of spec §3.3)',
  'definition.fingerprint': 'the fingerprint recomputed from the definition equals the record’s',
  'board.sequence': 'every event is well formed and canonical, and its seq equals its place on the board',
  'board.states': 'the events follow the election’s life cycle (ballots only between open and close, …)',
  'board.merkle': 'the Merkle tree over every event, recomputed, has the final signed head’s root',
  'board.tree-heads': 'every signed tree head verifies under the board key for this election',
  'board.consistency': 'every signed head is a prefix of the recomputed board: no fork, no rollback',
  'time.format': 'every event time and head timestamp is UTC in exactly the form YYYY-MM-DDTHH:MM:SS.sssZ',
  'time.order':
    'times never go back (events, heads after what they cover); voting opened in time, ballots inside the period, an early close signed by the commission',
  'board.witnesses': 'every witness co-signature verifies; a final head after the result has the definition’s quorum of them',
  'trustees.keys': 'every trustee key with its proof of knowledge, one per trustee',
  'trustees.commitments': 'every dealer’s Feldman commitments and coefficient proofs',
  'trustees.shares': 'every dealer’s boxes: one per other trustee, each proving knowledge of its ephemeral key',
  'trustees.complaints': 'every complaint is valid and judged from the published box (no complaint about a box without proof)',
  'trustees.acknowledgements':
    'every trustee signed that it checked the ceremony as it finally stood, on a board that is a prefix of this one',
  'trustees.joint-key': 'the election key is the sum of the qualified dealers’ constant commitments',
  'credentials.list': 'the credential list: canonical keys, none twice, every district known',
  'credentials.register': 'the register sizes: every district once, at least its credentials',
  'credentials.replacements':
    'every re-issued letter revokes a registered, not yet revoked credential for a new one in its district (signed by the commission when it has members); no ballot with a revoked credential after its revocation',
  'ballots.encoding': 'every ballot has the ballot shape and canonical points and scalars',
  'ballots.election': 'every ballot names this election’s fingerprint',
  'ballots.credential': 'every ballot is signed by a registered credential',
  'ballots.style': 'every ballot follows the ballot style of its credential’s district',
  'ballots.signature': 'every ballot’s credential signature',
  'ballots.selection-proofs': 'every selection’s 0/1 range proof',
  'ballots.sum-proofs': 'every question’s sum proof, with the definition’s limits',
  'ballots.duplicates': 'no ciphertext appears twice on the board',
  'ballots.supersedes': 'each ballot names the same credential’s previous ballot, or none',
  'processing.cancellations': 'paper-vote cancellations name registered credentials, after close',
  'paper.results':
    'the paper results are signed by a threshold of the commission’s members and consistent (every district once, known options, counts within the ballots) — attested, not verified',
  'processing.counted-set':
    'the counted set is the last ballot per credential minus revoked credentials and paper cancellations, nothing else dropped',
  'processing.aggregates': 'each aggregate is the homomorphic sum of the counted ballots of its district',
  'decryption.shares': 'every decryption share’s proof against the trustee’s recomputed verification key',
  'result.combination': 'the result’s trustees are at least t with valid shares; shares combined, discrete logs found',
  'result.counts': 'the result per district and overall equals the decrypted aggregates',
  'result.validity': 'every validity verdict recomputed from the counts and the register',
  'anchor.protocol':
    'the results protocol (--protocol) states exactly the record’s figures and final head, and is signed by a threshold of the commission’s members',
} as const;

export type CheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

/** Where a failure is: as many of these as apply. */
export interface FailureLocation {
  /** The event's seq (= its line in events.jsonl and its Merkle leaf index). */
  readonly seq?: number;
  readonly ballot?: string;
  readonly credential?: string;
  readonly trustee?: number;
  readonly district?: string;
  readonly question?: string;
  readonly option?: string;
  /** A line of tree-heads.jsonl. */
  readonly head?: number;
  /** A file of the record. */
  readonly file?: string;
  /** The JSON path inside the object. */
  readonly path?: string;
}

export interface Failure extends FailureLocation {
  /** A code of the protocol's registry (packages/protocol/src/errors.ts). */
  readonly code: ErrorCode;
  readonly reason: string;
}

export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly checked: number;
  readonly failed: number;
  readonly failures: Failure[];
  /** Failures beyond the kept ones (the count in `failed` is always exact). */
  readonly omitted?: number;
  /** Why nothing was checked, when checked is 0 (e.g. no anchor given, or the election stopped earlier). */
  readonly note?: string;
}

/** At most this many failures are kept per check; `failed` still counts them all. */
export const MAX_FAILURES_PER_CHECK = 500;

interface Tally {
  checked: number;
  failedItems: Set<string>;
  failures: Failure[];
  omitted: number;
  note?: string;
}

/**
 * Collects the outcome of every check. `pass(id)` counts an item checked; `fail(id, item, …)` records a failure of an
 * item (an item that fails twice counts once in `failed`, each reason is kept).
 */
export class Checks {
  private readonly tallies = new Map<CheckId, Tally>(
    CHECK_IDS.map((id) => [id, { checked: 0, failedItems: new Set(), failures: [], omitted: 0 }]),
  );

  private tally(id: CheckId): Tally {
    return this.tallies.get(id) as Tally;
  }

  /** Counts `n` items checked. */
  count(id: CheckId, n = 1): void {
    this.tally(id).checked += n;
  }

  /** Records a failure of `item` (a key unique within the check, e.g. "seq 12"). */
  fail(id: CheckId, item: string, failure: Failure): void {
    const t = this.tally(id);
    t.failedItems.add(item);
    if (t.failures.length < MAX_FAILURES_PER_CHECK) t.failures.push(failure);
    else t.omitted++;
  }

  /** Explains a check that had nothing to look at. */
  note(id: CheckId, text: string): void {
    this.tally(id).note = text;
  }

  failed(id: CheckId): boolean {
    return this.tally(id).failedItems.size > 0;
  }

  results(): CheckResult[] {
    return CHECK_IDS.map((id) => {
      const t = this.tally(id);
      // every failed item was checked, even when its check counted it elsewhere
      const failed = t.failedItems.size;
      return {
        id,
        title: CHECKS[id],
        checked: Math.max(t.checked, failed),
        failed,
        failures: t.failures,
        ...(t.omitted > 0 ? { omitted: t.omitted } : {}),
        // a note says why nothing was checked, or what the checks that passed still leave open (never dropped)
        ...(t.note !== undefined ? { note: t.note } : {}),
      };
    });
  }
}
