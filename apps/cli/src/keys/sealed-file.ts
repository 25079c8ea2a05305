// A passphrase-protected secrets file on disk, shared by the key files the CLI writes (a trustee's, a commission
// member's, a witness's, the board's). The format (scrypt + XChaCha20-Poly1305, the header bound as associated data)
// is the protocol's (@saylau/protocol/trustee-client, sealed.ts), so the trustee's page reads and writes the same
// files; this module adds only the file: read it, never overwrite a key file, write atomically, owner-only.
import { existsSync, readFileSync } from 'node:fs';
import {
  DEFAULT_KEY_FILE_LOG_N,
  newProtection,
  openSealedJson,
  parseSealedText,
  type SealedHeader,
  type SealHeader,
  sealedHeaderOf,
  sealToText,
  stretch,
  TrusteeError,
} from '@saylau/protocol/trustee-client';
import { CliError, EXIT } from '../cli/errors.ts';
import { writeFileDurably } from '../files/durable.ts';

export { DEFAULT_KEY_FILE_LOG_N, newProtection, type SealedHeader, type SealHeader, stretch };

/** The shared logic's typed errors as the CLI reports them: an unreadable file is bad usage, the rest a failure. */
export function cliErrorOf(error: unknown): unknown {
  if (!(error instanceof TrusteeError)) return error;
  return new CliError(error.message, error.code === 'NOT_A_KEY_FILE' ? EXIT.usage : EXIT.failed, error.details);
}

/** Runs `f`, reporting the shared logic's errors as CliErrors. */
export async function asCli<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (error) {
    throw cliErrorOf(error);
  }
}

function asCliSync<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw cliErrorOf(error);
  }
}

/** A key file is never overwritten. */
export function refuseExisting(path: string): void {
  if (existsSync(path)) throw new CliError(`${path} exists already; a key file is never overwritten`, EXIT.usage);
}

/** The file's text; a missing or unreadable file is bad usage. */
export function readKeyFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new CliError(`cannot read the key file ${path} (${reason})`, EXIT.usage);
  }
}

/**
 * Writes the header and the sealed secret (any JSON value) with a fresh nonce, atomically and durably, readable by
 * the owner only; returns the header as written.
 */
export function writeSealed<H extends SealHeader>(path: string, header: H, secret: unknown, key: Uint8Array): H {
  const sealed = sealToText(header, secret, key);
  writeKeyFileText(path, sealed.text);
  return sealed.header;
}

/** Writes a sealed file's text atomically and durably, readable by the owner only. */
export function writeKeyFileText(path: string, text: string): void {
  writeFileDurably(path, text, 0o600);
}

/** Reads the public header without the passphrase; `description` names the kind of file ("Saylau witness key file"). */
export function readSealedHeader<H extends SealHeader>(path: string, format: string, description: string): H {
  const text = readKeyFileText(path);
  return asCliSync(() => sealedHeaderOf<H>(parseSealedText(text, path), path, format, description));
}

/** Opens the sealed secret with the passphrase; a wrong passphrase (or an edited file) is a clear error. */
export async function openSealed(
  path: string,
  header: SealHeader,
  passphrase: string,
): Promise<{ readonly secret: unknown; readonly key: Uint8Array }> {
  const text = readKeyFileText(path);
  return asCli(() => openSealedJson(parseSealedText(text, path), header, passphrase, path));
}
