// The bytes of a file a clerk saved from Excel, as text: UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode
// text") or Windows-1251 (the ANSI code page of Russian and Kazakh Windows). Among just these three the choice is
// made by rule, not by a statistical guess (which, between Windows-1251 and the Latin code pages, a short register
// tips either way on a one-letter edit): a BOM names its encoding; bytes that are valid UTF-8 are UTF-8; otherwise the
// file is Windows-1251 if every word it then reads is a plausible Cyrillic word. chardet only names, in the refusal,
// what a file of another code page looks like. The platform's TextDecoder converts (the same in Node and in a
// browser, so the CLI and the console read a file alike); a file we cannot read with certainty is refused with the
// line to look at, never shown with � in a name.
import chardet from 'chardet';

/** The encodings we convert from, by the decoder's name, with the name a clerk knows. */
const ACCEPTED: Readonly<Record<string, string>> = {
  'UTF-8': 'UTF-8',
  'UTF-16LE': 'UTF-16LE',
  'UTF-16BE': 'UTF-16BE',
  'windows-1251': 'Windows-1251',
};

/** Kazakh letters Windows-1251 lacks; Excel writes "?" in their place when it saves such a file. */
const KAZAKH_NOT_IN_1251 = 'ә ғ қ ң ө ұ ү һ';

const SAVE_AS = 'in Excel save it as "CSV UTF-8" or as "Unicode text"';

export interface DecodedFile {
  readonly text: string;
  /** e.g. "UTF-8 with a BOM", "Windows-1251", "ASCII". */
  readonly encoding: string;
  /** Whether the encoding was told from the bytes (a BOM names it; ASCII needs no choice). */
  readonly detected: boolean;
}

export class EncodingError extends Error {
  constructor(
    /** 1-based line a person should look at. */
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'EncodingError';
  }
}

const LINE_BREAK = /\r\n|\n|\r/;

/** The 1-based line of the first line that `test` picks, or 0. */
function lineWhere(text: string, test: (line: string) => boolean): number {
  return text.split(LINE_BREAK).findIndex(test) + 1;
}

const BOMS: Readonly<Record<string, readonly number[]>> = {
  'UTF-8': [0xef, 0xbb, 0xbf],
  'UTF-16LE': [0xff, 0xfe],
  'UTF-16BE': [0xfe, 0xff],
};

/** The Unicode encoding whose byte order mark starts the file: the writer's own declaration, trusted before any guess. */
function declaredByBom(bytes: Uint8Array): string | undefined {
  return Object.keys(BOMS).find((encoding) => BOMS[encoding]?.every((byte, i) => bytes[i] === byte));
}

/** Whether the bytes are well-formed UTF-8 throughout. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // the decoder's only way of saying "not UTF-8": the answer is the boolean, nothing is lost
    return false;
  }
}

/** Runs of characters between separators and ASCII punctuation: what a name, a district or an address is made of. */
const WORD = /[^\s,;"'.()/\\:!?«»„“”‘’–—№0-9*&%#@+=[\]{}<>|_-]+/gu;
/** A Cyrillic word as people write one: lower case, capitalised or all capitals (letters Windows-1251 has). */
const CYRILLIC_WORD = /^(?:[\u0400-\u042f\u0490\u040e]?[\u0430-\u045f\u0491\u045e]+|[\u0400-\u042f\u0490\u040e]+)$/u;

/**
 * The first line where the text, read as Windows-1251, has a word that no Russian or Kazakh writer would: non-ASCII
 * letters mixed with Latin ones or with symbols (a Latin code page read as Cyrillic: "Дsel"), or capitals after
 * small letters (KOI8-R read as Windows-1251: "йЧБОПЧ"); 0 when every word is plausible.
 */
function implausibleCyrillicLine(text: string): number {
  return lineWhere(text, (line) =>
    (line.match(WORD) ?? []).some((word) => /[\u0080-\uffff]/.test(word) && !CYRILLIC_WORD.test(word)),
  );
}

/** The line of the first byte above 0x7f (line numbers count 0x0A bytes). */
function firstNonAsciiLine(bytes: Uint8Array): number {
  const first = bytes.findIndex((b) => b >= 0x80);
  return bytes.subarray(0, first).filter((b) => b === 0x0a).length + 1;
}

/** The encoding of a file without a BOM, by rule; throws when it is none of ours. */
function encodingOf(bytes: Uint8Array, ascii: boolean): string {
  if (ascii || isUtf8(bytes)) return 'UTF-8';
  const bad = implausibleCyrillicLine(new TextDecoder('windows-1251').decode(bytes));
  if (bad === 0) return 'windows-1251';
  const looks = chardet.detect(bytes);
  throw new EncodingError(
    bad || firstNonAsciiLine(bytes),
    `cannot tell the file's encoding (it looks like ${looks ?? 'none we know'}, not UTF-8, UTF-16 or Windows-1251); ${SAVE_AS}`,
  );
}

export function decodeText(bytes: Uint8Array): DecodedFile {
  const declared = declaredByBom(bytes);
  // Bytes below 0x80 read the same in every encoding we accept.
  const ascii = !bytes.some((b) => b >= 0x80);
  const guess = declared ?? encodingOf(bytes, ascii);
  const name = ACCEPTED[guess] as string;
  // TextDecoder drops a BOM of its own encoding; it puts U+FFFD for bytes it cannot read, found below
  const text = new TextDecoder(guess).decode(bytes);
  const encoding = declared ? `${name} with a BOM` : ascii ? 'ASCII' : name;
  // U+FFFD is what a decoder puts for bytes it cannot read; NUL is UTF-16 read without its BOM
  const bad = lineWhere(text, (line) => line.includes('\ufffd') || line.includes('\u0000'));
  if (bad > 0) throw new EncodingError(bad, `bytes that cannot be read as ${encoding}; ${SAVE_AS}`);
  if (guess === 'windows-1251') {
    const lost = lineWhere(text, (line) => /[\u0400-\u04ff]\?|\?[\u0400-\u04ff]/.test(line));
    if (lost > 0) {
      throw new EncodingError(
        lost,
        `a "?" inside a word: Windows-1251 has no ${KAZAKH_NOT_IN_1251}, and Excel saved a "?" instead; ${SAVE_AS}`,
      );
    }
  }
  return { text, encoding, detected: !declared && !ascii };
}
