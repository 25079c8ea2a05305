// The growing board's Merkle tree (spec §5.2): appends in amortised O(1) hashes, and gives the root, inclusion
// and consistency proofs for the current size or any past size in O(log² n) hashes at worst, never O(n).
import { emptyRoot, HASH_BYTES, nodeHash, splitPoint } from './merkle.ts';

/** An append-only column of 32-byte hashes in one growable buffer (no per-hash object overhead). */
class HashColumn {
  private buffer = new Uint8Array(HASH_BYTES * 16);
  length = 0;

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_BYTES > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.length * HASH_BYTES);
    this.length++;
  }

  /** A view, not a copy: callers inside this file only read it; anything handed out is copied. */
  get(index: number): Uint8Array {
    return this.buffer.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }
}

/** Levels 1 to 3 are not kept: each of their nodes is at most 7 hashes of the leaves (a million leaves: 36 MB, not 64). */
const UNKEPT_LEVELS = 3;

/**
 * The board's tree, kept level by level: levels[h][i] is the hash of the complete subtree of 2^h leaves that
 * starts at leaf i·2^h. Each append adds a leaf and the complete subtrees it finishes, so the last entry of each
 * level is the tree's right frontier; any subtree the RFC's definitions need is a fold of O(log n) such hashes.
 */
export class MerkleLog {
  /** By height; undefined for the levels not kept (node() computes theirs). */
  private readonly levels: (HashColumn | undefined)[] = [new HashColumn()];

  /** A log holding these leaf hashes, in order. */
  static from(leafHashes: Iterable<Uint8Array>): MerkleLog {
    const log = new MerkleLog();
    for (const hash of leafHashes) log.append(hash);
    return log;
  }

  /** The number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf hash (see leafHash) and returns its index. */
  append(leafHash: Uint8Array): number {
    if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_BYTES) {
      throw new TypeError(`a leaf hash is ${HASH_BYTES} bytes`);
    }
    const index = this.size;
    this.levels[0]!.push(leafHash);
    // The new leaf completes a subtree of 2^(h+1) leaves for every trailing 1 bit of its index.
    let position = index;
    let node = leafHash;
    for (let h = 0; position % 2 === 1; h++) {
      node = nodeHash(this.node(h, position - 1), node);
      if (h + 1 > UNKEPT_LEVELS) {
        this.levels[h + 1] ??= new HashColumn();
        this.levels[h + 1]!.push(node);
      }
      position = (position - 1) / 2;
    }
    return index;
  }

  /** The leaf hash at an index. */
  leafHash(index: number): Uint8Array {
    this.checkIndex(index, this.size);
    return this.levels[0]!.get(index).slice();
  }

  /** MTH of the first treeSize leaves (default: all of them). */
  root(treeSize: number = this.size): Uint8Array {
    this.checkSize(treeSize);
    if (treeSize === 0) return emptyRoot();
    return this.subtreeHash(0, treeSize).slice();
  }

  /** PATH(index, D[treeSize]) (RFC 9162 §2.1.3.1), the same list the static inclusionProof gives. */
  inclusionProof(index: number, treeSize: number = this.size): Uint8Array[] {
    this.checkSize(treeSize);
    this.checkIndex(index, treeSize);
    // Walk down from the root, noting the sibling of each subtree that holds the leaf; the RFC lists them leaf end first.
    const path: Uint8Array[] = [];
    let start = 0;
    let end = treeSize;
    let m = index;
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (m < k) {
        path.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        path.push(this.subtreeHash(start, start + k));
        start += k;
        m -= k;
      }
    }
    return path.reverse().map((h) => h.slice());
  }

  /** PROOF(oldSize, D[newSize]) (RFC 9162 §2.1.4.1), the same list the static consistencyProof gives. */
  consistencyProof(oldSize: number, newSize: number = this.size): Uint8Array[] {
    this.checkSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new RangeError(`old size ${oldSize} is not between 0 and ${newSize}`);
    }
    if (oldSize === 0 || oldSize === newSize) return [];
    // SUBPROOF unrolled: walk down while the old tree is not a whole subtree, noting the other half each time.
    const path: Uint8Array[] = [];
    let start = 0;
    let end = newSize;
    let m = oldSize;
    let wholeOldTree = true; // the RFC's b: the subtree being walked is still the whole old tree
    while (m !== end - start) {
      const k = splitPoint(end - start);
      if (m <= k) {
        path.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        path.push(this.subtreeHash(start, start + k));
        start += k;
        m -= k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) path.push(this.subtreeHash(start, end));
    return path.reverse().map((h) => h.slice());
  }

  /**
   * MTH(D[start:end]) for a subtree the RFC's recursion reaches: start is a multiple of the smallest power of two
   * ≥ end − start. Such a range is the complete subtrees given by the binary digits of its length, largest first,
   * and its hash folds them from the right: MTH = NODE(S1, NODE(S2, … Sj)).
   */
  private subtreeHash(start: number, end: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let position = start;
    let remaining = end - start;
    let width = 1;
    let h = 0;
    while (width * 2 <= remaining) {
      width *= 2;
      h++;
    }
    for (; remaining > 0; width /= 2, h--) {
      if (remaining < width) continue;
      if (position % width !== 0) throw new Error(`internal: subtree at ${position} of width ${width} is not aligned`);
      parts.push(this.node(h, position / width));
      position += width;
      remaining -= width;
    }
    let hash = parts.pop()!;
    while (parts.length > 0) hash = nodeHash(parts.pop()!, hash);
    return hash;
  }

  /** levels[h][i], computed from the leaves for a level not kept. */
  private node(h: number, i: number): Uint8Array {
    const level = this.levels[h];
    if (level) return level.get(i);
    return nodeHash(this.node(h - 1, 2 * i), this.node(h - 1, 2 * i + 1));
  }

  private checkSize(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.size) {
      throw new RangeError(`tree size ${treeSize} is not between 0 and ${this.size}`);
    }
  }

  private checkIndex(index: number, treeSize: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
      throw new RangeError(`leaf index ${index} is not in a tree of size ${treeSize}`);
    }
  }
}
