// The demo's simulated voters: who abstains, who re-votes, who also votes on paper, and what each ballot says,
// all drawn from a seeded PRNG (it only picks simulated behaviour; every key and nonce comes from the CSPRNG).
// Also the count the published result must equal: the last e-vote of every voter who did not vote on paper.
import type { Choices, ElectionDefinition, Question } from '@saylau/protocol';
import { questionsOfStyle, styleOfDistrict } from '@saylau/protocol';
import type { SimulationRandom } from '@saylau/protocol/node';

export interface Behaviour {
  /** Share of voters casting no e-vote (default 0.2). */
  readonly abstain: number;
  /** Share of e-voters who vote a second time (default 0.1). */
  readonly revote: number;
  /** Share of e-voters who also vote on paper, which cancels their e-vote (default 0.03). */
  readonly paper: number;
}

export const DEFAULT_BEHAVIOUR: Behaviour = { abstain: 0.2, revote: 0.1, paper: 0.03 };

export interface VoterPlan {
  readonly index: number;
  readonly district: string;
  /** The choices of each e-vote in order (0, 1 or 2 of them); the last one counts unless `paper`. */
  readonly votes: Choices[];
  readonly paper: boolean;
}

/** Per question, a popularity for each option, so results differ from a uniform split the way real ones do. */
export function optionWeights(definition: ElectionDefinition, random: SimulationRandom): Map<string, number[]> {
  return new Map(definition.questions.map((q) => [q.id, q.options.map(() => 0.2 + random.next())]));
}

function pickOne(weights: readonly number[], random: SimulationRandom): number {
  let r = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function answer(q: Question, weights: readonly number[], random: SimulationRandom): string[] {
  if (q.maxSelections === 1 && q.minSelections === 1) return [q.options[pickOne(weights, random)]?.id as string];
  const max = Math.max(...weights);
  let chosen = q.options.filter((_, i) => random.next() < 0.6 * ((weights[i] as number) / max));
  while (chosen.length > q.maxSelections) chosen = chosen.filter((_, i) => i !== random.below(chosen.length));
  const rest = () => q.options.filter((o) => !chosen.includes(o));
  while (chosen.length < q.minSelections) chosen.push(rest()[random.below(rest().length)] as Question['options'][number]);
  return q.options.filter((o) => chosen.includes(o)).map((o) => o.id);
}

export function randomChoices(
  definition: ElectionDefinition,
  district: string,
  weights: Map<string, number[]>,
  random: SimulationRandom,
): Choices {
  const style = styleOfDistrict(definition, district);
  if (!style) throw new RangeError(`district ${district} has no ballot style`);
  return Object.fromEntries(questionsOfStyle(definition, style).map((q) => [q.id, answer(q, weights.get(q.id) ?? [], random)]));
}

/** One plan per voter, districts spread at random over the definition's districts. */
export function planVoters(
  definition: ElectionDefinition,
  count: number,
  behaviour: Behaviour,
  random: SimulationRandom,
): VoterPlan[] {
  const weights = optionWeights(definition, random);
  const districts = definition.districts.map((d) => d.id);
  return Array.from({ length: count }, (_, index) => {
    const district = districts[random.below(districts.length)] as string;
    if (random.chance(behaviour.abstain)) return { index, district, votes: [], paper: false };
    const n = random.chance(behaviour.revote) ? 2 : 1;
    const votes = Array.from({ length: n }, () => randomChoices(definition, district, weights, random));
    return { index, district, votes, paper: random.chance(behaviour.paper) };
  });
}

/** question → option → selections, for one district or overall. */
export type Counts = Record<string, Record<string, number>>;

export interface ExpectedResult {
  readonly counted: number;
  readonly superseded: number;
  readonly cancelled: number;
  readonly districts: Record<string, { ballots: number; counts: Counts }>;
  readonly overall: Counts;
}

export function expectedResult(definition: ElectionDefinition, plans: readonly VoterPlan[]): ExpectedResult {
  const districts: ExpectedResult['districts'] = {};
  const overall: Counts = {};
  for (const d of definition.districts) {
    const style = styleOfDistrict(definition, d.id);
    const counts: Counts = {};
    for (const q of style ? questionsOfStyle(definition, style) : []) {
      counts[q.id] = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      overall[q.id] ??= Object.fromEntries(q.options.map((o) => [o.id, 0]));
    }
    districts[d.id] = { ballots: 0, counts };
  }
  let counted = 0;
  let superseded = 0;
  let cancelled = 0;
  for (const plan of plans) {
    const last = plan.votes[plan.votes.length - 1];
    if (!last) continue;
    superseded += plan.votes.length - 1;
    if (plan.paper) {
      cancelled++;
      continue;
    }
    counted++;
    const tally = districts[plan.district] as { ballots: number; counts: Counts };
    tally.ballots++;
    for (const [question, options] of Object.entries(last)) {
      for (const option of options) {
        (tally.counts[question] as Record<string, number>)[option]! += 1;
        (overall[question] as Record<string, number>)[option]! += 1;
      }
    }
  }
  return { counted, superseded, cancelled, districts, overall };
}
