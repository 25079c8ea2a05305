// The verification link of a receipt: the verification page's address with the election, the ballot hash and the
// ballot's 32-byte seed in the fragment (#…), which browsers never send to a server, so no log ever holds the seed.
import { bytesToHex, hexToBytes } from '@saylau/crypto';

export interface VerifyCode {
  readonly election: string;
  readonly ballotHash: string;
  readonly seed: Uint8Array;
}

export const VERIFY_PAGE = '/verify.html';

export function verifyUrl(origin: string, code: VerifyCode): string {
  return `${origin}${VERIFY_PAGE}#${fragmentOf(code)}`;
}

export function fragmentOf(code: VerifyCode): string {
  return `election=${code.election}&ballot=${code.ballotHash}&seed=${bytesToHex(code.seed)}`;
}

/** Reads a verification link, or only its fragment, as a voter may paste it; null when it is not one. */
export function parseVerifyCode(text: string): VerifyCode | null {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  const params = new URLSearchParams(fragment);
  const election = params.get('election') ?? '';
  const ballotHash = params.get('ballot') ?? '';
  const seed = params.get('seed') ?? '';
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(election)) return null;
  if (!/^[0-9a-f]{64}$/.test(ballotHash) || !/^[0-9a-f]{64}$/.test(seed)) return null;
  return { election, ballotHash, seed: hexToBytes(seed) };
}
