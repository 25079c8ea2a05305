// SHA-256 hashes kept by the hundred thousand — the ballots' hashes, the published counted set — as 32 bytes each in
// one buffer: a million take 33 MB, where 64-character strings took some 90 bytes each (more in a Map, and several
// hundred when a string was built by concatenation).
import { bytesToHex, hexToBytes } from '@saylau/crypto';

const HASH_BYTES = 32;
const HEX64 = /^[0-9a-f]{64}$/;

/** Hashes by index 0 … size − 1, each given and read as 64 hex characters; an index never set has none. */
export class Hashes {
  private readonly bytes: Uint8Array;
  private readonly known: Uint8Array;

  constructor(readonly size: number) {
    this.bytes = new Uint8Array(size * HASH_BYTES);
    this.known = new Uint8Array(size);
  }

  /** The hashes of a list, in its order (each 64 lower-case hex characters, as the record's schemas require). */
  static of(list: readonly string[]): Hashes {
    const hashes = new Hashes(list.length);
    for (const [i, hash] of list.entries()) hashes.set(i, hash);
    return hashes;
  }

  set(i: number, hash: string): void {
    if (!HEX64.test(hash)) throw new Error(`not a hash as 64 lower-case hex characters: ${hash}`);
    this.bytes.set(hexToBytes(hash), this.offset(i));
    this.known[i] = 1;
  }

  get(i: number): string | undefined {
    return this.has(i) ? bytesToHex(this.view(i)) : undefined;
  }

  has(i: number): boolean {
    return i >= 0 && i < this.size && this.known[i] === 1;
  }

  /** Whether hash i here is hash j of `other` (both set). */
  same(i: number, other: Hashes, j: number): boolean {
    if (!this.has(i) || !other.has(j)) return false;
    const a = this.view(i);
    const b = other.view(j);
    for (let k = 0; k < HASH_BYTES; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** Every hash in order (for a function that takes the list as strings). */
  list(): (string | undefined)[] {
    return Array.from({ length: this.size }, (_, i) => this.get(i));
  }

  private view(i: number): Uint8Array {
    return this.bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
  }

  private offset(i: number): number {
    if (!(Number.isInteger(i) && i >= 0 && i < this.size)) throw new RangeError(`no hash ${i} among ${this.size}`);
    return i * HASH_BYTES;
  }
}
