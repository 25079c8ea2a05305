// The form for the election-level fields of a draft: identifier, titles in kk/ru/en side by side, the voting period
// in local time with its UTC offset, the districts with their names, the trustees. Each field edits one path of the
// YAML draft (draft.ts) and shows the problems found at that path.
import { formatLocalDateTime, isDefinitionTime, LANGUAGES, type Language, type Problem, utcOffsetOf } from '@saylau/protocol';
import { h } from '../../../dom.ts';
import { button } from '../../../ui.ts';
import { DEFINE_TEXTS } from '../../texts/define.ts';
import { type Path, pathText } from './draft.ts';

/** What the form does to the draft; every change goes back to the YAML text. */
export interface FormEdits {
  set(path: Path, value: unknown): void;
  /** Several paths at once (one check, one save). */
  setMany(changes: readonly (readonly [Path, unknown])[]): void;
  addDistrict(): void;
  removeDistrict(index: number): void;
}

const OFFSETS = (() => {
  const list: string[] = [];
  for (let hour = -12; hour <= 14; hour++) {
    const sign = hour < 0 ? '-' : '+';
    list.push(`${sign}${String(Math.abs(hour)).padStart(2, '0')}:00`);
  }
  return [...list, '+03:30', '+04:30', '+05:30', '+05:45', '+06:30', '+09:30', '-03:30'].sort(
    (a, b) => toMinutes(a) - toMinutes(b),
  );
})();

function toMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "2026-12-01T08:00:00+05:00" → the local part for a datetime-local input and the offset. */
function splitTime(value: unknown): { local: string; offset: string } | null {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  if (!match) return null;
  return { local: match[1] as string, offset: match[2] === 'Z' ? '+00:00' : (match[2] as string) };
}

const at = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined),
    value,
  );

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const fieldId = (path: Path): string => `def-${pathText(path).replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** The problems exactly at a field's path (a missing member's problem names its own path). */
function problemsAt(problems: readonly Problem[], path: Path): Problem[] {
  const key = pathText(path);
  return problems.filter((p) => pathText(p.path) === key);
}

export function definitionForm(
  value: unknown,
  problems: readonly Problem[],
  language: Language,
  edits: FormEdits,
  codeText: (p: Problem) => string,
): HTMLElement {
  const s = DEFINE_TEXTS[language];

  const input = (
    path: Path,
    label: string,
    options: { type?: string; hint?: string; lang?: Language; onValue?: (raw: string) => unknown } = {},
  ) => {
    const id = fieldId(path);
    const found = problemsAt(problems, path);
    const hintId = options.hint ? `${id}-hint` : undefined;
    const errorId = found.length > 0 ? `${id}-error` : undefined;
    const element = h('input', {
      id,
      type: options.type ?? 'text',
      value: str(at(value, path)),
      lang: options.lang,
      'data-path': pathText(path),
      'aria-invalid': found.length > 0 ? 'true' : undefined,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      spellcheck: options.lang ? undefined : 'false',
      on: { input: () => edits.set(path, options.onValue ? options.onValue(element.value) : element.value) },
    });
    return h(
      'div',
      { class: found.length > 0 ? 'field field-error' : 'field', 'data-field': pathText(path) },
      h('label', { for: id }, label),
      options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
      found.length > 0 ? h('p', { class: 'error-message', id: errorId }, found.map(codeText).join(' ')) : null,
      element,
    );
  };

  const i18n = (path: Path, legend: string) =>
    h(
      'fieldset',
      { class: 'i18n-group' },
      h('legend', null, legend),
      h(
        'div',
        { class: 'i18n-row' },
        LANGUAGES.map((lang) => input([...path, lang], lang.toUpperCase(), { lang })),
      ),
    );

  const number = (raw: string): unknown => (raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw));

  // the voting period: local date-times and one UTC offset for both
  const opens = splitTime(at(value, ['votingPeriod', 'opens']));
  const closes = splitTime(at(value, ['votingPeriod', 'closes']));
  const zone = opens?.offset ?? closes?.offset ?? '+00:00';
  const timeField = (key: 'opens' | 'closes', label: string, parts: { local: string } | null) => {
    const path = ['votingPeriod', key];
    const id = fieldId(path);
    const found = problemsAt(problems, path);
    const element = h('input', {
      id,
      type: 'datetime-local',
      value: parts?.local ?? '',
      'data-path': pathText(path),
      'aria-invalid': found.length > 0 ? 'true' : undefined,
      'aria-describedby': found.length > 0 ? `${id}-error` : undefined,
      on: { change: () => edits.set(path, element.value ? `${element.value.slice(0, 16)}:00${zone}` : '') },
    });
    return h(
      'div',
      { class: found.length > 0 ? 'field field-error' : 'field', 'data-field': pathText(path) },
      h('label', { for: id }, label),
      found.length > 0 ? h('p', { class: 'error-message', id: `${id}-error` }, found.map(codeText).join(' ')) : null,
      element,
    );
  };
  const zoneSelect = h(
    'select',
    {
      id: 'def-zone',
      on: {
        change: () => {
          const next = zoneSelect.value;
          const changes: [Path, unknown][] = [];
          if (opens) changes.push([['votingPeriod', 'opens'], `${opens.local}:00${next}`]);
          if (closes) changes.push([['votingPeriod', 'closes'], `${closes.local}:00${next}`]);
          edits.setMany(changes);
        },
      },
    },
    (OFFSETS.includes(zone) ? OFFSETS : [...OFFSETS, zone]).map((o) =>
      h('option', { value: o, selected: o === zone }, `UTC${o}`),
    ),
  );
  const opensText = str(at(value, ['votingPeriod', 'opens']));
  const closesText = str(at(value, ['votingPeriod', 'closes']));
  const periodShown =
    isDefinitionTime(opensText) && isDefinitionTime(closesText)
      ? h(
          'p',
          { class: 'hint', id: 'period-shown' },
          s.periodShown(
            formatLocalDateTime(opensText, language, utcOffsetOf(opensText)),
            formatLocalDateTime(closesText, language, utcOffsetOf(closesText)),
          ),
        )
      : null;

  const districts = Array.isArray(at(value, ['districts'])) ? (at(value, ['districts']) as unknown[]) : [];
  const kdf = at(value, ['credentialKdf', 'logN']);

  return h(
    'form',
    { id: 'define-form', class: 'define-form', novalidate: true, on: { submit: (e: Event) => e.preventDefault() } },
    h('h3', null, s.formTitle),
    input(['id'], s.idLabel, { hint: s.idHint }),
    i18n(['title'], s.titleLabel),
    h(
      'fieldset',
      { class: 'period-group' },
      h('legend', null, s.periodTitle),
      h(
        'div',
        { class: 'period-row' },
        timeField('opens', s.opensLabel, opens),
        timeField('closes', s.closesLabel, closes),
        h('div', { class: 'field' }, h('label', { for: 'def-zone' }, s.zoneLabel), zoneSelect),
      ),
      periodShown,
    ),
    h(
      'fieldset',
      { class: 'districts-group', id: 'def-districts' },
      h('legend', null, s.districtsTitle),
      districts.map((district, i) =>
        h(
          'div',
          { class: 'district-row', 'data-district': String(i) },
          h('h4', null, s.districtLabel(i + 1)),
          input(['districts', i, 'id'], s.districtId),
          i18n(['districts', i, 'name'], s.districtName),
          button(s.removeDistrict(str((district as { id?: unknown } | null)?.id)), () => edits.removeDistrict(i), {
            kind: 'secondary',
            id: `remove-district-${i}`,
          }),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        button(s.addDistrict, () => edits.addDistrict(), { kind: 'secondary', id: 'add-district' }),
      ),
    ),
    h(
      'fieldset',
      { class: 'trustees-group' },
      h('legend', null, s.trusteesTitle),
      h(
        'div',
        { class: 'period-row' },
        input(['trustees', 'count'], s.trusteeCount, { type: 'number', onValue: number }),
        input(['trustees', 'threshold'], s.trusteeThreshold, { type: 'number', onValue: number }),
      ),
    ),
    typeof kdf === 'number' ? h('p', { class: 'hint' }, s.kdfNote(kdf)) : null,
  );
}
