// Step "define": the election's definition. Before creation: templates, upload (YAML or JSON), a form for the
// election-level fields and a YAML editor for the whole definition kept in step, every change checked with the
// protocol's own rules (the server's codes and paths, each problem shown at its path and YAML line), the ballot
// previewed per district and language with the booth's own rendering, and "create" (POST /api/elections). The draft
// lives in localStorage until the server has it. After creation the definition is frozen and shown read-only.
import type { Language, Problem } from '@saylau/protocol';
import { downloadFile, h, replaceChildren } from '../../dom.ts';
import { alertBox, button, statusBox } from '../../ui.ts';
import type { ConsoleApiError, ServerProblem } from '../shell/console-api.ts';
import { errorText } from '../shell/errors.ts';
import type { ConsoleApi, SignedInMember, Step } from '../step.ts';
import { DEFINE_TEXTS } from '../texts/define.ts';
import {
  addIn,
  type CheckedDraft,
  checkDraft,
  clearDraft,
  deleteIn,
  loadDraft,
  type Path,
  pathText,
  saveDraft,
  setIn,
  toYaml,
  uploadedText,
} from './define/draft.ts';
import { definitionForm } from './define/form.ts';
import { ballotPreview, type PreviewChoice } from './define/preview.ts';
import { councilTemplate, referendumTemplate } from './define/templates.ts';

/** What the shell gives the define step before an election exists ("new election"). */
export interface NewElectionContext {
  readonly language: Language;
  readonly api: ConsoleApi;
  readonly member: SignedInMember;
  /** Called with the new election's id once the server created it. */
  created(id: string): void;
  onLeave(stop: () => void): void;
}

/** The editor's state survives re-renders (a language switch, a tab change) for as long as the page lives. */
const editor = {
  checked: checkDraft(loadDraft() ?? toYaml(referendumTemplate())),
  wards: 3,
  preview: { district: null, language: 'kk' } as PreviewChoice,
  serverProblems: [] as readonly ServerProblem[],
  error: null as string | null,
  busy: false,
};

const KNOWN = { kk: DEFINE_TEXTS.kk.codes, ru: DEFINE_TEXTS.ru.codes, en: DEFINE_TEXTS.en.codes };

function problemText(language: Language, problem: { code: string; message: string }): string {
  const sentence = DEFINE_TEXTS[language].codes[problem.code];
  return sentence ? `${problem.code}: ${sentence} (${problem.message})` : `${problem.code}: ${problem.message}`;
}

function problemsList(checked: CheckedDraft, server: readonly ServerProblem[], language: Language): HTMLElement {
  const s = DEFINE_TEXTS[language];
  if (checked.syntaxError) {
    return h(
      'div',
      { id: 'definition-problems', class: 'alert alert-error' },
      h('p', { id: 'definition-syntax' }, s.unreadable(checked.syntaxError.line, checked.syntaxError.message)),
    );
  }
  const all: { code: string; path: string; message: string; line: number | undefined }[] = [
    ...checked.problems.map((p) => ({ code: p.code, path: pathText(p.path), message: p.message, line: checked.lineOf(p.path) })),
    ...server.map((p) => ({ code: p.code, path: p.path, message: p.message, line: undefined })),
  ];
  if (all.length === 0) return h('div', { id: 'definition-problems', class: 'alert alert-success' }, h('p', null, s.noProblems));
  return h(
    'div',
    { id: 'definition-problems', class: 'alert alert-error' },
    h('p', { class: 'label' }, s.problemsTitle(all.length)),
    h(
      'ul',
      null,
      all.map((p) =>
        h(
          'li',
          { 'data-path': p.path, 'data-code': p.code },
          h('code', null, p.path || '—'),
          p.line ? ` (${s.line(p.line)})` : '',
          ' — ',
          problemText(language, p),
        ),
      ),
    ),
  );
}

/** The editor for a new election. */
export function renderNewElection(host: HTMLElement, context: NewElectionContext): void {
  const language = context.language;
  const s = DEFINE_TEXTS[language];

  const formSlot = h('div', { id: 'define-form-slot' });
  const problemsSlot = h('div', { 'aria-live': 'polite' });
  const previewSlot = h('div');
  const createSlot = h('div');
  const textarea = h('textarea', {
    id: 'definition-yaml',
    class: 'definition-yaml',
    rows: 24,
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': 'definition-yaml-hint',
    on: { input: () => update(textarea.value, 'editor') },
  });
  textarea.value = editor.checked.text;

  const codeText = (p: Problem): string => problemText(language, p);

  const renderForm = (): void => {
    replaceChildren(formSlot, definitionForm(editor.checked.value, editor.checked.problems, language, edits, codeText));
  };
  const renderPreview = (): void => {
    replaceChildren(previewSlot, ballotPreview(editor.checked.definition, language, editor.preview, renderPreview));
  };
  const renderCreate = (): void => {
    const ok = editor.checked.definition !== null;
    replaceChildren(
      createSlot,
      editor.error ? alertBox(editor.error) : null,
      editor.busy ? statusBox(s.creating, 'busy') : null,
      ok ? null : h('p', { class: 'hint', id: 'create-why' }, s.createWhy),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            id: 'create-election',
            class: 'button button-primary',
            'aria-disabled': ok && !editor.busy ? undefined : 'true',
            'aria-describedby': ok ? undefined : 'create-why',
            on: { click: () => void create() },
          },
          s.create,
        ),
        button(
          s.download,
          () =>
            downloadFile(
              `${String((editor.checked.value as { id?: unknown })?.id ?? 'election')}.yaml`,
              editor.checked.text,
              'application/yaml',
            ),
          {
            kind: 'secondary',
            id: 'download-definition',
          },
        ),
      ),
    );
  };
  const renderChecks = (): void => {
    replaceChildren(problemsSlot, problemsList(editor.checked, editor.serverProblems, language));
    renderPreview();
    renderCreate();
  };

  /** Every change: the text is checked and kept; the other view follows. */
  const update = (text: string, source: 'form' | 'editor' | 'replace'): void => {
    editor.checked = checkDraft(text);
    editor.serverProblems = [];
    editor.error = null;
    saveDraft(text);
    if (source !== 'editor') textarea.value = text;
    if (source === 'form') refreshFormErrors();
    else renderForm();
    renderChecks();
  };

  /** While the member types in the form, only its problems change (re-rendering would steal the focus). */
  const refreshFormErrors = (): void => {
    const focused = document.activeElement?.id;
    renderForm();
    if (focused) {
      const element = document.getElementById(focused) as HTMLInputElement | null;
      element?.focus();
      if (element && 'setSelectionRange' in element && element.type === 'text') {
        const end = element.value.length;
        element.setSelectionRange(end, end);
      }
    }
  };

  const edits = {
    set: (path: Path, value: unknown) => update(setIn(editor.checked.text, path, value), 'form'),
    setMany: (changes: readonly (readonly [Path, unknown])[]) =>
      update(
        changes.reduce((text, [path, value]) => setIn(text, path, value), editor.checked.text),
        'form',
      ),
    addDistrict: () => {
      const value = editor.checked.value as { districts?: unknown[]; ballotStyles?: unknown[] } | undefined;
      const n = (value?.districts?.length ?? 0) + 1;
      const id = `district-${n}`;
      let text = addIn(editor.checked.text, ['districts'], { id, name: { kk: '', ru: '', en: '' } });
      if (Array.isArray(value?.ballotStyles) && value.ballotStyles.length > 0)
        text = addIn(text, ['ballotStyles', 0, 'districts'], id);
      update(text, 'replace');
      document.querySelector<HTMLInputElement>(`#def-districts-${n - 1}-id`)?.focus();
    },
    removeDistrict: (index: number) => {
      const value = editor.checked.value as
        | { districts?: { id?: unknown }[]; ballotStyles?: { districts?: unknown[] }[] }
        | undefined;
      const id = value?.districts?.[index]?.id;
      let text = deleteIn(editor.checked.text, ['districts', index]);
      // the district leaves the ballot styles that named it, last index first so the others keep theirs
      value?.ballotStyles?.forEach((style, si) => {
        const positions = (style.districts ?? []).flatMap((d, di) => (d === id ? [di] : [])).reverse();
        for (const di of positions) text = deleteIn(text, ['ballotStyles', si, 'districts', di]);
      });
      update(text, 'replace');
      document.getElementById('add-district')?.focus();
    },
  };

  const create = async (): Promise<void> => {
    if (editor.busy || editor.checked.definition === null) return;
    editor.busy = true;
    editor.error = null;
    renderCreate();
    try {
      const answer = await context.api.post<{ id: string }>('/api/elections', editor.checked.value);
      clearDraft();
      editor.busy = false;
      context.created(answer.id);
      return;
    } catch (error) {
      editor.serverProblems = (error as Partial<ConsoleApiError>).problems ?? [];
      editor.error = errorText(error, language, KNOWN);
    }
    editor.busy = false;
    renderChecks();
    document.getElementById('create-election')?.focus();
  };

  const wardsInput = h('input', {
    id: 'template-wards',
    type: 'number',
    min: 1,
    max: 100,
    value: String(editor.wards),
    on: { input: () => (editor.wards = Number(wardsInput.value) || 1) },
  });
  const upload = h('input', {
    id: 'definition-upload',
    type: 'file',
    accept: '.yaml,.yml,.json,application/json,application/yaml',
    'aria-describedby': 'definition-upload-hint',
    on: {
      change: () => {
        const file = upload.files?.[0];
        if (file) void file.text().then((text) => update(uploadedText(file.name, text), 'replace'));
      },
    },
  });

  replaceChildren(
    host,
    h('h2', { id: 'step-title', tabindex: -1 }, s.title),
    h('p', null, s.newIntro),
    h(
      'section',
      { class: 'define-start', 'aria-labelledby': 'templates-title' },
      h('h3', { id: 'templates-title' }, s.templates),
      h('p', { class: 'hint' }, s.templatesHint),
      h(
        'div',
        { class: 'actions' },
        button(s.templateReferendum, () => update(toYaml(referendumTemplate()), 'replace'), {
          kind: 'secondary',
          id: 'template-referendum',
        }),
      ),
      h(
        'div',
        { class: 'actions' },
        h('div', { class: 'field' }, h('label', { for: 'template-wards' }, s.wardsLabel), wardsInput),
        button(s.templateCouncil, () => update(toYaml(councilTemplate(editor.wards)), 'replace'), {
          kind: 'secondary',
          id: 'template-council',
        }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'definition-upload' }, s.upload),
        h('p', { class: 'hint', id: 'definition-upload-hint' }, s.uploadHint),
        upload,
      ),
    ),
    formSlot,
    h(
      'section',
      { class: 'define-editor', 'aria-labelledby': 'definition-yaml-label' },
      h('h3', null, h('label', { for: 'definition-yaml', id: 'definition-yaml-label' }, s.editorTitle)),
      h('p', { class: 'hint', id: 'definition-yaml-hint' }, s.editorHint),
      textarea,
    ),
    problemsSlot,
    previewSlot,
    createSlot,
  );
  renderForm();
  renderChecks();
}

/** The frozen definition, read-only, with its preview. */
function renderFrozen(host: HTMLElement, context: Parameters<Step['render']>[1]): void {
  const language = context.language;
  const s = DEFINE_TEXTS[language];
  const { boardKey: _boardKey, ...draft } = context.election.definition;
  const text = toYaml(draft);
  const choice: PreviewChoice = { district: null, language };
  const previewSlot = h('div');
  const renderPreview = (): void =>
    replaceChildren(previewSlot, ballotPreview(context.election.definition, language, choice, renderPreview));
  replaceChildren(
    host,
    h('h2', { id: 'step-title', tabindex: -1 }, s.title),
    h('p', null, s.frozenIntro),
    h('p', null, h('code', { class: 'hex', id: 'election-fingerprint' }, context.election.fingerprint)),
    h('pre', { class: 'definition-frozen', id: 'definition-frozen', tabindex: 0, 'aria-label': s.editorTitle }, text),
    h(
      'div',
      { class: 'actions' },
      button(s.download, () => downloadFile(`${context.election.id}.yaml`, text, 'application/yaml'), {
        kind: 'secondary',
        id: 'download-definition',
      }),
    ),
    previewSlot,
  );
  renderPreview();
}

export const defineStep: Step = {
  id: 'define',
  // the definition can always be read; it is edited only before it exists ("new election")
  available: () => ({ ok: true }),
  render: renderFrozen,
};
