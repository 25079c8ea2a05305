// The paper results file the commission fills in from the precinct protocols (spec §4.4.3): JSON as the API takes it,
// or a CSV with one row per district — district,ballots_issued,ballots_cast,invalid and one column per question and
// option, named question.option (e.g. parks.yes) — in any encoding and separator Excel writes. Every malformed cell
// and every inconsistency is reported with its line before anything is sent.
import { readFileSync } from 'node:fs';
import { CsvSyntaxError, decodeText, detectSeparator, EncodingError, parseCsv } from '@saylau/documents';
import {
  type ElectionDefinition,
  type PaperDistrict,
  PaperDistrictSchema,
  paperResultsProblems,
  questionsOfStyle,
  styleOfDistrict,
} from '@saylau/protocol';
import { z } from 'zod';
import { CliError, EXIT } from '../cli/errors.ts';

const JsonFile = z.object({ districts: z.array(PaperDistrictSchema).min(1).max(1000) }).strict();

const FIXED = ['district', 'ballots_issued', 'ballots_cast', 'invalid'] as const;

/** A cell as a count: a non-negative integer written in digits, or the problem. */
function count(text: string): number | string {
  if (!/^\d{1,15}$/.test(text)) return `"${text}" is not a whole number of ballots`;
  return Number(text);
}

function fromJson(file: string, text: string): PaperDistrict[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, EXIT.usage);
  }
  const parsed = JsonFile.safeParse(value);
  if (!parsed.success) {
    throw new CliError(
      `${file} is not a paper results file`,
      EXIT.usage,
      parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data.districts;
}

/** The records of a CSV in any encoding and separator Excel writes (the register's reader, @saylau/documents). */
function csvRecords(file: string, bytes: Uint8Array): ReturnType<typeof parseCsv> {
  try {
    const { text } = decodeText(bytes);
    return parseCsv(text, detectSeparator(text));
  } catch (error) {
    if (error instanceof EncodingError) throw new CliError(`${file} cannot be read safely: ${error.message}`, EXIT.usage);
    if (error instanceof CsvSyntaxError) throw new CliError(`${file} is not valid CSV: ${error.message}`, EXIT.usage);
    throw error;
  }
}

function fromCsv(
  file: string,
  bytes: Uint8Array,
  definition: ElectionDefinition,
): { districts: PaperDistrict[]; lines: number[] } {
  const records = csvRecords(file, bytes);
  const [header, ...rows] = records;
  if (!header) throw new CliError(`${file} is empty; it needs a header line: ${FIXED.join(',')},question.option,…`, EXIT.usage);
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = FIXED.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new CliError(`${file}: the header lacks ${missing.join(', ')}`, EXIT.usage);
  const problems: string[] = [];
  const districts: PaperDistrict[] = [];
  const lines: number[] = [];
  for (const { line, fields } of rows) {
    if (fields.every((f) => f.trim() === '')) continue;
    const cell = (name: string) => (fields[names.indexOf(name)] ?? '').trim();
    const numbers: Record<string, number> = {};
    for (const name of names) {
      if (name === 'district' || cell(name) === '') continue;
      const n = count(cell(name));
      if (typeof n === 'string') problems.push(`  line ${line}, ${name}: ${n}`);
      else numbers[name] = n;
    }
    const district = cell('district');
    const style = styleOfDistrict(definition, district);
    if (!style) {
      problems.push(`  line ${line}: district "${district}" is not in the definition`);
      continue;
    }
    const questions = questionsOfStyle(definition, style).map((q) => ({
      question: q.id,
      counts: Object.fromEntries(q.options.map((o) => [o.id, numbers[`${q.id}.${o.id}`] ?? 0])),
    }));
    for (const name of names.filter((n) => n.includes('.') && numbers[n] !== undefined)) {
      const [q, o] = name.split('.');
      if (!questions.some((x) => x.question === q && o !== undefined && o in x.counts))
        problems.push(`  line ${line}, ${name}: ${district}'s ballot has no such question and option`);
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
  if (problems.length > 0) throw new CliError(`${file}: ${problems.length} problem(s); nothing was sent`, EXIT.usage, problems);
  return { districts, lines };
}

/**
 * The districts' paper results from a .json or .csv file, checked against the definition (every rule but the register
 * sizes, which the server adds); each problem is reported with its CSV line or JSON path.
 */
export function readPaperResults(
  file: string,
  definition: ElectionDefinition,
  fingerprintHex: string,
  register: Readonly<Record<string, number>>,
): PaperDistrict[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
  const json = file.toLowerCase().endsWith('.json');
  const { districts, lines } = json
    ? { districts: fromJson(file, new TextDecoder().decode(bytes)), lines: [] }
    : fromCsv(file, bytes, definition);
  const problems = paperResultsProblems(definition, fingerprintHex, register, { fingerprint: fingerprintHex, districts });
  if (problems.length > 0) {
    throw new CliError(
      `${file}: ${problems.length} problem(s) in the paper results; nothing was sent`,
      EXIT.failed,
      problems.map((p) => {
        const line = p.path[0] === 'districts' && typeof p.path[1] === 'number' ? lines[p.path[1]] : undefined;
        return `  ${line !== undefined ? `line ${line}` : p.path.join('.') || 'file'}: ${p.code}: ${p.message}`;
      }),
    );
  }
  return districts;
}
