// A signing key pair in a passphrase-protected file (sealed-file.ts): the board's tree-head key (`saylau serve
// --board-key`), a witness's co-signing key (`saylau witness keygen`) and a commission member's key (`saylau commission
// keygen`), whose format is the protocol's (@saylau/protocol/commission-client) so the console opens the same file.
// The public key is in the header, for anyone to copy; the secret key is sealed.
import {
  bytesToHex,
  decodeScalar,
  encodePoint,
  encodeScalar,
  generateKeyPair,
  hexToBytes,
  publicKeyOf,
  type Scalar,
} from '@saylau/crypto';
import { createMemberKeyFile, memberKeyHeaderOf, openMemberKeyFile } from '@saylau/protocol/commission-client';
import { CliError } from '../cli/errors.ts';
import {
  asCli,
  cliErrorOf,
  newProtection,
  openSealed,
  readKeyFileText,
  readSealedHeader,
  refuseExisting,
  type SealHeader,
  stretch,
  writeKeyFileText,
  writeSealed,
} from './sealed-file.ts';

/**
 * The kinds of signing key file, each with its own format name so that one is never taken for the other. A member's
 * key is the commission client's format (member-key-file.ts in the protocol), read and written there.
 */
const KINDS = {
  board: {
    format: 'saylau-board-key',
    description: 'Saylau board key file',
    about:
      "A Saylau server's board key: it signs the tree heads of the public board. The secret key is encrypted with " +
      'XChaCha20-Poly1305 under a key derived from the passphrase with scrypt. Keep this file apart from the database ' +
      'and its backups: whoever holds it and the passphrase can sign a board in the server’s name.',
  },
  witness: {
    format: 'saylau-witness-key',
    description: 'Saylau witness key file',
    about:
      "A Saylau witness's co-signing key. The secret key is encrypted with XChaCha20-Poly1305 under a key derived " +
      'from your passphrase with scrypt. Keep the file and its passphrase apart and never send the file to anyone: ' +
      'your co-signature tells everyone you checked that the board never forked.',
  },
} as const;
export type SigningKeyKind = keyof typeof KINDS | 'member';

export interface SigningKeyHeader extends SealHeader {
  readonly about: string;
  /** Who holds the key (an organisation, a server, a person): shown, never checked. */
  readonly name: string;
  readonly publicKey: string;
  /** A commission member's id in the election definition (member keys only). */
  readonly member?: string;
}

export interface SigningKey {
  readonly header: SigningKeyHeader;
  readonly secretKey: Scalar;
}

/** Makes a new key pair and writes it sealed under the passphrase; refuses to overwrite a file. */
export async function createSigningKey(
  kind: SigningKeyKind,
  path: string,
  name: string,
  passphrase: string,
  logN?: number,
  member?: string,
): Promise<SigningKey> {
  refuseExisting(path);
  if (kind === 'member') {
    const made = await asCli(() =>
      createMemberKeyFile({ name, ...(member === undefined ? {} : { member }) }, passphrase, logN === undefined ? {} : { logN }),
    );
    writeKeyFileText(path, made.text);
    return { header: made.header, secretKey: made.secretKey };
  }
  const pair = generateKeyPair();
  const header: SigningKeyHeader = {
    format: KINDS[kind].format,
    version: 1,
    about: KINDS[kind].about,
    name,
    publicKey: bytesToHex(encodePoint(pair.publicKey)),
    ...(member === undefined ? {} : { member }),
    ...newProtection(logN),
  };
  const key = await stretch(passphrase, header.kdf);
  const written = writeSealed(path, header, { secretKey: bytesToHex(encodeScalar(pair.secretKey)) }, key);
  return { header: written, secretKey: pair.secretKey };
}

/** The public header, without the passphrase. */
export function readSigningKeyHeader(kind: SigningKeyKind, path: string): SigningKeyHeader {
  if (kind === 'member') {
    const text = readKeyFileText(path);
    try {
      return memberKeyHeaderOf(text, path);
    } catch (error) {
      throw cliErrorOf(error);
    }
  }
  return readSealedHeader<SigningKeyHeader>(path, KINDS[kind].format, KINDS[kind].description);
}

/** Opens the file with the passphrase. */
export async function openSigningKey(kind: SigningKeyKind, path: string, passphrase: string): Promise<SigningKey> {
  if (kind === 'member') {
    const text = readKeyFileText(path);
    return asCli(() => openMemberKeyFile(text, passphrase, path));
  }
  const header = readSigningKeyHeader(kind, path);
  const { secret } = await openSealed(path, header, passphrase);
  const secretKey = decodeScalar(hexToBytes((secret as { secretKey: string }).secretKey));
  // The header is the sealed part's associated data, so this holds for any file this code wrote: a last check.
  if (bytesToHex(encodePoint(publicKeyOf(secretKey))) !== header.publicKey) {
    throw new CliError(`${path}: the sealed key does not belong to the public key in the file`);
  }
  return { header, secretKey };
}
