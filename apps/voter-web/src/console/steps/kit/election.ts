// What several console steps read off the election: the board as a checked prefix (the protocol's trustee-client
// reader, through the console's requests), the signed-in member's entry in the definition, times in the election's
// own time zone.
import { hexToBytes } from '@saylau/crypto';
import { electionUtcOffset, formatLocalDateTime, type Language } from '@saylau/protocol';
import { readVerifiedBoard, type TrusteeTransport, type VerifiedBoard } from '@saylau/protocol/trustee-client';
import { ApiError } from '../../../api.ts';
import type { ConsoleApi, ConsoleElection, SignedInMember } from '../../step.ts';

export const electionPath = (election: Pick<ConsoleElection, 'id'>): string =>
  `/api/elections/${encodeURIComponent(election.id)}`;

export function transportOf(api: ConsoleApi): TrusteeTransport {
  return {
    get: (path) => api.get(path),
    post: (path, body) => api.post(path, body),
    isRefusal: (error) => error instanceof ApiError,
  };
}

/** The board up to the latest head signed by the election's board key, its root recomputed (as trustees read it). */
export function verifiedBoard(api: ConsoleApi, election: ConsoleElection): Promise<VerifiedBoard> {
  return readVerifiedBoard(transportOf(api), {
    id: election.id,
    fingerprint: hexToBytes(election.fingerprint),
    definition: election.definition,
  });
}

/** The definition's commission member whose public key is the signed-in member's, if any. */
export function memberOf(election: ConsoleElection, member: SignedInMember): { id: string; name: string } | null {
  const found = election.definition.commission?.members.find((m) => m.publicKey === member.publicKey);
  return found ? { id: found.id, name: found.name } : null;
}

/** A date and time in the election's time zone, the zone written out. */
export function localTime(election: ConsoleElection, instant: string | number | Date, language: Language): string {
  return formatLocalDateTime(instant, language, electionUtcOffset(election.definition));
}
