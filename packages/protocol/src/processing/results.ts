// Results and validity verdicts (spec §6.5–6.6): the decrypted counts per district and overall, and each
// question's rules evaluated with exact integer arithmetic, so any verifier reaches the same verdict.
import type { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import { questionsOfStyle, styleOfDistrict, validityBasis } from '../definition/fingerprint.ts';
import type { ElectionDefinition, Question, ValidityRule } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import type { EventJsonOf, QuestionResult, RuleVerdict } from '../events/schema.ts';
import { type PaperResultsStatement, validPaperBallots } from '../paper-results/schema.ts';
import type { AggregateKey } from './aggregate.ts';

/** One question's result in one district or overall (the result event's QuestionResult). */
export type QuestionTally = z.infer<typeof QuestionResult>;
/** One rule's verdict with the exact integers it rests on (the result event's RuleVerdict). */
export type RuleOutcome = z.infer<typeof RuleVerdict>;

export interface DistrictTally {
  readonly district: string;
  readonly questions: QuestionTally[];
}

export interface Tally {
  /** Definition district order; each district's questions in its ballot style's order. */
  readonly districts: DistrictTally[];
  /** Definition question order. */
  readonly overall: QuestionTally[];
}

export interface QuestionValidity {
  readonly question: string;
  readonly valid: boolean;
  /** One verdict per rule, in the question's rule order. */
  readonly rules: RuleOutcome[];
}

/** The frozen register: district → number of registered voters (the `register` event's sizes). */
export type RegisterSizes = Readonly<Record<string, number>>;

const keyOf = (district: string, question: string, option: string) => JSON.stringify([district, question, option]);

function registeredIn(register: RegisterSizes, district: string): number {
  const size = register[district];
  if (size === undefined || !Number.isSafeInteger(size) || size < 0) throw new RangeError(`no register size for ${district}`);
  return size;
}

/**
 * The counts per district and overall from the decrypted entries (`counts[i]` is entry i's count). `registered` is
 * the register size of the district, overall the sum over the districts whose ballot style has the question.
 */
export function tallyResults(
  definition: ElectionDefinition,
  register: RegisterSizes,
  entries: readonly (AggregateKey & { readonly ballots: number })[],
  counts: readonly number[],
): Tally {
  if (counts.length !== entries.length) throw new RangeError('one count per aggregate entry');
  const byKey = new Map(
    entries.map((e, i) => [keyOf(e.district, e.question, e.option), { ballots: e.ballots, count: counts[i] }]),
  );
  const districts = definition.districts.map((d) => {
    const style = styleOfDistrict(definition, d.id);
    if (!style) throw new RangeError(`district ${d.id} has no ballot style`);
    let ballots: number | undefined;
    const questions = questionsOfStyle(definition, style).map((q) => {
      const counts: Record<string, number> = {};
      for (const o of q.options) {
        const entry = byKey.get(keyOf(d.id, q.id, o.id));
        if (entry?.count === undefined) throw new RangeError(`no aggregate entry for ${d.id}/${q.id}/${o.id}`);
        ballots ??= entry.ballots;
        if (ballots !== entry.ballots) throw new RangeError(`the entries of ${d.id} disagree on its ballots`);
        counts[o.id] = entry.count;
      }
      return { question: q.id, counts, ballots: ballots ?? 0, registered: registeredIn(register, d.id) };
    });
    return { district: d.id, questions };
  });
  return { districts, overall: overallTally(definition, districts) };
}

/** The overall results from the districts': per question on some ballot, each figure summed (definition order). */
export function overallTally(definition: ElectionDefinition, districts: readonly DistrictTally[]): QuestionTally[] {
  return definition.questions.flatMap((q) => {
    const parts = districts.flatMap((d) => d.questions.filter((r) => r.question === q.id));
    if (parts.length === 0) return [];
    const counts = Object.fromEntries(q.options.map((o) => [o.id, parts.reduce((sum, r) => sum + (r.counts[o.id] ?? 0), 0)]));
    const ballots = parts.reduce((sum, r) => sum + r.ballots, 0);
    const registered = parts.reduce((sum, r) => sum + r.registered, 0);
    return [{ question: q.id, counts, ballots, registered }];
  });
}

/**
 * The paper results as a tally (spec §6.5): per district the question results of its style with `ballots` = the
 * valid paper ballots and the option counts as attested; a district the statement omits counts 0. The statement
 * must be consistent (paperResultsProblems).
 */
export function paperTally(definition: ElectionDefinition, register: RegisterSizes, paper: PaperResultsStatement): Tally {
  const districts = definition.districts.map((d) => {
    const style = styleOfDistrict(definition, d.id);
    if (!style) throw new RangeError(`district ${d.id} has no ballot style`);
    const entry = paper.districts.find((x) => x.district === d.id);
    const ballots = entry ? validPaperBallots(entry) : 0;
    const questions = questionsOfStyle(definition, style).map((q) => {
      const given = entry?.questions.find((x) => x.question === q.id)?.counts ?? {};
      const counts = Object.fromEntries(q.options.map((o) => [o.id, given[o.id] ?? 0]));
      return { question: q.id, counts, ballots, registered: registeredIn(register, d.id) };
    });
    return { district: d.id, questions };
  });
  return { districts, overall: overallTally(definition, districts) };
}

/** Two tallies of one election added figure by figure (counts and ballots; `registered` is the same in both). */
export function combineTallies(definition: ElectionDefinition, a: Tally, b: Tally): Tally {
  const districts = a.districts.map((d) => {
    const other = b.districts.find((x) => x.district === d.district);
    const questions = d.questions.map((r) => {
      const o = other?.questions.find((x) => x.question === r.question);
      const counts = Object.fromEntries(Object.entries(r.counts).map(([id, n]) => [id, n + (o?.counts[id] ?? 0)]));
      return { question: r.question, counts, ballots: r.ballots + (o?.ballots ?? 0), registered: r.registered };
    });
    return { district: d.district, questions };
  });
  return { districts, overall: overallTally(definition, districts) };
}

/**
 * The tally the validity rules are judged on (spec §6.6): the electronic tally, the paper tally or their sum, as the
 * definition's validityBasis says. Throws when the basis needs paper results and there are none.
 */
export function basisTally(
  definition: ElectionDefinition,
  register: RegisterSizes,
  eVotes: Tally,
  paper: PaperResultsStatement | undefined,
): Tally {
  const basis = validityBasis(definition);
  if (basis === 'e-votes') return eVotes;
  if (!paper) throw new RangeError(`validity is judged on "${basis}" but there are no paper results`);
  const onPaper = paperTally(definition, register, paper);
  return basis === 'paper' ? onPaper : combineTallies(definition, eVotes, onPaper);
}

/**
 * A percent as an integer number of basis points (hundredths of a percent): the integer nearest to the binary64
 * product percent × 100, ties towards +∞. Exact for every percent written with at most two decimals.
 */
export function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** a·10,000 ≥ bp·b, in integers: "a is at least bp basis points of b". */
function atLeastShare(a: number, bp: number, b: number): boolean {
  return BigInt(a) * 10_000n >= BigInt(bp) * BigInt(b);
}

/** One rule other than district-quorum on one result (a district's or the overall one). */
function simpleVerdict(
  question: Question,
  rule: Exclude<ValidityRule, { kind: 'district-quorum' }>,
  r: QuestionTally,
): RuleOutcome {
  switch (rule.kind) {
    case 'turnout-quorum': {
      const bp = basisPoints(rule.percent);
      const figures = { ballots: r.ballots, registered: r.registered, basisPoints: bp };
      return { kind: rule.kind, passed: atLeastShare(r.ballots, bp, r.registered), figures };
    }
    case 'approval-quorum': {
      const bp = basisPoints(rule.percent);
      const count = r.counts[rule.option] ?? 0;
      const figures = { count, registered: r.registered, basisPoints: bp };
      return { kind: rule.kind, passed: atLeastShare(count, bp, r.registered), figures };
    }
    case 'majority': {
      const count = r.counts[rule.option] ?? 0;
      // only a referendum has a blank answer; in other kinds an option called "blank" is an ordinary option
      const blank = question.kind === 'referendum' ? (r.counts.blank ?? 0) : 0;
      const base = r.ballots - blank;
      const passed = base > 0 && (rule.threshold === 'simple' ? 2 * count > base : 3 * count >= 2 * base);
      return { kind: rule.kind, passed, figures: { count, ballots: r.ballots, blank, base } };
    }
  }
}

/**
 * Every rule of a question (spec §6.6): turnout, approval and majority on the overall result; district-quorum
 * applies the question's other rules to each district that sees it and passes when at least minDistricts pass them
 * all. The question is valid when every rule passes (a question without rules is valid).
 */
export function questionValidity(
  question: Question,
  overall: QuestionTally,
  districts: readonly DistrictTally[],
): QuestionValidity {
  const others = question.rules.filter((r) => r.kind !== 'district-quorum');
  const rules = question.rules.map((rule): RuleOutcome => {
    if (rule.kind !== 'district-quorum') return simpleVerdict(question, rule, overall);
    const perDistrict: Record<string, number> = {};
    let seeing = 0;
    let passing = 0;
    for (const d of districts) {
      const r = d.questions.find((x) => x.question === question.id);
      if (!r) continue;
      const passes = others.every((o) => simpleVerdict(question, o, r).passed);
      seeing++;
      if (passes) passing++;
      // ids never contain ":", so these keys cannot collide with the three figures below
      perDistrict[`district:${d.district}`] = passes ? 1 : 0;
    }
    const figures = { minDistricts: rule.minDistricts, districts: seeing, passing, ...perDistrict };
    return { kind: rule.kind, passed: passing >= rule.minDistricts, figures };
  });
  return { question: question.id, valid: rules.every((r) => r.passed), rules };
}

/** The verdicts of every question that is on a ballot, in definition order. */
export function validityVerdicts(definition: ElectionDefinition, tally: Tally): QuestionValidity[] {
  return tally.overall.map((overall) => {
    const question = definition.questions.find((q) => q.id === overall.question);
    if (!question) throw new RangeError(`unknown question ${overall.question}`);
    return questionValidity(question, overall, tally.districts);
  });
}

/**
 * The result event as the board stores it (without seq and time): the electronic counts, and the verdicts judged on
 * the definition's basis — with `paper`, the statement of the paper-results event before the result, when it needs one.
 */
export function buildResultEvent(
  definition: ElectionDefinition,
  register: RegisterSizes,
  entries: readonly (AggregateKey & { readonly ballots: number })[],
  decryption: { readonly trustees: readonly number[]; readonly counts: readonly number[] },
  paper?: PaperResultsStatement,
): Omit<EventJsonOf<'result'>, 'seq' | 'time'> {
  const tally = tallyResults(definition, register, entries, decryption.counts);
  return {
    type: 'result',
    trustees: [...decryption.trustees],
    districts: tally.districts,
    overall: tally.overall,
    validity: validityVerdicts(definition, basisTally(definition, register, tally, paper)),
  };
}

type ResultBody = Pick<EventJsonOf<'result'>, 'trustees' | 'districts' | 'overall' | 'validity'>;

/**
 * Compares a published result with the recomputed one, part by part: RESULT_MISMATCH at ['trustees'],
 * ['districts', i], ['overall', i] or ['validity', i], and at the list itself when the lengths differ.
 */
export function resultProblems(posted: ResultBody, expected: ResultBody): Problem[] {
  const out: Problem[] = [];
  if (canonicalJson(posted.trustees) !== canonicalJson(expected.trustees)) {
    out.push(
      problem(
        'RESULT_MISMATCH',
        ['trustees'],
        `trustees ${posted.trustees.join(', ')}; recomputed ${expected.trustees.join(', ')}`,
      ),
    );
  }
  for (const part of ['districts', 'overall', 'validity'] as const) {
    const have: readonly unknown[] = posted[part];
    const want: readonly unknown[] = expected[part];
    if (have.length !== want.length)
      out.push(problem('RESULT_MISMATCH', [part], `${have.length} items; recomputed ${want.length}`));
    have.forEach((item, i) => {
      if (i < want.length && canonicalJson(item) !== canonicalJson(want[i])) {
        out.push(problem('RESULT_MISMATCH', [part, i], `${part}[${i}] differs from the recomputed result`));
      }
    });
  }
  return out;
}
