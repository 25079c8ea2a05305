// The bytes of a file a clerk saved from Excel, as text: UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode
// text") or Windows-1251 (the ANSI code page of Russian and Kazakh Windows). chardet decides, the platform's
// TextDecoder converts (the same in Node and in a browser, so the CLI and the console read a file alike); a file we
// cannot read with certainty is refused with the line to look at, never shown with � in a name.
import chardet from 'chardet';

/** The encodings we convert from, by chardet's name, with the name a clerk knows. */
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
  /** Whether chardet chose the encoding (a BOM names it; ASCII needs no choice). */
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

export function decodeText(bytes: Uint8Array): DecodedFile {
  const declared = declaredByBom(bytes);
  // Bytes below 0x80 read the same in every encoding we accept, and chardet names plain ASCII after some Latin code page.
  const ascii = !bytes.some((b) => b >= 0x80);
  const guess = declared ?? (ascii ? 'UTF-8' : chardet.detect(bytes));
  const name = guess === null ? undefined : ACCEPTED[guess];
  if (guess === null || name === undefined) {
    // A single-byte encoding other than Windows-1251 (or too few letters to tell): line numbers count 0x0A bytes.
    const first = bytes.findIndex((b) => b >= 0x80);
    const line = bytes.subarray(0, first).filter((b) => b === 0x0a).length + 1;
    throw new EncodingError(
      line,
      `cannot tell the file's encoding (it looks like ${guess ?? 'none we know'}, not UTF-8, UTF-16 or Windows-1251); ${SAVE_AS}`,
    );
  }
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
