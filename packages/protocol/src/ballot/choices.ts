// A voter's choices (spec §3.6.1): question id → the option ids selected, checked against the question's limits.

import { questionsOfStyle } from '../definition/fingerprint.ts';
import type { BallotStyle, ElectionDefinition, Question } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';

export type Choices = Readonly<Record<string, readonly string[]>>;

export function choicesProblems(definition: ElectionDefinition, style: BallotStyle, choices: Choices): Problem[] {
  const out: Problem[] = [];
  for (const id of Object.keys(choices)) {
    if (!style.questions.includes(id)) out.push(problem('WRONG_ANSWERS', [id], `question "${id}" is not on this ballot`));
  }
  for (const q of questionsOfStyle(definition, style)) {
    const selected = choices[q.id] ?? [];
    const optionIds = q.options.map((o) => o.id);
    for (const id of selected) {
      if (!optionIds.includes(id)) out.push(problem('WRONG_ANSWERS', [q.id], `"${id}" is not an option of "${q.id}"`));
    }
    if (new Set(selected).size !== selected.length) out.push(problem('WRONG_ANSWERS', [q.id], 'an option is chosen twice'));
    if (selected.length < q.minSelections || selected.length > q.maxSelections) {
      out.push(problem('WRONG_ANSWERS', [q.id], selectionRule(q.minSelections, q.maxSelections)));
    }
  }
  return out;
}

/** The 0/1 vector of a question in option order. */
export function selectionVector(question: Question, selected: readonly string[]): (0 | 1)[] {
  return question.options.map((o) => (selected.includes(o.id) ? 1 : 0));
}

/** The selection limits in words a voter reads: "choose 1 option", "choose at most 3 options", "choose 2 to 4 options". */
export function selectionRule(min: number, max: number): string {
  const options = (n: number) => `${n} option${n === 1 ? '' : 's'}`;
  if (min === max) return `choose ${options(max)}`;
  if (min === 0) return `choose at most ${options(max)}`;
  return `choose ${min} to ${options(max)}`;
}
