// "@saylau/verifier/browser": the verifier on a record document in a web page (the commission's console after
// publication). The same checks as the command, run by the same code (verify-source.ts) on the main thread, a
// slice of ballots at a time with a turn of the event loop between; nothing it imports needs Node.
import { documentSource, type RecordSource, RecordUnreadable } from './record-source.ts';
import type { Report, UnreadableReport } from './report.ts';
import { type CheckOptions, unreadableReport, verifySource } from './verify-source.ts';

export { CHECK_IDS, CHECKS, type CheckId, type CheckResult, type Failure } from './checks.ts';
export { exitCode, locate, type Report, renderText, type UnreadableReport, type VerifiedResult } from './report.ts';
export type { CheckOptions } from './verify-source.ts';

/**
 * Verifies an election record given as one document (GET /api/elections/:eid/record, parsed): every check of
 * `saylau-verify` on the same record. Resolves to an unreadable report only when there is no record at all.
 */
export async function verifyRecordDocument(document: unknown, options: CheckOptions = {}): Promise<Report | UnreadableReport> {
  const started = performance.now();
  let source: RecordSource;
  try {
    source = documentSource(document);
  } catch (error) {
    if (!(error instanceof RecordUnreadable)) throw error;
    return unreadableReport(error);
  }
  return verifySource(source, options, undefined, started);
}
