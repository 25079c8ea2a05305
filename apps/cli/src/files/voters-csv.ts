// The register and the paper voters' list read from disk: the reading and checking is @saylau/documents' (the same the
// console uses in a browser); here a file that cannot be read becomes one clear CLI error naming the file.
import { readFileSync } from 'node:fs';
import { DocumentError, type RegisterReport, type RowProblem, readRegisterFile, readVoterIdsFile } from '@saylau/documents';
import { CliError, EXIT } from '../cli/errors.ts';

export type { RegisterReport, RowProblem, VoterRow } from '@saylau/documents';

function bytesOf(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
}

function asCliError<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DocumentError) throw new CliError(error.about(file), EXIT.usage, [...error.details]);
    throw error;
  }
}

/** Reads and checks a register CSV against the election's districts. */
export function readRegisterCsv(file: string, districts: readonly string[]): RegisterReport {
  const bytes = bytesOf(file);
  return asCliError(file, () => readRegisterFile(bytes, districts));
}

/** Voter ids from a CSV with a voter_id column (the paper voters' list); blank and repeated ids are reported. */
export function readVoterIdsCsv(file: string): { note: string; ids: string[]; problems: RowProblem[] } {
  const bytes = bytesOf(file);
  return asCliError(file, () => readVoterIdsFile(bytes));
}
