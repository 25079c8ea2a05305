// A commission member's signing key in a passphrase-protected file (sealed-file.ts): the member's id and public key
// are public (they go into the election definition), the secret key is sealed.
import { bytesToHex, decodeScalar, encodePoint, encodeScalar, generateKeyPair, hexToBytes, type Scalar } from '@saylau/crypto';
import {
  newProtection,
  openSealed,
  readSealedHeader,
  refuseExisting,
  type SealHeader,
  stretch,
  writeSealed,
} from './sealed-file.ts';

export const SIGNER_KEY_FORMAT = 'saylau-member-key';

export interface SignerKeyHeader extends SealHeader {
  readonly about: string;
  readonly member: string;
  readonly name: string;
  readonly publicKey: string;
}

const ABOUT =
  "A Saylau commission member's signing key. The secret key is encrypted with XChaCha20-Poly1305 under a key derived " +
  'from your passphrase with scrypt. Keep the file and its passphrase apart and never send the file to anyone.';

/** Makes a new key pair and writes it sealed under the passphrase; refuses to overwrite a file. */
export async function createSignerKey(path: string, member: string, name: string, passphrase: string, logN?: number) {
  refuseExisting(path);
  const pair = generateKeyPair();
  const header: SignerKeyHeader = {
    format: SIGNER_KEY_FORMAT,
    version: 1,
    about: ABOUT,
    member,
    name,
    publicKey: bytesToHex(encodePoint(pair.publicKey)),
    ...newProtection(logN),
  };
  const key = await stretch(passphrase, header.kdf);
  return writeSealed(path, header, { secretKey: bytesToHex(encodeScalar(pair.secretKey)) }, key);
}

export function readSignerHeader(path: string): SignerKeyHeader {
  return readSealedHeader<SignerKeyHeader>(path, SIGNER_KEY_FORMAT, 'Saylau commission member key file');
}

export async function openSignerKey(path: string, passphrase: string): Promise<{ header: SignerKeyHeader; secretKey: Scalar }> {
  const header = readSignerHeader(path);
  const { secret } = await openSealed(path, header, passphrase);
  return { header, secretKey: decodeScalar(hexToBytes((secret as { secretKey: string }).secretKey)) };
}
