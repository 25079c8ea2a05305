// CSV through csv-parse (RFC 4180: quoted fields with "" escapes and line breaks; CRLF, LF or CR), with the separator
// Excel used (",", ";" or a tab) found from the header. Every record keeps the line it starts on, so a report can
// point at the line a person must fix.
import { CsvError, type Info, parse } from 'csv-parse/browser/esm/sync';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** csv-parse's messages for the mistakes people make, in our words (its own name the line twice). */
const MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
};

/** What csv-parse returns with `raw` and `info` on (its types describe only plain records). */
interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: Info;
}

function run(text: string, separator: Separator, options: { to?: number } = {}): ParsedRecord[] {
  try {
    // One kind of line end: csv-parse counts a CRLF inside a quoted field as two lines, which would shift every line
    // number after it. A line break inside a field therefore comes back as "\n".
    const parsed: unknown = parse(text.replace(/\r\n?/g, '\n'), {
      ...options,
      delimiter: separator,
      record_delimiter: '\n',
      bom: true,
      skip_empty_lines: true,
      // rows with too few or too many fields are reported per line by the callers, not thrown here
      relax_column_count: true,
      raw: true,
      info: true,
    });
    return parsed as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 1;
      throw new CsvSyntaxError(line, MESSAGES[error.code] ?? error.message);
    }
    throw error;
  }
}

export function parseCsv(text: string, separator: Separator = ','): CsvRecord[] {
  return run(text, separator).map(({ record, raw, info }) => {
    // info.lines is the line the record ends on; raw carries the skipped blank lines before it and its line break
    const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
    return { line: info.lines - (body.match(/\n/g)?.length ?? 0), fields: record };
  });
}

/**
 * The separator of the header line: the one candidate that splits it into several columns (a one-column file reads
 * as ","). Two candidates that both split it make the file ambiguous.
 */
export function detectSeparator(text: string): Separator {
  const splitting = SEPARATORS.filter((separator) => {
    try {
      return (run(text, separator, { to: 1 })[0]?.record.length ?? 0) > 1;
    } catch (error) {
      if (error instanceof CsvSyntaxError) return false; // this separator does not fit the header's quoting
      throw error;
    }
  });
  if (splitting.length > 1) {
    throw new CsvSyntaxError(
      1,
      `the header can be split at ${splitting.map(separatorName).join(' and at ')}; use one separator for the whole file`,
    );
  }
  return splitting[0] ?? ',';
}

export function separatorName(separator: Separator): string {
  return separator === '\t' ? 'tab' : `"${separator}"`;
}

/** A field as CSV: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
