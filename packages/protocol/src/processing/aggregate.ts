// Aggregation (spec §6.3): the homomorphic sum of the counted ballots' selections per district, question and
// option, in one canonical order, so a server and a verifier produce the same list entry for entry.
import { type Ciphertext, ciphertextEquals, sumCiphertexts } from '@saylau/crypto';
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

/**
 * Sums the counted ballots into the aggregate entries, in layout order. An entry's `ballots` is the number of
 * counted ballots of its district; a district with none sums to (O, O). The ballots must have passed
 * `checkBallot` (their answers follow their district's style); anything else is a programmer error and throws.
 */
export function aggregate(definition: ElectionDefinition, ballots: readonly CountedBallot[]): Aggregate[] {
  const layout = aggregateLayout(definition);
  // district → index of its first entry; the entries of one district are consecutive in layout order
  const start = new Map<string, number>();
  layout.forEach((key, i) => {
    if (!start.has(key.district)) start.set(key.district, i);
  });
  const summands: Ciphertext[][] = layout.map(() => []);
  const perDistrict = new Map<string, number>();
  for (const { district, ballot } of ballots) {
    const first = start.get(district);
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
      for (const selection of answer.selections) (summands[at++] as Ciphertext[]).push(selection.ciphertext);
    });
    perDistrict.set(district, (perDistrict.get(district) ?? 0) + 1);
  }
  return layout.map((key, i) => ({
    ...key,
    ballots: perDistrict.get(key.district) ?? 0,
    ciphertext: sumCiphertexts(summands[i] as Ciphertext[]),
  }));
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
