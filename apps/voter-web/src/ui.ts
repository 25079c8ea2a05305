// Small accessible building blocks shared by the pages: headings that take focus, labelled fields with hints and
// errors wired through aria-describedby, buttons, live status and alert regions.
import { h } from './dom.ts';
import { t } from './i18n/index.ts';

/** The screen's heading; focused when the screen changes so screen readers announce where the voter is. */
export function screenHeading(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1, class: 'screen-heading' }, text);
}

export function focusHeading(root: Element): void {
  const heading = root.querySelector<HTMLElement>('h1');
  heading?.focus();
}

export function button(
  label: string,
  onClick: () => void,
  options: { kind?: 'primary' | 'secondary' | 'link'; busy?: boolean; id?: string } = {},
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `button button-${options.kind ?? 'primary'}`,
      'aria-disabled': options.busy ? 'true' : undefined,
      id: options.id,
      on: { click: () => onClick() },
    },
    label,
  );
}

/**
 * A submit button (the form's submit handler does the work; Enter in a field submits too). While busy it is
 * aria-disabled rather than disabled, so it keeps the keyboard focus across a re-render.
 */
export function submitButton(label: string, busy = false, id = 'submit'): HTMLButtonElement {
  return h('button', { type: 'submit', id, class: 'button button-primary', 'aria-disabled': busy ? 'true' : undefined }, label);
}

export interface TextField {
  readonly wrapper: HTMLDivElement;
  readonly input: HTMLInputElement;
}

/** A labelled text input with an optional hint and error, both read out with the field. */
export function textField(options: {
  label: string;
  name: string;
  value: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  inputmode?: string;
  spellcheck?: boolean;
  autocapitalize?: string;
  onInput: (value: string) => void;
}): TextField {
  const id = `field-${options.name}`;
  const hintId = options.hint ? `${id}-hint` : undefined;
  const errorId = options.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const input = h('input', {
    id,
    name: options.name,
    type: 'text',
    value: options.value,
    autocomplete: options.autocomplete ?? 'off',
    inputmode: options.inputmode,
    spellcheck: options.spellcheck === undefined ? undefined : String(options.spellcheck),
    autocapitalize: options.autocapitalize,
    'aria-describedby': describedBy,
    'aria-invalid': options.error ? 'true' : undefined,
    required: true,
    on: { input: () => options.onInput(input.value) },
  });
  const wrapper = h(
    'div',
    { class: options.error ? 'field field-error' : 'field' },
    h('label', { for: id }, options.label),
    options.hint ? h('p', { id: hintId, class: 'hint' }, options.hint) : null,
    options.error ? h('p', { id: errorId, class: 'error-message' }, options.error) : null,
    input,
  );
  return { wrapper, input };
}

/** An assertive message (an error the voter must act on). */
export function alertBox(text: string): HTMLDivElement {
  return h('div', { class: 'alert alert-error', role: 'alert' }, text);
}

/** A polite live region (progress, "checked", "updated at"). */
export function statusBox(text: string, extraClass = ''): HTMLDivElement {
  return h('div', { class: `status ${extraClass}`.trim(), role: 'status' }, text);
}

/** A neutral, polite notice: a fact that is neither success nor failure (an audit's result: nothing was cast). */
export function noticeBox(text: string, id?: string): HTMLDivElement {
  return h('div', { class: 'alert alert-warning', role: 'status', ...(id ? { id } : {}) }, text);
}

export function successBox(text: string): HTMLDivElement {
  return h('div', { class: 'alert alert-success', role: 'status' }, text);
}

/** A long hex value shown in groups so it can be read and compared. */
export function hexBlock(hex: string): HTMLElement {
  return h('code', { class: 'hex' }, hex.match(/.{1,8}/g)?.join(' ') ?? hex);
}

/** A plain GET form asking for an election id; the page reloads as `action?election=<id>`. */
export function electionChooser(heading: string, action: string): HTMLElement[] {
  const field = textField({
    label: t().electionIdLabel,
    name: 'election',
    value: '',
    hint: t().electionIdHint,
    spellcheck: false,
    autocapitalize: 'none',
    onInput: () => {},
  });
  return [
    screenHeading(heading),
    h('form', { method: 'get', action, class: 'stack' }, field.wrapper, submitButton(t().openElection)),
  ];
}
