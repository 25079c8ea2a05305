// The sign-in screen and the enrollment from an invitation link: the member's key is made in this browser, saved
// as a passphrase-protected file (the format of `saylau commission keygen`), then enrolled; sign-in opens the file
// and signs the server's challenge.
import type { Language } from '@saylau/protocol';
import type { MemberKey } from '@saylau/protocol/commission-client';
import { downloadFile, h } from '../../dom.ts';
import { alertBox, button, statusBox, successBox } from '../../ui.ts';
import { SHELL_TEXTS } from '../texts/shell.ts';
import { errorText } from './errors.ts';
import { enroll, MIN_PASSPHRASE, makeMemberKey, signIn, signInWithKey } from './member-session.ts';
import { keyFilePicker, passphraseField } from './passphrase-field.ts';

interface Screen {
  file: { name: string; text: string } | null;
  passphrase: string;
  confirmation: string;
  name: string;
  pending: (MemberKey & { text: string; downloaded: boolean; confirmed: boolean }) | null;
  busy: string | null;
  error: string | null;
  enrolled: boolean;
}

const screen: Screen = {
  file: null,
  passphrase: '',
  confirmation: '',
  name: '',
  pending: null,
  busy: null,
  error: null,
  enrolled: false,
};

export interface SignInHost {
  readonly language: Language;
  /** Re-renders the screen (keeping the focus where it was). */
  rerender(): void;
  /** Called once a session exists. */
  signedIn(): void;
}

function progressBar(): HTMLElement {
  return h('progress', { id: 'progress', max: 100, value: 0, 'aria-label': '%' });
}

function progress(fraction: number): void {
  const bar = document.getElementById('progress') as HTMLProgressElement | null;
  if (bar) bar.value = Math.round(fraction * 100);
}

async function run(host: SignInHost, busy: string, action: () => Promise<void>): Promise<void> {
  if (screen.busy) return;
  screen.busy = busy;
  screen.error = null;
  host.rerender();
  try {
    await action();
  } catch (error) {
    screen.error = errorText(error, host.language);
  }
  screen.busy = null;
  host.rerender();
  if (screen.error) document.getElementById('sign-in-error')?.focus();
}

function messages(host: SignInHost): HTMLElement[] {
  const s = SHELL_TEXTS[host.language];
  const out: HTMLElement[] = [];
  if (screen.error) {
    const alert = alertBox(screen.error);
    alert.id = 'sign-in-error';
    alert.tabIndex = -1;
    out.push(alert);
  }
  if (screen.busy) out.push(statusBox(screen.busy, 'busy'), progressBar());
  if (screen.enrolled) out.push(successBox(s.enrolled));
  return out;
}

/** The sign-in form: the key file and its passphrase. */
export function signInPanel(host: SignInHost): HTMLElement {
  const s = SHELL_TEXTS[host.language];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, s.signInTitle),
    h('p', null, s.signInIntro),
    h(
      'form',
      {
        id: 'sign-in-form',
        on: {
          submit: (event: Event) => {
            event.preventDefault();
            const file = screen.file;
            if (!file) {
              screen.error = s.chooseFile;
              host.rerender();
              return;
            }
            void run(host, s.signingIn, async () => {
              await signIn(file, screen.passphrase, progress);
              screen.passphrase = '';
              screen.enrolled = false;
              host.signedIn();
            });
          },
        },
      },
      keyFilePicker({
        id: 'sign-in-file',
        label: s.keyFileLabel,
        chosen: screen.file?.name ?? null,
        chosenText: s.chosenFile,
        onChosen: (file) => {
          screen.file = file;
          host.rerender();
          document.getElementById('sign-in-passphrase')?.focus();
        },
      }),
      passphraseField({
        id: 'sign-in-passphrase',
        label: s.passphraseLabel,
        value: screen.passphrase,
        onInput: (v) => (screen.passphrase = v),
      }),
      ...messages(host),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-in', class: 'button button-primary' }, s.signIn)),
    ),
  );
}

/** The enrollment from `#invite=<token>`: make the key, save the file, enroll, and sign in with the new key. */
export function enrolPanel(host: SignInHost, token: string): HTMLElement {
  const s = SHELL_TEXTS[host.language];
  const section = (...children: (HTMLElement | null)[]): HTMLElement =>
    h('section', { class: 'panel', 'aria-labelledby': 'enrol-title' }, h('h2', { id: 'enrol-title' }, s.enrolTitle), ...children);
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return section(alertBox(s.badInvite));
  const pending = screen.pending;
  if (!pending) {
    const nameInput = h('input', {
      id: 'enrol-name',
      type: 'text',
      autocomplete: 'name',
      value: screen.name,
      on: { input: () => (screen.name = nameInput.value) },
    });
    return section(
      h('p', null, s.enrolIntro),
      h(
        'form',
        {
          id: 'enrol-form',
          on: {
            submit: (event: Event) => {
              event.preventDefault();
              if (screen.passphrase.length < MIN_PASSPHRASE) {
                screen.error = s.passphraseTooShort(MIN_PASSPHRASE);
                host.rerender();
                return;
              }
              if (screen.passphrase !== screen.confirmation) {
                screen.error = s.passphraseMismatch;
                host.rerender();
                return;
              }
              void run(host, s.stretching, async () => {
                const key = await makeMemberKey(screen.name.trim(), screen.passphrase, progress);
                screen.pending = { ...key, downloaded: false, confirmed: false };
                screen.passphrase = '';
                screen.confirmation = '';
              });
            },
          },
        },
        h('div', { class: 'field' }, h('label', { for: 'enrol-name' }, s.nameLabel), nameInput),
        passphraseField({
          id: 'new-passphrase',
          label: s.passphraseLabel,
          value: screen.passphrase,
          onInput: (v) => (screen.passphrase = v),
          hint: s.passphraseHint(MIN_PASSPHRASE),
          autocomplete: 'new-password',
        }),
        passphraseField({
          id: 'confirm-passphrase',
          label: s.confirmLabel,
          value: screen.confirmation,
          onInput: (v) => (screen.confirmation = v),
          autocomplete: 'new-password',
        }),
        ...messages(host),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', id: 'make-key', class: 'button button-primary' }, s.makeKey),
        ),
      ),
    );
  }
  const canEnrol = pending.downloaded && pending.confirmed;
  const checkbox = h('input', {
    type: 'checkbox',
    id: 'saved-confirm',
    checked: pending.confirmed,
    disabled: !pending.downloaded,
    on: {
      change: () => {
        pending.confirmed = checkbox.checked;
        host.rerender();
        document.getElementById('saved-confirm')?.focus();
      },
    },
  });
  return section(
    h('p', null, s.savePrompt),
    h('p', null, s.publicKey, ' ', h('code', { class: 'hex', id: 'member-public-key' }, pending.header.publicKey)),
    h(
      'div',
      { class: 'actions' },
      button(
        s.download,
        () => {
          downloadFile(`member-${pending.header.publicKey.slice(0, 8)}.key`, pending.text);
          pending.downloaded = true;
          host.rerender();
          document.getElementById('download-key')?.focus();
        },
        { id: 'download-key', kind: pending.downloaded ? 'secondary' : 'primary' },
      ),
    ),
    h('div', { class: 'field checkbox-field' }, checkbox, h('label', { for: 'saved-confirm' }, s.savedConfirm)),
    canEnrol ? null : h('p', { class: 'hint', id: 'enrol-why' }, pending.downloaded ? s.confirmFirst : s.downloadFirst),
    ...messages(host),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: 'enrol',
          class: 'button button-primary',
          'aria-disabled': canEnrol ? undefined : 'true',
          'aria-describedby': canEnrol ? undefined : 'enrol-why',
          on: {
            click: () => {
              if (!canEnrol) return;
              void run(host, s.working, async () => {
                await enroll(token, pending);
                screen.pending = null;
                await signInWithKey(pending.secretKey);
                host.signedIn();
              });
            },
          },
        },
        s.enrol,
      ),
    ),
  );
}
