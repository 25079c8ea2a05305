// The district's ballot: one fieldset per question, radio buttons when one answer is allowed and checkboxes when
// several are; the limits are kept as the voter goes (at the maximum the other boxes are disabled, with a note).
import type { Question } from '@saylau/protocol';
import { type Child, h } from '../dom.ts';
import { districtById, questionsOfDistrict } from '../election.ts';
import { t, tr } from '../i18n/index.ts';
import { alertBox, button, screenHeading } from '../ui.ts';
import { saveProgress } from './resume.ts';
import type { Booth } from './state.ts';

function limitHint(q: Question): string {
  if (q.maxSelections === 1) return q.minSelections === 1 ? t().chooseOne : t().chooseOneOrNone;
  if (q.minSelections === q.maxSelections) return t().chooseExactly(q.maxSelections);
  if (q.minSelections === 0) return t().chooseUpTo(q.maxSelections);
  return t().chooseBetween(q.minSelections, q.maxSelections);
}

function problemOf(q: Question, selected: readonly string[]): string | null {
  if (selected.length >= q.minSelections) return null;
  return q.maxSelections === 1 || q.minSelections === 1 ? t().needAnswer : t().needMore(q.minSelections);
}

const optionId = (q: Question, optionIndex: number): string => `option-${q.id}-${optionIndex}`;

function questionFieldset(booth: Booth, q: Question, index: number, total: number): HTMLElement {
  const { state } = booth;
  const single = q.maxSelections === 1;
  const selected = (): string[] => state.choices[q.id] ?? [];
  const hintId = `question-${q.id}-hint`;
  const countId = `question-${q.id}-count`;
  const errorId = `question-${q.id}-error`;
  const error = h('p', { id: errorId, class: 'error-message' });
  const count = h('p', { id: countId, class: 'hint', role: single ? undefined : 'status' });

  const inputs = q.options.map((option, j) =>
    h('input', {
      type: single ? 'radio' : 'checkbox',
      id: optionId(q, j),
      name: `question-${q.id}`,
      value: option.id,
      checked: selected().includes(option.id),
      on: {
        change: (event) => {
          const input = event.currentTarget as HTMLInputElement;
          const others = selected().filter((id) => id !== option.id);
          state.choices[q.id] = single ? [option.id] : input.checked ? [...others, option.id] : others;
          saveProgress(state);
          refresh();
        },
      },
    }),
  );

  const refresh = (): void => {
    const chosen = selected();
    if (!single) {
      const full = chosen.length >= q.maxSelections;
      for (const input of inputs) input.disabled = full && !input.checked;
      count.textContent = `${t().chosenCount(chosen.length, q.maxSelections)}${full ? ` ${t().maxReached}` : ''}`;
    }
    const problem = state.showProblems ? problemOf(q, chosen) : null;
    error.textContent = problem ?? '';
    error.hidden = problem === null;
    fieldset.classList.toggle('question-error', problem !== null);
  };

  const describedBy = [hintId, single ? null : countId, errorId].filter(Boolean).join(' ');
  const fieldset = h(
    'fieldset',
    { class: 'question', id: `question-${q.id}`, 'aria-describedby': describedBy },
    h(
      'legend',
      null,
      h('span', { class: 'question-number' }, t().questionNumber(index + 1, total)),
      h('span', { class: 'question-text' }, tr(q.text)),
    ),
    h('p', { id: hintId, class: 'hint' }, limitHint(q)),
    error,
    h(
      'div',
      { class: 'options' },
      q.options.map((option, j) =>
        h('div', { class: 'option' }, inputs[j], h('label', { for: optionId(q, j) }, tr(option.label))),
      ),
    ),
    single ? null : count,
    single && q.minSelections === 0
      ? button(
          t().clearChoice,
          () => {
            state.choices[q.id] = [];
            for (const input of inputs) input.checked = false;
            saveProgress(state);
            refresh();
          },
          { kind: 'secondary', id: `clear-${q.id}` },
        )
      : null,
  );
  refresh();
  return fieldset;
}

export function ballotScreen(booth: Booth): Child[] {
  const { state } = booth;
  const election = state.election;
  const district = state.session?.district;
  if (!election || !district) return [];
  const questions = questionsOfDistrict(election, district);
  const districtName = districtById(election, district);
  const unanswered = state.showProblems ? questions.filter((q) => problemOf(q, state.choices[q.id] ?? []) !== null) : [];
  const summary =
    unanswered.length > 0
      ? h(
          'div',
          { class: 'alert alert-error', role: 'alert', id: 'problem-summary', tabindex: -1 },
          h('p', null, t().fixProblems),
          h(
            'ul',
            null,
            unanswered.map((q) => h('li', null, h('a', { href: `#${optionId(q, 0)}` }, tr(q.text)))),
          ),
        )
      : null;
  const toReview = (): void => {
    state.showProblems = true;
    if (questions.some((q) => problemOf(q, state.choices[q.id] ?? []) !== null)) {
      booth.render();
      document.getElementById('problem-summary')?.focus();
      return;
    }
    state.showProblems = false;
    booth.go('review');
  };
  return [
    screenHeading(t().ballotTitle),
    h('p', null, t().ballotIntro(districtName ? tr(districtName.name) : district)),
    summary,
    state.error ? alertBox(state.error()) : null,
    h(
      'form',
      {
        class: 'stack ballot',
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            toReview();
          },
        },
      },
      questions.map((q, i) => questionFieldset(booth, q, i, questions.length)),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', id: 'to-review', class: 'button button-primary' }, t().toReview),
      ),
    ),
  ];
}
