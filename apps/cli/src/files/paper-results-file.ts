// The paper results file read from disk (spec §4.4.3): the reading and checking is @saylau/documents' (the same the
// console uses in a browser); here a file that cannot be read, a malformed cell or an inconsistency becomes one clear
// CLI error naming the file, each problem with its line, and nothing is sent.
import { readFileSync } from 'node:fs';
import { DocumentError, paperResultsFormat, readPaperResultsFile } from '@saylau/documents';
import type { ElectionDefinition, PaperDistrict } from '@saylau/protocol';
import { CliError, EXIT } from '../cli/errors.ts';

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
  let report: ReturnType<typeof readPaperResultsFile>;
  try {
    report = readPaperResultsFile(bytes, paperResultsFormat(file), definition, fingerprintHex, register);
  } catch (error) {
    if (error instanceof DocumentError) throw new CliError(error.about(file), EXIT.usage, [...error.details]);
    throw error;
  }
  const { malformed, problems } = report;
  if (malformed.length > 0) {
    throw new CliError(
      `${file}: ${malformed.length} problem(s); nothing was sent`,
      EXIT.usage,
      malformed.map((p) => `  line ${p.line}${p.at === 'district' ? '' : `, ${p.at}`}: ${p.message}`),
    );
  }
  if (problems.length > 0) {
    throw new CliError(
      `${file}: ${problems.length} problem(s) in the paper results; nothing was sent`,
      EXIT.failed,
      problems.map((p) => `  ${p.line !== undefined ? `line ${p.line}` : p.at || 'file'}: ${p.code}: ${p.message}`),
    );
  }
  return report.districts;
}
