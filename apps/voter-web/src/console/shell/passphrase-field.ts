// The password-type fields and the key file picker of the sign-in, the enrollment and the key dialog.
import { h } from '../../dom.ts';

export function passphraseField(options: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  autocomplete?: 'new-password' | 'current-password';
}): HTMLElement {
  const hintId = options.hint ? `${options.id}-hint` : undefined;
  const input = h('input', {
    id: options.id,
    type: 'password',
    autocomplete: options.autocomplete ?? 'current-password',
    value: options.value,
    'aria-describedby': hintId,
    on: { input: () => options.onInput(input.value) },
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: options.id }, options.label),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    input,
  );
}

/** A file picker that hands over the chosen file's name and text. */
export function keyFilePicker(options: {
  id: string;
  label: string;
  chosen: string | null;
  chosenText: (name: string) => string;
  onChosen: (file: { name: string; text: string }) => void;
}): HTMLElement {
  const input = h('input', {
    type: 'file',
    id: options.id,
    accept: '.key,.json,application/json',
    'aria-describedby': options.chosen ? `${options.id}-chosen` : undefined,
    on: {
      change: () => {
        const file = input.files?.[0];
        if (file) void file.text().then((text) => options.onChosen({ name: file.name, text }));
      },
    },
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: options.id }, options.label),
    input,
    options.chosen ? h('p', { class: 'hint', id: `${options.id}-chosen` }, options.chosenText(options.chosen)) : null,
  );
}
