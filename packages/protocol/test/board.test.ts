// The board's Merkle log (spec §5, RFC 9162 §2.1): known-answer vectors (RFC 6962 ones and our own), properties
// against a reference written straight from the RFC over node:crypto, and signed tree heads.
import { createHash } from 'node:crypto';
import { bytesToHex, encodePoint, generateKeyPair, hexToBytes, u32, utf8ToBytes } from '@saylau/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConsistencyProofWire,
  checkConsistency,
  checkInclusion,
  consistencyProof,
  emptyRoot,
  InclusionProofWire,
  inclusionProof,
  leafHash,
  MerkleLog,
  makeConsistencyProof,
  makeInclusionProof,
  rootOf,
  SignedTreeHeadWire,
  signTreeHead,
  treeHeadMessage,
  verifyConsistency,
  verifyHeadConsistency,
  verifyInclusion,
  verifyReceiptInclusion,
  verifyTreeHead,
} from '../src/board/index.ts';

// ---- Reference: the RFC 9162 §2.1 definitions, recursive and slow, over node's own SHA-256. ----

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}
const refLeaf = (entry: Uint8Array) => sha256(new Uint8Array([0]), entry);
const refNode = (left: Uint8Array, right: Uint8Array) => sha256(new Uint8Array([1]), left, right);
function refSplit(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
/** MTH over leaf hashes. */
function refMth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256();
  if (d.length === 1) return d[0]!;
  const k = refSplit(d.length);
  return refNode(refMth(d.slice(0, k)), refMth(d.slice(k)));
}
function refPath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = refSplit(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))] : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}
function refSubproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refSplit(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}
const refProof = (m: number, d: readonly Uint8Array[]) => (m === 0 || m === d.length ? [] : refSubproof(m, d, true));

const hex = (hashes: readonly Uint8Array[]) => hashes.map(bytesToHex);

/** Leaf hashes of a tree named by a seed, so fast-check shrinks to small numbers rather than byte arrays. */
function leavesOf(seed: number, size: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => refLeaf(utf8ToBytes(`tree ${seed} entry ${i}`)));
}

function flipByte(hashes: readonly Uint8Array[], i: number, byte: number): Uint8Array[] {
  return hashes.map((h, j) => {
    if (j !== i) return h;
    const copy = h.slice();
    copy[byte % copy.length]! ^= 0x01 << (byte % 8);
    return copy;
  });
}

const SOME_HASH = hexToBytes('abacaba000000000000000000000000000000000000000000060061e00123456');

// ---- RFC 6962 / RFC 9162 known answers (the numbers of transparency-dev/merkle's test data). ----

const RFC_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  hexToBytes,
);
const RFC_LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
/** Roots of the trees of the first 0..8 leaves. */
const RFC_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** Inclusion proofs: 0-based leaf index, tree size, path. */
const RFC_INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [0, 1, []],
];
/** Consistency proofs: old size, new size, path. */
const RFC_CONSISTENCY: [number, number, string[]][] = [
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [1, 1, []],
];

/** Our own: entries "saylau board entry i" (UTF-8); roots of the first 0..8 from the reference above. */
const OWN_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '49bfc4d0f32d942954d9db38588099b02a6de5e4468e86ee152bd9de0a211d43',
  '695ee66fdb20e5cedd9c617315ff7f5b3f29d5c1c9f786915542d9dd66db09a5',
  '5640dc365c6236702521ac3b710a4db059a4ad4b6c01de6e59740980c8dc70bd',
  '125e2d97ac4f52ee0c2fba28c91df89bf9f3ca82b6f3e145d76c5af8c72c9640',
  '15f2dc25bec79c71347d21daabba9c2ca90f5ca26349c7ec7b241f1cbe7dd526',
  '6d92e30d87fe7d451ecdff7d4d107b62ddf6bc65b25e92aa3a05fc69aeb302c1',
  '05ce48e0b9f401999854f8f0092eaebd17f3b588b8bd884621d81cdebdda2765',
  '5c28129d928554349661ed5ae0c2a3f065ee315aa1a855f761afdbf37b0a876a',
];

describe('RFC 6962 / 9162 Merkle tree hash: known answers', () => {
  const leafHashes = RFC_LEAVES.map(leafHash);

  it('hashes the leaves and the empty tree as the RFC vectors say', () => {
    expect(hex(leafHashes)).toEqual(RFC_LEAF_HASHES);
    expect(bytesToHex(emptyRoot())).toBe(RFC_ROOTS[0]);
  });

  it('gives the RFC root of every prefix, statically, incrementally and by the reference', () => {
    const log = new MerkleLog();
    expect(bytesToHex(log.root())).toBe(RFC_ROOTS[0]);
    for (let n = 0; n <= 8; n++) {
      if (n > 0) log.append(leafHashes[n - 1]!);
      expect(bytesToHex(rootOf(leafHashes.slice(0, n)))).toBe(RFC_ROOTS[n]);
      expect(bytesToHex(log.root())).toBe(RFC_ROOTS[n]);
      expect(bytesToHex(refMth(RFC_LEAVES.slice(0, n).map(refLeaf)))).toBe(RFC_ROOTS[n]);
    }
    for (let n = 0; n <= 8; n++) expect(bytesToHex(log.root(n))).toBe(RFC_ROOTS[n]);
  });

  it('gives the RFC inclusion proofs, and they verify', () => {
    const log = MerkleLog.from(leafHashes);
    for (const [index, size, path] of RFC_INCLUSION) {
      const prefix = leafHashes.slice(0, size);
      expect(hex(inclusionProof(prefix, index))).toEqual(path);
      expect(hex(log.inclusionProof(index, size))).toEqual(path);
      expect(verifyInclusion(leafHashes[index]!, index, size, path.map(hexToBytes), hexToBytes(RFC_ROOTS[size]!))).toBe(true);
    }
  });

  it('gives the RFC consistency proofs, and they verify', () => {
    const log = MerkleLog.from(leafHashes);
    for (const [oldSize, newSize, path] of RFC_CONSISTENCY) {
      expect(hex(consistencyProof(leafHashes.slice(0, newSize), oldSize))).toEqual(path);
      expect(hex(log.consistencyProof(oldSize, newSize))).toEqual(path);
      const ok = verifyConsistency(
        oldSize,
        newSize,
        hexToBytes(RFC_ROOTS[oldSize]!),
        hexToBytes(RFC_ROOTS[newSize]!),
        path.map(hexToBytes),
      );
      expect(ok).toBe(true);
    }
  });

  it('rejects corrupted RFC inclusion proofs (wrong index, size, leaf, root, extra, missing or flipped hashes)', () => {
    for (const [index, size, pathHex] of RFC_INCLUSION.filter(([, , p]) => p.length > 0)) {
      const path = pathHex.map(hexToBytes);
      const root = hexToBytes(RFC_ROOTS[size]!);
      const leaf = leafHashes[index]!;
      const probes: [string, boolean][] = [
        ['index − 1', verifyInclusion(leaf, index - 1, size, path, root)],
        ['index + 1', verifyInclusion(leaf, index + 1, size, path, root)],
        ['index ^ 2', verifyInclusion(leaf, index ^ 2, size, path, root)],
        ['size × 2', verifyInclusion(leaf, index, size * 2, path, root)],
        ['size ÷ 2', verifyInclusion(leaf, index, Math.floor(size / 2), path, root)],
        ['wrong leaf', verifyInclusion(SOME_HASH, index, size, path, root)],
        ['empty root', verifyInclusion(leaf, index, size, path, emptyRoot())],
        ['random root', verifyInclusion(leaf, index, size, path, SOME_HASH)],
        ['trailing root', verifyInclusion(leaf, index, size, [...path, root], root)],
        ['preceding root', verifyInclusion(leaf, index, size, [root, ...path], root)],
        ['trailing garbage', verifyInclusion(leaf, index, size, [...path, new Uint8Array(0)], root)],
        ['removed hash', verifyInclusion(leaf, index, size, path.slice(0, -1), root)],
        ['inserted hash', verifyInclusion(leaf, index, size, [path[0]!, SOME_HASH, ...path.slice(1)], root)],
        ...path.map((_, i): [string, boolean] => [
          `flipped path[${i}]`,
          verifyInclusion(leaf, index, size, flipByte(path, i, 3), root),
        ]),
      ];
      expect(probes.filter(([, accepted]) => accepted).map(([name]) => `${index}/${size}: ${name}`)).toEqual([]);
    }
  });

  it('rejects corrupted RFC consistency proofs (wrong sizes, roots, extra, missing or flipped hashes)', () => {
    for (const [m, n, pathHex] of RFC_CONSISTENCY.filter(([, , p]) => p.length > 0)) {
      const path = pathHex.map(hexToBytes);
      const r1 = hexToBytes(RFC_ROOTS[m]!);
      const r2 = hexToBytes(RFC_ROOTS[n]!);
      const probes: [string, boolean][] = [
        ['m − 1', verifyConsistency(m - 1, n, r1, r2, path)],
        ['m + 1', verifyConsistency(m + 1, n, r1, r2, path)],
        ['m ^ 2', verifyConsistency(m ^ 2, n, r1, r2, path)],
        ['n × 2', verifyConsistency(m, n * 2, r1, r2, path)],
        ['n ÷ 2', verifyConsistency(m, Math.floor(n / 2), r1, r2, path)],
        ['wrong old root', verifyConsistency(m, n, SOME_HASH, r2, path)],
        ['wrong new root', verifyConsistency(m, n, r1, SOME_HASH, path)],
        ['swapped roots', verifyConsistency(m, n, r2, r1, path)],
        ['empty proof', verifyConsistency(m, n, r1, r2, [])],
        ['trailing old root', verifyConsistency(m, n, r1, r2, [...path, r1])],
        ['trailing new root', verifyConsistency(m, n, r1, r2, [...path, r2])],
        ['preceding old root', verifyConsistency(m, n, r1, r2, [r1, ...path])],
        ['preceding new root', verifyConsistency(m, n, r1, r2, [r2, ...path])],
        ['preceding path[0]', verifyConsistency(m, n, r1, r2, [path[0]!, ...path])],
        ['truncated', verifyConsistency(m, n, r1, r2, path.slice(0, -1))],
        ...path.map((_, i): [string, boolean] => [`flipped path[${i}]`, verifyConsistency(m, n, r1, r2, flipByte(path, i, 4))]),
      ];
      expect(probes.filter(([, accepted]) => accepted).map(([name]) => `${m}→${n}: ${name}`)).toEqual([]);
    }
  });
});

describe('our own known answers', () => {
  const entries = Array.from({ length: 8 }, (_, i) => utf8ToBytes(`saylau board entry ${i}`));

  it('the reference, the static functions and the log give the recorded roots for 0..8 entries', () => {
    const log = new MerkleLog();
    for (let n = 0; n <= 8; n++) {
      if (n > 0) log.append(leafHash(entries[n - 1]!));
      const expected = OWN_ROOTS[n];
      expect(bytesToHex(refMth(entries.slice(0, n).map(refLeaf)))).toBe(expected);
      expect(bytesToHex(rootOf(entries.slice(0, n).map(leafHash)))).toBe(expected);
      expect(bytesToHex(log.root())).toBe(expected);
    }
  });

  it('a leaf hash is SHA-256(0x00 ‖ entry) and differs from a node over the same bytes', () => {
    const entry = utf8ToBytes('x');
    expect(bytesToHex(leafHash(entry))).toBe(bytesToHex(sha256(new Uint8Array([0, 0x78]))));
    const [a, b] = [leafHash(entries[0]!), leafHash(entries[1]!)];
    // A two-leaf root is not the leaf hash of the two leaf hashes concatenated (the 0x00/0x01 prefixes).
    expect(bytesToHex(rootOf([a, b]))).not.toBe(bytesToHex(leafHash(new Uint8Array([...a, ...b]))));
  });
});

describe('edge cases and misuse', () => {
  const leaves = leavesOf(1, 5);

  it('sizes that are always consistent, and those that never are', () => {
    const [r0, r1, r5] = [emptyRoot(), rootOf(leaves.slice(0, 1)), rootOf(leaves)];
    expect(verifyConsistency(0, 0, r0, r0, [])).toBe(true);
    expect(verifyConsistency(0, 5, r0, r5, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r1, [])).toBe(true);
    expect(verifyConsistency(0, 5, SOME_HASH, r5, [])).toBe(false); // size 0 has only the empty root
    expect(verifyConsistency(0, 0, r0, r1, [])).toBe(false);
    expect(verifyConsistency(1, 1, r1, r5, [])).toBe(false);
    expect(verifyConsistency(1, 1, r1, r1, [r0])).toBe(false); // equal sizes take no proof
    expect(verifyConsistency(0, 5, r0, r5, [r0])).toBe(false);
    expect(verifyConsistency(5, 1, r5, r1, [])).toBe(false); // time travel
    expect(verifyConsistency(1, 5, r1, r5, [])).toBe(false);
  });

  it('bad numbers and wrong-length hashes make verification false, never a throw', () => {
    const root = rootOf(leaves);
    const path = inclusionProof(leaves, 2);
    expect(verifyInclusion(leaves[2]!, 2, 5, path, root)).toBe(true);
    for (const [index, size] of [
      [-1, 5],
      [2.5, 5],
      [Number.NaN, 5],
      [2, Number.POSITIVE_INFINITY],
      [5, 5],
      [0, 0],
      [2, 2 ** 53],
    ]) {
      expect(verifyInclusion(leaves[2]!, index!, size!, path, root)).toBe(false);
    }
    expect(verifyInclusion(leaves[2]!.subarray(1), 2, 5, path, root)).toBe(false);
    expect(verifyInclusion(leaves[2]!, 2, 5, path, root.subarray(0, 31))).toBe(false);
    expect(verifyInclusion(leaves[2]!, 2, 5, [path[0]!, new Uint8Array(33), ...path.slice(2)], root)).toBe(false);
    const proof = consistencyProof(leaves, 3);
    const r3 = rootOf(leaves.slice(0, 3));
    expect(verifyConsistency(3, 5, r3, root, proof)).toBe(true);
    expect(verifyConsistency(3, 5, r3.subarray(1), root, proof)).toBe(false);
    expect(verifyConsistency(3, 5, r3, new Uint8Array(64), proof)).toBe(false);
    expect(verifyConsistency(-3, 5, r3, root, proof)).toBe(false);
    expect(verifyConsistency(3, Number.NaN, r3, root, proof)).toBe(false);
    expect(verifyConsistency(3, 5, r3, root, [...proof.slice(0, -1), new Uint8Array(0)])).toBe(false);
  });

  it('asking for a proof of something not in the tree throws', () => {
    expect(() => inclusionProof(leaves, 5)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, -1)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 6)).toThrow(RangeError);
    expect(() => rootOf([new Uint8Array(31)])).toThrow(TypeError);
    const log = MerkleLog.from(leaves);
    expect(() => log.inclusionProof(5)).toThrow(RangeError);
    expect(() => log.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => log.inclusionProof(0, 6)).toThrow(RangeError);
    expect(() => log.consistencyProof(4, 3)).toThrow(RangeError);
    expect(() => log.consistencyProof(1, 6)).toThrow(RangeError);
    expect(() => log.root(6)).toThrow(RangeError);
    expect(() => log.leafHash(5)).toThrow(RangeError);
    expect(() => log.append(new Uint8Array(33))).toThrow(TypeError);
  });

  it('the log hands out copies: changing one does not change the log', () => {
    const log = MerkleLog.from(leaves);
    const root = bytesToHex(log.root());
    log.leafHash(0).fill(0);
    log.root().fill(0);
    for (const h of log.inclusionProof(4)) h.fill(0);
    expect(bytesToHex(log.root())).toBe(root);
    expect(bytesToHex(log.leafHash(0))).toBe(bytesToHex(leaves[0]!));
  });

  it('proves inclusion and consistency for past sizes of a 100,000-leaf log', () => {
    const hashes = Array.from({ length: 100_000 }, (_, i) => leafHash(u32(i)));
    const log = new MerkleLog();
    for (const h of hashes) log.append(h);
    for (let i = 0; i < 200; i++) {
      const size = 100_000 - i;
      const index = (i * 7919) % size;
      const proof = log.inclusionProof(index, size);
      expect(verifyInclusion(hashes[index]!, index, size, proof, log.root(size))).toBe(true);
      const old = 1 + ((i * 104_729) % (size - 1));
      expect(verifyConsistency(old, size, log.root(old), log.root(size), log.consistencyProof(old, size))).toBe(true);
    }
  });
});

describe('properties over random trees (sizes 1..300)', () => {
  const tree = fc.record({ seed: fc.nat(1_000_000), size: fc.integer({ min: 1, max: 300 }) });

  it('the log’s root after every append equals the reference tree hash', () => {
    fc.assert(
      fc.property(tree, ({ seed, size }) => {
        const leaves = leavesOf(seed, size);
        const log = new MerkleLog();
        leaves.forEach((h, i) => {
          log.append(h);
          expect(bytesToHex(log.root())).toBe(bytesToHex(refMth(leaves.slice(0, i + 1))));
        });
        expect(bytesToHex(rootOf(leaves))).toBe(bytesToHex(refMth(leaves)));
      }),
      { numRuns: 15 },
    );
  });

  it('every inclusion proof in the tree verifies; the log’s proofs equal the static and reference proofs', () => {
    fc.assert(
      fc.property(tree, fc.nat(), ({ seed, size }, pick) => {
        const leaves = leavesOf(seed, size);
        const log = MerkleLog.from(leaves);
        const root = log.root();
        for (let i = 0; i < size; i++) expect(verifyInclusion(leaves[i]!, i, size, log.inclusionProof(i), root)).toBe(true);
        const index = pick % size;
        const expected = hex(refPath(index, leaves));
        expect(hex(inclusionProof(leaves, index))).toEqual(expected);
        expect(hex(log.inclusionProof(index))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('past sizes: the log’s roots and proofs for any earlier size equal those of that prefix', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), ({ seed, size }, a, b) => {
        const leaves = leavesOf(seed, size);
        const log = MerkleLog.from(leaves);
        const past = 1 + (a % size);
        const index = b % past;
        const prefix = leaves.slice(0, past);
        expect(bytesToHex(log.root(past))).toBe(bytesToHex(refMth(prefix)));
        expect(hex(log.inclusionProof(index, past))).toEqual(hex(inclusionProof(prefix, index)));
        expect(hex(log.consistencyProof(index, past))).toEqual(hex(consistencyProof(prefix, index)));
      }),
      { numRuns: 60 },
    );
  });

  it('an inclusion proof fails for another leaf, index, root, or size with that size’s root, and with any flipped byte', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.nat(), fc.nat(31), ({ seed, size }, a, b, c, byte) => {
        const leaves = leavesOf(seed, size + 1);
        const log = MerkleLog.from(leaves);
        const index = a % size;
        const proof = log.inclusionProof(index, size);
        const root = log.root(size);
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
        const other = (index + 1 + (b % size)) % (size + 1);
        if (other !== index) {
          expect(verifyInclusion(leaves[other]!, index, size, proof, root)).toBe(false);
          if (other < size) expect(verifyInclusion(leaves[index]!, other, size, proof, root)).toBe(false);
        }
        expect(verifyInclusion(leaves[index]!, index, size, proof, log.root(size + 1))).toBe(false);
        const otherSize = 1 + (c % (size + 1));
        if (otherSize !== size && index < otherSize) {
          expect(verifyInclusion(leaves[index]!, index, otherSize, proof, log.root(otherSize))).toBe(false);
        }
        if (proof.length > 0) {
          const i = c % proof.length;
          expect(verifyInclusion(leaves[index]!, index, size, flipByte(proof, i, byte), root)).toBe(false);
          expect(verifyInclusion(leaves[index]!, index, size, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(flipByte([leaves[index]!], 0, byte)[0]!, index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[index]!, index, size, proof, flipByte([root], 0, byte)[0]!)).toBe(false);
        expect(verifyInclusion(leaves[index]!, index, size, [...proof, root], root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('every consistency proof between old ≤ new verifies; it equals the reference; any change makes it fail', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.nat(31), ({ seed, size }, a, c, byte) => {
        const leaves = leavesOf(seed, size);
        const log = MerkleLog.from(leaves);
        const oldSize = a % (size + 1);
        const proof = log.consistencyProof(oldSize, size);
        expect(hex(proof)).toEqual(hex(refProof(oldSize, leaves)));
        expect(hex(consistencyProof(leaves, oldSize))).toEqual(hex(proof));
        const [r1, r2] = [log.root(oldSize), log.root(size)];
        expect(verifyConsistency(oldSize, size, r1, r2, proof)).toBe(true);
        if (oldSize === 0 || oldSize === size) return;
        expect(verifyConsistency(oldSize, size, flipByte([r1], 0, byte)[0]!, r2, proof)).toBe(false);
        expect(verifyConsistency(oldSize, size, r1, flipByte([r2], 0, byte)[0]!, proof)).toBe(false);
        expect(verifyConsistency(oldSize, size, r2, r1, proof)).toBe(false);
        const i = c % proof.length;
        expect(verifyConsistency(oldSize, size, r1, r2, flipByte(proof, i, byte))).toBe(false);
        expect(verifyConsistency(oldSize, size, r1, r2, proof.slice(0, -1))).toBe(false);
        expect(verifyConsistency(oldSize, size, r1, r2, [...proof, r2])).toBe(false);
        // Another pair of sizes, each with its true root, does not accept this proof.
        const otherOld = 1 + (c % (size - 1));
        if (otherOld !== oldSize) {
          expect(verifyConsistency(otherOld, size, log.root(otherOld), r2, proof)).toBe(false);
        }
        if (oldSize < size - 1) {
          expect(verifyConsistency(oldSize, size - 1, r1, log.root(size - 1), proof)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a tree is never consistent with a tree that changed an earlier leaf', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), ({ seed, size }, a, b) => {
        fc.pre(size >= 2);
        const leaves = leavesOf(seed, size);
        const oldSize = 1 + (a % (size - 1));
        const forked = leaves.slice();
        const changed = b % oldSize;
        forked[changed] = refLeaf(utf8ToBytes(`forked ${changed}`));
        const honest = MerkleLog.from(leaves);
        const fork = MerkleLog.from(forked);
        // The old head is the honest one; the fork's proof and root must not extend it.
        expect(verifyConsistency(oldSize, size, honest.root(oldSize), fork.root(), fork.consistencyProof(oldSize))).toBe(false);
        expect(verifyConsistency(oldSize, size, honest.root(oldSize), fork.root(), honest.consistencyProof(oldSize))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('signed tree heads', () => {
  const board = generateKeyPair();
  const other = generateKeyPair();
  const fingerprint = sha256(utf8ToBytes('election fingerprint'));
  const log = MerkleLog.from(leavesOf(7, 10));
  const timestamp = '2026-03-01T08:00:00.000Z';
  const head = signTreeHead(board.secretKey, fingerprint, 10, log.root(), timestamp);

  it('signs the tagged tuple (fingerprint, u64 size, root, timestamp) and verifies', () => {
    expect(verifyTreeHead(board.publicKey, fingerprint, head)).toBe(true);
    expect(head.rootHash).toBe(bytesToHex(log.root()));
    const message = treeHeadMessage(fingerprint, 10, log.root(), timestamp);
    const tag = utf8ToBytes('saylau/v1/board/tree-head');
    const expected = [
      ...u32(tag.length),
      ...tag,
      ...u32(32),
      ...fingerprint,
      ...u32(8),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      10,
      ...u32(32),
      ...log.root(),
      ...u32(24),
      ...utf8ToBytes(timestamp),
    ];
    expect(bytesToHex(message)).toBe(bytesToHex(new Uint8Array(expected)));
  });

  it('fails with another key, size, root, timestamp or fingerprint', () => {
    expect(verifyTreeHead(other.publicKey, fingerprint, head)).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, treeSize: 11 })).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, rootHash: bytesToHex(log.root(9)) })).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, timestamp: '2026-03-01T08:00:00.001Z' })).toBe(false);
    expect(verifyTreeHead(board.publicKey, flipByte([fingerprint], 0, 0)[0]!, head)).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint.subarray(1), head)).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, rootHash: head.rootHash.toUpperCase() })).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, treeSize: -1 })).toBe(false);
    expect(verifyTreeHead(board.publicKey, fingerprint, { ...head, timestamp: '2026-03-01T08:00:00Z' })).toBe(false);
  });

  it('survives the wire: JSON out, schema in, still verifies; a changed signature byte does not', () => {
    const json = JSON.parse(JSON.stringify(SignedTreeHeadWire.encode(head)));
    expect(Object.keys(json).sort()).toEqual(['rootHash', 'signature', 'timestamp', 'treeSize']);
    const parsed = SignedTreeHeadWire.parse(json);
    expect(verifyTreeHead(board.publicKey, fingerprint, parsed)).toBe(true);
    const response = json.signature.response as string;
    const changed = `${response.slice(0, 2) === '00' ? '01' : '00'}${response.slice(2)}`;
    const tampered = SignedTreeHeadWire.safeParse({ ...json, signature: { ...json.signature, response: changed } });
    expect(tampered.success && verifyTreeHead(board.publicKey, fingerprint, tampered.data)).toBe(false);
  });

  it('the schema rejects malformed heads', () => {
    const json = SignedTreeHeadWire.encode(head);
    for (const bad of [
      { ...json, treeSize: -1 },
      { ...json, treeSize: 1.5 },
      { ...json, treeSize: '10' },
      { ...json, rootHash: json.rootHash.slice(2) },
      { ...json, rootHash: json.rootHash.toUpperCase() },
      { ...json, timestamp: '2026-03-01T08:00:00Z' },
      { ...json, timestamp: '2026-03-01T08:00:00.000+00:00' },
      { ...json, timestamp: '2026-02-30T08:00:00.000Z' },
      { ...json, timestamp: '2026-03-01 08:00:00.000Z' },
      { ...json, extra: 1 },
      { ...json, signature: { ...json.signature, commitment: '00'.repeat(32) } },
    ]) {
      expect(SignedTreeHeadWire.safeParse(bad).success).toBe(false);
    }
  });

  it('signing refuses misuse', () => {
    expect(() => signTreeHead(board.secretKey, fingerprint.subarray(1), 10, log.root(), timestamp)).toThrow(TypeError);
    expect(() => signTreeHead(board.secretKey, fingerprint, 10, log.root().subarray(1), timestamp)).toThrow(TypeError);
    expect(() => signTreeHead(board.secretKey, fingerprint, -1, log.root(), timestamp)).toThrow(RangeError);
    expect(() => signTreeHead(board.secretKey, fingerprint, 10, log.root(), '2026-03-01')).toThrow(TypeError);
  });
});

describe('receipts and head consistency', () => {
  const board = generateKeyPair();
  const boardKey = { publicKey: board.publicKey, fingerprint: sha256(utf8ToBytes('another election')) };
  const entries = Array.from({ length: 13 }, (_, i) => utf8ToBytes(`event ${i}`));
  const log = MerkleLog.from(entries.map(leafHash));
  const sign = (size: number, timestamp: string) =>
    signTreeHead(board.secretKey, boardKey.fingerprint, size, log.root(size), timestamp);
  const older = sign(9, '2026-03-01T08:00:00.000Z');
  const newer = sign(13, '2026-03-01T09:00:00.000Z');

  it('a receipt’s entry, proof and head verify, through the wire format too', () => {
    const proof = makeInclusionProof(log, 4, 9);
    expect(verifyReceiptInclusion(boardKey, entries[4]!, proof, older)).toEqual({ ok: true, value: undefined });
    const wire = InclusionProofWire.parse(JSON.parse(JSON.stringify(proof)));
    expect(verifyReceiptInclusion(boardKey, entries[4]!, wire, older).ok).toBe(true);
    expect(checkInclusion(leafHash(entries[4]!), wire, older).ok).toBe(true);
  });

  it('a receipt fails with the code of each thing wrong, all of them reported', () => {
    const proof = makeInclusionProof(log, 4, 9);
    const codes = (r: { ok: boolean; problems?: readonly { code: string }[] }) => (r.ok ? [] : r.problems!.map((p) => p.code));
    expect(codes(verifyReceiptInclusion(boardKey, entries[5]!, proof, older))).toEqual(['BAD_INCLUSION_PROOF']);
    expect(codes(verifyReceiptInclusion(boardKey, entries[4]!, proof, newer))).toEqual(['BAD_INCLUSION_PROOF']);
    const forged = { ...older, rootHash: bytesToHex(log.root(10)) };
    expect(codes(verifyReceiptInclusion(boardKey, entries[4]!, proof, forged))).toEqual([
      'BAD_TREE_HEAD_SIGNATURE',
      'BAD_INCLUSION_PROOF',
    ]);
    const otherKey = { ...boardKey, publicKey: generateKeyPair().publicKey };
    expect(codes(verifyReceiptInclusion(otherKey, entries[4]!, proof, older))).toEqual(['BAD_TREE_HEAD_SIGNATURE']);
    const flipped = { ...proof, path: proof.path.map((h, i) => (i === 1 ? `${h.slice(0, 63)}${h[63] === '0' ? '1' : '0'}` : h)) };
    expect(codes(verifyReceiptInclusion(boardKey, entries[4]!, flipped, older))).toEqual(['BAD_INCLUSION_PROOF']);
    expect(codes(checkInclusion(leafHash(entries[4]!), { ...proof, path: ['zz'] }, older))).toEqual(['BAD_INCLUSION_PROOF']);
  });

  it('two heads of one history are consistent; a rollback or a fork is caught', () => {
    const proof = makeConsistencyProof(log, 9, 13);
    expect(verifyHeadConsistency(boardKey, older, newer, proof).ok).toBe(true);
    const wire = ConsistencyProofWire.parse(JSON.parse(JSON.stringify(proof)));
    expect(checkConsistency(wire, older, newer).ok).toBe(true);
    // Rollback: the "newer" head is smaller.
    const rolledBack = verifyHeadConsistency(boardKey, newer, older, proof);
    expect(rolledBack.ok ? [] : rolledBack.problems.map((p) => p.code)).toEqual(['BAD_CONSISTENCY_PROOF']);
    // Fork: a head of 13 entries whose 7th differs, properly signed by the (misbehaving) board key.
    const forkedLog = MerkleLog.from(entries.map((e, i) => leafHash(i === 6 ? utf8ToBytes('rewritten') : e)));
    const forkHead = signTreeHead(board.secretKey, boardKey.fingerprint, 13, forkedLog.root(), '2026-03-01T09:00:00.000Z');
    for (const p of [makeConsistencyProof(forkedLog, 9, 13), proof]) {
      const forked = verifyHeadConsistency(boardKey, older, forkHead, p);
      expect(forked.ok ? [] : forked.problems.map((x) => x.code)).toEqual(['BAD_CONSISTENCY_PROOF']);
    }
    const unsigned = verifyHeadConsistency(boardKey, older, { ...newer, timestamp: '2026-03-01T09:00:00.001Z' }, proof);
    expect(unsigned.ok ? [] : unsigned.problems.map((x) => x.code)).toEqual(['BAD_TREE_HEAD_SIGNATURE']);
  });

  it('the proof schemas reject malformed proofs', () => {
    const good = makeInclusionProof(log, 0, 13);
    expect(InclusionProofWire.safeParse(good).success).toBe(true);
    for (const bad of [
      { ...good, leafIndex: -1 },
      { ...good, treeSize: 2 ** 53 },
      { ...good, path: ['ab'] },
      { ...good, path: Array(67).fill(good.path[0]) },
      { ...good, extra: true },
    ]) {
      expect(InclusionProofWire.safeParse(bad).success).toBe(false);
    }
    expect(
      ConsistencyProofWire.safeParse({ fromSize: 1, toSize: 2, path: [bytesToHex(encodePoint(board.publicKey))] }).success,
    ).toBe(true);
    expect(ConsistencyProofWire.safeParse({ fromSize: 1, toSize: 2 }).success).toBe(false);
  });
});
