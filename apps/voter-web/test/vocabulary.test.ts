// One vocabulary (issue 15): the booth, second-device and public pages name every concept as the protocol's glossary
// does (packages/protocol/src/glossary), the letter's words; the Benaloh audit and the review have verbs of their own,
// never "check". Plain vitest on the catalogues, no browser.
import { LANGUAGES, type Language, label, type TermId, vocabularyProblems } from '@saylau/protocol';
import { describe, expect, it } from 'vitest';
import { KIT_TEXTS } from '../src/console/steps/kit/texts.ts';
import { AFTER_CLOSE_TEXTS } from '../src/console/texts/after-close.ts';
import { CEREMONY_TEXTS } from '../src/console/texts/ceremony.ts';
import { DEFINE_TEXTS } from '../src/console/texts/define.ts';
import { LETTERS_TEXTS } from '../src/console/texts/letters.ts';
import { PAPER_RESULTS_TEXTS } from '../src/console/texts/paper-results.ts';
import { REGISTER_TEXTS } from '../src/console/texts/register.ts';
import { SHELL_TEXTS } from '../src/console/texts/shell.ts';
import { VOTING_TEXTS } from '../src/console/texts/voting.ts';
import en, { type Messages } from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';

const CATALOGUES: Readonly<Record<Language, Messages>> = { kk, ru, en };

/** Every text of a catalogue with its key; functions are called with sample arguments. */
function texts(catalogue: unknown, prefix = ''): [string, string][] {
  return Object.entries(catalogue as Record<string, unknown>).flatMap(([key, value]): [string, string][] => {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') return [[path, String(value(...Array.from({ length: value.length }, () => 2)))]];
    if (value && typeof value === 'object') return texts(value, `${path}.`);
    return [];
  });
}

/** The verb of the second-device check, which the audit and the review must not use. */
const CHECK_VERB: Readonly<Record<Language, RegExp>> = { en: /\bcheck/i, ru: /провер/i, kk: /тексер/i };

describe.each(LANGUAGES)('the %s catalogue', (language) => {
  const catalogue = CATALOGUES[language];

  it('uses no banned synonym of a glossary term', () => {
    const problems = texts(catalogue).flatMap(([key, text]) =>
      vocabularyProblems(text, language).map((p) => `${key}: "${p.variant}" for ${p.term} in "…${p.context}…"`),
    );
    expect(problems).toEqual([]);
  });

  it('labels the codes, the mark, the fingerprint and the audit with the glossary words (those the letter prints)', () => {
    const labels: [keyof Messages, TermId][] = [
      ['voterIdLabel', 'voterId'],
      ['loginCodeLabel', 'loginCode'],
      ['credentialLabel', 'signingCode'],
      ['signedWith', 'signatureMark'],
      ['electionFingerprint', 'electionFingerprint'],
      ['auditTitle', 'ballotAudit'],
      ['trackingCode', 'trackingCode'],
      ['colTurnout', 'turnout'],
      ['districtLabel', 'district'],
    ];
    for (const [key, id] of labels) expect(catalogue[key], key).toBe(label(id, language));
  });

  it('never calls the ballot audit or the review a "check"', () => {
    const keys = [
      'auditInstead',
      'auditExplain',
      'auditTitle',
      'auditPassed',
      'auditFailed',
      'auditDownload',
      'auditDiscarded',
      'sealedIntro',
      'toReview',
      'reviewTitle',
      'reviewIntro',
      'ballotIntro',
    ] as const;
    for (const key of keys) {
      const text = String(typeof catalogue[key] === 'function' ? (catalogue[key] as (d: string) => string)('X') : catalogue[key]);
      expect(text, key).not.toMatch(CHECK_VERB[language]);
    }
  });

  it('says plainly that an audited ballot was not cast', () => {
    const notCast = { en: /NOT cast/, ru: /НЕ отправлен/, kk: /ЖІБЕРІЛМЕДІ/ }[language];
    expect(catalogue.auditPassed).toMatch(notCast);
  });
});

describe('the catalogues', () => {
  it('have the same keys in every language', () => {
    const keys = (m: Messages) => texts(m).map(([k]) => k);
    expect(keys(kk)).toEqual(keys(en));
    expect(keys(ru)).toEqual(keys(en));
  });
});

/** The console's shell, its steps and their action helpers, each text with its key. */
const CONSOLE_STEP_TEXTS = {
  shell: SHELL_TEXTS,
  define: DEFINE_TEXTS,
  register: REGISTER_TEXTS,
  letters: LETTERS_TEXTS,
  ceremony: CEREMONY_TEXTS,
  voting: VOTING_TEXTS,
  'paper-results': PAPER_RESULTS_TEXTS,
  'after-close': AFTER_CLOSE_TEXTS,
  kit: KIT_TEXTS,
};

/** Like texts(), for catalogues whose functions may take lists: called with 2s, else with [2]s. */
function stepTexts(catalogue: unknown, prefix = ''): [string, string][] {
  return Object.entries(catalogue as Record<string, unknown>).flatMap(([key, value]): [string, string][] => {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') {
      const args = (sample: unknown) => Array.from({ length: value.length }, () => sample);
      let out: unknown;
      try {
        out = value(...args(2));
      } catch {
        out = value(...args([2]));
      }
      return stepTexts({ '': out }, path).map(([k, t]) => [k.replace(/\.?$/, ''), t]);
    }
    if (Array.isArray(value)) return value.map((v, i) => [`${path}.${i}`, String(v)]);
    if (value && typeof value === 'object') return stepTexts(value, `${path}.`);
    return [];
  });
}

describe.each(Object.entries(CONSOLE_STEP_TEXTS))("the console's %s texts", (_, catalogues) => {
  it.each(LANGUAGES)('use no banned synonym of a glossary term in %s', (language) => {
    const problems = stepTexts(catalogues[language]).flatMap(([key, text]) =>
      vocabularyProblems(text, language).map((p) => `${key}: "${p.variant}" for ${p.term} in "…${p.context}…"`),
    );
    expect(problems).toEqual([]);
  });

  it('have the same keys in every language', () => {
    const keys = (language: Language) => stepTexts(catalogues[language]).map(([k]) => k);
    expect(keys('kk')).toEqual(keys('en'));
    expect(keys('ru')).toEqual(keys('en'));
  });
});
