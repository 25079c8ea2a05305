// The verification link of a cast ballot (spec §3.6.6): the second-device page's address with the election, the
// ballot hash and the verification key k in the fragment (#…), which browsers never send to a server. It is shown
// on screen (QR code) and never written to a receipt file; without the server's sealed seed, k opens nothing.
import { bytesToHex, hexToBytes } from '@saylau/crypto';
import { VERIFICATION_KEY_BYTES } from './verification-seal.ts';

export interface VerificationLink {
  readonly election: string;
  readonly ballotHash: string;
  /** k: opens the sealed seed the server keeps for this ballot during the check window. */
  readonly key: Uint8Array;
}

/** The second-device page, relative to the server's origin. */
export const VERIFY_PAGE = '/verify.html';

const ELECTION = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** `election=<id>&ballot=<hash hex>&key=<k hex>`, in this order. */
export function verificationFragment(link: VerificationLink): string {
  if (link.key.length !== VERIFICATION_KEY_BYTES) throw new TypeError(`a verification key is ${VERIFICATION_KEY_BYTES} bytes`);
  return `election=${link.election}&ballot=${link.ballotHash}&key=${bytesToHex(link.key)}`;
}

/** origin (e.g. https://vote.example.kz) + VERIFY_PAGE + # + fragment. */
export function verificationUrl(origin: string, link: VerificationLink): string {
  return `${origin.replace(/\/+$/, '')}${VERIFY_PAGE}#${verificationFragment(link)}`;
}

/** Reads a verification link, or only its fragment, as a voter may paste it; null when it is not one. */
export function parseVerificationLink(text: string): VerificationLink | null {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const params = new URLSearchParams(hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed);
  const election = params.get('election') ?? '';
  const ballotHash = params.get('ballot') ?? '';
  const key = params.get('key') ?? '';
  if (!ELECTION.test(election) || !HEX64.test(ballotHash) || !HEX64.test(key)) return null;
  return { election, ballotHash, key: hexToBytes(key) };
}
