// Asking for the member's key file again when a step needs a signature after a reload (step.ts memberKey()): a
// modal dialog with the file and the passphrase; the key must be the signed-in member's. Cancel rejects.
import type { Scalar } from '@saylau/crypto';
import type { Language } from '@saylau/protocol';
import { h } from '../../dom.ts';
import { alertBox, statusBox } from '../../ui.ts';
import { SHELL_TEXTS } from '../texts/shell.ts';
import { errorText } from './errors.ts';
import { type KeyFileText, openedKey, reopenKey } from './member-session.ts';

/** Thrown by memberKey() when the member closes the dialog without opening the key. */
export class KeyCancelled extends Error {
  constructor(readonly language: Language) {
    super(SHELL_TEXTS[language].keyCancelled);
    this.name = 'KeyCancelled';
  }
}

let pending: Promise<Scalar> | null = null;

/** The key in memory, or the one the member opens in the dialog (one dialog at a time). */
export function memberKey(language: Language): Promise<Scalar> {
  const key = openedKey();
  if (key) return Promise.resolve(key);
  pending ??= askForKey(language).finally(() => {
    pending = null;
  });
  return pending;
}

function askForKey(language: Language): Promise<Scalar> {
  const s = SHELL_TEXTS[language];
  return new Promise<Scalar>((resolve, reject) => {
    let file: KeyFileText | null = null;
    const message = h('div', { id: 'key-prompt-message' });
    const fileInput = h('input', { type: 'file', id: 'key-prompt-file', accept: '.key,.json,application/json' });
    const passphrase = h('input', { type: 'password', id: 'key-prompt-passphrase', autocomplete: 'current-password' });
    fileInput.addEventListener('change', () => {
      const chosen = fileInput.files?.[0];
      if (chosen) void chosen.text().then((text) => (file = { name: chosen.name, text }));
    });
    const close = (): void => {
      dialog.close();
      dialog.remove();
    };
    const form = h(
      'form',
      {
        on: {
          submit: (event: Event) => {
            event.preventDefault();
            if (!file) {
              message.replaceChildren(alertBox(s.chooseFile));
              return;
            }
            message.replaceChildren(statusBox(s.opening, 'busy'));
            reopenKey(file, passphrase.value)
              .then((key) => {
                close();
                resolve(key);
              })
              .catch((error: unknown) => message.replaceChildren(alertBox(errorText(error, language))));
          },
        },
      },
      h('h2', { id: 'key-prompt-title' }, s.keyPromptTitle),
      h('p', null, s.keyPromptIntro),
      h('div', { class: 'field' }, h('label', { for: 'key-prompt-file' }, s.keyFileLabel), fileInput),
      h('div', { class: 'field' }, h('label', { for: 'key-prompt-passphrase' }, s.passphraseLabel), passphrase),
      message,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', id: 'key-prompt-open', class: 'button button-primary' }, s.open),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-secondary',
            on: {
              click: () => {
                close();
                reject(new KeyCancelled(language));
              },
            },
          },
          s.cancel,
        ),
      ),
    );
    const dialog = h('dialog', { id: 'key-prompt', 'aria-labelledby': 'key-prompt-title' }, form);
    dialog.addEventListener('cancel', () => {
      dialog.remove();
      reject(new KeyCancelled(language));
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}
