// A lost letter re-issued (spec §3.5.1): after the freeze (states ready and open) the commission gives a voter a new
// credential and login code; the old credential is revoked on the board by a `credential-replacement` event, the
// voter's login-code hash and credential are replaced and their sessions ended. With a commission the replacement
// waits for its members' signatures (kind `credential-replacement`) like a paper-voter list.
import {
  CredentialRegistry,
  canonicalJson,
  type EventJsonOf,
  type MemberSignatureJson,
  replacementStatement,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import type { BoardWriter } from '../election/registry.ts';
import { requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

export interface ReplacementRequest {
  readonly voterId: string;
  /** The new credential public key (64 hex). */
  readonly credential: string;
  readonly loginCodeHash: string;
}

/** What the server keeps with a staged replacement, beside the public statement: never on the board. */
interface ReplacementDetail {
  readonly voterId: string;
  readonly loginCodeHash: string;
}

type Statement = ReturnType<typeof replacementStatement>;

const KIND = 'credential-replacement';

async function boardEvents<T extends 'credentials' | 'credential-replacement'>(
  services: Services,
  election: Election,
  type: T,
): Promise<EventJsonOf<T>[]> {
  return (await services.storage.board.eventsOfType(election.id, type)).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

/** The registered and revoked credentials as the board now stands (the protocol's one rule set). */
export async function currentRegistry(services: Services, election: Election): Promise<CredentialRegistry> {
  const registry = new CredentialRegistry((await boardEvents(services, election, 'credentials')).flatMap((e) => e.entries));
  for (const r of await boardEvents(services, election, 'credential-replacement')) registry.apply(r);
  return registry;
}

/** Whether a credential was revoked by a replacement (a ballot signed with it is refused: CREDENTIAL_REVOKED). */
export async function isRevoked(services: Services, election: Election, credential: string): Promise<boolean> {
  return (await boardEvents(services, election, 'credential-replacement')).some((r) => r.old === credential);
}

/** The statement of replacing this voter's credential, checked against the board (spec §3.5.1 rules 1–5). */
async function checkedStatement(services: Services, election: Election, request: ReplacementRequest): Promise<Statement> {
  requireState(election, 'ready', 'open');
  if (!election.registerFrozen) throw new ApiError('WRONG_STATE', 'issue the credentials first: there is no letter to re-issue');
  const voter = await services.storage.voters.get(election.id, request.voterId);
  if (!voter) throw new ApiError('UNKNOWN_VOTER', `voter "${request.voterId}" is not in the register`);
  if (voter.credential === null) throw new ApiError('MISSING_CREDENTIAL', `voter "${request.voterId}" has no credential`);
  const replacement = { seq: 0, old: voter.credential, new: request.credential, district: voter.district };
  const problems = (await currentRegistry(services, election)).check(replacement);
  if (problems.length > 0) {
    // the path's seq is the rules' (an event's place); here it is the request's `credential`
    const [first, ...rest] = problems.map((p) => ({ ...p, path: p.path[1] === 'new' ? ['credential'] : p.path.slice(1) }));
    throw ApiError.fromProblems([first as (typeof problems)[number], ...rest]);
  }
  return replacementStatement(election.fingerprintHex, replacement);
}

/**
 * Inside the board transaction: replaces the voter's credential and login-code hash and appends the event. The voter's
 * credential must still be the statement's `old` (a letter re-issued twice in between makes the older request void).
 */
export async function applyReplacement(
  services: Services,
  election: Election,
  board: BoardWriter,
  statement: Statement,
  detail: ReplacementDetail,
  signatures?: readonly MemberSignatureJson[],
): Promise<void> {
  requireState(election, 'ready', 'open');
  const problems = (await currentRegistry(services, election)).check({ seq: 0, ...statement });
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  const voter = await services.storage.voters.get(election.id, detail.voterId);
  if (!voter || voter.credential !== statement.old) {
    throw new ApiError('ALREADY_EXISTS', `voter "${detail.voterId}"'s letter was re-issued meanwhile: re-issue it again`);
  }
  await services.storage.voters.issue(election.id, detail.voterId, statement.new, detail.loginCodeHash);
  await board.append({
    type: 'credential-replacement',
    old: statement.old,
    new: statement.new,
    district: statement.district,
    ...(signatures ? { signatures: [...signatures] } : {}),
  } as Omit<EventJsonOf<'credential-replacement'>, 'seq' | 'time'>);
}

/** Ends the voter's sessions (their own connection: after the board transaction has committed). */
export async function endSessions(services: Services, election: Election, voterId: string): Promise<void> {
  await services.storage.sessions.endForVoter(election.id, voterId);
}

/**
 * Re-issues a voter's letter. Without a commission the replacement is published at once; with one it is staged for
 * the members to sign (one at a time: another voter's waiting replacement must be published first).
 */
export async function replaceCredential(services: Services, election: Election, request: ReplacementRequest) {
  const statement = await checkedStatement(services, election, request);
  const detail: ReplacementDetail = { voterId: request.voterId, loginCodeHash: request.loginCodeHash };
  const answer = { voterId: request.voterId, old: statement.old, new: statement.new, district: statement.district };
  if (election.definition.commission) {
    const store = services.storage.commission;
    const waiting = await store.get(election.id, KIND);
    const waitingFor = waiting ? (JSON.parse(waiting.detail ?? '{}') as Partial<ReplacementDetail>).voterId : undefined;
    if (waitingFor !== undefined && waitingFor !== request.voterId) {
      throw new ApiError(
        'ALREADY_EXISTS',
        `the replacement of voter "${waitingFor}"'s letter waits for the members' signatures: it must be published first`,
      );
    }
    await store.put(election.id, KIND, canonicalJson(statement), JSON.stringify(detail));
    return { ...answer, published: false, staged: true };
  }
  await services.elections.transact(election, (board) => applyReplacement(services, election, board, statement, detail));
  await endSessions(services, election, request.voterId);
  return { ...answer, published: true, staged: false };
}
