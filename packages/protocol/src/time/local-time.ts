// Showing a time to people (spec §4.5): in the election's own UTC offset, the one its definition writes the voting
// period in, never the reader's machine's zone, and always with that offset written out. Month names are our own:
// runtimes built with reduced ICU data (Debian's Node and Chromium among them) have no Kazakh, and Intl then prints
// "2026 M12 1 00:00".
import type { ElectionDefinition, Language } from '../definition/schema.ts';
import { isDefinitionTime } from './formats.ts';

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  // Kazakh: nominative after the day, "1 желтоқсан"
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  // Russian: genitive after the day, "1 декабря"
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const OFFSET = /(Z|([+-])(\d{2}):(\d{2}))$/;

/** The UTC offset a definition date-time is written in, in minutes east of UTC (`Z` is 0). */
export function utcOffsetOf(definitionTime: string): number {
  if (!isDefinitionTime(definitionTime)) throw new RangeError(`not a definition date-time: ${definitionTime}`);
  const m = OFFSET.exec(definitionTime) as RegExpExecArray;
  if (m[1] === 'Z') return 0;
  const minutes = Number(m[3]) * 60 + Number(m[4]);
  return m[2] === '-' ? -minutes : minutes;
}

/** The election's time zone for display: the offset its voting period opens in. */
export function electionUtcOffset(definition: Pick<ElectionDefinition, 'votingPeriod'>): number {
  return utcOffsetOf(definition.votingPeriod.opens);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "UTC+05:00", "UTC-03:30", or "UTC" for offset 0. */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock fields of an instant at an offset. */
function fieldsAt(instant: string | number | Date, offsetMinutes: number) {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(instant)}`);
  const d = new Date(ms + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The date alone: "2026 жылғы 1 желтоқсан", "1 декабря 2026 г.", "1 December 2026". */
export function formatLocalDate(instant: string | number | Date, language: Language, offsetMinutes: number): string {
  const f = fieldsAt(instant, offsetMinutes);
  const month = MONTHS[language][f.month] as string;
  if (language === 'kk') return `${f.year} жылғы ${f.day} ${month}`;
  if (language === 'ru') return `${f.day} ${month} ${f.year} г.`;
  return `${f.day} ${month} ${f.year}`;
}

/**
 * A date and time at the election's offset, with the offset written out:
 * "2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)", "1 декабря 2026 г., 08:00 (UTC+05:00)",
 * "1 December 2026, 08:00 (UTC+05:00)".
 */
export function formatLocalDateTime(instant: string | number | Date, language: Language, offsetMinutes: number): string {
  const f = fieldsAt(instant, offsetMinutes);
  return `${formatLocalDate(instant, language, offsetMinutes)}, ${pad(f.hour)}:${pad(f.minute)} (${formatUtcOffset(offsetMinutes)})`;
}

/** A time of day with seconds at the offset: "14:05:09 (UTC+05:00)" (the same in every language). */
export function formatLocalTime(instant: string | number | Date, offsetMinutes: number): string {
  const f = fieldsAt(instant, offsetMinutes);
  return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} (${formatUtcOffset(offsetMinutes)})`;
}

/** The voting period in a language, each end at the election's offset. */
export function formatVotingPeriod(
  definition: Pick<ElectionDefinition, 'votingPeriod'>,
  language: Language,
): { opens: string; closes: string } {
  const offset = electionUtcOffset(definition);
  return {
    opens: formatLocalDateTime(definition.votingPeriod.opens, language, offset),
    closes: formatLocalDateTime(definition.votingPeriod.closes, language, offset),
  };
}
