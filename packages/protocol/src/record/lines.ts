// Canonical JSON Lines (spec §7.3): one canonical-JSON object per line, each ended by a line feed, UTF-8 without
// a byte-order mark. Splitting works on the bytes, so each line's bytes are kept as they are on disk.
import { utf8ToBytes } from '@saylau/crypto';
import { canonicalJson } from '../canonical-json.ts';
import { type Problem, problem } from '../errors.ts';

const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes of a canonical JSON Lines file holding these values (line by line: no one giant string). */
export function encodeJsonLines(values: readonly unknown[]): Uint8Array {
  const lines = values.map((v) => utf8ToBytes(`${canonicalJson(v)}\n`));
  const out = new Uint8Array(lines.reduce((sum, line) => sum + line.length, 0));
  let at = 0;
  for (const line of lines) {
    out.set(line, at);
    at += line.length;
  }
  return out;
}

/** The bytes of a one-value canonical JSON file (definition.json, result.json, manifest.json). */
export function encodeJsonFile(value: unknown): Uint8Array {
  return utf8ToBytes(`${canonicalJson(value)}\n`);
}

export interface JsonLine {
  /** The line's bytes without its line feed. */
  readonly bytes: Uint8Array;
  /** The parsed value, or undefined when the line has a problem. */
  readonly value: unknown;
}

/**
 * Splits a JSON Lines file and parses each line, requiring canonical JSON. Problems name the file and the
 * 0-based line number; a line with a problem still takes its place so later line numbers stay right.
 */
export function decodeJsonLines(file: string, data: Uint8Array): { lines: JsonLine[]; problems: Problem[] } {
  const lines: JsonLine[] = [];
  const problems: Problem[] = [];
  if (data.length > 0 && data[data.length - 1] !== LF) {
    problems.push(problem('RECORD_BAD_LINE', [file], 'the file does not end with a line feed (a truncated last line?)'));
  }
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(LF, start);
    if (end === -1) end = data.length;
    const bytes = data.subarray(start, end);
    const index = lines.length;
    const parsed = parseJsonLine(bytes);
    if ('problem' in parsed) problems.push(problem(parsed.problem, [file, index], parsed.message));
    lines.push({ bytes, value: 'value' in parsed ? parsed.value : undefined });
    start = end + 1;
  }
  return { lines, problems };
}

/** One line parsed, or why it is not a canonical JSON object. */
export type ParsedJsonLine = { value: unknown } | { problem: 'RECORD_BAD_LINE' | 'RECORD_NOT_CANONICAL'; message: string };

/** Parses one line's bytes (without its line feed), requiring a canonical JSON object: a reader that streams a file uses it line by line. */
export function parseJsonLine(bytes: Uint8Array): ParsedJsonLine {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: 'RECORD_BAD_LINE', message: 'the line is not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'RECORD_BAD_LINE', message: text.length === 0 ? 'the line is empty' : 'the line is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'RECORD_BAD_LINE', message: 'the line is not a JSON object' };
  }
  if (!isCanonical(value, text)) return { problem: 'RECORD_NOT_CANONICAL', message: 'the line is not in canonical JSON (§3.2)' };
  return { value };
}

/**
 * Whether `text` is exactly canonicalJson(value), for a value JSON.parse made from it. Byte equality with the
 * re-serialisation rejects whitespace, key order, escapes, number forms and repeated keys. (A parsed canonical line
 * has its keys in order, so canonicalJson takes its fast path: one walk and the native writer.)
 */
export function isCanonical(value: unknown, text: string): boolean {
  return canonicalJson(value) === text;
}

/** Parses a one-value JSON file; undefined when it is not UTF-8 JSON. Canonical form is not required here. */
export function parseJsonFile(data: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(data));
  } catch {
    return undefined;
  }
}
