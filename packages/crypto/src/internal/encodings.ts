// The canonical encodings already known, per point object (internal: not part of the package's exports).
// Encoding costs an inverse square root, as much as decoding, and every Fiat–Shamir challenge re-encodes its
// whole statement; a point decoded from bytes, or encoded once, should never pay for it again.
// Keyed by object identity; typed structurally so this module imports nothing (no import cycle with group.ts).
const encodings = new WeakMap<object, Uint8Array>();

export function knownEncoding(p: object): Uint8Array | undefined {
  return encodings.get(p);
}

/** Only ever called with the exact canonical encoding of `p` (decoded from it, or computed from `p`). */
export function rememberEncoding(p: object, bytes: Uint8Array): void {
  encodings.set(p, bytes);
}
