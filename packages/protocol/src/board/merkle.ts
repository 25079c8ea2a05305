// The board's Merkle tree (spec §5.2–5.4, RFC 9162 §2.1): leaf and node hashes, the tree hash, inclusion and
// consistency proofs as the RFC defines them over a list of leaves, and the verification algorithms.
import { bytesEqual, rawSha256 } from '@saylau/crypto';

/** Every leaf hash, node hash and root is a SHA-256 digest. */
export const HASH_BYTES = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1): the root of the empty tree. A fresh copy each call. */
export function emptyRoot(): Uint8Array {
  return rawSha256(new Uint8Array(0));
}

/** MTH({d}) = SHA-256(0x00 ‖ d): the leaf hash of one entry's bytes. */
export function leafHash(entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + entry.length);
  input[0] = LEAF_PREFIX;
  input.set(entry, 1);
  return rawSha256(input);
}

const nodeInput = new Uint8Array(1 + 2 * HASH_BYTES);

/** SHA-256(0x01 ‖ left ‖ right): the hash of an inner node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) throw new TypeError(`node children are ${HASH_BYTES} bytes`);
  nodeInput[0] = NODE_PREFIX;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return rawSha256(nodeInput);
}

/** The largest power of two strictly less than n (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** 1, 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  return n === 1 || (n >= 2 && splitPoint(n) * 2 === n);
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isDigest(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_BYTES;
}

function checkLeafHashes(leafHashes: readonly Uint8Array[]): void {
  for (let i = 0; i < leafHashes.length; i++) {
    if (!isDigest(leafHashes[i])) throw new TypeError(`leaf hash ${i} is not ${HASH_BYTES} bytes`);
  }
}

/** MTH(D[start:end]) for end − start ≥ 1, straight from the recursive definition (RFC 9162 §2.1.1). */
function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  const k = splitPoint(n);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/** The Merkle Tree Hash of a list of leaf hashes. O(n) hashes: for the growing board use MerkleLog. */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  checkLeafHashes(leafHashes);
  if (leafHashes.length === 0) return emptyRoot();
  return mth(leafHashes, 0, leafHashes.length).slice();
}

/**
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1): the sibling hashes from leaf m up to the root, leaf end first.
 * Throws when index is not a leaf of the tree.
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  checkLeafHashes(leafHashes);
  if (!isSize(index) || index >= leafHashes.length) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${leafHashes.length}`);
  }
  const path: Uint8Array[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])  if m < k
    //               = PATH(m − k, D[k:n]) : MTH(D[0:k])  if m ≥ k
    if (m < k) {
      walk(m, start, start + k);
      path.push(mth(leafHashes, start + k, end).slice());
    } else {
      walk(m - k, start + k, end);
      path.push(mth(leafHashes, start, start + k).slice());
    }
  };
  walk(index, 0, leafHashes.length);
  return path;
}

/**
 * PROOF(m, D[n]) (RFC 9162 §2.1.4.1) that the tree of the first oldSize leaves is a prefix of the whole tree.
 * Empty when oldSize is 0 or the whole size (nothing to prove). Throws when oldSize > n.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  checkLeafHashes(leafHashes);
  const n = leafHashes.length;
  if (!isSize(oldSize) || oldSize > n) throw new RangeError(`old size ${oldSize} is not between 0 and ${n}`);
  if (oldSize === 0 || oldSize === n) return [];
  const path: Uint8Array[] = [];
  const subproof = (m: number, start: number, end: number, b: boolean): void => {
    const size = end - start;
    // SUBPROOF(m, D[m], true) = {};  SUBPROOF(m, D[m], false) = {MTH(D[m])}
    if (m === size) {
      if (!b) path.push(mth(leafHashes, start, end).slice());
      return;
    }
    const k = splitPoint(size);
    // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])  if m ≤ k
    //                      = SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k])  if m > k
    if (m <= k) {
      subproof(m, start, start + k, b);
      path.push(mth(leafHashes, start + k, end).slice());
    } else {
      subproof(m - k, start + k, end, false);
      path.push(mth(leafHashes, start, start + k).slice());
    }
  };
  subproof(oldSize, 0, n, true);
  return path;
}

/** Integer halving without 32-bit bit operations, so sizes up to 2^53 − 1 work. */
const half = (x: number): number => Math.floor(x / 2);
const isOdd = (x: number): boolean => x % 2 === 1;

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leaf` is leaf number `index` of the tree of `treeSize` leaves
 * whose root is `root`? Returns false for any bad input, never throws.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isDigest(leaf) || !isDigest(root) || !isSize(index) || !isSize(treeSize) || !Array.isArray(proof)) return false;
  // 1. If leaf_index ≥ tree_size, fail.
  if (index >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size − 1.  3. r = hash.
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  // 4. For each p in the inclusion path:
  for (const p of proof) {
    if (!isDigest(p)) return false;
    // a. If sn is 0, fail.
    if (sn === 0) return false;
    // b. If LSB(fn) is set or fn = sn: r = NODE(p ‖ r), and if LSB(fn) is not set, shift fn and sn right
    //    until LSB(fn) is set or fn is 0.  Otherwise r = NODE(r ‖ p).
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    // c. Shift fn and sn right once.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. Succeed iff sn is 0 and r equals the root.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the
 * tree of `newSize` leaves with root `newRoot`? Equal sizes need an empty proof and equal roots; oldSize 0 needs
 * an empty proof and the empty-tree root. Returns false for any bad input, never throws.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !isDigest(oldRoot) || !isDigest(newRoot) || !Array.isArray(proof)) {
    return false;
  }
  if (!proof.every(isDigest)) return false;
  if (oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, emptyRoot());
  // 1. If the consistency path is empty, fail.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  // 3. fn = first − 1, sn = second − 1.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4. If LSB(fn) is set, shift fn and sn right until LSB(fn) is not set.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. For each subsequent value c of the path:
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    // a. If sn is 0, fail.
    if (sn === 0) return false;
    // b. If LSB(fn) is set or fn = sn: fr = NODE(c ‖ fr), sr = NODE(c ‖ sr), and if LSB(fn) is not set,
    //    shift fn and sn right until LSB(fn) is set or fn is 0.  Otherwise sr = NODE(sr ‖ c).
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    // c. Shift fn and sn right once.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. Succeed iff fr = first_hash, sr = second_hash and sn = 0.
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
