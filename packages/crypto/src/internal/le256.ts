// 256-bit little-endian integers to and from bytes, 64 bits at a time (internal). noble's helpers go through a
// hex string; these sit on the hot paths of decoding scalars and feeding the WebAssembly kernel.

/** The number encoded little-endian by the 32 bytes at `at` of `bytes`. */
export function readLE256(bytes: Uint8Array, at = 0): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 32);
  return (
    view.getBigUint64(0, true) |
    (view.getBigUint64(8, true) << 64n) |
    (view.getBigUint64(16, true) << 128n) |
    (view.getBigUint64(24, true) << 192n)
  );
}

/** Writes 0 ≤ s < 2^256 as 32 little-endian bytes at `at` of `view`. */
export function writeLE256(view: DataView, at: number, s: bigint): void {
  for (let w = 0; w < 4; w++) {
    view.setBigUint64(at + 8 * w, BigInt.asUintN(64, s), true);
    s >>= 64n;
  }
}
