// A trustee's key file: the trustee's secrets (own key, polynomial, received shares) sealed under the passphrase
// (keys/sealed-file.ts: XChaCha20-Poly1305 under an scrypt-stretched key, the public header bound as associated data).
import { bytesToHex, decodeScalar, encodeScalar, hexToBytes, type Scalar } from '@saylau/crypto';
import {
  DEFAULT_KEY_FILE_LOG_N,
  newProtection,
  openSealed,
  readSealedHeader,
  refuseExisting,
  type SealHeader,
  stretch,
  writeSealed,
} from '../keys/sealed-file.ts';

export { DEFAULT_KEY_FILE_LOG_N };
export const KEY_FILE_FORMAT = 'saylau-trustee-key';

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

export interface KeyFile {
  readonly path: string;
  header: KeyFileHeader;
  secrets: TrusteeSecrets;
  /** The stretched passphrase, kept for saving again within this command. */
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

/** Writes a new file or rewrites this one (sealed-file.ts: atomic, durable, owner-only, a fresh nonce). */
function write(path: string, header: KeyFileHeader, secrets: TrusteeSecrets, key: Uint8Array): KeyFileHeader {
  return writeSealed(path, header, secretsJson(secrets), key);
}

export async function createKeyFile(
  path: string,
  header: Omit<KeyFileHeader, 'format' | 'version' | 'about' | 'kdf' | 'cipher'>,
  secrets: TrusteeSecrets,
  passphrase: string,
  logN: number = DEFAULT_KEY_FILE_LOG_N,
): Promise<KeyFile> {
  refuseExisting(path);
  const full: KeyFileHeader = { format: KEY_FILE_FORMAT, version: 1, about: ABOUT, ...header, ...newProtection(logN) };
  const key = await stretch(passphrase, full.kdf);
  const written = write(path, full, secrets, key);
  return { path, header: written, secrets, key };
}

/** Reads the public header without the passphrase. */
export function readKeyFileHeader(path: string): KeyFileHeader {
  return readSealedHeader<KeyFileHeader>(path, KEY_FILE_FORMAT, 'Saylau trustee key file');
}

/** Opens the file with the passphrase; a wrong passphrase (or an edited file) is a clear error. */
export async function openKeyFile(path: string, passphrase: string): Promise<KeyFile> {
  const header = readKeyFileHeader(path);
  const { secret, key } = await openSealed(path, header, passphrase);
  return { path, header, secrets: secretsFromJson(secret as ReturnType<typeof secretsJson>), key };
}

/** Saves the file's (changed) secrets and stage under the same passphrase, with a fresh nonce. */
export function saveKeyFile(file: KeyFile, stage: TrusteeStage): void {
  file.header = write(file.path, { ...file.header, stage }, file.secrets, file.key);
}
