// Credential keys from credential codes (spec §2.8) for a whole register: the same scrypt as the crypto core's
// deriveCredentialKey, computed by Node's native scrypt on the thread pool (several at once, many times faster
// than pure JavaScript). The first key is derived both ways and must agree, so the two can never drift apart.
import { scrypt } from 'node:crypto';
import {
  deriveCredentialKey,
  type KdfParams,
  normalizeCredentialCode,
  type Scalar,
  scalarFromWideBytes,
  TAGS,
} from '@saylau/crypto';

function nativeScrypt(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 64, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + (1 << 20) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The key of one code, natively. */
export async function deriveCredentialKeyNative(code: string, electionId: string, params: KdfParams): Promise<Scalar> {
  const normalized = normalizeCredentialCode(code);
  if (normalized === null) throw new TypeError('not a credential code');
  const salt = Buffer.from(`${TAGS.credentialKdf}\u0000${electionId}`, 'utf8');
  return scalarFromWideBytes(new Uint8Array(await nativeScrypt(normalized, salt, params)));
}

/**
 * Every code's key, in order, `concurrency` at a time; `onEach` is called as each one is done. Throws if the
 * native derivation ever disagrees with the crypto core's (checked on the first code).
 */
export async function deriveCredentialKeys(
  codes: readonly string[],
  electionId: string,
  params: KdfParams,
  onEach: () => void = () => {},
  concurrency = 4,
): Promise<Scalar[]> {
  const keys: Scalar[] = new Array(codes.length);
  if (codes.length > 0) {
    const first = await deriveCredentialKeyNative(codes[0] as string, electionId, params);
    if (first !== deriveCredentialKey(codes[0] as string, electionId, params)) {
      throw new Error('native scrypt disagrees with the crypto core: refusing to issue credentials');
    }
    keys[0] = first;
    onEach();
  }
  let next = 1;
  const lane = async () => {
    while (next < codes.length) {
      const i = next++;
      keys[i] = await deriveCredentialKeyNative(codes[i] as string, electionId, params);
      onEach();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return keys;
}
