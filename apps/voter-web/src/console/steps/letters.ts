// Step "letters": every voter's codes made in this browser (makeCredentials from @saylau/documents, the keys derived
// by Web Workers), the letters downloaded — HTML for printing, one page per voter in the voter's language; the
// mail-merge CSV; the public credential list — and only once the member says they are saved, the public keys
// uploaded (POST …/credentials, which freezes the register). No code is ever sent; leaving the page while the
// letters exist only in memory asks first.
import {
  credentialEntries,
  DocumentError,
  type IssuedVoter,
  lettersHtml,
  lettersMailMerge,
  makeCredentials,
  publicList,
  type RegisterReport,
  readRegisterFile,
} from '@saylau/documents';
import { LANGUAGES, type Language } from '@saylau/protocol';
import { type Child, downloadFile, h, replaceChildren } from '../../dom.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { alertBox, statusBox, successBox } from '../../ui.ts';
import { errorText } from '../shell/errors.ts';
import type { ConsoleElection, Step, StepContext } from '../step.ts';
import { LETTERS_TEXTS } from '../texts/letters.ts';
import { workerDeriveKeys } from './letters/derive-keys.ts';
import { registeredTotal, registerFrozen, rememberedVoterFile } from './register/voter-file.ts';

const KNOWN = { kk: LETTERS_TEXTS.kk.codes, ru: LETTERS_TEXTS.ru.codes, en: LETTERS_TEXTS.en.codes };
const BEFORE_OPEN = new Set(['draft', 'key-ceremony', 'ready']);

interface Screen {
  election: string;
  file: { name: string; report: RegisterReport } | null;
  fileError: string | null;
  votingUrl: string;
  contact: string;
  language: Language;
  progress: { done: number; total: number } | null;
  issued: IssuedVoter[] | null;
  downloaded: Set<'html' | 'csv' | 'public'>;
  confirmed: boolean;
  busy: boolean;
  uploaded: number | null;
  error: string | null;
}
let screen: Screen | null = null;

/** Leaving the page while letters exist only in memory (made, not yet uploaded) asks first. */
window.addEventListener('beforeunload', (event) => {
  if (screen?.issued && screen.uploaded === null) event.preventDefault();
});

function screenFor(election: ConsoleElection, language: Language): Screen {
  if (screen?.election !== election.id) {
    screen = {
      election: election.id,
      file: null,
      fileError: null,
      votingUrl: `${location.origin}/?election=${encodeURIComponent(election.id)}`,
      contact: '',
      language,
      progress: null,
      issued: null,
      downloaded: new Set(),
      confirmed: false,
      busy: false,
      uploaded: null,
      error: null,
    };
  }
  return screen;
}

/** The file's problems, or where its counts differ from the register on the server; null when it matches. */
function fileMismatch(election: ConsoleElection, report: RegisterReport, language: Language): string | null {
  const s = LETTERS_TEXTS[language];
  if (report.problems.length > 0) return s.fileProblems(report.problems.length);
  const counts: Record<string, number> = {};
  for (const row of report.accepted) counts[row.district] = (counts[row.district] ?? 0) + 1;
  for (const d of election.definition.districts) {
    const registered = election.registerSizes?.[d.id] ?? 0;
    if ((counts[d.id] ?? 0) !== registered) return s.mismatch(d.name[language], counts[d.id] ?? 0, registered);
  }
  return null;
}

async function render(host: HTMLElement, context: StepContext): Promise<void> {
  const { election, language, api } = context;
  const s = LETTERS_TEXTS[language];
  const state = screenFor(election, language);
  const path = `/api/elections/${encodeURIComponent(election.id)}`;
  const rerender = (focus?: string): void => {
    void render(host, context).then(() => {
      if (focus) document.getElementById(focus)?.focus();
    });
  };
  const heading = h('h2', { id: 'step-title', tabindex: -1 }, s.title);

  if (state.uploaded !== null) {
    replaceChildren(host, heading, successBox(s.uploaded(state.uploaded)), downloads(state, election, language, rerender));
    return;
  }
  if (await registerFrozen(api, election)) {
    replaceChildren(host, heading, statusBox(s.issued));
    return;
  }
  if (!state.file && !state.issued) {
    const remembered = rememberedVoterFile(election.id);
    if (remembered) state.file = remembered;
  }
  const mismatch = state.file ? fileMismatch(election, state.file.report, language) : null;

  const fileInput = h('input', {
    type: 'file',
    id: 'letters-file',
    accept: '.csv,.txt,text/csv',
    on: {
      change: () => {
        const file = fileInput.files?.[0];
        if (!file) return;
        void file.arrayBuffer().then((buffer) => {
          try {
            const districts = election.definition.districts.map((d) => d.id);
            state.file = { name: file.name, report: readRegisterFile(new Uint8Array(buffer), districts) };
            state.fileError = null;
          } catch (error) {
            if (!(error instanceof DocumentError)) throw error;
            state.file = null;
            state.fileError = s.unreadable(error.line, error.message);
          }
          rerender('letters-file');
        });
      },
    },
  });

  const generate = async (): Promise<void> => {
    const file = state.file;
    if (!file || mismatch || state.busy) return;
    state.busy = true;
    state.error = null;
    state.progress = { done: 0, total: file.report.accepted.length };
    rerender('letters-progress');
    try {
      const voters = file.report.accepted.map((r) => ({
        voterId: r.voterId,
        district: r.district,
        name: r.name,
        contact: r.contact,
        ...(r.language ? { language: r.language } : {}),
        ...(r.address ? { address: r.address } : {}),
      }));
      state.issued = await makeCredentials(
        voters,
        election.definition,
        workerDeriveKeys((done, total) => {
          state.progress = { done, total };
          const bar = document.getElementById('letters-progress') as HTMLProgressElement | null;
          if (bar) bar.value = done;
          const text = document.getElementById('letters-progress-text');
          if (text) text.textContent = s.generating(done, total);
        }),
      );
    } catch (error) {
      state.error = error instanceof Error ? error.message : String(error);
    }
    state.busy = false;
    state.progress = null;
    rerender('letters-downloads-title');
  };

  const upload = async (): Promise<void> => {
    const issued = state.issued;
    if (!issued || !state.downloaded.has('html') || !state.confirmed || state.busy) return;
    state.busy = true;
    state.error = null;
    rerender('letters-upload');
    try {
      const answer = await api.post<{ issued: number }>(`${path}/credentials`, credentialEntries(issued));
      state.uploaded = answer.issued;
    } catch (error) {
      state.error = errorText(error, language, KNOWN);
    }
    state.busy = false;
    if (state.uploaded !== null) await context.refresh();
    else rerender('letters-upload');
  };

  const field = (id: string, label: string, value: string, onInput: (v: string) => void): HTMLElement => {
    const input = h('input', { id, type: 'text', value, spellcheck: 'false', on: { input: () => onInput(input.value) } });
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  };
  const languageSelect = h(
    'select',
    { id: 'letters-language', on: { change: () => (state.language = languageSelect.value as Language) } },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === state.language, lang: l }, LANGUAGE_NAMES[l])),
  );

  const before: Child[] = [
    h('p', null, s.fileIntro),
    state.file ? h('p', { id: 'letters-file-note' }, s.fileFromRegister(state.file.name)) : null,
    h('div', { class: 'field' }, h('label', { for: 'letters-file' }, s.fileLabel), fileInput),
    state.fileError ? alertBox(state.fileError) : null,
    mismatch ? h('div', { class: 'alert alert-error', id: 'letters-mismatch' }, mismatch) : null,
    field('letters-url', s.votingUrlLabel, state.votingUrl, (v) => (state.votingUrl = v)),
    field('letters-contact', s.contactLabel, state.contact, (v) => (state.contact = v)),
    h('div', { class: 'field' }, h('label', { for: 'letters-language' }, s.languageLabel), languageSelect),
    state.progress
      ? h(
          'div',
          null,
          statusBox(s.generating(state.progress.done, state.progress.total), 'busy'),
          h('progress', {
            id: 'letters-progress',
            max: state.progress.total,
            value: state.progress.done,
            'aria-labelledby': 'letters-progress-text',
          }),
          h('p', { id: 'letters-progress-text', class: 'hint' }, s.generating(state.progress.done, state.progress.total)),
        )
      : h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              id: 'letters-generate',
              class: 'button button-primary',
              'aria-disabled': state.file && !mismatch ? undefined : 'true',
              on: { click: () => void generate() },
            },
            s.generate(state.file?.report.accepted.length ?? registeredTotal(election)),
          ),
        ),
  ];

  const canUpload = state.downloaded.has('html') && state.confirmed;
  const checkbox = h('input', {
    type: 'checkbox',
    id: 'letters-saved',
    checked: state.confirmed,
    disabled: !state.downloaded.has('html'),
    on: {
      change: () => {
        state.confirmed = checkbox.checked;
        rerender('letters-saved');
      },
    },
  });
  const after: Child[] = state.issued
    ? [
        successBox(s.generated(state.issued.length)),
        downloads(state, election, language, rerender),
        h('div', { class: 'field checkbox-field' }, checkbox, h('label', { for: 'letters-saved' }, s.savedConfirm)),
        canUpload
          ? null
          : h('p', { class: 'hint', id: 'letters-upload-why' }, state.downloaded.has('html') ? s.confirmFirst : s.downloadFirst),
        state.busy ? statusBox(s.uploading, 'busy') : null,
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              id: 'letters-upload',
              class: 'button button-primary',
              'aria-disabled': canUpload && !state.busy ? undefined : 'true',
              'aria-describedby': canUpload ? undefined : 'letters-upload-why',
              on: { click: () => void upload() },
            },
            s.upload,
          ),
        ),
      ]
    : before;

  replaceChildren(host, heading, h('p', null, s.intro), state.error ? alertBox(state.error) : null, ...after);
}

/** The three downloads; each remembers that it was saved. */
function downloads(
  state: Screen,
  election: ConsoleElection,
  language: Language,
  rerender: (focus?: string) => void,
): HTMLElement {
  const s = LETTERS_TEXTS[language];
  const issued = state.issued ?? [];
  const options = {
    votingUrl: state.votingUrl,
    fingerprint: election.fingerprint,
    language: state.language,
    ...(state.contact.trim() ? { contact: state.contact.trim() } : {}),
  };
  const item = (kind: 'html' | 'csv' | 'public', label: string, save: () => void): HTMLElement =>
    h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          id: `letters-download-${kind}`,
          class: `button ${state.downloaded.has(kind) ? 'button-secondary' : 'button-primary'}`,
          on: {
            click: () => {
              save();
              state.downloaded.add(kind);
              rerender(`letters-download-${kind}`);
            },
          },
        },
        label,
      ),
      state.downloaded.has(kind) ? ` ✓ ${s.saved}` : null,
    );
  return h(
    'section',
    { 'aria-labelledby': 'letters-downloads-title', class: 'letters-downloads' },
    h('h3', { id: 'letters-downloads-title', tabindex: -1 }, s.downloadsTitle),
    h('p', { class: 'hint' }, s.secretWarning),
    h(
      'ul',
      { class: 'download-list' },
      item('html', s.downloadHtml, () =>
        downloadFile(
          `letters-${election.id}.html`,
          lettersHtml(election.definition, issued, options.votingUrl, options.fingerprint, options),
          'text/html',
        ),
      ),
      item('csv', s.downloadMailMerge, () =>
        downloadFile(`letters-${election.id}-mail-merge.csv`, lettersMailMerge(election.definition, issued, options), 'text/csv'),
      ),
      item('public', s.downloadPublic, () =>
        downloadFile(
          `credentials-${election.id}.json`,
          `${JSON.stringify(publicList(election.definition, election.fingerprint, issued), null, 2)}\n`,
        ),
      ),
    ),
  );
}

export const lettersStep: Step = {
  id: 'letters',
  available(election, language) {
    const s = LETTERS_TEXTS[language];
    if (!BEFORE_OPEN.has(election.state)) return { ok: false, why: s.unavailableState };
    if (registeredTotal(election) === 0) return { ok: false, why: s.unavailableRegister };
    return { ok: true };
  },
  render,
};
