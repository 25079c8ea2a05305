// 256-bit little-endian integers to and from bytes, 64 bits at a time (internal). noble's helpers go through a
// hex string; these sit on the hot paths of decoding scalars and feeding the WebAssembly kernel.

/** The number encoded little-endian by the 32 bytes at `at` of `view`. */
export function readLE256(view: DataView, at = 0): bigint {
  return (
    view.getBigUint64(at, true) |
    (view.getBigUint64(at + 8, true) << 64n) |
    (view.getBigUint64(at + 16, true) << 128n) |
    (view.getBigUint64(at + 24, true) << 192n)
  );
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes 0 ≤ s < 2^256 as 32 little-endian bytes at `at` of `view`. */
export function writeLE256(view: DataView, at: number, s: bigint): void {
  for (let w = 0; w < 4; w++) {
    view.setBigUint64(at + 8 * w, BigInt.asUintN(64, s), true);
    s >>= 64n;
  }
}
