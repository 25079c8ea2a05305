// The district's ballot: one fieldset per question, radio buttons when one answer is allowed and checkboxes when
// several are; the limits are kept as the voter goes (at the maximum the other boxes are disabled, with a note).
// The question fieldsets also make the commission console's preview of a ballot, in any of the three languages.
import type { Language, Question } from '@saylau/protocol';
import { type Child, h } from '../dom.ts';
import { districtById, questionsOfDistrict } from '../election.ts';
import { language, type Messages, messagesOf, t, tr } from '../i18n/index.ts';
import { alertBox, button, screenHeading } from '../ui.ts';
import { saveProgress } from './resume.ts';
import type { Booth } from './state.ts';

/** What a question's fieldset shows and where its choices go. */
export interface QuestionView {
  /** The choices so far, by question id; changed in place as the voter picks. */
  readonly choices: Record<string, string[]>;
  /** Whether to show a question's problem (after the voter asked to go on). */
  readonly showProblems: boolean;
  /** The language of the texts (the page's, or the one a preview shows). */
  readonly language: Language;
  /** Prefix of the element ids, so two ballots can share a page (the console's preview). */
  readonly idPrefix: string;
  onChange(): void;
}

function limitHint(q: Question, m: Messages): string {
  if (q.maxSelections === 1) return q.minSelections === 1 ? m.chooseOne : m.chooseOneOrNone;
  if (q.minSelections === q.maxSelections) return m.chooseExactly(q.maxSelections);
  if (q.minSelections === 0) return m.chooseUpTo(q.maxSelections);
  return m.chooseBetween(q.minSelections, q.maxSelections);
}

function problemOf(q: Question, selected: readonly string[], m: Messages = t()): string | null {
  if (selected.length >= q.minSelections) return null;
  return q.maxSelections === 1 || q.minSelections === 1 ? m.needAnswer : m.needMore(q.minSelections);
}

const optionId = (q: Question, optionIndex: number, prefix = ''): string => `${prefix}option-${q.id}-${optionIndex}`;

/** One question as a fieldset of radio buttons or checkboxes, in `view.language`. */
export function questionFieldset(q: Question, index: number, total: number, view: QuestionView): HTMLElement {
  const m = messagesOf(view.language);
  const text = (x: Question['text']): string => x[view.language];
  const prefix = view.idPrefix;
  const single = q.maxSelections === 1;
  const selected = (): string[] => view.choices[q.id] ?? [];
  const hintId = `${prefix}question-${q.id}-hint`;
  const countId = `${prefix}question-${q.id}-count`;
  const errorId = `${prefix}question-${q.id}-error`;
  const error = h('p', { id: errorId, class: 'error-message' });
  const count = h('p', { id: countId, class: 'hint', role: single ? undefined : 'status' });

  const inputs = q.options.map((option, j) =>
    h('input', {
      type: single ? 'radio' : 'checkbox',
      id: optionId(q, j, prefix),
      name: `${prefix}question-${q.id}`,
      value: option.id,
      checked: selected().includes(option.id),
      on: {
        change: (event) => {
          const input = event.currentTarget as HTMLInputElement;
          const others = selected().filter((id) => id !== option.id);
          view.choices[q.id] = single ? [option.id] : input.checked ? [...others, option.id] : others;
          view.onChange();
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
      count.textContent = `${m.chosenCount(chosen.length, q.maxSelections)}${full ? ` ${m.maxReached}` : ''}`;
    }
    const problem = view.showProblems ? problemOf(q, chosen, m) : null;
    error.textContent = problem ?? '';
    error.hidden = problem === null;
    fieldset.classList.toggle('question-error', problem !== null);
  };

  const describedBy = [hintId, single ? null : countId, errorId].filter(Boolean).join(' ');
  const fieldset = h(
    'fieldset',
    { class: 'question', id: `${prefix}question-${q.id}`, 'aria-describedby': describedBy, lang: view.language },
    h(
      'legend',
      null,
      h('span', { class: 'question-number' }, m.questionNumber(index + 1, total)),
      h('span', { class: 'question-text' }, text(q.text)),
    ),
    h('p', { id: hintId, class: 'hint' }, limitHint(q, m)),
    error,
    h(
      'div',
      { class: 'options' },
      q.options.map((option, j) =>
        h('div', { class: 'option' }, inputs[j], h('label', { for: optionId(q, j, prefix) }, text(option.label))),
      ),
    ),
    single ? null : count,
    single && q.minSelections === 0
      ? button(
          m.clearChoice,
          () => {
            view.choices[q.id] = [];
            for (const input of inputs) input.checked = false;
            view.onChange();
            refresh();
          },
          { kind: 'secondary', id: `${prefix}clear-${q.id}` },
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
      questions.map((q, i) =>
        questionFieldset(q, i, questions.length, {
          choices: state.choices,
          showProblems: state.showProblems,
          language: language(),
          idPrefix: '',
          onChange: () => saveProgress(state),
        }),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', id: 'to-review', class: 'button button-primary' }, t().toReview),
      ),
    ),
  ];
}
