// The voter's language: chosen on the page, remembered in localStorage, else taken from the browser; the UI texts
// in it, the election's own texts from the definition's translations, and dates and numbers in its format; times in
// the election's own time zone, whatever the device's.
import {
  type ElectionDefinition,
  type ElectionState,
  electionUtcOffset,
  formatLocalDateTime,
  formatLocalTime,
  type I18nText,
  type Language,
  sharePercent,
} from '@saylau/protocol';
import en, { type Messages } from './en.ts';
import kk from './kk.ts';
import ru from './ru.ts';

export type { Language, Messages };

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const MESSAGES: Readonly<Record<Language, Messages>> = { kk, ru, en };
const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const STORAGE_KEY = 'saylau.language';

function isLanguage(value: unknown): value is Language {
  return value === 'kk' || value === 'ru' || value === 'en';
}

function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    // storage can be disabled (private mode, policy): the choice then lasts for this page only
    return undefined;
  }
}

function browserLanguage(): Language | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

let current: Language = storedLanguage() ?? browserLanguage() ?? 'kk';
const listeners = new Set<() => void>();

export function language(): Language {
  return current;
}

/** Switches the language, remembers it, sets `<html lang>` and tells the page to re-render. */
export function setLanguage(next: Language): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // see storedLanguage
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** The UI texts in the current language. */
export function t(): Messages {
  return MESSAGES[current];
}

/** The UI texts in a given language (a preview in another language than the page's). */
export function messagesOf(lang: Language): Messages {
  return MESSAGES[lang];
}

/** An election text (title, question, option, district) in the current language. */
export function tr(text: I18nText): string {
  return text[current];
}

/** Where the election stands, in a sentence for voters. */
export function electionStateText(state: ElectionState): string {
  if (state === 'open') return t().stateOpen;
  if (state === 'published') return t().statePublished;
  if (state === 'closed' || state === 'processed' || state === 'decrypted') return t().stateCounting;
  return t().stateNotStarted;
}

/** Browsers built with reduced ICU data (Debian's Chromium among them) have no Kazakh number formats. */
const hasKazakhData = Intl.NumberFormat.supportedLocalesOf(['kk-KZ']).length > 0;
/** Kazakh writes numbers like Russian: 1 234,5 and 42,5 %. */
const numberLocale = (): string => (current === 'kk' && !hasKazakhData ? 'ru-RU' : LOCALES[current]);

/** The election's UTC offset in minutes, once an election is loaded; until then the device's own. */
let electionOffset: number | null = null;

/** Shows every time from now on in this election's time zone (the offset its voting period is written in). */
export function useElectionTimeZone(definition: Pick<ElectionDefinition, 'votingPeriod'>): void {
  electionOffset = electionUtcOffset(definition);
}

function offsetAt(instant: string | number | Date): number {
  return electionOffset ?? -new Date(instant).getTimezoneOffset();
}

/**
 * A date and time in the election's time zone, with the zone: "2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)",
 * "1 декабря 2026 г., 08:00 (UTC+05:00)", "1 December 2026, 08:00 (UTC+05:00)" (packages/protocol time/local-time.ts).
 */
export function formatDateTime(iso: string | number | Date): string {
  return formatLocalDateTime(iso, current, offsetAt(iso));
}

/** A time of day with seconds, in the election's time zone: "14:05:09 (UTC+05:00)". */
export function formatTime(date: Date): string {
  return formatLocalTime(date, offsetAt(date));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(numberLocale()).format(n);
}

/** A share as a percentage with one decimal, e.g. 42.5 %. */
/** The share everyone shows (the protocol's sharePercent: part of whole, one decimal), in the page's number format. */
export function formatPercent(part: number, whole: number): string {
  const share = (sharePercent(part, whole) ?? 0) / 100;
  return new Intl.NumberFormat(numberLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

document.documentElement.lang = current;
