// The commission's paper results (spec §4.4.3): what the verifier can check of figures it cannot recount — that a
// threshold of the commission's members signed them and that they are consistent — and which of them the result's
// verdicts rest on. The figures are attested, not verified; the report says so.
import {
  type EventJsonOf,
  type PaperResultsStatement,
  PaperResultsStatementSchema,
  paperResultsProblems,
  validityBasis,
  verifyCommissionSignatures,
} from '@saylau/protocol';
import { eventsOfType, type VerifyContext } from '../context.ts';

/**
 * paper.results: every paper-results event's signatures and consistency. Returns the statement the result's
 * verdicts are judged with — the first paper-results event before the result — when the basis names paper votes.
 */
export function checkPaperResults(ctx: VerifyContext): PaperResultsStatement | undefined {
  const { checks, definition, fingerprint, fingerprintHex, record } = ctx;
  if (!definition || !fingerprint || !fingerprintHex) return undefined;
  const events = eventsOfType(record, 'paper-results') as EventJsonOf<'paper-results'>[];
  const resultAt = record.events.findIndex((e) => e?.type === 'result');
  const basis = validityBasis(definition);
  if (events.length === 0) {
    if (basis !== 'e-votes' && resultAt >= 0) {
      checks.fail('paper.results', 'result', {
        seq: resultAt,
        code: 'ILLEGAL_ORDER',
        reason: `the definition judges validity on "${basis}" but no paper results precede the result`,
      });
    } else checks.note('paper.results', 'no paper results on the board');
    return undefined;
  }
  for (const event of events) {
    checks.count('paper.results');
    const fail = (code: Parameters<typeof checks.fail>[2]['code'], reason: string, path?: string) =>
      checks.fail('paper.results', `seq ${event.seq}`, { seq: event.seq, code, reason, ...(path ? { path } : {}) });
    const verdict = verifyCommissionSignatures(definition, fingerprint, 'paper-results', event.statement, event.signatures);
    for (const p of verdict.problems) fail(p.code, p.message);
    if (!verdict.enough) {
      fail(
        'NOT_ENOUGH_MEMBERS',
        definition.commission
          ? `the paper results are signed by ${verdict.signers.length} of the ${definition.commission.threshold} commission members needed`
          : 'the definition names no commission whose members could attest paper results',
      );
    } else checks.note('paper.results', `seq ${event.seq}: attested by members ${verdict.signers.join(', ')}`);
    for (const p of paperResultsProblems(definition, fingerprintHex, ctx.registerSizes ?? {}, event.statement)) {
      fail(p.code, p.message, p.path.join('.'));
    }
  }
  const first = events[0];
  if (basis === 'e-votes' || !first || (resultAt >= 0 && first.seq > resultAt)) return undefined;
  return PaperResultsStatementSchema.parse(first.statement);
}
