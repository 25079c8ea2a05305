// A commission member's key file (`saylau commission keygen`, or made in the console): one signing key that signs
// the commission's statements and signs the member in to the console. The secret key is sealed under the
// passphrase (../trustee-client/sealed.ts, the format of every Saylau key file); the header carries the public key
// for anyone to copy. Text in, text out: the CLI writes it to disk, the console offers it as a download.
import { bytesToHex, decodeScalar, encodeScalar, generateKeyPair, hexToBytes, type Scalar } from '@saylau/crypto';
import { TrusteeError } from '../trustee-client/errors.ts';
import {
  DEFAULT_KEY_FILE_LOG_N,
  newProtection,
  openSealedJson,
  parseSealedText,
  type SealHeader,
  sealedHeaderOf,
  sealToText,
  stretch,
} from '../trustee-client/sealed.ts';
import { memberPublicKeyHex } from './member-signatures.ts';

export const MEMBER_KEY_FILE_FORMAT = 'saylau-member-key';
const DESCRIPTION = 'Saylau commission member key file';

const ABOUT =
  "A Saylau commission member's signing key. The secret key is encrypted with XChaCha20-Poly1305 under a key " +
  'derived from your passphrase with scrypt. Keep the file and its passphrase apart and never send the file to ' +
  'anyone: your signature vouches for the commission’s decisions.';

export interface MemberKeyHeader extends SealHeader {
  readonly about: string;
  /** Who holds the key: shown, never checked. */
  readonly name: string;
  readonly publicKey: string;
  /** The member's id in an election definition, when the file was made for one (`keygen --member`). */
  readonly member?: string;
}

export interface MemberKey {
  readonly header: MemberKeyHeader;
  readonly secretKey: Scalar;
}

/**
 * A new key pair, sealed under the passphrase: the file's text and the key. Slow on purpose (scrypt, 2^logN);
 * `onProgress` gets 0…1.
 */
export async function createMemberKeyFile(
  fields: { readonly name: string; readonly member?: string },
  passphrase: string,
  options: { readonly logN?: number; readonly onProgress?: (fraction: number) => void } = {},
): Promise<MemberKey & { readonly text: string }> {
  const pair = generateKeyPair();
  const header: MemberKeyHeader = {
    format: MEMBER_KEY_FILE_FORMAT,
    version: 1,
    about: ABOUT,
    name: fields.name,
    publicKey: memberPublicKeyHex(pair.secretKey),
    ...(fields.member === undefined ? {} : { member: fields.member }),
    ...newProtection(options.logN ?? DEFAULT_KEY_FILE_LOG_N),
  };
  const key = await stretch(passphrase, header.kdf, options.onProgress);
  const sealed = sealToText(header, { secretKey: bytesToHex(encodeScalar(pair.secretKey)) }, key);
  return { text: sealed.text, header: sealed.header, secretKey: pair.secretKey };
}

/** The public header of a member key file's text, without the passphrase; `name` (a path, a file name) is for messages. */
export function memberKeyHeaderOf(text: string, name: string): MemberKeyHeader {
  return sealedHeaderOf<MemberKeyHeader>(parseSealedText(text, name), name, MEMBER_KEY_FILE_FORMAT, DESCRIPTION);
}

/**
 * Opens a member key file's text with the passphrase: NOT_A_KEY_FILE for another file, WRONG_PASSPHRASE for a
 * wrong passphrase or an edited file (TrusteeError, the sealed format's error).
 */
export async function openMemberKeyFile(
  text: string,
  passphrase: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Promise<MemberKey> {
  const json = parseSealedText(text, name);
  const header = sealedHeaderOf<MemberKeyHeader>(json, name, MEMBER_KEY_FILE_FORMAT, DESCRIPTION);
  const { secret } = await openSealedJson(json, header, passphrase, name, onProgress);
  const hex = (secret as { secretKey?: unknown }).secretKey;
  const secretKey = typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex) ? decodeScalar(hexToBytes(hex)) : undefined;
  // The header is the sealed part's associated data, so this holds for any file Saylau wrote: a last check.
  if (secretKey === undefined || memberPublicKeyHex(secretKey) !== header.publicKey) {
    throw new TrusteeError('NOT_A_KEY_FILE', `${name}: the sealed key does not belong to the public key in the file`);
  }
  return { header, secretKey };
}
