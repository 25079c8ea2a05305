// A trustee's key file on disk. The format (header, sealed secrets) is the protocol's key-file module, shared with
// the trustee's page (@saylau/protocol/trustee-client): a file downloaded from the page opens here and vice versa.
import {
  DEFAULT_KEY_FILE_LOG_N,
  KEY_FILE_FORMAT,
  type KeyFileFields,
  type KeyFileHeader,
  keyFileHeaderOf,
  keyFileKey,
  newKeyFileHeader,
  openKeyFileText,
  sealKeyFile,
  type TrusteeSecrets,
  type TrusteeStage,
} from '@saylau/protocol/trustee-client';
import { asCli, cliErrorOf, readKeyFileText, refuseExisting, writeKeyFileText } from '../keys/sealed-file.ts';

export { DEFAULT_KEY_FILE_LOG_N, KEY_FILE_FORMAT, type KeyFileHeader, type TrusteeSecrets, type TrusteeStage };

export interface KeyFile {
  readonly path: string;
  header: KeyFileHeader;
  secrets: TrusteeSecrets;
  /** The stretched passphrase, kept for saving again within this command. */
  readonly key: Uint8Array;
}

/** Writes a new file or rewrites this one (atomic, durable, owner-only, a fresh nonce); the header as written. */
function write(path: string, header: KeyFileHeader, secrets: TrusteeSecrets, key: Uint8Array): KeyFileHeader {
  const sealed = sealKeyFile(header, secrets, key);
  writeKeyFileText(path, sealed.text);
  return sealed.header;
}

export async function createKeyFile(
  path: string,
  fields: KeyFileFields,
  secrets: TrusteeSecrets,
  passphrase: string,
  logN: number = DEFAULT_KEY_FILE_LOG_N,
): Promise<KeyFile> {
  refuseExisting(path);
  const full = newKeyFileHeader(fields, logN);
  const key = await keyFileKey(full, passphrase);
  const written = write(path, full, secrets, key);
  return { path, header: written, secrets, key };
}

/** Reads the public header without the passphrase. */
export function readKeyFileHeader(path: string): KeyFileHeader {
  const text = readKeyFileText(path);
  try {
    return keyFileHeaderOf(text, path);
  } catch (error) {
    // the same typed error → CliError conversion as every other key file
    throw cliErrorOf(error);
  }
}

/** Opens the file with the passphrase; a wrong passphrase (or an edited file) is a clear error. */
export async function openKeyFile(path: string, passphrase: string): Promise<KeyFile> {
  const text = readKeyFileText(path);
  const opened = await asCli(() => openKeyFileText(text, passphrase, path));
  return { path, header: opened.header, secrets: opened.secrets, key: opened.key };
}

/** Saves the file's (changed) secrets and stage under the same passphrase, with a fresh nonce. */
export function saveKeyFile(file: KeyFile, stage: TrusteeStage): void {
  file.header = write(file.path, { ...file.header, stage }, file.secrets, file.key);
}
