// One commission action as the console shows it: a button that is enabled only when the action is possible now,
// with the sentence why not beside it; an optional confirmation that says what will happen; the outcome (or the
// server's refusal with its code) under it. Outcomes are remembered per election and action, so the re-render that
// follows a state change still shows what the action did.
import type { Language } from '@saylau/protocol';
import { KeyFileError } from '@saylau/protocol/commission-client';
import { TrusteeError } from '@saylau/protocol/trustee-client';
import { ApiError } from '../../../api.ts';
import { h } from '../../../dom.ts';
import { errorText } from '../../shell/errors.ts';
import { type Confirmation, confirmDialog } from './dialog.ts';
import { KIT_TEXTS } from './texts.ts';
import './steps.css';

export interface ActionOptions {
  readonly id: string;
  readonly label: string;
  /** null when the action is possible now, else the sentence that says why not. */
  readonly blocked: string | null;
  readonly kind?: 'primary' | 'secondary';
  readonly confirm?: Confirmation;
  /** Does the action; answers what it did, in whichever language the console is shown in later. */
  readonly run: () => Promise<Said>;
  /** Called after the outcome is shown (e.g. context.refresh() when the election's state changed). */
  readonly after?: () => Promise<void> | void;
}

/** Lines in a language: an outcome stays readable when the member switches language after it. */
export type Said = (language: Language) => readonly string[];

interface Outcome {
  readonly ok: boolean;
  readonly lines: Said;
  /** Still running: no verdict yet. */
  readonly busy?: boolean;
}

const outcomes = new Map<string, Outcome>();

/** A refusal of the page itself (a check that failed before anything was sent), said in the member's language. */
export class StepRefusal extends Error {
  constructor(readonly say: (language: Language) => string) {
    super(say('en'));
    this.name = 'StepRefusal';
  }
}

/**
 * The sentence for a failure: the shell's for the server's refusals and key files (code and sentence), a
 * trustee-client check with its code; anything else is a fault of this page, said as such.
 */
export function failureText(error: unknown, language: Language): string {
  const m = KIT_TEXTS[language];
  if (error instanceof StepRefusal) return error.say(language);
  if (error instanceof TrusteeError) return m.failed(error.message, error.code);
  if (error instanceof ApiError || error instanceof KeyFileError || (error instanceof Error && error.name === 'KeyCancelled')) {
    return errorText(error, language);
  }
  return m.unexpected(error instanceof Error ? error.message : String(error));
}

/**
 * The remembered outcome of an action whose button the new state no longer shows (start, open, close): what it did
 * stays in view after the re-render it caused.
 */
export function pastOutcome(language: Language, scope: string, id: string): HTMLElement | null {
  const outcome = outcomes.get(`${scope}:${id}`);
  return outcome ? outcomeBox(language, id, outcome) : null;
}

function outcomeBox(language: Language, id: string, outcome: Outcome | undefined): HTMLElement {
  if (!outcome) return h('div', { id: `${id}-outcome`, class: 'action-outcome', role: 'status' });
  const lines = outcome.lines(language);
  if (outcome.busy) return h('div', { id: `${id}-outcome`, class: 'status busy action-outcome', role: 'status' }, lines[0]);
  return h(
    'div',
    {
      id: `${id}-outcome`,
      class: outcome.ok ? 'alert alert-success action-outcome' : 'alert alert-error action-outcome',
      role: outcome.ok ? 'status' : 'alert',
      'data-ok': String(outcome.ok),
    },
    lines.length === 1
      ? lines[0]
      : h(
          'ul',
          null,
          lines.map((line) => h('li', null, line)),
        ),
  );
}

/**
 * The button, its "why not" sentence and its outcome, as one block. `scope` keeps outcomes apart per election. The
 * button is aria-disabled (not disabled) when blocked, so it stays in the keyboard order and reads out its reason.
 */
export function actionBlock(language: Language, scope: string, options: ActionOptions): HTMLElement {
  const m = KIT_TEXTS[language];
  const key = `${scope}:${options.id}`;
  const whyId = `${options.id}-why`;
  let busy = false;
  const button = h(
    'button',
    {
      type: 'button',
      id: options.id,
      class: `button button-${options.kind ?? 'primary'}`,
      'aria-disabled': options.blocked === null ? undefined : 'true',
      'aria-describedby': options.blocked === null ? undefined : whyId,
      on: { click: () => void go() },
    },
    options.label,
  );
  const why = options.blocked === null ? null : h('p', { id: whyId, class: 'hint action-why' }, `${m.whyNot} ${options.blocked}`);
  let outcome = outcomeBox(language, options.id, outcomes.get(key));
  const block = h('div', { class: 'action', 'data-action': options.id }, h('div', { class: 'actions' }, button), why, outcome);

  const show = (next: Outcome | undefined): void => {
    const box = outcomeBox(language, options.id, next);
    outcome.replaceWith(box);
    outcome = box;
  };

  async function go(): Promise<void> {
    if (busy || options.blocked !== null) return;
    if (options.confirm && !(await confirmDialog(language, options.confirm))) return;
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    show({ ok: true, lines: (l) => [KIT_TEXTS[l].working], busy: true });
    let result: Outcome;
    try {
      result = { ok: true, lines: await options.run() };
    } catch (error) {
      result = { ok: false, lines: (l) => [failureText(error, l)] };
    }
    outcomes.set(key, result);
    busy = false;
    button.removeAttribute('aria-disabled');
    show(result);
    if (result.ok) await options.after?.();
  }

  return block;
}
