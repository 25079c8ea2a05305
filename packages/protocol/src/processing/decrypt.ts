// Threshold decryption of the aggregates (spec §6.4): every trustee's shares are checked in one batch against its
// verification key; a trustee with any bad share is named and dropped; the first t valid trustees decrypt.
import {
  BatchVerifier,
  type ChaumPedersenProof,
  combineDecryptionShares,
  computeDecryptionShare,
  type DealerCommitment,
  decryptionShareEquations,
  discreteLog,
  type Point,
  type Scalar,
  verificationKey,
} from '@saylau/crypto';
import { z } from 'zod';
import { fail, ok, type Problem, problem, type Result } from '../errors.ts';
import { decryptionContext } from '../events/contexts.ts';
import { DecryptionShareWire, type EventJsonOf } from '../events/schema.ts';
import type { Aggregate } from './aggregate.ts';

/** What decryption needs from the board: the fingerprint, t of n, the qualified dealers and the aggregate entries. */
export interface DecryptionSetup {
  /** The 32-byte election fingerprint. */
  readonly fingerprint: Uint8Array;
  /** The definition's `trustees`: n and the threshold t. */
  readonly trustees: { readonly count: number; readonly threshold: number };
  /** The qualified dealers' commitments (the `election-key` event's `qualified`), from which VK_x is recomputed. */
  readonly dealers: readonly DealerCommitment[];
  /** The published aggregate entries, in their order on the board. */
  readonly entries: readonly Aggregate[];
}

/** One entry's share D_x = s_x·α with its proof; null for an entry whose α is the identity. */
export type EntryShare = { readonly share: Point; readonly proof: ChaumPedersenProof } | null;

/** One trustee's posted shares, one per entry (a decoded `decryption-share` event has this shape). */
export interface TrusteeShares {
  readonly trustee: number;
  readonly shares: readonly EntryShare[];
}

/** Trustee x's shares of every entry (x's secret share s_x never leaves this call). */
export function computeDecryptionShares(
  setup: Pick<DecryptionSetup, 'fingerprint' | 'entries'>,
  trustee: number,
  secretShare: Scalar,
): EntryShare[] {
  return setup.entries.map((entry) => {
    if (entry.ciphertext.alpha.is0()) return null;
    const { share, proof } = computeDecryptionShare(
      trustee,
      secretShare,
      entry.ciphertext,
      decryptionContext(setup.fingerprint, entry),
    );
    return { share, proof };
  });
}

const EntryShares = z.array(DecryptionShareWire.nullable());

/** The decryption-share event's content as the board stores it (without seq, time and the trustee's signature). */
export function decryptionSharePayload(
  trustee: number,
  shares: readonly EntryShare[],
): Omit<EventJsonOf<'decryption-share'>, 'seq' | 'time' | 'signature'> {
  return { type: 'decryption-share', trustee, shares: z.encode(EntryShares, [...shares]) };
}

export interface ShareCheck {
  /** Trustees all of whose shares verified, in the order their shares were given (board order). */
  readonly valid: number[];
  /** Trustees dropped for a bad, missing or extra share or for not being a trustee, ascending. */
  readonly rejected: number[];
  /** BAD_DECRYPTION_SHARE for each failure: path ['trustees', x, 'shares', i] for entry i, or ['trustees', x]. */
  readonly problems: Problem[];
}

interface Failure {
  readonly order: number;
  readonly entry: number;
  readonly problem: Problem;
}

/**
 * Checks every posted share (spec §6.4): a trustee index 1…n, one share per entry, a share exactly where α ≠ O,
 * and every Chaum–Pedersen proof against VK_x with the entry's decryption context, all in one batch. A trustee's
 * second submission is ignored (and reported); the first decides.
 */
export function checkDecryptionShares(setup: DecryptionSetup, submissions: readonly TrusteeShares[]): ShareCheck {
  if (setup.dealers.length === 0) throw new RangeError('no qualified dealers');
  const failures: Failure[] = [];
  const rejected = new Set<number>();
  const seen = new Set<number>();
  const candidates: TrusteeShares[] = [];
  const report = (order: number, entry: number, trustee: number, path: (string | number)[], message: string) => {
    failures.push({ order, entry, problem: problem('BAD_DECRYPTION_SHARE', ['trustees', trustee, ...path], message) });
  };
  submissions.forEach((sub, order) => {
    const x = sub.trustee;
    if (!Number.isSafeInteger(x) || x < 1 || x > setup.trustees.count) {
      report(order, -1, x, [], `${x} is not a trustee of this election`);
      rejected.add(x);
    } else if (seen.has(x)) {
      report(order, -1, x, [], `a second set of shares from trustee ${x} is ignored`);
    } else if (sub.shares.length !== setup.entries.length) {
      seen.add(x);
      report(order, -1, x, ['shares'], `${sub.shares.length} shares for ${setup.entries.length} aggregate entries`);
      rejected.add(x);
    } else {
      seen.add(x);
      candidates.push(sub);
    }
  });

  const batch = new BatchVerifier<{ order: number; trustee: number; entry: number }>();
  for (const sub of candidates) {
    const order = submissions.indexOf(sub);
    const vk = verificationKey(setup.dealers, sub.trustee);
    setup.entries.forEach((entry, i) => {
      const item = sub.shares[i] ?? null;
      const needed = !entry.ciphertext.alpha.is0();
      if (item === null || !needed) {
        if (item !== null || needed) {
          report(
            order,
            i,
            sub.trustee,
            ['shares', i],
            needed ? 'the share is missing' : 'α is the identity: the share must be null',
          );
          rejected.add(sub.trustee);
        }
        return;
      }
      const share = { trustee: sub.trustee, share: item.share, proof: item.proof };
      batch.add(
        { order, trustee: sub.trustee, entry: i },
        decryptionShareEquations(share, vk, entry.ciphertext, decryptionContext(setup.fingerprint, entry)),
      );
    });
  }
  for (const id of batch.verify().failed) {
    report(id.order, id.entry, id.trustee, ['shares', id.entry], 'the proof of this decryption share does not verify');
    rejected.add(id.trustee);
  }
  failures.sort((a, b) => a.order - b.order || a.entry - b.entry);
  return {
    valid: candidates.filter((c) => !rejected.has(c.trustee)).map((c) => c.trustee),
    rejected: [...rejected].sort((a, b) => a - b),
    problems: failures.map((f) => f.problem),
  };
}

export interface Decryption {
  /** The t trustees whose shares were combined, ascending. */
  readonly trustees: number[];
  /** The decrypted count of each entry, in entry order. */
  readonly counts: number[];
  /** Trustees dropped by `checkDecryptionShares`, and why (not fatal while t others remain). */
  readonly rejected: number[];
  readonly problems: Problem[];
}

/**
 * Decrypts every entry with the first t valid trustees (in the order given, the board's): M = β − Σ λ_x·D_x, or
 * M = β when α = O; then the count m with m·G = M and 0 ≤ m ≤ the entry's ballots. Fails with NOT_ENOUGH_TRUSTEES
 * (and the share problems) when fewer than t trustees are valid, or DECRYPTION_OUT_OF_RANGE at ['entries', i].
 */
export function decryptAggregates(setup: DecryptionSetup, submissions: readonly TrusteeShares[]): Result<Decryption> {
  const check = checkDecryptionShares(setup, submissions);
  const t = setup.trustees.threshold;
  if (check.valid.length < t) {
    return fail([
      ...check.problems,
      problem('NOT_ENOUGH_TRUSTEES', ['trustees'], `${check.valid.length} trustees with valid shares; ${t} needed`),
    ]);
  }
  const chosen = check.valid.slice(0, t);
  const sharesOf = new Map<number, readonly EntryShare[]>();
  for (const sub of submissions) if (!sharesOf.has(sub.trustee)) sharesOf.set(sub.trustee, sub.shares);
  const used = chosen.map((trustee) => ({ trustee, shares: sharesOf.get(trustee) ?? [] }));
  const outOfRange: Problem[] = [];
  const counts = setup.entries.map((entry, i) => {
    const { alpha, beta } = entry.ciphertext;
    const point = alpha.is0()
      ? beta
      : combineDecryptionShares(
          entry.ciphertext,
          used.map(({ trustee, shares }) => ({ trustee, share: verifiedShare(shares[i]) })),
        );
    const m = discreteLog(point, entry.ballots);
    if (m === null) {
      const name = `${entry.district}/${entry.question}/${entry.option}`;
      outOfRange.push(problem('DECRYPTION_OUT_OF_RANGE', ['entries', i], `${name} is not a count in [0, ${entry.ballots}]`));
    }
    return m ?? -1;
  });
  if (outOfRange.length > 0) return fail([...check.problems, ...outOfRange]);
  return ok({ trustees: [...chosen].sort((a, b) => a - b), counts, rejected: check.rejected, problems: check.problems });
}

/** A checked trustee has a share wherever α ≠ O (`checkDecryptionShares`), so a missing one is a bug. */
function verifiedShare(item: EntryShare | undefined): Point {
  if (!item) throw new Error('a verified trustee lacks a share where α is not the identity');
  return item.share;
}
