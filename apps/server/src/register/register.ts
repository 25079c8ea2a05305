// The voter register and its credentials (brief §1.3, spec §3.5): the commission imports the voter list, then
// issues each voter's credential public key and login-code hash; issuing publishes the credential list and the
// register sizes on the board and freezes the register. Both steps are all-or-nothing with every problem listed.
// Before the freeze the register can be corrected (corrections.ts); after it a lost letter is re-issued
// (replacement.ts).
import { DecodeError, decodePoint, hexToBytes } from '@saylau/crypto';
import { decodeErrorCode, type Problem, problem } from '@saylau/protocol';
import { z } from 'zod';
import type { Election } from '../election/election.ts';
import { requireState } from '../election/state-machine.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

/** Voter ids come from the commission's list: printable, no spaces, short enough for a URL or a CSV cell. */
export const VoterIdSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'voter ids are 1–128 of A-Z a-z 0-9 . _ : @ -');

/** Per credentials event (the schema's bound): a large register is published in several chunks. */
const CREDENTIALS_PER_EVENT = 10_000;

/** Corrections and imports only before the freeze: WRONG_STATE after the ready state, ALREADY_EXISTS once issued. */
export function checkNotFrozen(election: Election): void {
  requireState(election, 'draft', 'key-ceremony', 'ready');
  if (election.registerFrozen) throw new ApiError('ALREADY_EXISTS', 'the register is frozen: credentials were issued');
}

/** Registered voters per district, every district of the definition listed (0 where none). */
export async function registerSizes(services: Services, election: Election): Promise<Record<string, number>> {
  const sizes = await services.storage.voters.sizes(election.id);
  return Object.fromEntries(election.definition.districts.map((d) => [d.id, sizes.get(d.id) ?? 0]));
}

/**
 * Imports the register; with `replace`, the file replaces the register imported before (the clerk fixed the file),
 * which only an unfrozen register allows. Without it a second import is ALREADY_EXISTS: a repeated command must not
 * silently swap the register.
 */
export async function importRegister(
  services: Services,
  election: Election,
  voters: readonly { voterId: string; district: string }[],
  replace = false,
) {
  checkNotFrozen(election);
  const before = await services.storage.voters.count(election.id);
  if (before > 0 && !replace) {
    throw new ApiError('ALREADY_EXISTS', 'the register was imported already: correct it, or import the fixed file with replace');
  }
  const districts = new Set(election.definition.districts.map((d) => d.id));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  voters.forEach((v, i) => {
    if (seen.has(v.voterId))
      problems.push(problem('DUPLICATE_VOTER', ['voters', i, 'voterId'], `voter "${v.voterId}" is listed twice`));
    seen.add(v.voterId);
    if (!districts.has(v.district)) {
      problems.push(problem('UNKNOWN_DISTRICT', ['voters', i, 'district'], `district "${v.district}" is not in the definition`));
    }
  });
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  await services.storage.transaction(async () => {
    if (replace) await services.storage.voters.removeAll(election.id);
    for (const v of voters) await services.storage.voters.insert(election.id, v.voterId, v.district);
  });
  return { accepted: voters.length, replaced: replace ? before : 0, sizes: await registerSizes(services, election) };
}

export interface CredentialEntry {
  readonly voterId: string;
  /** The credential public key, as 64 hex (checked to be a canonical non-identity element here). */
  readonly credential: string;
  readonly loginCodeHash: string;
}

export async function issueCredentials(services: Services, election: Election, entries: readonly CredentialEntry[]) {
  checkNotFrozen(election);
  const registered = await services.storage.voters.count(election.id);
  if (registered === 0) throw new ApiError('WRONG_STATE', 'import the register before issuing credentials');
  const problems: Problem[] = [];
  const voterSeen = new Set<string>();
  const credentialSeen = new Set<string>();
  const districtOf = new Map<string, string>();
  for (const [i, e] of entries.entries()) {
    const voter = await services.storage.voters.get(election.id, e.voterId);
    if (!voter) problems.push(problem('UNKNOWN_VOTER', ['entries', i, 'voterId'], `voter "${e.voterId}" is not in the register`));
    else districtOf.set(e.voterId, voter.district);
    if (voterSeen.has(e.voterId))
      problems.push(problem('DUPLICATE_VOTER', ['entries', i, 'voterId'], `voter "${e.voterId}" twice`));
    voterSeen.add(e.voterId);
    if (credentialSeen.has(e.credential)) problems.push(problem('DUPLICATE_CREDENTIAL', ['entries', i, 'credential']));
    credentialSeen.add(e.credential);
    try {
      decodePoint(hexToBytes(e.credential));
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      problems.push(problem(decodeErrorCode(error), ['entries', i, 'credential']));
    }
  }
  if (voterSeen.size < registered && problems.length === 0) {
    const without = (await services.storage.voters.ids(election.id)).filter((id) => !voterSeen.has(id));
    const examples = without.slice(0, 5).join(', ');
    problems.push(
      problem('MISSING_CREDENTIAL', ['entries'], `${without.length} registered voter(s) have no credential: ${examples}…`),
    );
  }
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  await services.elections.transact(election, async (board) => {
    for (const e of entries) await services.storage.voters.issue(election.id, e.voterId, e.credential, e.loginCodeHash);
    for (let i = 0; i < entries.length; i += CREDENTIALS_PER_EVENT) {
      const chunk = entries.slice(i, i + CREDENTIALS_PER_EVENT);
      await board.append({
        type: 'credentials',
        entries: chunk.map((e) => ({ credential: e.credential, district: districtOf.get(e.voterId) as string })),
      });
    }
    await board.append({ type: 'register', sizes: await registerSizes(services, election) });
    await services.storage.elections.freezeRegister(election.id);
    election.registerFrozen = true;
  });
  return { issued: entries.length };
}
