// A trustee's key file: the trustee's secrets (own key, polynomial, received shares) sealed under the passphrase
// (sealed.ts), with a public header saying whose key it is. The CLI reads and writes it on disk; the trustee's page
// offers it as a download and opens it from a file the trustee picks. The same text either way.
import { bytesToHex, decodeScalar, encodeScalar, hexToBytes, type Scalar } from '@saylau/crypto';
import {
  DEFAULT_KEY_FILE_LOG_N,
  newProtection,
  openSealedJson,
  parseSealedText,
  type SealHeader,
  sealedHeaderOf,
  sealToText,
  stretch,
} from './sealed.ts';

export { DEFAULT_KEY_FILE_LOG_N };
export const KEY_FILE_FORMAT = 'saylau-trustee-key';
const DESCRIPTION = 'Saylau trustee key file';

/** Where the trustee is in the ceremony. */
export type TrusteeStage = 'created' | 'enrolled' | 'dealt' | 'shares-verified' | 'decrypted';

export interface TrusteeSecrets {
  /** The trustee's own key: authenticates its requests and opens the shares dealt to it. */
  readonly secretKey: Scalar;
  /** The coefficients a_0 … a_{t−1} of the polynomial this trustee deals. */
  readonly polynomial: readonly Scalar[];
  /** dealer → the share f_dealer(x) this trustee received and verified (its own dealer's share included). */
  readonly received: Readonly<Record<string, Scalar>>;
  /** Dealers this trustee complained about. */
  readonly complainedAbout: readonly number[];
}

export interface KeyFileHeader extends SealHeader {
  readonly format: typeof KEY_FILE_FORMAT;
  readonly version: 1;
  readonly about: string;
  readonly server: string;
  readonly election: string;
  readonly fingerprint: string;
  readonly trustee: number;
  readonly name: string;
  readonly publicKey: string;
  readonly stage: TrusteeStage;
}

/** The header's own fields; the format, the sentence and the protection are added when the file is made. */
export type KeyFileFields = Omit<KeyFileHeader, 'format' | 'version' | 'about' | 'kdf' | 'cipher'>;

/** A key file opened (or just made): its header, its secrets, and the stretched passphrase to seal it again. */
export interface OpenedKeyFile {
  readonly header: KeyFileHeader;
  readonly secrets: TrusteeSecrets;
  readonly key: Uint8Array;
}

const ABOUT =
  "A Saylau trustee's secret key file. The secrets below are encrypted with XChaCha20-Poly1305 under a key " +
  'derived from your passphrase with scrypt (parameters in "kdf"). Keep this file and its passphrase apart, ' +
  'back it up offline, and never send it to anyone: the election cannot be decrypted without enough trustees.';

function secretsJson(s: TrusteeSecrets) {
  return {
    secretKey: bytesToHex(encodeScalar(s.secretKey)),
    polynomial: s.polynomial.map((a) => bytesToHex(encodeScalar(a))),
    received: Object.fromEntries(Object.entries(s.received).map(([d, v]) => [d, bytesToHex(encodeScalar(v))])),
    complainedAbout: s.complainedAbout,
  };
}

function secretsFromJson(json: ReturnType<typeof secretsJson>): TrusteeSecrets {
  const scalar = (hex: string) => decodeScalar(hexToBytes(hex));
  return {
    secretKey: scalar(json.secretKey),
    polynomial: json.polynomial.map(scalar),
    received: Object.fromEntries(Object.entries(json.received).map(([d, v]) => [d, scalar(v)])),
    complainedAbout: json.complainedAbout,
  };
}

/** The header of a new key file: its fields, the format and a fresh salt. */
export function newKeyFileHeader(fields: KeyFileFields, logN: number = DEFAULT_KEY_FILE_LOG_N): KeyFileHeader {
  return { format: KEY_FILE_FORMAT, version: 1, about: ABOUT, ...fields, ...newProtection(logN) };
}

/** Stretches the passphrase for a new header (slow on purpose; `onProgress` gets 0…1). */
export function keyFileKey(header: KeyFileHeader, passphrase: string, onProgress?: (fraction: number) => void) {
  return stretch(passphrase, header.kdf, onProgress);
}

/** The file's text with these secrets and header, sealed with a fresh nonce; the header as sealed. */
export function sealKeyFile(
  header: KeyFileHeader,
  secrets: TrusteeSecrets,
  key: Uint8Array,
): { readonly text: string; readonly header: KeyFileHeader } {
  return sealToText(header, secretsJson(secrets), key);
}

/** The public header of a key file's text, without the passphrase; `name` (a path, a file name) is for messages. */
export function keyFileHeaderOf(text: string, name: string): KeyFileHeader {
  return sealedHeaderOf<KeyFileHeader>(parseSealedText(text, name), name, KEY_FILE_FORMAT, DESCRIPTION);
}

/** Opens a key file's text with the passphrase; WRONG_PASSPHRASE for a wrong one or an edited file. */
export async function openKeyFileText(
  text: string,
  passphrase: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Promise<OpenedKeyFile> {
  const json = parseSealedText(text, name);
  const header = sealedHeaderOf<KeyFileHeader>(json, name, KEY_FILE_FORMAT, DESCRIPTION);
  const { secret, key } = await openSealedJson(json, header, passphrase, name, onProgress);
  return { header, secrets: secretsFromJson(secret as ReturnType<typeof secretsJson>), key };
}
