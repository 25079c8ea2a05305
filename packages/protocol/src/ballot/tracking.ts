// Ballot hashes and tracking codes (spec §3.6.3): the hash identifies a ballot on the board; the tracking code
// is its first 80 bits in Crockford base32, short enough to read out and compare.
import { bytesToHex, CREDENTIAL_ALPHABET, TAGS, taggedHash } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { BallotJson } from './schema.ts';

export function ballotHashBytes(ballot: BallotJson): Uint8Array {
  return taggedHash(TAGS.ballotHash, [canonicalBytes(ballot)]);
}

/** 64 hex characters: the ballot's identity on the board and in the verification API. */
export function ballotHash(ballot: BallotJson): string {
  return bytesToHex(ballotHashBytes(ballot));
}

/** XXXX-XXXX-XXXX-XXXX: 16 base32 characters (80 bits) of the ballot hash. */
export function trackingCode(ballotHashHex: string): string {
  let bits = BigInt(`0x${ballotHashHex.slice(0, 20)}`);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = CREDENTIAL_ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}
