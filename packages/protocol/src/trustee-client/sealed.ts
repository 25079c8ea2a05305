// A passphrase-protected secrets file, the format of every key file Saylau writes (a trustee's, a commission
// member's, a witness's, the board's): the secret is sealed with XChaCha20-Poly1305 under a key stretched from the
// passphrase by scrypt. The header is public, says how the file is protected, and is bound to the ciphertext as
// associated data, so editing it makes the file unreadable. Text in, text out: the CLI writes it to disk, the
// trustee's page offers it as a download; a file made by either opens in the other.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { aeadOpen, aeadSeal, bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@saylau/crypto';
import { z } from 'zod';
import { canonicalBytes } from '../canonical-json.ts';
import { TrusteeError } from './errors.ts';

/** scrypt cost of the passphrase: 2^17 × r 8 = 128 MiB, about two seconds on a laptop. */
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

/** The weakest and the strongest passphrase stretching a file may ask for (tests and the demo use 10). */
const MIN_LOG_N = 10;
const MAX_LOG_N = 22;

/** Fresh protection fields for a new file: a new salt from the CSPRNG (the nonce is set each time the file is sealed). */
export function newProtection(logN: number = DEFAULT_KEY_FILE_LOG_N): Pick<SealHeader, 'kdf' | 'cipher'> {
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) {
    throw new RangeError(`a key file's scrypt logN is ${MIN_LOG_N}–${MAX_LOG_N}, not ${logN}`);
  }
  return {
    kdf: { name: 'scrypt', logN, r: 8, p: 1, salt: bytesToHex(randomBytes(16)) },
    cipher: { name: 'xchacha20poly1305', nonce: '' },
  };
}

/**
 * The key that seals the file, stretched from the passphrase (NFC-normalized, so the same words typed on another
 * system open it) with the header's scrypt parameters. Asynchronous, yielding to the event loop, so a page stays
 * responsive; `onProgress` gets 0…1.
 */
export function stretch(
  passphrase: string,
  kdf: SealHeader['kdf'],
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  return scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), hexToBytes(kdf.salt), {
    N: 2 ** kdf.logN,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: 2 ** 31,
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * The file's text: the header with a fresh nonce and the sealed secret (any JSON value), pretty-printed with a
 * final newline; returns the header as sealed too.
 */
export function sealToText<H extends SealHeader>(header: H, secret: unknown, key: Uint8Array): { text: string; header: H } {
  const sealedHeader: H = { ...header, cipher: { name: 'xchacha20poly1305', nonce: bytesToHex(randomBytes(24)) } };
  const plaintext = utf8ToBytes(JSON.stringify(secret));
  const sealed = aeadSeal(key, hexToBytes(sealedHeader.cipher.nonce), canonicalBytes(sealedHeader), plaintext);
  return { text: `${JSON.stringify({ ...sealedHeader, sealed: bytesToHex(sealed) }, null, 2)}\n`, header: sealedHeader };
}

/** A sealed file's JSON object (`name` says which file, for messages); NOT_A_KEY_FILE when it is not JSON. */
export function parseSealedText(text: string, name: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrusteeError('NOT_A_KEY_FILE', `cannot read the key file ${name} (not JSON)`);
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

const ProtectionSchema = z.object({
  kdf: z
    .object({
      name: z.literal('scrypt'),
      logN: z.number().int().min(MIN_LOG_N).max(MAX_LOG_N),
      r: z.literal(8),
      p: z.literal(1),
      salt: z.string().regex(/^[0-9a-f]{32}$/),
    })
    .strict(),
  cipher: z.object({ name: z.literal('xchacha20poly1305'), nonce: z.string().regex(/^[0-9a-f]{48}$/) }).strict(),
});

/** The public header, without the passphrase; `description` names the kind of file ("Saylau witness key file"). */
export function sealedHeaderOf<H extends SealHeader>(
  json: Record<string, unknown>,
  name: string,
  format: string,
  description: string,
): H {
  if (json.format !== format || json.version !== 1) {
    throw new TrusteeError('NOT_A_KEY_FILE', `${name} is not a ${description} (format ${format}, version 1)`);
  }
  // An edited header must not reach scrypt or the cipher as nonsense (a crash, or a key stretched at no cost)
  if (!ProtectionSchema.safeParse(json).success) {
    throw new TrusteeError(
      'NOT_A_KEY_FILE',
      `${name} is not a ${description}: its kdf or cipher fields are not scrypt (logN ${MIN_LOG_N}–${MAX_LOG_N}, r 8, p 1, a 16-byte salt) and XChaCha20-Poly1305 (a 24-byte nonce)`,
    );
  }
  const { sealed: _sealed, ...header } = json;
  return header as unknown as H;
}

/** Opens the sealed secret with the passphrase; a wrong passphrase (or an edited file) is WRONG_PASSPHRASE. */
export async function openSealedJson(
  json: Record<string, unknown>,
  header: SealHeader,
  passphrase: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Promise<{ readonly secret: unknown; readonly key: Uint8Array }> {
  const { sealed } = json;
  const key = await stretch(passphrase, header.kdf, onProgress);
  // aeadOpen checks the tag in constant time and returns null on any mismatch
  const plaintext =
    typeof sealed === 'string' && /^(?:[0-9a-f]{2})+$/.test(sealed)
      ? aeadOpen(key, hexToBytes(header.cipher.nonce), canonicalBytes(header), hexToBytes(sealed))
      : null;
  if (plaintext === null) {
    throw new TrusteeError('WRONG_PASSPHRASE', `wrong passphrase for ${name} (or the file has been altered); nothing was done`);
  }
  return { secret: JSON.parse(new TextDecoder().decode(plaintext)), key };
}
