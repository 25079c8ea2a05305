// Authenticating trustees: the first message by the one-time enrollment token, every later one by a signature
// with the trustee's own key over the request's canonical JSON (docs/api.md, protocol's trustee-request.ts).
// Both are checked on the JSON as received, before any group element in it is decoded: a request from someone
// without the token or the key costs one hash or one signature check, however many points it carries.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import { SignatureWire, type TrusteeStatementType, verifyTrusteeRequest } from '@saylau/protocol';
import { z } from 'zod';
import type { Storage } from '../db/index.ts';
import type { TrusteeRow } from '../db/trustees-store.ts';
import type { Election } from '../election/election.ts';
import { digestsEqual, sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/json-body.ts';

export async function trusteeRow(storage: Storage, election: Election, trustee: number): Promise<TrusteeRow> {
  const row = await storage.trustees.get(election.id, trustee);
  if (!row) throw new ApiError('NOT_FOUND', `there is no trustee ${trustee} in this election`);
  return row;
}

/** The trustee's row, which must have an enrolled key for its requests to be signed with (checked before the body is read). */
export async function enrolledTrustee(
  storage: Storage,
  election: Election,
  trustee: number,
): Promise<TrusteeRow & { public_key: string }> {
  const row = await trusteeRow(storage, election, trustee);
  if (row.public_key === null) throw new ApiError('UNAUTHENTICATED', `trustee ${trustee} has not enrolled a key yet`);
  return row as TrusteeRow & { public_key: string };
}

/** Checks the enrollment token of a trustee that has no key yet. */
export function checkEnrollmentToken(row: TrusteeRow, token: string): void {
  if (row.public_key !== null) throw new ApiError('ALREADY_EXISTS', `trustee ${row.trustee} has enrolled its key already`);
  if (row.token_hash === null || !digestsEqual(sha256Hex(token), row.token_hash)) {
    throw new ApiError('UNAUTHENTICATED', 'the enrollment token is not valid');
  }
}

/** The one member decoded before the signature is checked. Other members are left as they are (not parsed). */
const SignedRequest = z.object({ signature: SignatureWire });

/**
 * Checks a signed trustee request given as the parsed JSON body: only `signature` is decoded; the signed bytes
 * are the canonical JSON of the rest as received with the event's `type` and `trustee` (the statement the board will
 * publish with this signature). The trustee must have enrolled its key.
 */
export async function authenticateTrustee(
  storage: Storage,
  election: Election,
  trustee: number,
  type: TrusteeStatementType,
  json: unknown,
): Promise<void> {
  const row = await enrolledTrustee(storage, election, trustee);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError('MALFORMED', 'a trustee request is a JSON object');
  }
  const { signature } = validate(SignedRequest, json);
  const publicKey = decodePoint(hexToBytes(row.public_key));
  let signed: boolean;
  try {
    signed = verifyTrusteeRequest(publicKey, election.fingerprint, trustee, type, json as Record<string, unknown>, signature);
  } catch (error) {
    // canonical JSON has no ±Infinity, which JSON.parse makes of a number like 1e999: such a body was never signed
    if (error instanceof TypeError) throw new ApiError('MALFORMED', 'the body has a value canonical JSON cannot write');
    throw error;
  }
  if (!signed) throw new ApiError('BAD_TRUSTEE_SIGNATURE');
}
