// A voter file (the register, or the paper voters' list) read from its bytes: any encoding and separator Excel writes,
// every row checked, every problem with the line a person must fix. The CLI reads the bytes from disk, the console from
// the file the clerk picks; both show the same report.
import { LANGUAGES, type Language } from '@saylau/protocol';
import { type CsvRecord, CsvSyntaxError, detectSeparator, parseCsv, type Separator, separatorName } from './csv.ts';
import { decodeText, EncodingError } from './encoding.ts';

/**
 * A file that cannot be read as a voter file at all (as opposed to rows with problems, which a report lists). The
 * message continues the file's name: "is not valid CSV: line 4: …".
 */
export class DocumentError extends Error {
  constructor(
    message: string,
    /** 1-based line to look at, when one is to blame. */
    readonly line?: number,
    /** Further lines of explanation (what the header must look like). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DocumentError';
  }

  /** The message about a named file: "voters.csv is not valid CSV: line 4: …". */
  about(file: string): string {
    return `${file} ${this.message}`;
  }
}

export interface VoterRow {
  readonly line: number;
  readonly voterId: string;
  readonly district: string;
  readonly name: string;
  readonly contact: string;
  /** The letter's language; absent when the cell is empty or there is no language column. */
  readonly language?: Language;
  /** The postal address for the letter's window envelope, '' when none. */
  readonly address: string;
}

export interface RowProblem {
  readonly line: number;
  readonly kind: 'malformed' | 'duplicate' | 'unknown-district';
  readonly message: string;
}

export interface RegisterReport {
  /** How the file was read: "read as Windows-1251 (detected), 10 rows, separator ";"". */
  readonly note: string;
  readonly encoding: string;
  readonly separator: Separator;
  readonly rows: number;
  readonly accepted: VoterRow[];
  readonly problems: RowProblem[];
}

/** The server's rule for voter ids (apps/server VoterIdSchema): printable, no spaces, at most 128 characters. */
const VOTER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export interface ReadFile {
  readonly records: CsvRecord[];
  readonly note: string;
  /** e.g. "UTF-8 with a BOM", "Windows-1251", "ASCII". */
  readonly encoding: string;
  readonly separator: Separator;
}

/**
 * The records of a commission's CSV (a voter file, the paper results) in any encoding and separator Excel writes, and
 * a note saying how it was read; throws DocumentError when it cannot be read safely.
 */
export function readCsvBytes(bytes: Uint8Array): ReadFile {
  try {
    const { text, encoding, detected } = decodeText(bytes);
    const separator = detectSeparator(text);
    const records = parseCsv(text, separator);
    const rows = Math.max(records.length - 1, 0);
    const how = encoding === 'ASCII' ? 'plain ASCII' : detected ? `${encoding} (detected)` : encoding;
    const note = `read as ${how}, ${rows} row${rows === 1 ? '' : 's'}, separator ${separatorName(separator)}`;
    return { records, note, encoding, separator };
  } catch (error) {
    if (error instanceof EncodingError) throw new DocumentError(`cannot be read safely: ${error.message}`, error.line);
    if (error instanceof CsvSyntaxError) throw new DocumentError(`is not valid CSV: ${error.message}`, error.line);
    throw error;
  }
}

/** Column positions from the header; missing required columns are a usage error. */
function columns(header: readonly string[] | undefined, required: readonly string[], optional: readonly string[]) {
  if (!header) throw new DocumentError(`is empty; it needs a header line: ${[...required, ...optional].join(',')}`, 1);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new DocumentError(`has a header that lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 1, [
      `  the first line must name the columns, e.g. ${[...required, ...optional].join(',')}`,
      `  found: ${header.join(',')}`,
    ]);
  }
  return Object.fromEntries([...required, ...optional].map((c) => [c, names.indexOf(c)])) as Record<string, number>;
}

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Reads and checks a register file against the election's districts; throws DocumentError when it cannot be read. */
export function readRegisterFile(bytes: Uint8Array, districts: readonly string[]): RegisterReport {
  const { records: all, note, encoding, separator } = readCsvBytes(bytes);
  const [header, ...records] = all;
  const col = columns(header?.fields, ['voter_id', 'district'], ['name', 'contact', 'language', 'address']);
  const known = new Set(districts);
  const firstLine = new Map<string, number>();
  const accepted: VoterRow[] = [];
  const problems: RowProblem[] = [];
  const cell = (fields: readonly string[], name: string) => (col[name] === -1 ? '' : (fields[col[name] as number] ?? '').trim());
  for (const { line, fields } of records) {
    if (fields.length !== header?.fields.length) {
      problems.push({
        line,
        kind: 'malformed',
        message: `${fields.length} fields where the header has ${header?.fields.length}`,
      });
      continue;
    }
    const language = cell(fields, 'language').toLowerCase();
    const row: VoterRow = {
      line,
      voterId: cell(fields, 'voter_id'),
      district: cell(fields, 'district'),
      name: cell(fields, 'name'),
      contact: cell(fields, 'contact'),
      ...(isLanguage(language) ? { language } : {}),
      address: cell(fields, 'address'),
    };
    let ok = true;
    if (language !== '' && !isLanguage(language)) {
      problems.push({ line, kind: 'malformed', message: `language "${language}" is not one of ${LANGUAGES.join(', ')}` });
      ok = false;
    }
    if (!VOTER_ID.test(row.voterId)) {
      problems.push({ line, kind: 'malformed', message: `voter id "${row.voterId}" is not 1–128 of A-Z a-z 0-9 . _ : @ -` });
      ok = false;
    } else if (firstLine.has(row.voterId)) {
      problems.push({
        line,
        kind: 'duplicate',
        message: `voter id "${row.voterId}" is already on line ${firstLine.get(row.voterId)}`,
      });
      ok = false;
    } else firstLine.set(row.voterId, line);
    if (!known.has(row.district)) {
      problems.push({
        line,
        kind: 'unknown-district',
        message: `district "${row.district}" is not in the definition (${districts.join(', ')})`,
      });
      ok = false;
    }
    if (ok) accepted.push(row);
  }
  return { note, encoding, separator, rows: records.length, accepted, problems };
}

/** Voter ids from a CSV with a voter_id column (the paper voters' list); blank and repeated ids are reported. */
export function readVoterIdsFile(bytes: Uint8Array): { note: string; ids: string[]; problems: RowProblem[] } {
  const { records: all, note } = readCsvBytes(bytes);
  const [header, ...records] = all;
  const col = columns(header?.fields, ['voter_id'], []);
  const seen = new Set<string>();
  const ids: string[] = [];
  const problems: RowProblem[] = [];
  for (const { line, fields } of records) {
    const id = (fields[col.voter_id as number] ?? '').trim();
    if (!VOTER_ID.test(id)) problems.push({ line, kind: 'malformed', message: `voter id "${id}" is not valid` });
    else if (seen.has(id)) problems.push({ line, kind: 'duplicate', message: `voter id "${id}" is listed twice` });
    else {
      seen.add(id);
      ids.push(id);
    }
  }
  return { note, ids, problems };
}
