// Byte-string helpers shared by every encoding in the core: hex, concatenation, fixed-width integers.
import { bytesToHex, concatBytes, hexToBytes as nobleHexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** randomBytes is the platform CSPRNG (crypto.getRandomValues), the only randomness source Saylau uses. */
export { bytesToHex, concatBytes, randomBytes, utf8ToBytes };

/** Lower-case hex only, even length; anything else throws (callers validate untrusted hex first). */
export function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new TypeError('hex must be lower-case, even-length [0-9a-f]');
  return nobleHexToBytes(hex);
}

/** Big-endian unsigned 32-bit integer. */
export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** Big-endian unsigned 64-bit integer (for counts and option values inside hashed statements). */
export function u64(n: number | bigint): Uint8Array {
  const v = BigInt(n);
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`u64 out of range: ${n}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
