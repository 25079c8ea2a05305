// Voter login codes (docs/api.md): the code on the voter's letter that opens a session, separate from the
// credential. The server stores only the SHA-256 of the normalised code; the CLI and the voter page normalise alike.
import { bytesToHex, CREDENTIAL_ALPHABET, randomBytes, rawSha256, utf8ToBytes } from '@saylau/crypto';

/** 12 Crockford base32 characters: 60 bits, ample for an online login behind per-voter rate limits. */
export const LOGIN_CODE_LENGTH = 12;

export function generateLoginCode(): string {
  // 256 is a multiple of 32, so taking each byte mod 32 is uniform.
  return Array.from(randomBytes(LOGIN_CODE_LENGTH), (b) => CREDENTIAL_ALPHABET[b % 32]).join('');
}

/** Upper case without spaces and dashes, O→0 and I/L→1 as Crockford says (what a voter types is forgiven). */
export function normalizeLoginCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Plain sha256 hex of the normalised code (the form docs/api.md fixes): what the commission uploads and the server
 * compares against. Not a protocol hash, so it carries no tag.
 */
export function loginCodeHash(code: string): string {
  return bytesToHex(rawSha256(utf8ToBytes(normalizeLoginCode(code))));
}
