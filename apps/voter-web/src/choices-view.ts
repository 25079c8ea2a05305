// Choices as a voter reads them: each question of the ballot with the labels of the options chosen, or "blank".
// Used by the review screen, the Benaloh audit and the second-device page, so all three read the same.
import type { Choices, Question } from '@saylau/protocol';
import { h } from './dom.ts';
import { t, tr } from './i18n/index.ts';

export function choicesView(questions: readonly Question[], choices: Choices, id?: string): HTMLElement {
  return h(
    'dl',
    { class: 'choices', id },
    questions.map((q) => {
      const chosen = (choices[q.id] ?? [])
        .map((optionId) => q.options.find((o) => o.id === optionId))
        .filter((o) => o !== undefined);
      return [
        h('dt', null, tr(q.text)),
        chosen.length === 0
          ? h('dd', { class: 'blank', 'data-question': q.id }, t().noChoice)
          : chosen.map((o) => h('dd', { 'data-question': q.id, 'data-option': o.id }, tr(o.label))),
      ];
    }),
  );
}
