// The voter's language: chosen on the page, remembered in localStorage, else taken from the browser; the UI texts
// in it, the election's own texts from the definition's translations, and dates and numbers in its format.
import type { ElectionState, I18nText, Language } from '@saylau/protocol';
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

const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

/** Browsers built with reduced ICU data (Debian's Chromium among them) have no Kazakh date or number formats. */
const hasKazakhData = Intl.DateTimeFormat.supportedLocalesOf(['kk-KZ']).length > 0;
/** Kazakh writes numbers like Russian: 1 234,5 and 42,5 %. */
const numberLocale = (): string => (current === 'kk' && !hasKazakhData ? 'ru-RU' : LOCALES[current]);

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date and time in the voter's time zone: "2026 ж. 1 наурыз, 09:00", "1 марта 2026 г., 09:00", "1 March 2026 at 09:00". */
export function formatDateTime(iso: string | number | Date): string {
  const date = new Date(iso);
  if (current === 'kk' && !hasKazakhData) {
    return `${date.getFullYear()} ж. ${date.getDate()} ${KK_MONTHS[date.getMonth()]}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatTime(date: Date): string {
  if (current === 'kk' && !hasKazakhData) return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return new Intl.DateTimeFormat(LOCALES[current], { timeStyle: 'medium' }).format(date);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(numberLocale()).format(n);
}

/** A share as a percentage with one decimal, e.g. 42.5 %. */
export function formatPercent(part: number, whole: number): string {
  const share = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(numberLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

document.documentElement.lang = current;
