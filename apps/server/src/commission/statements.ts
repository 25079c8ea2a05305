// The commission's signed statements (spec §4.4): the server builds the statement from the board, collects the
// members' signatures one by one (each checked against the definition's member keys), and publishes the statement
// with its signatures once the threshold is reached — the decision before opening, the paper-voter list after close,
// a lost letter's credential replacement (register/replacement.ts stages it), the paper results (paper-results.ts);
// the early close (early-close.ts) is only collected here: the close request publishes it, never the last signature.
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
import { requireEarlyCloseTime } from './early-close.ts';
import { publishPaperResults, requireOpenForPaper } from './paper-results.ts';

/** The kinds members sign through this server (an early close may also come signed with the close request). */
export type CollectedKind = Extract<
  CommissionStatementKind,
  'decision' | 'paper-voters' | 'credential-replacement' | 'paper-results' | 'early-close'
>;

const CANCELLATIONS_PER_EVENT = 100_000;

async function eventsOf<T extends 'credentials' | 'register' | 'trustee-key' | 'election-key' | 'commission-decision'>(
  services: Services,
  election: Election,
  type: T,
): Promise<EventJsonOf<T>[]> {
  return (await services.storage.board.eventsOfType(election.id, type)).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

function requireCommission(election: Election) {
  const commission = election.definition.commission;
  if (!commission) throw new ApiError('WRONG_STATE', 'the election definition names no commission members to sign');
  return commission;
}

/** Whether the commission's decision is on the board. */
export async function decisionPublished(services: Services, election: Election): Promise<boolean> {
  return (await eventsOf(services, election, 'commission-decision')).length > 0;
}

/** The decision as the board now determines it: needs the finished ceremony and the frozen register. */
async function currentDecision(services: Services, election: Election): Promise<string> {
  requireState(election, 'ready');
  const types = ['credentials', 'register', 'trustee-key', 'election-key'] as const;
  const events = (await Promise.all(types.map((type) => eventsOf(services, election, type)))).flat();
  const decision = decisionFromBoard(events, { fingerprint: election.fingerprintHex, definition: election.definition });
  if ('missing' in decision) throw new ApiError('WRONG_STATE', `there is no decision to sign yet: ${decision.missing}`);
  return canonicalJson(decision.statement);
}

/** The statement being signed of this kind (the decision is staged on first use). */
async function pending(services: Services, election: Election, kind: CollectedKind) {
  const store = services.storage.commission;
  if (kind === 'decision') {
    if (await decisionPublished(services, election)) throw new ApiError('ALREADY_EXISTS', 'the decision is on the board already');
    const statement = await currentDecision(services, election);
    if ((await store.get(election.id, kind))?.statement !== statement) await store.put(election.id, kind, statement);
  }
  if (kind === 'paper-results') await requireOpenForPaper(services, election);
  if (kind === 'early-close') requireEarlyCloseTime(services, election);
  const row = await store.get(election.id, kind);
  if (!row) {
    const what = {
      'paper-voters': 'no paper-voter list (import it first)',
      'paper-results': 'no paper results (enter them first: saylau results paper)',
      'credential-replacement': 'no re-issued letter (re-issue it first)',
      'early-close': 'no early close (propose one first: POST …/early-close with its reason)',
      decision: 'no decision',
    }[kind];
    throw new ApiError('NOT_FOUND', `${what} is waiting for signatures`);
  }
  return row;
}

/** What the members are asked to sign, and who has signed so far. */
export async function statementStatus(services: Services, election: Election, kind: CollectedKind) {
  const commission = requireCommission(election);
  const row = await pending(services, election, kind);
  const statement = JSON.parse(row.statement) as unknown;
  const { signers } = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, row.signatures);
  return { kind, statement, signers, threshold: commission.threshold, members: commission.members.map((m) => m.id) };
}

/** One member's signature of the pending statement; at the threshold the statement is published with all of them. */
export async function addSignature(services: Services, election: Election, kind: CollectedKind, signature: MemberSignatureJson) {
  const commission = requireCommission(election);
  const row = await pending(services, election, kind);
  const statement = JSON.parse(row.statement) as unknown;
  const single = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, [signature]);
  if (single.signers.length !== 1) {
    throw new ApiError('BAD_MEMBER_SIGNATURE', single.problems[0]?.message ?? 'the signature does not verify');
  }
  let signers: readonly string[] = [];
  let published = false;
  await services.elections.transact(election, async (board) => {
    // read again under the election's lock: members signing at the same moment all count, and a statement replaced
    // meanwhile (a new proposal) is not given a signature made for the one before
    const fresh = await services.storage.commission.get(election.id, kind);
    if (fresh?.statement !== row.statement) {
      throw new ApiError('BAD_MEMBER_SIGNATURE', `the ${kind} statement changed while it was being signed: read it again`);
    }
    const signatures = [...fresh.signatures.filter((s) => s.member !== signature.member), signature];
    const verdict = verifyCommissionSignatures(election.definition, election.fingerprint, kind, statement, signatures);
    signers = verdict.signers;
    const { enough } = verdict;
    // an early close waits, fully signed, for the commission's close request (lifecycle.ts closeVoting)
    if (!enough || kind === 'early-close') {
      await services.storage.commission.setSignatures(election.id, kind, signatures);
      return;
    }
    if (kind === 'decision') {
      await board.append({ type: 'commission-decision', statement, signatures } as Omit<
        EventJsonOf<'commission-decision'>,
        'seq' | 'time'
      >);
    } else if (kind === 'paper-results') {
      await publishPaperResults(services, election, board, statement, signatures);
    } else if (kind === 'credential-replacement') {
      await applyReplacement(
        services,
        election,
        board,
        statement as ReplacementStatement,
        JSON.parse(row.detail ?? '{}'),
        signatures,
      );
    } else {
      const { credentials } = statement as { credentials: string[] };
      const voterIds = JSON.parse(row.detail ?? '[]') as string[];
      for (const id of voterIds) await services.storage.voters.markPaper(election.id, id);
      await board.append({ type: 'cancellation', credentials, signatures });
    }
    await services.storage.commission.drop(election.id, kind);
    published = true;
  });
  if (published && kind === 'credential-replacement')
    await endSessions(services, election, JSON.parse(row.detail ?? '{}').voterId);
  return { kind, signers, threshold: commission.threshold, published };
}

/**
 * Stages the paper voters' credentials for the members to sign (elections whose definition names a commission):
 * the statement is { fingerprint, credentials }; the voter ids stay on the server. Voters named before are left out,
 * and one list holds at most one cancellation event's worth.
 */
export async function stagePaperVoters(services: Services, election: Election, voterIds: readonly string[]) {
  requireState(election, 'closed');
  requireCommission(election);
  const { voters } = services.storage;
  const unique = [...new Set(voterIds)];
  const rows = new Map(await Promise.all(unique.map(async (id) => [id, await voters.get(election.id, id)] as const)));
  const fresh = unique.filter((id) => rows.get(id)?.paper === 0);
  if (fresh.length > CANCELLATIONS_PER_EVENT) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `stage at most ${CANCELLATIONS_PER_EVENT} paper voters at a time`);
  }
  if (fresh.length === 0) return { staged: 0 };
  const credentials = fresh.map((id) => rows.get(id)?.credential as string);
  const statement = paperVotersStatement(election.fingerprintHex, credentials);
  await services.storage.commission.put(election.id, 'paper-voters', canonicalJson(statement), JSON.stringify(fresh));
  return { staged: fresh.length };
}
