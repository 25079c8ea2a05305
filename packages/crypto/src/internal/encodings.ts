// What is already known about a point object (internal: not part of the package's exports): its canonical
// encoding and, for decoded points, its coordinates in the WebAssembly kernel's format.
// Encoding costs an inverse square root, as much as decoding, and every Fiat–Shamir challenge re-encodes its
// whole statement; a point decoded from bytes, or encoded once, should never pay for it again. One record per
// point, in one WeakMap: a ballot decodes dozens of points and each WeakMap entry costs the collector too.
// Keyed by object identity; typed structurally so this module imports nothing (no import cycle with group.ts).
interface Known {
  encoding?: Uint8Array;
  coordinates?: Uint8Array;
}

const known = new WeakMap<object, Known>();

function record(p: object): Known {
  let k = known.get(p);
  if (!k) {
    k = {};
    known.set(p, k);
  }
  return k;
}

export function knownEncoding(p: object): Uint8Array | undefined {
  return known.get(p)?.encoding;
}

/** Only ever called with the exact canonical encoding of `p` (decoded from it, or computed from `p`). */
export function rememberEncoding(p: object, bytes: Uint8Array): void {
  record(p).encoding = bytes;
}

export function knownCoordinates(p: object): Uint8Array | undefined {
  return known.get(p)?.coordinates;
}

/** X, Y, Z, T of `p` as the kernel takes them (wasm-kernel.ts, POINT_COORDINATES bytes). */
export function rememberCoordinates(p: object, bytes: Uint8Array): void {
  record(p).coordinates = bytes;
}
