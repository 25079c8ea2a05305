// Byte-string helpers shared by every encoding in the core: hex, concatenation, fixed-width integers.
import { bytesToHex, concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** randomBytes is the platform CSPRNG (crypto.getRandomValues), the only randomness source Saylau uses. */
export { bytesToHex, concatBytes, randomBytes, utf8ToBytes };

/**
 * Lower-case hex only, even length; anything else throws (callers validate untrusted hex first). One pass over the
 * characters: this runs for every element and scalar of every ballot, and noble's decoder also takes upper case.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new TypeError('hex must be lower-case, even-length [0-9a-f]');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(hex.charCodeAt(2 * i));
    const low = nibble(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) throw new TypeError('hex must be lower-case, even-length [0-9a-f]');
    out[i] = (high << 4) | low;
  }
  return out;
}

/** The value of a lower-case hex digit's character code, or −1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
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
