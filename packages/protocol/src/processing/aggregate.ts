// Aggregation (spec §6.3): the homomorphic sum of the counted ballots' selections per district, question and
// option, in one canonical order, so a server and a verifier produce the same list entry for entry.
import {
  bytesToHex,
  type Ciphertext,
  ciphertextEquals,
  decodePoint,
  encodePoint,
  hexToBytes,
  IDENTITY,
  sumCiphertexts,
} from '@saylau/crypto';
import { z } from 'zod';
import { questionsOfStyle, styleOfDistrict } from '../definition/fingerprint.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import { AggregateEntry, type BoardEventJson, type EventJsonOf } from '../events/schema.ts';

/** What an aggregate entry (and its decryption context) is about. */
export interface AggregateKey {
  readonly district: string;
  readonly question: string;
  readonly option: string;
}

/** A decoded aggregate entry: its key, the number of ballots summed and the sum. */
export type Aggregate = z.output<typeof AggregateEntry>;

/** The part of a decoded ballot that aggregation reads (a `Ballot` has it). */
export interface BallotCiphertexts {
  readonly answers: readonly {
    readonly question: string;
    readonly selections: readonly { readonly ciphertext: Ciphertext }[];
  }[];
}

/** A counted ballot with the district of its credential (from the credential list). */
export interface CountedBallot {
  readonly district: string;
  readonly ballot: BallotCiphertexts;
}

/**
 * The canonical entry order: the definition's districts in order; for each, the questions of its ballot style in
 * the style's order; for each, the question's options in order. Every district has its entries.
 */
export function aggregateLayout(definition: ElectionDefinition): AggregateKey[] {
  return definition.districts.flatMap((d) => {
    const style = styleOfDistrict(definition, d.id);
    if (!style) throw new RangeError(`district ${d.id} has no ballot style`);
    return questionsOfStyle(definition, style).flatMap((q) =>
      q.options.map((o) => ({ district: d.id, question: q.id, option: o.id })),
    );
  });
}

/** A partial sum as it crosses between threads: counted ballots per district and each entry's (Σα, Σβ) as hex. */
export interface PartialAggregateJson {
  readonly ballots: Record<string, number>;
  readonly sums: readonly (readonly [alpha: string, beta: string])[];
}

/**
 * The running sums of the aggregate entries, in layout order: ballots are added one at a time (a simulator's or
 * a server's worker threads each keep one) and partial sums merged, so no list of every counted ballot is needed.
 */
export class AggregateSums {
  private readonly layout: AggregateKey[];
  /** district → index of its first entry; the entries of one district are consecutive in layout order */
  private readonly start = new Map<string, number>();
  private readonly sums: Ciphertext[];
  private readonly perDistrict = new Map<string, number>();

  constructor(private readonly definition: ElectionDefinition) {
    this.layout = aggregateLayout(definition);
    this.layout.forEach((key, i) => {
      if (!this.start.has(key.district)) this.start.set(key.district, i);
    });
    this.sums = this.layout.map(() => ({ alpha: IDENTITY, beta: IDENTITY }));
  }

  /**
   * Adds one counted ballot. It must have passed `checkBallot` (its answers follow its district's style);
   * anything else is a programmer error and throws.
   */
  add({ district, ballot }: CountedBallot): void {
    const { definition } = this;
    const first = this.start.get(district);
    const style = styleOfDistrict(definition, district);
    if (first === undefined || !style) throw new RangeError(`unknown district ${district}`);
    const questions = questionsOfStyle(definition, style);
    if (ballot.answers.length !== questions.length) throw new RangeError(`a ballot does not follow the style of ${district}`);
    let at = first;
    ballot.answers.forEach((answer, i) => {
      const question = questions[i];
      if (answer.question !== question?.id || answer.selections.length !== question.options.length) {
        throw new RangeError(`a ballot does not follow the style of ${district}`);
      }
      for (const selection of answer.selections) {
        const sum = this.sums[at] as Ciphertext;
        this.sums[at++] = sumCiphertexts([sum, selection.ciphertext]);
      }
    });
    this.perDistrict.set(district, (this.perDistrict.get(district) ?? 0) + 1);
  }

  /** The sums so far, for another thread's `merge`. */
  toJson(): PartialAggregateJson {
    return {
      ballots: Object.fromEntries(this.perDistrict),
      sums: this.sums.map((c) => [bytesToHex(encodePoint(c.alpha)), bytesToHex(encodePoint(c.beta))] as const),
    };
  }

  /** Adds another thread's partial sums (made by `toJson` over the same definition). */
  merge(partial: PartialAggregateJson): void {
    if (partial.sums.length !== this.sums.length) throw new RangeError('a partial aggregate of another layout');
    partial.sums.forEach(([alpha, beta], i) => {
      const point = (hex: string) => decodePoint(hexToBytes(hex), { allowIdentity: true });
      this.sums[i] = sumCiphertexts([this.sums[i] as Ciphertext, { alpha: point(alpha), beta: point(beta) }]);
    });
    for (const [district, n] of Object.entries(partial.ballots)) {
      this.perDistrict.set(district, (this.perDistrict.get(district) ?? 0) + n);
    }
  }

  /** The aggregate entries: an entry's `ballots` is its district's counted ballots; a district with none sums to (O, O). */
  entries(): Aggregate[] {
    return this.layout.map((key, i) => ({
      ...key,
      ballots: this.perDistrict.get(key.district) ?? 0,
      ciphertext: this.sums[i] as Ciphertext,
    }));
  }
}

/** Sums the counted ballots into the aggregate entries, in layout order (see AggregateSums). */
export function aggregate(definition: ElectionDefinition, ballots: readonly CountedBallot[]): Aggregate[] {
  const sums = new AggregateSums(definition);
  for (const ballot of ballots) sums.add(ballot);
  return sums.entries();
}

const AggregateEntries = z.array(AggregateEntry);

/** The aggregate event as the board stores it (without seq and time). */
export function aggregatePayload(entries: readonly Aggregate[]): Omit<EventJsonOf<'aggregate'>, 'seq' | 'time'> {
  return { type: 'aggregate', entries: z.encode(AggregateEntries, [...entries]) };
}

/**
 * Compares published aggregate entries with recomputed ones: AGGREGATE_MISMATCH at ['entries', i] for each entry
 * whose key, ballot count or ciphertext differs, and at ['entries'] when the number of entries differs.
 */
export function aggregateProblems(posted: readonly Aggregate[], expected: readonly Aggregate[]): Problem[] {
  const out: Problem[] = [];
  if (posted.length !== expected.length) {
    out.push(problem('AGGREGATE_MISMATCH', ['entries'], `${posted.length} entries; recomputed ${expected.length}`));
  }
  posted.forEach((entry, i) => {
    const want = expected[i];
    if (!want) return;
    const name = `${want.district}/${want.question}/${want.option}`;
    if (entry.district !== want.district || entry.question !== want.question || entry.option !== want.option) {
      out.push(problem('AGGREGATE_MISMATCH', ['entries', i], `entry ${i} is not ${name}`));
    } else if (entry.ballots !== want.ballots) {
      out.push(
        problem('AGGREGATE_MISMATCH', ['entries', i], `${name} sums ${entry.ballots} ballots; recomputed ${want.ballots}`),
      );
    } else if (!ciphertextEquals(entry.ciphertext, want.ciphertext)) {
      out.push(problem('AGGREGATE_MISMATCH', ['entries', i], `${name} is not the sum of its counted ballots`));
    }
  });
  return out;
}

/** Credential public key (hex) → district, from the board's credential list. */
export function credentialDistricts(events: readonly BoardEventJson[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'credentials') for (const entry of e.entries) out.set(entry.credential, entry.district);
  }
  return out;
}
