// Processing, decryption and the result (spec §6): the counted set, the aggregates, every decryption share, the
// combination and discrete logarithms, the counts and the validity verdicts — each recomputed from the board with
// the protocol's own definitions and compared with what the board publishes.
import { bytesToHex, combineDecryptionShares, discreteLog, encodePoint, IDENTITY, type Point } from '@saylau/crypto';
import {
  type Aggregate,
  type AggregateKey,
  aggregateLayout,
  buildResultEvent,
  type CountedPlaces,
  checkDecryptionShares,
  combinedResults,
  countedPlaces,
  type EntryShare,
  type EventJsonOf,
  type EventOf,
  paperCancellations,
  paperResultsEvent,
  resultProblems,
  revokedCredentials,
  validityBasis,
  verifyTrusteeEvent,
} from '@saylau/protocol';
import { aggregateKey } from '../ballots/slice.ts';
import { eventsOfType, type VerifyContext, wholeEvents } from '../context.ts';
import type { Hashes } from '../hashes.ts';
import type { CountedSetKept } from '../load.ts';
import type { QuestionCounts, VerifiedResult } from '../report.ts';
import type { BallotSummary } from './ballots.ts';
import { decodedEvents } from './ceremony.ts';

const hex = (p: Point) => bytesToHex(encodePoint(p));
const where = (e: AggregateKey) => ({ district: e.district, question: e.question, option: e.option });

/** processing.cancellations: every cancelled credential is registered. */
function checkCancellations(ctx: VerifyContext): void {
  const { checks, credentials } = ctx;
  for (const event of decodedEvents(ctx, 'cancellation', 'processing.cancellations')) {
    const json = ctx.record.events[event.seq] as EventJsonOf<'cancellation'>;
    json.credentials.forEach((credential, i) => {
      checks.count('processing.cancellations');
      if (credentials && !credentials.has(credential)) {
        checks.fail('processing.cancellations', credential, {
          seq: event.seq,
          credential,
          path: `credentials.${i}`,
          code: 'UNKNOWN_CREDENTIAL',
          reason: 'a paper voter’s credential that is not in the credential list',
        });
      }
    });
  }
}

/** processing.counted-set: the published counted set against the last ballot per credential minus revoked and paper votes. */
function checkCountedSet(ctx: VerifyContext, hashes: Hashes): CountedPlaces {
  const { checks, record } = ctx;
  const { ballots } = record;
  const events = wholeEvents(record);
  const cancelled = paperCancellations(events);
  const revoked = revokedCredentials(events);
  const expected = countedPlaces(ballots, cancelled, revoked);
  const published = eventsOfType(record, 'counted-set')[0];
  if (!published) {
    checks.note('processing.counted-set', 'the board has no counted set yet');
    return expected;
  }
  checks.count('processing.counted-set', ballots.length);
  // On a sound board the published list is the expected one, hash for hash: then nothing compareCounted checks can
  // fail (no hash is listed twice: a ballot's hash covers its credential, and the set holds one ballot per
  // credential), and its tables of every ballot are not built.
  const same =
    published.counted.size === expected.counted.length &&
    expected.counted.every((i, k) => {
      const seq = ballots.seq(i);
      return seq === ballots.line(i) && published.counted.same(k, hashes, seq);
    });
  if (!same) compareCounted(ctx, published, expected, hashes, { cancelled, revoked });
  const fail = (item: string, reason: string) =>
    checks.fail('processing.counted-set', item, { seq: published.seq, code: 'COUNTED_SET_MISMATCH', reason });
  for (const key of ['superseded', 'cancelled', 'revoked'] as const) {
    // an absent `revoked` reads as 0 (spec §6.2)
    const have = published[key] ?? 0;
    if (have !== expected[key]) fail(key, `${key} is ${have}; the board implies ${expected[key]}`);
  }
  return expected;
}

/** The published list of counted ballots against the expected one, hash by hash, each difference named. */
function compareCounted(
  ctx: VerifyContext,
  published: CountedSetKept,
  expected: CountedPlaces,
  hashes: Hashes,
  dropped: { cancelled: ReadonlySet<string>; revoked: ReadonlySet<string> },
): void {
  const { checks, record } = ctx;
  const { ballots } = record;
  const seq = published.seq;
  const hashOf = (i: number) => hashes.get(ballots.seq(i)) as string;
  const byHash = new Map<string, { seq: number; credential: string }>();
  for (let i = 0; i < ballots.length; i++) byHash.set(hashOf(i), { seq: ballots.seq(i), credential: ballots.credential(i) });
  const counted = expected.counted.map(hashOf);
  const want = new Set(counted);
  const seen = new Set<string>();
  const fail = (item: string, ballot: string | undefined, reason: string) =>
    checks.fail('processing.counted-set', item, { seq, ...(ballot ? { ballot } : {}), code: 'COUNTED_SET_MISMATCH', reason });
  const list = published.counted.list() as string[];
  list.forEach((hash, i) => {
    if (seen.has(hash)) fail(hash, hash, `the ballot is counted twice (counted.${i})`);
    seen.add(hash);
    if (want.has(hash)) return;
    const ballot = byHash.get(hash);
    if (!ballot) {
      fail(hash, hash, `counted.${i} is not a ballot on the board`);
      return;
    }
    const last = expected.last.get(ballot.credential);
    if (last !== undefined && ballots.seq(last) !== ballot.seq) {
      fail(
        hash,
        hash,
        `the ballot at seq ${ballot.seq} is counted, but its credential voted again at seq ${ballots.seq(last)}: a superseded ballot counted`,
      );
    } else if (dropped.revoked.has(ballot.credential)) {
      fail(
        hash,
        hash,
        `the ballot at seq ${ballot.seq} is counted, but its credential was revoked when the voter's letter was re-issued`,
      );
    } else if (dropped.cancelled.has(ballot.credential)) {
      fail(hash, hash, `the ballot at seq ${ballot.seq} is counted, but its voter voted on paper: a cancelled ballot counted`);
    } else fail(hash, hash, `the ballot at seq ${ballot.seq} is counted but must not be`);
  });
  for (const hash of counted) {
    if (!seen.has(hash))
      fail(
        hash,
        hash,
        `the ballot at seq ${byHash.get(hash)?.seq} is the last of its credential and must be counted: it was dropped`,
      );
  }
  if (!checks.failed('processing.counted-set') && list.some((h, i) => h !== counted[i])) {
    fail('order', undefined, 'the counted ballots are not in board order');
  }
}

/** processing.aggregates: each published entry against the sum of the counted ballots (from the ballot workers). */
function checkAggregates(ctx: VerifyContext, summary: BallotSummary | undefined): Aggregate[] | undefined {
  const { checks, definition } = ctx;
  const [published] = decodedEvents(ctx, 'aggregate', 'processing.aggregates');
  if (!ctx.record.events.some((e) => e?.type === 'aggregate')) {
    checks.note('processing.aggregates', 'the board has no aggregates yet');
    return undefined;
  }
  if (!published || !definition) return undefined;
  const json = ctx.record.events[published.seq] as EventJsonOf<'aggregate'>;
  if (!summary?.aggregates) {
    checks.note('processing.aggregates', 'the ballots could not be checked, so the sums were not recomputed');
    return published.entries;
  }
  // the workers' partial sums, added up by the ballot stage
  const { sums, ballots } = summary.aggregates;
  const layout = aggregateLayout(definition);
  checks.count('processing.aggregates', layout.length);
  if (json.entries.length !== layout.length) {
    checks.fail('processing.aggregates', 'entries', {
      seq: published.seq,
      code: 'AGGREGATE_MISMATCH',
      reason: `${json.entries.length} entries; the definition's districts, styles and options make ${layout.length}`,
    });
  }
  layout.forEach((key, i) => {
    const entry = json.entries[i];
    const sum = sums.get(aggregateKey(key.district, key.question, key.option)) ?? { alpha: IDENTITY, beta: IDENTITY };
    const count = ballots.get(key.district) ?? 0;
    const fail = (reason: string) =>
      checks.fail('processing.aggregates', `entry ${i}`, {
        seq: published.seq,
        ...where(key),
        path: `entries.${i}`,
        code: 'AGGREGATE_MISMATCH',
        reason,
      });
    if (!entry) return;
    if (entry.district !== key.district || entry.question !== key.question || entry.option !== key.option) {
      fail(
        `entry ${i} is ${entry.district}/${entry.question}/${entry.option}; the layout of spec §6.3 puts ${key.district}/${key.question}/${key.option} there`,
      );
    } else if (entry.ballots !== count) {
      fail(`the entry sums ${entry.ballots} ballots; the district has ${count} counted ballots`);
    } else if (entry.ciphertext.alpha !== hex(sum.alpha) || entry.ciphertext.beta !== hex(sum.beta)) {
      fail('the ciphertext is not the homomorphic sum of the counted ballots’ selections');
    }
  });
  return published.entries;
}

interface DecryptionCheck {
  readonly valid: number[];
  readonly shares: Map<number, readonly EntryShare[]>;
}

/** decryption.shares: every share's proof against the trustee's verification key recomputed from the commitments. */
function checkShares(ctx: VerifyContext, entries: readonly Aggregate[]): DecryptionCheck | undefined {
  const { checks, definition, fingerprint, qualified } = ctx;
  const events = decodedEvents(ctx, 'decryption-share', 'decryption.shares');
  if (!ctx.record.events.some((e) => e?.type === 'decryption-share')) {
    checks.note('decryption.shares', 'the board has no decryption shares yet');
    return undefined;
  }
  if (!definition || !fingerprint || !qualified || qualified.length === 0) {
    checks.note('decryption.shares', 'no qualified dealers: the verification keys cannot be recomputed');
    return undefined;
  }
  for (const e of events) checks.count('decryption.shares', e.shares.length);
  // A share set counts only as its trustee's own signed statement (spec §6.4 step 0).
  const signed = events.filter((e) => {
    const key = ctx.trusteeKeys?.get(e.trustee);
    const json = ctx.record.events[e.seq] as unknown as Record<string, unknown>;
    if (key && verifyTrusteeEvent(key, fingerprint, e, json)) return true;
    checks.fail('decryption.shares', `trustee ${e.trustee}`, {
      seq: e.seq,
      trustee: e.trustee,
      code: 'BAD_TRUSTEE_SIGNATURE',
      reason: `the decryption shares are not signed by trustee ${e.trustee}’s key`,
    });
    return false;
  });
  const result = checkDecryptionShares({ fingerprint, trustees: definition.trustees, dealers: qualified, entries }, signed);
  const seqOf = new Map(events.map((e) => [e.trustee, e.seq]));
  for (const p of result.problems) {
    const trustee = Number(p.path[1]);
    const entry = typeof p.path[3] === 'number' ? entries[p.path[3]] : undefined;
    checks.fail('decryption.shares', `trustee ${trustee} ${p.path.slice(2).join('.')}`, {
      ...(seqOf.has(trustee) ? { seq: seqOf.get(trustee) as number } : {}),
      trustee,
      ...(entry ? where(entry) : {}),
      ...(p.path.length > 2 ? { path: p.path.slice(2).join('.') } : {}),
      code: p.code,
      reason: p.message,
    });
  }
  const shares = new Map<number, readonly EntryShare[]>();
  for (const e of signed) if (!shares.has(e.trustee)) shares.set(e.trustee, e.shares);
  return { valid: result.valid, shares };
}

/** A valid trustee's share of entry i (checkDecryptionShares guarantees one wherever α ≠ O). */
function shareOf(decryption: DecryptionCheck, trustee: number, i: number): Point {
  const share = decryption.shares.get(trustee)?.[i];
  if (!share) throw new Error(`trustee ${trustee} has no share of entry ${i}`);
  return share.share;
}

/**
 * result.combination: I is the first t valid trustees in board order (spec §6.4); the result must name exactly I,
 * each entry combines by Lagrange interpolation over I and has a discrete logarithm within its ballots.
 */
function combine(
  ctx: VerifyContext,
  entries: readonly Aggregate[],
  decryption: DecryptionCheck,
  posted: EventOf<'result'> | undefined,
) {
  const { checks, definition } = ctx;
  const t = definition?.trustees.threshold ?? 1;
  const seq = posted?.seq;
  const at = seq === undefined ? {} : { seq };
  const trustees = decryption.valid.slice(0, t).sort((a, b) => a - b);
  if (posted) {
    checks.count('result.combination');
    for (const x of posted.trustees.filter((x) => !decryption.valid.includes(x))) {
      checks.fail('result.combination', `trustee ${x}`, {
        ...at,
        trustee: x,
        code: 'BAD_DECRYPTION_SHARE',
        reason: `the result rests on trustee ${x}, who has no valid decryption shares`,
      });
    }
    if (trustees.length >= t && posted.trustees.join() !== trustees.join()) {
      checks.fail('result.combination', 'trustees', {
        ...at,
        code: 'RESULT_MISMATCH',
        reason: `the result names trustees [${posted.trustees.join(', ')}]; the first ${t} with valid shares are [${trustees.join(', ')}]`,
      });
    }
  }
  if (trustees.length < t) {
    const reason = `only ${trustees.length} trustees have valid decryption shares; the threshold is ${t}`;
    if (posted) checks.fail('result.combination', 'threshold', { ...at, code: 'NOT_ENOUGH_TRUSTEES', reason });
    else checks.note('result.combination', reason);
    return undefined;
  }
  const counts = entries.map((entry, i) => {
    checks.count('result.combination');
    const { alpha, beta } = entry.ciphertext;
    const point = alpha.is0()
      ? beta
      : combineDecryptionShares(
          entry.ciphertext,
          trustees.map((x) => ({ trustee: x, share: shareOf(decryption, x, i) })),
        );
    const m = discreteLog(point, entry.ballots);
    if (m === null) {
      checks.fail('result.combination', `entry ${i}`, {
        ...at,
        ...where(entry),
        code: 'DECRYPTION_OUT_OF_RANGE',
        reason: `the decrypted total is not a count between 0 and the entry's ${entry.ballots} ballots`,
      });
    }
    return m ?? 0;
  });
  return { trustees, counts };
}

/** result.counts and result.validity: the published result against the one built from the decryption. */
function compareResult(
  ctx: VerifyContext,
  posted: EventJsonOf<'result'>,
  expected: ReturnType<typeof buildResultEvent>,
): boolean {
  const { checks } = ctx;
  const seq = posted.seq;
  let matches = true;
  checks.count('result.counts', expected.districts.length + expected.overall.length);
  checks.count('result.validity', expected.validity.length);
  const problems = resultProblems({ ...posted, trustees: expected.trustees }, expected);
  for (const p of problems) {
    matches = false;
    const part = p.path[0] as 'districts' | 'overall' | 'validity';
    const i = typeof p.path[1] === 'number' ? p.path[1] : undefined;
    const id = part === 'validity' ? 'result.validity' : 'result.counts';
    const item = i === undefined ? undefined : expected[part][i];
    const location =
      item === undefined
        ? {}
        : 'district' in item
          ? { district: item.district }
          : { question: (item as { question: string }).question };
    checks.fail(id, `${part} ${i ?? ''}`, {
      seq,
      ...location,
      path: p.path.join('.'),
      code: p.code,
      reason: describe(part, i, posted, expected) ?? p.message,
    });
  }
  return matches;
}

/** What differs in one part of the result, in words. */
function describe(
  part: string,
  i: number | undefined,
  posted: EventJsonOf<'result'>,
  expected: ReturnType<typeof buildResultEvent>,
): string | undefined {
  if (i === undefined) return undefined;
  if (part === 'validity') {
    const have = posted.validity[i];
    const want = expected.validity[i];
    if (!have || !want) return undefined;
    const rule = want.rules.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(have.rules[k]));
    return `question ${want.question}: published ${have.valid ? 'valid' : 'not valid'}, recomputed ${want.valid ? 'valid' : 'not valid'}${
      rule >= 0
        ? `; rule ${rule} (${want.rules[rule]?.kind}) recomputed ${want.rules[rule]?.passed ? 'passed' : 'failed'} with ${JSON.stringify(want.rules[rule]?.figures)}`
        : ''
    }`;
  }
  const want = part === 'overall' ? expected.overall[i] : expected.districts[i];
  return want ? `differs from the decryption: recomputed ${JSON.stringify(want)}` : undefined;
}

/** Runs the stages of spec §6 and returns the result as the verifier computed it. */
export function checkTally(ctx: VerifyContext, summary: BallotSummary | undefined): VerifiedResult | null {
  const { definition, registerSizes, record } = ctx;
  checkCancellations(ctx);
  const set = summary ? checkCountedSet(ctx, summary.hashes) : undefined;
  const entries = checkAggregates(ctx, summary);
  const posted = decodedEvents(ctx, 'result', 'result.counts').at(-1);
  const postedJson = posted ? (record.events[posted.seq] as EventJsonOf<'result'>) : undefined;
  for (const id of ['result.combination', 'result.counts', 'result.validity'] as const) {
    if (!record.events.some((e) => e?.type === 'result')) ctx.checks.note(id, 'the board has no result yet');
  }
  if (!entries || !definition || !registerSizes) return null;
  const decryption = checkShares(ctx, entries);
  if (!decryption) {
    if (postedJson)
      ctx.checks.fail('result.combination', 'result', {
        seq: postedJson.seq,
        code: 'NOT_DECRYPTED',
        reason: 'a result is published without decryption shares',
      });
    return null;
  }
  const combined = combine(ctx, entries, decryption, posted);
  if (!combined) return null;
  // verdicts judged on paper votes need the paper results before the result; without them (paper.results fails)
  // the counts are still checked, and the verdicts against the electronic votes alone
  const paper = ctx.paperForVerdicts;
  const judged =
    validityBasis(definition) !== 'e-votes' && !paper ? { ...definition, validityBasis: 'e-votes' as const } : definition;
  const expected = buildResultEvent(judged, registerSizes, entries, combined, paper);
  const paperEvent = paperResultsEvent(wholeEvents(record));
  const views = combinedResults(definition, registerSizes, expected, paperEvent);
  const matches = postedJson ? compareResult(ctx, postedJson, expected) : false;
  const names = new Map(definition.districts.map((d) => [d.id, d.name.en]));
  return {
    published: postedJson !== undefined,
    matches,
    trustees: combined.trustees,
    counted: set?.counted.length ?? 0,
    superseded: set?.superseded ?? 0,
    cancelled: set?.cancelled ?? 0,
    revoked: set?.revoked ?? 0,
    districts: expected.districts.map((d) => ({
      district: d.district,
      name: names.get(d.district) ?? d.district,
      questions: d.questions as QuestionCounts[],
    })),
    overall: expected.overall,
    validity: expected.validity,
    basis: views.basis,
    paper: views.paper
      ? { districts: views.paper.districts, overall: views.paper.tally.overall, signers: views.paper.signers }
      : null,
    combined: views.combined ? { districts: views.combined.districts, overall: views.combined.overall } : null,
  };
}
