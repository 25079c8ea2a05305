// The commission's word (spec §4.4): its decision — register sizes, credential list, trustees' keys, election key and
// voting period — must be on the board before voting opens, equal to what the board itself says, and signed by a
// threshold of the members the definition names; so must every paper-voter cancellation. Without members in the
// definition these facts rest on the board key alone, and the report says so.
import {
  canonicalJson,
  decisionFromBoard,
  type EventJsonOf,
  paperVotersStatement,
  verifyCommissionSignatures,
} from '@saylau/protocol';
import { eventsOfType, type VerifyContext, wholeEvents } from '../context.ts';

const UNANCHORED =
  'the definition names no commission members: register sizes, the credential list and paper votes rest on the board key alone';

/** anchor.decision: the decision event matches the board and carries enough members' signatures. */
export function checkDecision(ctx: VerifyContext): void {
  const { checks, definition, fingerprint, fingerprintHex, record } = ctx;
  if (!definition || !fingerprint || !fingerprintHex) return;
  if (!definition.commission) {
    checks.note('anchor.decision', UNANCHORED);
    return;
  }
  const decisions = eventsOfType(record, 'commission-decision');
  const openAt = record.events.findIndex((e) => e?.type === 'state' && e.state === 'open');
  if (decisions.length === 0) {
    if (openAt >= 0) {
      checks.fail('anchor.decision', 'decision', {
        seq: openAt,
        code: 'NOT_ENOUGH_MEMBERS',
        reason: 'voting opened without the commission’s signed decision',
      });
    } else checks.note('anchor.decision', 'the commission’s decision is not on the board yet');
    return;
  }
  for (const event of decisions) {
    checks.count('anchor.decision');
    const fail = (code: 'BAD_MEMBER_SIGNATURE' | 'NOT_ENOUGH_MEMBERS' | 'DECISION_MISMATCH' | 'ILLEGAL_ORDER', reason: string) =>
      checks.fail('anchor.decision', `seq ${event.seq}`, { seq: event.seq, code, reason });
    if (openAt >= 0 && event.seq > openAt) fail('ILLEGAL_ORDER', 'the decision came after voting opened');
    // the members vouch for the frozen register and the finished ceremony as the board held them before the decision
    const expected = decisionFromBoard(wholeEvents(record), { fingerprint: fingerprintHex, definition }, event.seq);
    if ('missing' in expected) {
      fail(
        'DECISION_MISMATCH',
        `the decision came before the register was frozen or the ceremony finished (${expected.missing})`,
      );
    } else {
      for (const part of Object.keys(expected.statement) as (keyof typeof expected.statement)[]) {
        if (canonicalJson(event.statement[part]) !== canonicalJson(expected.statement[part])) {
          const says = canonicalJson(expected.statement[part]).slice(0, 120);
          fail('DECISION_MISMATCH', `the decision's ${part} is not what the board says (${says})`);
        }
      }
    }
    const verdict = verifyCommissionSignatures(definition, fingerprint, 'decision', event.statement, event.signatures);
    for (const p of verdict.problems) fail('BAD_MEMBER_SIGNATURE', p.message);
    if (!verdict.enough) {
      fail('NOT_ENOUGH_MEMBERS', `${verdict.signers.length} of the ${definition.commission.threshold} member signatures needed`);
    } else checks.note('anchor.decision', `signed by members ${verdict.signers.join(', ')}`);
  }
  if (eventsOfType(record, 'credentials').some((e) => e.seq > (decisions[0] as EventJsonOf<'commission-decision'>).seq)) {
    checks.fail('anchor.decision', 'credentials', {
      code: 'DECISION_MISMATCH',
      reason: 'credentials were added after the commission’s decision',
    });
  }
}

/** processing.cancellations: with a commission, each paper-voter list is signed by a threshold of its members. */
export function checkCancellationSignatures(ctx: VerifyContext): void {
  const { checks, definition, fingerprint, fingerprintHex, record } = ctx;
  if (!definition?.commission || !fingerprint || !fingerprintHex) return;
  for (const event of eventsOfType(record, 'cancellation')) {
    const statement = paperVotersStatement(fingerprintHex, event.credentials);
    const verdict = verifyCommissionSignatures(definition, fingerprint, 'paper-voters', statement, event.signatures ?? []);
    for (const p of verdict.problems) {
      checks.fail('processing.cancellations', `seq ${event.seq}`, { seq: event.seq, code: p.code, reason: p.message });
    }
    if (!verdict.enough) {
      checks.fail('processing.cancellations', `seq ${event.seq}`, {
        seq: event.seq,
        code: 'NOT_ENOUGH_MEMBERS',
        reason: `the paper-voter list is signed by ${verdict.signers.length} of the ${definition.commission.threshold} commission members needed: these cancellations are the board key holder's word`,
      });
    }
  }
}
