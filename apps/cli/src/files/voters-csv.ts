// The voter register as the commission keeps it: a CSV (any encoding and separator Excel writes, see encoding.ts
// and csv.ts) with the header voter_id,district,name,contact and, for the letters, language (kk, ru or en; empty for
// the commission's default) and address (the postal address printed in the envelope window), in any order; other
// columns are ignored. Checked in full before anything is sent: every malformed row, duplicate
// voter id and unknown district is reported with its line, and one problem means nothing is imported.
import { readFileSync } from 'node:fs';
import { LANGUAGES, type Language } from '@saylau/protocol';
import { CliError, EXIT } from '../cli/errors.ts';
import { type CsvRecord, CsvSyntaxError, detectSeparator, parseCsv, separatorName } from './csv.ts';
import { decodeText, EncodingError } from './encoding.ts';

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
  readonly rows: number;
  readonly accepted: VoterRow[];
  readonly problems: RowProblem[];
}

/** The server's rule for voter ids (apps/server VoterIdSchema): printable, no spaces, at most 128 characters. */
const VOTER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The records of a voter file in any encoding and separator Excel writes, and a note saying how it was read. */
export function readCsvFile(file: string): { records: CsvRecord[]; note: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
  try {
    const { text, encoding, detected } = decodeText(bytes);
    const separator = detectSeparator(text);
    const records = parseCsv(text, separator);
    const rows = Math.max(records.length - 1, 0);
    const how = encoding === 'ASCII' ? 'plain ASCII' : detected ? `${encoding} (detected)` : encoding;
    return { records, note: `read as ${how}, ${rows} row${rows === 1 ? '' : 's'}, separator ${separatorName(separator)}` };
  } catch (error) {
    if (error instanceof EncodingError) throw new CliError(`${file} cannot be read safely: ${error.message}`, EXIT.usage);
    if (error instanceof CsvSyntaxError) throw new CliError(`${file} is not valid CSV: ${error.message}`, EXIT.usage);
    throw error;
  }
}

/** Column positions from the header; missing required columns are a usage error. */
function columns(file: string, header: readonly string[] | undefined, required: readonly string[], optional: readonly string[]) {
  if (!header)
    throw new CliError(`${file} is empty; it needs a header line: ${[...required, ...optional].join(',')}`, EXIT.usage);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new CliError(`${file}: the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, EXIT.usage, [
      `  the first line must name the columns, e.g. ${[...required, ...optional].join(',')}`,
      `  found: ${header.join(',')}`,
    ]);
  }
  return Object.fromEntries([...required, ...optional].map((c) => [c, names.indexOf(c)])) as Record<string, number>;
}

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Reads and checks a register CSV against the election's districts. */
export function readRegisterCsv(file: string, districts: readonly string[]): RegisterReport {
  const { records: all, note } = readCsvFile(file);
  const [header, ...records] = all;
  const col = columns(file, header?.fields, ['voter_id', 'district'], ['name', 'contact', 'language', 'address']);
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
  return { note, rows: records.length, accepted, problems };
}

/** Voter ids from a CSV with a voter_id column (the paper voters' list); blank and repeated ids are reported. */
export function readVoterIdsCsv(file: string): { note: string; ids: string[]; problems: RowProblem[] } {
  const { records: all, note } = readCsvFile(file);
  const [header, ...records] = all;
  const col = columns(file, header?.fields, ['voter_id'], []);
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
