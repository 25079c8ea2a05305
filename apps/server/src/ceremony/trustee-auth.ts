// Authenticating trustees: the first message by the one-time enrollment token, every later one by a signature
// with the trustee's own key over the request's canonical JSON (docs/api.md, protocol's trustee-request.ts).
import { decodePoint, hexToBytes, type Signature } from '@saylau/crypto';
import { verifyTrusteeRequest } from '@saylau/protocol';
import type { Storage } from '../db/index.ts';
import type { TrusteeRow } from '../db/trustees-store.ts';
import type { Election } from '../election/election.ts';
import { digestsEqual, sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';

export function trusteeRow(storage: Storage, election: Election, trustee: number): TrusteeRow {
  const row = storage.trustees.get(election.id, trustee);
  if (!row) throw new ApiError('NOT_FOUND', `there is no trustee ${trustee} in this election`);
  return row;
}

/** Checks the enrollment token of a trustee that has no key yet. */
export function checkEnrollmentToken(row: TrusteeRow, token: string): void {
  if (row.public_key !== null) throw new ApiError('ALREADY_EXISTS', `trustee ${row.trustee} has enrolled its key already`);
  if (row.token_hash === null || !digestsEqual(sha256Hex(token), row.token_hash)) {
    throw new ApiError('UNAUTHENTICATED', 'the enrollment token is not valid');
  }
}

/** Checks a signed trustee request; the trustee must have enrolled its key. */
export function authenticateTrustee(
  storage: Storage,
  election: Election,
  trustee: number,
  json: unknown,
  signature: Signature,
): TrusteeRow {
  const row = trusteeRow(storage, election, trustee);
  if (row.public_key === null) throw new ApiError('UNAUTHENTICATED', `trustee ${trustee} has not enrolled a key yet`);
  const publicKey = decodePoint(hexToBytes(row.public_key));
  if (!verifyTrusteeRequest(publicKey, election.fingerprint, trustee, json as Record<string, unknown>, signature)) {
    throw new ApiError('BAD_TRUSTEE_SIGNATURE');
  }
  return row;
}
