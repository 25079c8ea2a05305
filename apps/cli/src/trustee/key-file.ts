// A trustee's key file: the trustee's secrets (own key, polynomial, received shares, secret share) sealed with
// XChaCha20-Poly1305 under a key stretched from the passphrase by scrypt. The header is public, says how the file
// is protected, and is bound to the ciphertext as associated data, so editing it makes the file unreadable.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, decodeScalar, encodeScalar, hexToBytes, randomBytes, type Scalar, utf8ToBytes } from '@saylau/crypto';
import { canonicalBytes } from '@saylau/protocol';
import { CliError, EXIT } from '../cli/errors.ts';

export const KEY_FILE_FORMAT = 'saylau-trustee-key';
/** scrypt cost of the passphrase: 2^17 × r 8 = 128 MiB, about two seconds here. */
export const DEFAULT_KEY_FILE_LOG_N = 17;

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

export interface KeyFileHeader {
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
  readonly kdf: { readonly name: 'scrypt'; readonly logN: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly cipher: { readonly name: 'xchacha20poly1305'; readonly nonce: string };
}

interface KeyFileJson extends KeyFileHeader {
  readonly sealed: string;
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

function stretch(passphrase: string, kdf: KeyFileHeader['kdf']): Promise<Uint8Array> {
  return scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), hexToBytes(kdf.salt), {
    N: 2 ** kdf.logN,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: 2 ** 31,
  });
}

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

/** Writes a new file (refusing to overwrite one) or rewrites this one, atomically, readable by the owner only. */
function write(path: string, header: KeyFileHeader, secrets: TrusteeSecrets, key: Uint8Array): KeyFileHeader {
  const sealedHeader: KeyFileHeader = { ...header, cipher: { name: 'xchacha20poly1305', nonce: bytesToHex(randomBytes(24)) } };
  const plaintext = utf8ToBytes(JSON.stringify(secretsJson(secrets)));
  const sealed = xchacha20poly1305(key, hexToBytes(sealedHeader.cipher.nonce), canonicalBytes(sealedHeader)).encrypt(plaintext);
  const json: KeyFileJson = { ...sealedHeader, sealed: bytesToHex(sealed) };
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return sealedHeader;
}

export async function createKeyFile(
  path: string,
  header: Omit<KeyFileHeader, 'format' | 'version' | 'about' | 'kdf' | 'cipher'>,
  secrets: TrusteeSecrets,
  passphrase: string,
  logN: number = DEFAULT_KEY_FILE_LOG_N,
): Promise<KeyFile> {
  if (existsSync(path)) throw new CliError(`${path} exists already; a key file is never overwritten`, EXIT.usage);
  const full: KeyFileHeader = {
    format: KEY_FILE_FORMAT,
    version: 1,
    about: ABOUT,
    ...header,
    kdf: { name: 'scrypt', logN, r: 8, p: 1, salt: bytesToHex(randomBytes(16)) },
    cipher: { name: 'xchacha20poly1305', nonce: '' },
  };
  const key = await stretch(passphrase, full.kdf);
  const written = write(path, full, secrets, key);
  return { path, header: written, secrets, key };
}

/** Reads the public header without the passphrase. */
export function readKeyFileHeader(path: string): KeyFileHeader {
  let json: KeyFileJson;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new CliError(`cannot read the key file ${path} (${reason})`, EXIT.usage);
  }
  if (json?.format !== KEY_FILE_FORMAT || json.version !== 1) {
    throw new CliError(`${path} is not a Saylau trustee key file (format ${KEY_FILE_FORMAT}, version 1)`, EXIT.usage);
  }
  const { sealed: _sealed, ...header } = json;
  return header;
}

/** Opens the file with the passphrase; a wrong passphrase (or an edited file) is a clear error. */
export async function openKeyFile(path: string, passphrase: string): Promise<KeyFile> {
  const header = readKeyFileHeader(path);
  const { sealed } = JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
  const key = await stretch(passphrase, header.kdf);
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(key, hexToBytes(header.cipher.nonce), canonicalBytes(header)).decrypt(hexToBytes(sealed));
  } catch {
    throw new CliError(`wrong passphrase for ${path} (or the file has been altered); nothing was done`, EXIT.failed);
  }
  return { path, header, secrets: secretsFromJson(JSON.parse(new TextDecoder().decode(plaintext))), key };
}

/** Saves the file's (changed) secrets and stage under the same passphrase, with a fresh nonce. */
export function saveKeyFile(file: KeyFile, stage: TrusteeStage): void {
  file.header = write(file.path, { ...file.header, stage }, file.secrets, file.key);
}
