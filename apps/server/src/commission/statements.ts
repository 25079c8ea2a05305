// The commission's signed statements (spec §4.4): the server builds the statement from the board, collects the
// members' signatures one by one (each checked against the definition's member keys), and publishes the statement
// with its signatures once the threshold is reached — the decision before opening, the paper-voter list after close,
// a lost letter's credential replacement (register/replacement.ts stages it).
import {
  type CommissionStatementKind,
  canonicalJson,
  decisionFromBoard,
  type EventJsonOf,
  type MemberSignatureJson,
  paperVotersStatement,
  type replacementStatement,
  verifyCommissionSignatures,
} from '@saylau/protocol';

type ReplacementStatement = ReturnType<typeof replacementStatement>;

import type { Election } from '../election/election.ts';
import { requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import { applyReplacement, endSessions } from '../register/replacement.ts';
import type { Services } from '../services.ts';

/** The kinds members sign through this server (an early close is signed with the close request itself). */
export type CollectedKind = Extract<CommissionStatementKind, 'decision' | 'paper-voters' | 'credential-replacement'>;

const CANCELLATIONS_PER_EVENT = 100_000;

function eventsOf<T extends 'credentials' | 'register' | 'trustee-key' | 'election-key' | 'commission-decision'>(
  services: Services,
  election: Election,
  type: T,
): EventJsonOf<T>[] {
  return services.storage.board.eventsOfType(election.id, type).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

function requireCommission(election: Election) {
  const commission = election.definition.commission;
  if (!commission) throw new ApiError('WRONG_STATE', 'the election definition names no commission members to sign');
  return commission;
}

/** Whether the commission's decision is on the board. */
export function decisionPublished(services: Services, election: Election): boolean {
  return eventsOf(services, election, 'commission-decision').length > 0;
}

/** The decision as the board now determines it: needs the finished ceremony and the frozen register. */
function currentDecision(services: Services, election: Election): string {
  requireState(election, 'ready');
  const events = (['credentials', 'register', 'trustee-key', 'election-key'] as const).flatMap((type) =>
    eventsOf(services, election, type),
  );
  const decision = decisionFromBoard(events, { fingerprint: election.fingerprintHex, definition: election.definition });
  if ('missing' in decision) throw new ApiError('WRONG_STATE', `there is no decision to sign yet: ${decision.missing}`);
  return canonicalJson(decision.statement);
}

/** The statement being signed of this kind (the decision is staged on first use). */
function pending(services: Services, election: Election, kind: CollectedKind) {
  const store = services.storage.commission;
  if (kind === 'decision') {
    if (decisionPublished(services, election)) throw new ApiError('ALREADY_EXISTS', 'the decision is on the board already');
    const statement = currentDecision(services, election);
    if (store.get(election.id, kind)?.statement !== statement) store.put(election.id, kind, statement);
  }
  const row = store.get(election.id, kind);
  if (!row) {
    const what = kind === 'paper-voters' ? 'no paper-voter list (import it first)' : 'no re-issued letter (re-issue it first)';
    throw new ApiError('NOT_FOUND', `${what} is waiting for signatures`);
  }
  return row;
}

/** What the members are asked to sign, and who has signed so far. */
export function statementStatus(services: Services, election: Election, kind: CollectedKind) {
  const commission = requireCommission(election);
  const row = pending(services, election, kind);
  const statement = JSON.parse(row.statement) as unknown;
  const { signers } = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, row.signatures);
  return { kind, statement, signers, threshold: commission.threshold, members: commission.members.map((m) => m.id) };
}

/** One member's signature of the pending statement; at the threshold the statement is published with all of them. */
export function addSignature(services: Services, election: Election, kind: CollectedKind, signature: MemberSignatureJson) {
  const commission = requireCommission(election);
  const row = pending(services, election, kind);
  const statement = JSON.parse(row.statement) as unknown;
  const single = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, [signature]);
  if (single.signers.length !== 1) {
    throw new ApiError('BAD_MEMBER_SIGNATURE', single.problems[0]?.message ?? 'the signature does not verify');
  }
  const signatures = [...row.signatures.filter((s) => s.member !== signature.member), signature];
  const { signers, enough } = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, signatures);
  let published = false;
  services.elections.transact(election, (board) => {
    if (!enough) {
      services.storage.commission.setSignatures(election.id, kind, signatures);
      return;
    }
    if (kind === 'decision') {
      board.append({ type: 'commission-decision', statement, signatures } as Omit<
        EventJsonOf<'commission-decision'>,
        'seq' | 'time'
      >);
    } else if (kind === 'credential-replacement') {
      applyReplacement(services, election, board, statement as ReplacementStatement, JSON.parse(row.detail ?? '{}'), signatures);
    } else {
      const { credentials } = statement as { credentials: string[] };
      const voterIds = JSON.parse(row.detail ?? '[]') as string[];
      for (const id of voterIds) services.storage.voters.markPaper(election.id, id);
      board.append({ type: 'cancellation', credentials, signatures });
    }
    services.storage.commission.drop(election.id, kind);
    published = true;
  });
  if (published && kind === 'credential-replacement') endSessions(services, election, JSON.parse(row.detail ?? '{}').voterId);
  return { kind, signers, threshold: commission.threshold, published };
}

/**
 * Stages the paper voters' credentials for the members to sign (elections whose definition names a commission):
 * the statement is { fingerprint, credentials }; the voter ids stay on the server. Voters named before are left out,
 * and one list holds at most one cancellation event's worth.
 */
export function stagePaperVoters(services: Services, election: Election, voterIds: readonly string[]) {
  requireState(election, 'closed');
  requireCommission(election);
  const { voters } = services.storage;
  const fresh = [...new Set(voterIds)].filter((id) => voters.get(election.id, id)?.paper === 0);
  if (fresh.length > CANCELLATIONS_PER_EVENT) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `stage at most ${CANCELLATIONS_PER_EVENT} paper voters at a time`);
  }
  if (fresh.length === 0) return { staged: 0 };
  const credentials = fresh.map((id) => voters.get(election.id, id)?.credential as string);
  const statement = paperVotersStatement(election.fingerprintHex, credentials);
  services.storage.commission.put(election.id, 'paper-voters', canonicalJson(statement), JSON.stringify(fresh));
  return { staged: fresh.length };
}
