// Voter login (docs/api.md): voter id + login code from the letter → a session token. Authentication is separate
// from the credential: the credential code never reaches the server, and a session only says who may submit.
import { bytesToHex, randomBytes } from '@saylau/crypto';
import { loginCodeHash, styleOfDistrict } from '@saylau/protocol';
import type { Context } from 'hono';
import type { Election } from '../election/election.ts';
import { bearerToken, digestsEqual, sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import type { VoterSession } from './voter-session.ts';

export type { VoterSession } from './voter-session.ts';

/** Compared against when the voter id is unknown, so an unknown id costs the same as a wrong code. */
const NO_SUCH_VOTER = sha256Hex('no such voter');

export async function login(services: Services, election: Election, voterId: string, loginCode: string) {
  // Counted per voter id, whoever asks: this is what stops guessing one voter's code from many addresses.
  await services.limiters.voter.take(`login:${election.id}:${voterId}`);
  if (!election.registerFrozen) throw new ApiError('WRONG_STATE', 'voters can log in once credentials are issued');
  const voter = await services.storage.voters.get(election.id, voterId);
  const matches = digestsEqual(loginCodeHash(loginCode), voter?.login_hash ?? NO_SUCH_VOTER);
  if (!voter || !matches || voter.credential === null) {
    throw new ApiError('UNAUTHENTICATED', 'the voter id or the login code is wrong');
  }
  const token = bytesToHex(randomBytes(32));
  const expiresAt = services.config.now() + services.config.sessionTtlMs;
  await services.storage.sessions.purge(services.config.now());
  await services.storage.sessions.insert(sha256Hex(token), election.id, voterId, expiresAt);
  return {
    token,
    district: voter.district,
    style: styleOfDistrict(election.definition, voter.district)?.id ?? null,
    credential: voter.credential,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/** The voter behind the request's session token: 401 without a live session, 403 for another election's. */
export async function requireVoter(c: Context, services: Services, election: Election): Promise<VoterSession> {
  const session = await services.storage.sessions.get(sha256Hex(bearerToken(c)));
  if (!session || session.expires_at <= services.config.now()) {
    throw new ApiError('UNAUTHENTICATED', 'the session is unknown or has expired; log in again');
  }
  if (session.election_id !== election.id) throw new ApiError('FORBIDDEN', 'this session belongs to another election');
  const voter = await services.storage.voters.get(election.id, session.voter_id);
  if (!voter || voter.credential === null) throw new ApiError('FORBIDDEN', 'the voter has no credential');
  return { voterId: voter.voter_id, district: voter.district, credential: voter.credential };
}
