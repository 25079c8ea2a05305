// The two ways the protocol writes a time (spec §4.5). The board and every signed head use one: UTC to the
// millisecond, exactly as Date.prototype.toISOString writes it (isTimestamp, board/tree-head.ts). The definition's
// voting period is written by the commission and may carry its own UTC offset, kept as written.
import { z } from 'zod';

// YYYY-MM-DDTHH:MM:SS, then 1–3 digits of a second, then Z or ±HH:MM
const DEFINITION_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A date-time of the definition: `YYYY-MM-DDTHH:MM:SS[.s{1,3}]` followed by `Z` or a UTC offset `±HH:MM`, naming a
 * real calendar date and time (hours 00–23, minutes and seconds 00–59, offset hours 00–23). `2026-12-01T08:00:00+05:00`
 * and `2026-12-01T03:00:00Z` are the same instant written in two time zones.
 */
export function isDefinitionTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DEFINITION_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHour, offsetMinute] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  const date = new Date(Date.UTC(year, month - 1, day));
  // a real calendar date (not 2026-02-30), a real time of day, a real offset
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 23 || offsetMinute > 59) return false;
  return Number.isFinite(Date.parse(value));
}

export const DefinitionTimeSchema = z
  .string()
  .refine(isDefinitionTime, 'a date-time YYYY-MM-DDTHH:MM:SS with Z or a UTC offset ±HH:MM, e.g. 2026-12-01T08:00:00+05:00');

/** The instant a definition time names, in milliseconds since the epoch (the offset applied). */
export function instantOf(definitionTime: string): number {
  if (!isDefinitionTime(definitionTime)) throw new RangeError(`not a definition date-time: ${definitionTime}`);
  return Date.parse(definitionTime);
}
