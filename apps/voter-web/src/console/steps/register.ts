// Step "register": the voter file picked in the browser and read by the same code as the CLI (readRegisterFile from
// @saylau/documents): how it was read (encoding, separator), its first rows, its count per district and every problem
// with its line, before anything is sent; then the import (POST …/register, `replace` when one was imported before
// and it is not frozen), and corrections until the credentials freeze it (POST …/register/corrections).
import { DocumentError, type RegisterReport, readRegisterFile } from '@saylau/documents';
import type { Language } from '@saylau/protocol';
import { type Child, h, replaceChildren } from '../../dom.ts';
import { alertBox, statusBox, successBox } from '../../ui.ts';
import { errorText } from '../shell/errors.ts';
import type { ConsoleElection, Step, StepContext } from '../step.ts';
import { REGISTER_TEXTS } from '../texts/register.ts';
import { registeredTotal, registerFrozen, rememberVoterFile } from './register/voter-file.ts';

const FIRST_ROWS = 10;
const KNOWN = { kk: REGISTER_TEXTS.kk.codes, ru: REGISTER_TEXTS.ru.codes, en: REGISTER_TEXTS.en.codes };

/** What the member did on this step; kept across re-renders (a language switch) while the page lives. */
interface Screen {
  election: string;
  file: { name: string; report: RegisterReport } | null;
  unreadable: DocumentError | null;
  busy: boolean;
  message: (() => string) | null;
  error: string | null;
}
let screen: Screen | null = null;

function screenFor(election: string): Screen {
  if (screen?.election !== election) screen = { election, file: null, unreadable: null, busy: false, message: null, error: null };
  return screen;
}

function districtName(election: ConsoleElection, id: string, language: Language): string {
  return election.definition.districts.find((d) => d.id === id)?.name[language] ?? id;
}

function countsTable(
  election: ConsoleElection,
  counts: Readonly<Record<string, number>>,
  caption: string,
  id: string,
  language: Language,
): HTMLElement {
  const s = REGISTER_TEXTS[language];
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', id },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.colDistrict), h('th', { scope: 'col' }, s.colCount))),
      h(
        'tbody',
        null,
        election.definition.districts.map((d) =>
          h(
            'tr',
            { 'data-district': d.id },
            h('td', { 'data-label': s.colDistrict }, districtName(election, d.id, language)),
            h('td', { 'data-label': s.colCount }, String(counts[d.id] ?? 0)),
          ),
        ),
      ),
      h(
        'tfoot',
        null,
        h('tr', { class: 'total' }, h('th', { scope: 'row' }, s.total), h('td', { 'data-label': s.colCount }, String(total))),
      ),
    ),
  );
}

function fileReport(election: ConsoleElection, report: RegisterReport, language: Language): Child[] {
  const s = REGISTER_TEXTS[language];
  const counts: Record<string, number> = {};
  for (const row of report.accepted) counts[row.district] = (counts[row.district] ?? 0) + 1;
  const first = report.accepted.slice(0, FIRST_ROWS);
  return [
    h('p', { id: 'register-note' }, s.note(report.note)),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table', id: 'register-first-rows' },
        h('caption', null, s.firstRows(first.length)),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [s.colLine, s.colVoterId, s.colDistrict, s.colName, s.colLanguage].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          first.map((r) =>
            h(
              'tr',
              null,
              h('td', { 'data-label': s.colLine }, String(r.line)),
              h('td', { 'data-label': s.colVoterId }, r.voterId),
              h('td', { 'data-label': s.colDistrict }, r.district),
              h('td', { 'data-label': s.colName }, r.name),
              h('td', { 'data-label': s.colLanguage }, r.language ?? ''),
            ),
          ),
        ),
      ),
    ),
    countsTable(election, counts, s.fileCounts, 'register-file-counts', language),
    report.problems.length === 0
      ? successBox(s.noProblems)
      : h(
          'div',
          { class: 'alert alert-error', id: 'register-problems' },
          h('p', { class: 'label' }, s.problemsTitle(report.problems.length)),
          h(
            'ul',
            null,
            report.problems.map((p) =>
              h('li', { 'data-line': String(p.line), 'data-kind': p.kind }, s.problemLine(p.line, p.message)),
            ),
          ),
        ),
  ];
}

async function render(host: HTMLElement, context: StepContext): Promise<void> {
  const { election, language, api } = context;
  const s = REGISTER_TEXTS[language];
  const state = screenFor(election.id);
  const path = `/api/elections/${encodeURIComponent(election.id)}`;
  const frozen = await registerFrozen(api, election);
  const total = registeredTotal(election);
  const districts = election.definition.districts.map((d) => d.id);

  const rerender = (focus?: string): void => {
    void render(host, context).then(() => {
      if (focus) document.getElementById(focus)?.focus();
    });
  };

  const act = async (action: () => Promise<() => string>, focus: string): Promise<void> => {
    if (state.busy) return;
    state.busy = true;
    state.error = null;
    state.message = null;
    rerender(focus);
    try {
      state.message = await action();
    } catch (error) {
      state.error = errorText(error, language, KNOWN);
    }
    state.busy = false;
    await context.refresh();
  };

  const fileInput = h('input', {
    type: 'file',
    id: 'register-file',
    accept: '.csv,.txt,text/csv',
    on: {
      change: () => {
        const file = fileInput.files?.[0];
        if (!file) return;
        void file.arrayBuffer().then((buffer) => {
          state.message = null;
          state.error = null;
          try {
            const report = readRegisterFile(new Uint8Array(buffer), districts);
            state.file = { name: file.name, report };
            state.unreadable = null;
          } catch (error) {
            if (!(error instanceof DocumentError)) throw error;
            state.file = null;
            state.unreadable = error;
          }
          rerender('register-file');
        });
      },
    },
  });

  const importPanel = (): Child[] => {
    if (frozen) return [];
    const file = state.file;
    const ready = file !== null && file.report.problems.length === 0 && file.report.accepted.length > 0;
    const replace = total > 0;
    return [
      h('div', { class: 'field' }, h('label', { for: 'register-file' }, s.fileLabel), fileInput),
      state.unreadable
        ? h(
            'div',
            { class: 'alert alert-error', id: 'register-unreadable' },
            s.unreadable(state.unreadable.line, state.unreadable.message),
          )
        : null,
      file ? fileReport(election, file.report, language) : null,
      file
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                id: 'register-import',
                class: 'button button-primary',
                'aria-disabled': ready && !state.busy ? undefined : 'true',
                'aria-describedby': ready ? undefined : 'register-import-why',
                on: {
                  click: () => {
                    if (!ready) return;
                    const voters = file.report.accepted.map((r) => ({ voterId: r.voterId, district: r.district }));
                    void act(async () => {
                      const answer = await api.post<{ accepted: number }>(`${path}/register`, { voters, replace });
                      rememberVoterFile(election.id, file.name, file.report);
                      state.file = null;
                      return () => REGISTER_TEXTS[context.language].importedNow(answer.accepted);
                    }, 'register-import');
                  },
                },
              },
              replace ? s.replace(file.report.accepted.length) : s.import(file.report.accepted.length),
            ),
            ready ? null : h('p', { class: 'hint', id: 'register-import-why' }, s.importWhy),
          )
        : null,
    ];
  };

  const districtSelect = (id: string): HTMLSelectElement =>
    h(
      'select',
      { id },
      election.definition.districts.map((d) => h('option', { value: d.id }, `${d.name[language]} (${d.id})`)),
    );
  const voterInput = (id: string): HTMLInputElement =>
    h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' });

  const correctionForm = (kind: 'add' | 'remove' | 'move', title: string, submit: string, withDistrict: boolean): HTMLElement => {
    const voter = voterInput(`correct-${kind}-voter`);
    const district = withDistrict ? districtSelect(`correct-${kind}-district`) : null;
    return h(
      'form',
      {
        class: 'correction',
        id: `correct-${kind}`,
        on: {
          submit: (event: Event) => {
            event.preventDefault();
            const voterId = voter.value.trim();
            const body =
              kind === 'remove'
                ? { remove: [voterId] }
                : { [kind]: [{ voterId, district: (district as HTMLSelectElement).value }] };
            void act(async () => {
              await api.post(`${path}/register/corrections`, body);
              return () => REGISTER_TEXTS[context.language].corrected;
            }, `correct-${kind}-voter`);
          },
        },
      },
      h('h4', null, title),
      h(
        'div',
        { class: 'period-row' },
        h('div', { class: 'field' }, h('label', { for: voter.id }, s.voterIdLabel), voter),
        district ? h('div', { class: 'field' }, h('label', { for: district.id }, s.districtLabel), district) : null,
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-secondary' }, submit)),
    );
  };

  replaceChildren(
    host,
    h('h2', { id: 'step-title', tabindex: -1 }, s.title),
    h('p', { id: 'register-status' }, frozen ? s.frozen : total === 0 ? s.notYet : s.imported(total)),
    total > 0 ? countsTable(election, election.registerSizes ?? {}, s.sizesCaption, 'register-sizes', language) : null,
    state.error ? alertBox(state.error) : null,
    state.message ? successBox(state.message()) : null,
    state.busy ? statusBox(s.importing, 'busy') : null,
    frozen ? null : h('p', null, s.intro),
    ...importPanel(),
    !frozen && total > 0
      ? h(
          'section',
          { class: 'corrections', 'aria-labelledby': 'corrections-title' },
          h('h3', { id: 'corrections-title' }, s.correctionsTitle),
          correctionForm('add', s.addTitle, s.add, true),
          correctionForm('remove', s.removeTitle, s.remove, false),
          correctionForm('move', s.moveTitle, s.move, true),
        )
      : null,
  );
}

export const registerStep: Step = {
  id: 'register',
  // the register's counts can always be read; the step itself says what can still be done
  available: () => ({ ok: true }),
  render,
};
