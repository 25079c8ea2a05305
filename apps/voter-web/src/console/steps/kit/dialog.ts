// The explicit confirmation before an action that cannot be undone (open, close, publish): a modal <dialog> that
// says what will happen, focus on Cancel, Escape cancels. Resolves true only on the confirm button.
import type { Language } from '@saylau/protocol';
import { h } from '../../../dom.ts';
import { KIT_TEXTS } from './texts.ts';

export interface Confirmation {
  readonly title: string;
  /** What will happen, one sentence a line. */
  readonly lines: readonly string[];
  readonly confirmLabel: string;
}

export function confirmDialog(language: Language, confirmation: Confirmation): Promise<boolean> {
  const m = KIT_TEXTS[language];
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null;
    let answered = false;
    const finish = (yes: boolean): void => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(yes);
    };
    const cancel = h(
      'button',
      { type: 'button', id: 'confirm-no', class: 'button button-secondary', on: { click: () => finish(false) } },
      m.cancel,
    );
    const dialog = h(
      'dialog',
      {
        class: 'confirm-dialog',
        'aria-labelledby': 'confirm-title',
        'aria-describedby': 'confirm-lines',
        on: { cancel: () => finish(false) },
      },
      h('h2', { id: 'confirm-title' }, confirmation.title),
      h(
        'ul',
        { id: 'confirm-lines' },
        confirmation.lines.map((line) => h('li', null, line)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', id: 'confirm-yes', class: 'button button-primary', on: { click: () => finish(true) } },
          confirmation.confirmLabel,
        ),
        cancel,
      ),
    );
    document.body.appendChild(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
