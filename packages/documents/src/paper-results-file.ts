// The paper results file the commission fills in from the precinct protocols (spec §4.4.3), read from its bytes: JSON
// as the API takes it, or a CSV with one row per district — district,ballots_issued,ballots_cast,invalid and one column
// per question and option, named question.option (e.g. parks.yes) — in any encoding and separator Excel writes. Every
// malformed cell and every inconsistency comes back with its line (or JSON path) before anything is sent; the CLI reads
// the bytes from disk, the console from the file the clerk picks, and both show the same problems.
import {
  type ElectionDefinition,
  type PaperDistrict,
  PaperDistrictSchema,
  paperResultsProblems,
  questionsOfStyle,
  styleOfDistrict,
} from '@saylau/protocol';
import { DocumentError, readCsvBytes } from './voter-file/register-file.ts';

/** The body POST …/paper-results takes: { "districts": [...] }, 1 to 1000 districts. */
const JsonDistricts = PaperDistrictSchema.array().min(1).max(1000);

/** The columns every paper results CSV has, before one column per question and option. */
export const PAPER_RESULTS_COLUMNS = ['district', 'ballots_issued', 'ballots_cast', 'invalid'] as const;

export interface PaperFileProblem {
  /** The CSV line a person must fix, when a row is to blame. */
  readonly line?: number;
  /** The column ("parks.yes") of a malformed cell, or the JSON path of an inconsistency ("districts.0.invalid"). */
  readonly at: string;
  /** The protocol's code for a broken consistency rule, the one the server answers; absent for a malformed cell. */
  readonly code?: string;
  readonly message: string;
}

export interface PaperResultsReport {
  /** How the file was read: "read as plain ASCII, 2 rows, separator ","", or "read as JSON". */
  readonly note: string;
  readonly districts: PaperDistrict[];
  /** Cells that are not counts, districts or options the definition does not have: the file must be fixed. */
  readonly malformed: PaperFileProblem[];
  /** The rules of paperResultsProblems the figures break (checked only when nothing is malformed). */
  readonly problems: PaperFileProblem[];
}

/** A cell as a count: a non-negative integer written in digits, or the problem. */
function count(text: string): number | string {
  if (!/^\d{1,15}$/.test(text)) return `"${text}" is not a whole number of ballots`;
  return Number(text);
}

function fromJson(bytes: Uint8Array): PaperDistrict[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new DocumentError(`is not valid JSON: ${(error as Error).message}`);
  }
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const extra = object ? Object.keys(object).filter((k) => k !== 'districts') : [];
  const parsed = JsonDistricts.safeParse(object?.districts);
  if (!object || extra.length > 0 || !parsed.success) {
    const issues = [
      ...(object
        ? extra.map((k) => `  ${k}: not a field of a paper results file (only "districts")`)
        : ['  : an object with "districts" is expected']),
      ...(object && !parsed.success
        ? parsed.error.issues.map((i) => `  ${['districts', ...i.path].join('.')}: ${i.message}`)
        : []),
    ];
    throw new DocumentError('is not a paper results file', undefined, issues.slice(0, 20));
  }
  return parsed.data;
}

interface CsvRead {
  readonly note: string;
  readonly districts: PaperDistrict[];
  /** The CSV line of each district, by index. */
  readonly lines: number[];
  readonly malformed: PaperFileProblem[];
}

function fromCsv(bytes: Uint8Array, definition: ElectionDefinition): CsvRead {
  const { records, note } = readCsvBytes(bytes);
  const [header, ...rows] = records;
  if (!header)
    throw new DocumentError(`is empty; it needs a header line: ${PAPER_RESULTS_COLUMNS.join(',')},question.option,…`, 1);
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = PAPER_RESULTS_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new DocumentError(`has a header that lacks ${missing.join(', ')}`, 1, [
      `  the first line must name the columns, e.g. ${PAPER_RESULTS_COLUMNS.join(',')},question.option,…`,
    ]);
  }
  const malformed: PaperFileProblem[] = [];
  const districts: PaperDistrict[] = [];
  const lines: number[] = [];
  for (const { line, fields } of rows) {
    if (fields.every((f) => f.trim() === '')) continue;
    const cell = (name: string) => (fields[names.indexOf(name)] ?? '').trim();
    const numbers: Record<string, number> = {};
    for (const name of names) {
      if (name === 'district' || cell(name) === '') continue;
      const n = count(cell(name));
      if (typeof n === 'string') malformed.push({ line, at: name, message: n });
      else numbers[name] = n;
    }
    const district = cell('district');
    const style = styleOfDistrict(definition, district);
    if (!style) {
      malformed.push({ line, at: 'district', message: `district "${district}" is not in the definition` });
      continue;
    }
    const questions = questionsOfStyle(definition, style).map((q) => ({
      question: q.id,
      counts: Object.fromEntries(q.options.map((o) => [o.id, numbers[`${q.id}.${o.id}`] ?? 0])),
    }));
    for (const name of names.filter((n) => n.includes('.') && numbers[n] !== undefined)) {
      const [q, o] = name.split('.');
      if (!questions.some((x) => x.question === q && o !== undefined && o in x.counts))
        malformed.push({ line, at: name, message: `${district}'s ballot has no such question and option` });
    }
    districts.push({
      district,
      ballotsIssued: numbers.ballots_issued ?? 0,
      ballotsCast: numbers.ballots_cast ?? 0,
      invalid: numbers.invalid ?? 0,
      questions,
    });
    lines.push(line);
  }
  return { note, districts, lines, malformed };
}

/**
 * The districts' paper results from a JSON or CSV file's bytes, checked against the definition and the frozen register
 * (district → registered voters) by the protocol's own rules, as the server will check them. Throws DocumentError when
 * the file cannot be read as paper results at all; problems in its rows come back in the report.
 */
export function readPaperResultsFile(
  bytes: Uint8Array,
  format: 'json' | 'csv',
  definition: ElectionDefinition,
  fingerprintHex: string,
  register: Readonly<Record<string, number>>,
): PaperResultsReport {
  const read: CsvRead =
    format === 'json'
      ? { note: 'read as JSON', districts: fromJson(bytes), lines: [], malformed: [] }
      : fromCsv(bytes, definition);
  if (read.malformed.length > 0) return { note: read.note, districts: read.districts, malformed: read.malformed, problems: [] };
  const problems = paperResultsProblems(definition, fingerprintHex, register, {
    fingerprint: fingerprintHex,
    districts: read.districts,
  }).map((p): PaperFileProblem => {
    const line = p.path[0] === 'districts' && typeof p.path[1] === 'number' ? read.lines[p.path[1]] : undefined;
    return { ...(line === undefined ? {} : { line }), at: p.path.join('.'), code: p.code, message: p.message };
  });
  return { note: read.note, districts: read.districts, malformed: [], problems };
}

/** Whether a file name says JSON (".json"); anything else is read as CSV. */
export function paperResultsFormat(name: string): 'json' | 'csv' {
  return name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}
