// The glossary (issue 15, "One vocabulary") and the date formatter every page and letter shows times with (spec §4.5).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  electionUtcOffset,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalTime,
  formatUtcOffset,
  formatVotingPeriod,
  GLOSSARY,
  LANGUAGES,
  label,
  TERM_IDS,
  term,
  utcOffsetOf,
  vocabularyProblems,
} from '../src/index.ts';

describe('glossary', () => {
  it('has every term in every language, with a wording and a meaning', () => {
    expect(TERM_IDS.length).toBeGreaterThanOrEqual(25);
    for (const id of TERM_IDS) {
      expect(GLOSSARY[id].meaning.length, id).toBeGreaterThan(10);
      for (const language of LANGUAGES) expect(term(id, language).trim().length, `${id} ${language}`).toBeGreaterThan(1);
    }
  });

  it('no banned variant is itself a wording of the same language (the ban would forbid the term)', () => {
    for (const language of LANGUAGES) {
      const wordings = new Set(
        TERM_IDS.flatMap((id) => [GLOSSARY[id][language].name, ...(GLOSSARY[id][language].forms ?? [])]).map((w) =>
          w.toLocaleLowerCase(language),
        ),
      );
      for (const id of TERM_IDS) {
        for (const variant of GLOSSARY[id][language].banned ?? []) {
          expect(variant, `${id} ${language}`).toBe(variant.toLocaleLowerCase(language));
          expect(wordings.has(variant), `${id} ${language}: "${variant}" is banned and a wording`).toBe(false);
        }
      }
    }
  });

  it('the codes have one name each, and the fingerprint one name', () => {
    expect(label('signingCode', 'kk')).toBe('Қолтаңба коды');
    expect(label('signingCode', 'ru')).toBe('Код подписи');
    expect(label('signingCode', 'en')).toBe('Signing code');
    expect(label('electionFingerprint', 'ru')).toBe('Цифровой отпечаток выборов');
    // audit and check are different words in every language
    for (const language of LANGUAGES) expect(term('ballotAudit', language)).not.toContain(term('secondDeviceCheck', language));
  });

  it('docs/glossary.md lists every term as the module words it', () => {
    const doc = readFileSync(new URL('../../../docs/glossary.md', import.meta.url), 'utf8');
    for (const id of TERM_IDS) {
      const g = GLOSSARY[id];
      expect(doc, id).toContain(`| \`${id}\` | ${g.en.name} | ${g.ru.name} | ${g.kk.name} |`);
    }
  });

  it('finds banned synonyms, and not those inside a glossary wording', () => {
    expect(vocabularyProblems('Введите код голосования из письма.', 'ru').map((p) => p.variant)).toEqual(['код голосования']);
    expect(vocabularyProblems('Сайлаудың саусақ ізі', 'kk').map((p) => p.term)).toEqual(['electionFingerprint']);
    expect(vocabularyProblems('Your credential code', 'en').map((p) => p.term)).toEqual(['signingCode']);
    // "отпечаток выборов" inside the glossary's "цифровой отпечаток выборов" is the term, not a synonym
    expect(vocabularyProblems('Цифровой отпечаток выборов: 0a1b', 'ru')).toEqual([]);
    expect(vocabularyProblems('Проверьте, что отпечаток выборов совпадает', 'ru').map((p) => p.variant)).toEqual([
      'отпечаток выборов',
    ]);
    // a wording inside a longer banned phrase does not hide it
    expect(vocabularyProblems('дауыстың күшін жояды', 'kk').map((p) => p.variant)).toEqual(['күшін жояды']);
  });
});

describe('dates and times in the election time zone', () => {
  const opens = '2026-12-01T08:00:00+05:00';

  it('prints the three languages without the runtime locale data, with the offset', () => {
    expect(formatLocalDateTime(opens, 'kk', 300)).toBe('2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)');
    expect(formatLocalDateTime(opens, 'ru', 300)).toBe('1 декабря 2026 г., 08:00 (UTC+05:00)');
    expect(formatLocalDateTime(opens, 'en', 300)).toBe('1 December 2026, 08:00 (UTC+05:00)');
    expect(formatLocalDateTime(opens, 'kk', 300)).not.toMatch(/M\d/);
  });

  it('shows an instant at the election offset, not the machine zone, crossing midnight and the year', () => {
    // 2026-12-31T20:30:00Z is already 1 January 2027 in Almaty
    expect(formatLocalDateTime('2026-12-31T20:30:00.000Z', 'ru', 300)).toBe('1 января 2027 г., 01:30 (UTC+05:00)');
    expect(formatLocalDate(Date.UTC(2026, 2, 1, 2), 'en', -180)).toBe('28 February 2026');
    expect(formatLocalTime(new Date('2026-12-01T03:04:05.000Z'), 300)).toBe('08:04:05 (UTC+05:00)');
    expect(formatLocalDateTime('2026-06-15T12:00:00Z', 'en', 0)).toBe('15 June 2026, 12:00 (UTC)');
  });

  it('reads the offset a definition writes its period in', () => {
    expect(utcOffsetOf(opens)).toBe(300);
    expect(utcOffsetOf('2026-12-01T08:00:00Z')).toBe(0);
    expect(utcOffsetOf('2026-12-01T08:00:00.5-03:30')).toBe(-210);
    expect(() => utcOffsetOf('2026-12-01 08:00')).toThrow(RangeError);
    expect(formatUtcOffset(-210)).toBe('UTC-03:30');
    const definition = { votingPeriod: { opens, closes: '2026-12-07T15:00:00Z' } };
    expect(electionUtcOffset(definition)).toBe(300);
    // the close, written in UTC, is shown in the election zone like the opening
    expect(formatVotingPeriod(definition, 'kk')).toEqual({
      opens: '2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)',
      closes: '2026 жылғы 7 желтоқсан, 20:00 (UTC+05:00)',
    });
  });

  it('refuses what is not a time', () => {
    expect(() => formatLocalDateTime('not a date', 'en', 0)).toThrow(RangeError);
  });
});
