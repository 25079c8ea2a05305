// The ballot as a district's voters will see it, in any of the three languages, drawn by the booth's own question
// fieldsets (src/booth/ballot-form.ts), so the preview cannot differ from the booth.
import { type ElectionDefinition, LANGUAGES, type Language, questionsOfStyle, styleOfDistrict } from '@saylau/protocol';
import { questionFieldset } from '../../../booth/ballot-form.ts';
import { h } from '../../../dom.ts';
import { LANGUAGE_NAMES } from '../../../i18n/index.ts';
import { DEFINE_TEXTS } from '../../texts/define.ts';

export interface PreviewChoice {
  district: string | null;
  language: Language;
}

/** The preview section: district and language pickers and the ballot (choices made in it go nowhere). */
export function ballotPreview(
  definition: ElectionDefinition | null,
  language: Language,
  choice: PreviewChoice,
  rerender: () => void,
): HTMLElement {
  const s = DEFINE_TEXTS[language];
  const section = (...children: (HTMLElement | null)[]): HTMLElement =>
    h(
      'section',
      { id: 'ballot-preview', class: 'ballot-preview', 'aria-labelledby': 'preview-title' },
      h('h3', { id: 'preview-title' }, s.previewTitle),
      ...children,
    );
  if (!definition) return section(h('p', { class: 'hint' }, s.previewNone));
  const districtId =
    choice.district && definition.districts.some((d) => d.id === choice.district) ? choice.district : definition.districts[0]?.id;
  const district = definition.districts.find((d) => d.id === districtId);
  if (!district) return section(h('p', { class: 'hint' }, s.previewNone));
  const districtSelect = h(
    'select',
    {
      id: 'preview-district',
      on: {
        change: () => {
          choice.district = districtSelect.value;
          rerender();
          document.getElementById('preview-district')?.focus();
        },
      },
    },
    definition.districts.map((d) =>
      h('option', { value: d.id, selected: d.id === district.id }, `${d.name[language]} (${d.id})`),
    ),
  );
  const languageSelect = h(
    'select',
    {
      id: 'preview-language',
      on: {
        change: () => {
          choice.language = languageSelect.value as Language;
          rerender();
          document.getElementById('preview-language')?.focus();
        },
      },
    },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === choice.language, lang: l }, LANGUAGE_NAMES[l])),
  );
  const style = styleOfDistrict(definition, district.id);
  const questions = style ? questionsOfStyle(definition, style) : [];
  const choices: Record<string, string[]> = {};
  const shown = choice.language;
  return section(
    h(
      'div',
      { class: 'period-row' },
      h('div', { class: 'field' }, h('label', { for: 'preview-district' }, s.previewDistrict), districtSelect),
      h('div', { class: 'field' }, h('label', { for: 'preview-language' }, s.previewLanguage), languageSelect),
    ),
    h(
      'div',
      { class: 'preview-ballot', lang: shown, 'data-district': district.id, 'data-language': shown },
      h('p', { class: 'election-title' }, definition.title[shown]),
      h('p', null, DEFINE_TEXTS[shown].previewIntro(district.name[shown])),
      h(
        'div',
        { class: 'stack ballot' },
        questions.map((q, i) =>
          questionFieldset(q, i, questions.length, {
            choices,
            showProblems: false,
            language: shown,
            idPrefix: 'preview-',
            onChange: () => {},
          }),
        ),
      ),
    ),
  );
}
