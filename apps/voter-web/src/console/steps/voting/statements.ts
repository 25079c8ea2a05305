// The commission's statements a member signs in the console (spec §4.4): the decision before voting opens, the
// paper-voter list and the paper results after close, read from GET …/commission/:kind and signed with the member's own
// key; the decision only when it is exactly what the board, read up to a head signed by the board key, determines (as
// the CLI does); the paper results only after paper-results.ts has compared them with what the console sent or read;
// an early close only when it names this election, a reason and a time within the last 24 hours.
import { hexToBytes } from '@saylau/crypto';
import {
  canonicalJson,
  decisionFromBoard,
  type EarlyCloseSigningRefusal,
  earlyCloseSigningRefusal,
  signCommissionStatement,
} from '@saylau/protocol';
import { ApiError } from '../../../api.ts';
import type { ConsoleElection, StepContext } from '../../step.ts';
import { electionPath, memberOf, verifiedBoard } from '../kit/election.ts';

export type SignedKind = 'decision' | 'paper-voters' | 'paper-results' | 'early-close';

export interface StatementStatus {
  readonly statement: Record<string, unknown>;
  readonly signers: readonly string[];
  readonly threshold: number;
  readonly members: readonly string[];
}

/** What GET …/commission/:kind says: the pending statement, or that it is published, or why there is none yet. */
export type StatementAnswer =
  | { readonly kind: 'pending'; readonly status: StatementStatus }
  | { readonly kind: 'published' }
  | { readonly kind: 'none'; readonly why: string; readonly code: string };

export async function readStatement(
  context: Pick<StepContext, 'api'>,
  election: ConsoleElection,
  kind: SignedKind,
): Promise<StatementAnswer> {
  try {
    const status = await context.api.get<StatementStatus>(`${electionPath(election)}/commission/${kind}`);
    return { kind: 'pending', status };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'ALREADY_EXISTS') return { kind: 'published' };
    if (error.code === 'WRONG_STATE' || error.code === 'NOT_FOUND') return { kind: 'none', why: error.message, code: error.code };
    throw error;
  }
}

export class StatementMismatch extends Error {
  constructor() {
    super('the server asks for a signature on a decision that is not what its own signed board says');
    this.name = 'StatementMismatch';
  }
}

/** An early close the member must not sign (another election, no reason, too old or in the future): why. */
export class EarlyCloseRefused extends Error {
  constructor(readonly refusal: EarlyCloseSigningRefusal) {
    super(`not signed: ${refusal.message}`);
    this.name = 'EarlyCloseRefused';
  }
}

/**
 * Signs the pending statement as the signed-in member and posts the signature. The decision is rebuilt from the
 * verified board first and must equal the statement shown; a mismatch throws StatementMismatch and nothing is signed.
 * An early close is judged with the protocol's earlyCloseSigningRefusal (EarlyCloseRefused, nothing signed).
 */
export async function signStatement(
  context: Pick<StepContext, 'api' | 'member' | 'memberKey'>,
  election: ConsoleElection,
  kind: SignedKind,
  status: StatementStatus,
): Promise<{ signers: string[]; threshold: number; published: boolean }> {
  const member = memberOf(election, context.member);
  if (!member)
    throw new ApiError('BAD_MEMBER_SIGNATURE', 403, 'the signed-in member is not among the definition’s commission members');
  if (kind === 'decision') {
    const board = await verifiedBoard(context.api, election);
    const rebuilt = decisionFromBoard(board.events, { fingerprint: election.fingerprint, definition: election.definition });
    if ('missing' in rebuilt || canonicalJson(rebuilt.statement) !== canonicalJson(status.statement))
      throw new StatementMismatch();
  }
  if (kind === 'early-close') {
    const refusal = earlyCloseSigningRefusal(election.fingerprint, status.statement, Date.now());
    if (refusal !== null) throw new EarlyCloseRefused(refusal);
  }
  const secretKey = await context.memberKey();
  const signature = signCommissionStatement(secretKey, hexToBytes(election.fingerprint), member.id, kind, status.statement);
  return context.api.post(`${electionPath(election)}/commission/${kind}/signatures`, signature);
}
