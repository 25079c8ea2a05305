// Canonical JSON (spec §3.2): the byte form every fingerprint and hash is computed over.
// Object keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them
// (which matches RFC 8785 for the integers and short decimals we use); undefined members are dropped.
import { utf8ToBytes } from '@saylau/crypto';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * The canonical JSON text of `value`. Native JSON.stringify does the writing (ballots and board events are
 * kilobytes, hashed on every submission); a replacer hands it every object with its keys re-inserted in sorted
 * order. Property order cannot be forced for array-index keys ("0", "7", …), which engines always list first
 * in numeric order, so an object with such keys sends the value through the plain recursive writer instead.
 */
export function canonicalJson(value: unknown): string {
  if (inOrder(value)) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
    return text;
  }
  indexKeySeen = false;
  const text = JSON.stringify(value, sortKeys);
  if (indexKeySeen) return writeCanonical(value);
  if (text === undefined) throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
  return text;
}

/**
 * Whether plain JSON.stringify already writes `value` canonically: every object's keys in ascending code-unit order
 * as listed (JSON.parse of canonical text gives exactly that) and nothing canonical JSON refuses. The common case
 * — a ballot or event read from the board, hashed again — then costs one walk and the native writer, with no
 * replacer call per value and no sorted copy of every object.
 */
function inOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(inOrder);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (i > 0 && !((keys[i - 1] as string) < key)) return false;
        if (!inOrder((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

let indexKeySeen = false;
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(_key: string, v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return v;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`canonical JSON cannot encode a ${typeof v}`);
    case 'object': {
      if (v === null || Array.isArray(v)) return v;
      const keys = Object.keys(v).sort(byCodeUnits);
      // no prototype: a "__proto__" key (JSON.parse makes it an own property) must stay a plain property
      const sorted: Record<string, unknown> = Object.create(null);
      for (const k of keys) {
        if (ARRAY_INDEX.test(k)) indexKeySeen = true;
        sorted[k] = (v as Record<string, unknown>)[k];
      }
      return sorted;
    }
    default:
      return v;
  }
}

/** The reference writer: plain recursion, any keys. */
export function writeCanonical(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => writeCanonical(v ?? null)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodeUnits(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${writeCanonical(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8ToBytes(canonicalJson(value));
}
