// A passphrase-protected secrets file, shared by the key files the CLI writes (a commission member's, a witness's,
// the board's): the secret is sealed with XChaCha20-Poly1305 under a key stretched from the passphrase by scrypt.
// The header is public, says how the file is protected, and is bound to the ciphertext as associated data, so
// editing it makes the file unreadable.
import { existsSync, readFileSync } from 'node:fs';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { aeadOpen, aeadSeal, bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@saylau/crypto';
import { canonicalBytes } from '@saylau/protocol';
import { CliError, EXIT } from '../cli/errors.ts';
import { writeFileDurably } from '../files/durable.ts';

/** scrypt cost of the passphrase: 2^17 × r 8 = 128 MiB, about two seconds here. */
export const DEFAULT_KEY_FILE_LOG_N = 17;

/** What every sealed file's header holds besides its own public fields. */
export interface SealHeader {
  readonly format: string;
  readonly version: 1;
  readonly kdf: { readonly name: 'scrypt'; readonly logN: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly cipher: { readonly name: 'xchacha20poly1305'; readonly nonce: string };
}

/** A header with its sentence for whoever opens the file in an editor. */
export interface SealedHeader extends SealHeader {
  readonly about: string;
}

/** Fresh protection fields for a new file: a new salt (the nonce is set each time the file is written). */
export function newProtection(logN: number = DEFAULT_KEY_FILE_LOG_N): Pick<SealHeader, 'kdf' | 'cipher'> {
  return {
    kdf: { name: 'scrypt', logN, r: 8, p: 1, salt: bytesToHex(randomBytes(16)) },
    cipher: { name: 'xchacha20poly1305', nonce: '' },
  };
}

/** A key file is never overwritten. */
export function refuseExisting(path: string): void {
  if (existsSync(path)) throw new CliError(`${path} exists already; a key file is never overwritten`, EXIT.usage);
}

/** The key that seals the file, stretched from the passphrase with the header's scrypt parameters. */
export function stretch(passphrase: string, kdf: SealHeader['kdf']): Promise<Uint8Array> {
  return scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), hexToBytes(kdf.salt), {
    N: 2 ** kdf.logN,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: 2 ** 31,
  });
}

/**
 * Writes the header and the sealed secret (any JSON value) with a fresh nonce, atomically and durably, readable by
 * the owner only; returns the header as written.
 */
export function writeSealed<H extends SealHeader>(path: string, header: H, secret: unknown, key: Uint8Array): H {
  const sealedHeader: H = { ...header, cipher: { name: 'xchacha20poly1305', nonce: bytesToHex(randomBytes(24)) } };
  const plaintext = utf8ToBytes(JSON.stringify(secret));
  const sealed = aeadSeal(key, hexToBytes(sealedHeader.cipher.nonce), canonicalBytes(sealedHeader), plaintext);
  writeFileDurably(path, `${JSON.stringify({ ...sealedHeader, sealed: bytesToHex(sealed) }, null, 2)}\n`, 0o600);
  return sealedHeader;
}

function readJson(path: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new CliError(`cannot read the key file ${path} (${reason})`, EXIT.usage);
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/** Reads the public header without the passphrase; `description` names the kind of file ("Saylau witness key file"). */
export function readSealedHeader<H extends SealHeader>(path: string, format: string, description: string): H {
  const json = readJson(path);
  if (json.format !== format || json.version !== 1) {
    throw new CliError(`${path} is not a ${description} (format ${format}, version 1)`, EXIT.usage);
  }
  const { sealed: _sealed, ...header } = json;
  return header as unknown as H;
}

/** Opens the sealed secret with the passphrase; a wrong passphrase (or an edited file) is a clear error. */
export async function openSealed(
  path: string,
  header: SealHeader,
  passphrase: string,
): Promise<{ readonly secret: unknown; readonly key: Uint8Array }> {
  const { sealed } = readJson(path);
  const key = await stretch(passphrase, header.kdf);
  const plaintext =
    typeof sealed === 'string' && /^(?:[0-9a-f]{2})+$/.test(sealed)
      ? aeadOpen(key, hexToBytes(header.cipher.nonce), canonicalBytes(header), hexToBytes(sealed))
      : null;
  if (plaintext === null) {
    throw new CliError(`wrong passphrase for ${path} (or the file has been altered); nothing was done`, EXIT.failed);
  }
  return { secret: JSON.parse(new TextDecoder().decode(plaintext)), key };
}
