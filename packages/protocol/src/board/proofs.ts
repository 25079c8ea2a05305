// Inclusion and consistency proofs on the wire (spec §5.6), and the checks a receipt holder or an auditor runs
// on them against signed tree heads, with failures as Problem values.
import { bytesToHex, hexToBytes, type Point } from '@saylau/crypto';
import { z } from 'zod';
import { DigestHex } from '../codec.ts';
import { fail, ok, type Problem, problem, type Result } from '../errors.ts';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.ts';
import type { MerkleLog } from './merkle-log.ts';
import { type SignedTreeHead, TreeSizeWire, verifyTreeHead } from './tree-head.ts';

/** A path has at most one hash per tree level (inclusion) or two more than that (consistency); 2^64 leaves bound both. */
const MAX_PATH = 66;

export const InclusionProofWire = z
  .object({ leafIndex: TreeSizeWire, treeSize: TreeSizeWire, path: z.array(DigestHex).max(MAX_PATH) })
  .strict();
export type InclusionProof = z.infer<typeof InclusionProofWire>;

export const ConsistencyProofWire = z
  .object({ fromSize: TreeSizeWire, toSize: TreeSizeWire, path: z.array(DigestHex).max(MAX_PATH) })
  .strict();
export type ConsistencyProof = z.infer<typeof ConsistencyProofWire>;

/** The board key and the election a head must be signed for. */
export interface BoardKey {
  readonly publicKey: Point;
  readonly fingerprint: Uint8Array;
}

/** The unsigned part of a tree head that proofs are checked against. */
export type TreeHeadRoot = Pick<SignedTreeHead, 'treeSize' | 'rootHash'>;

const DIGEST = /^[0-9a-f]{64}$/;

function digests(hexes: readonly string[]): Uint8Array[] | null {
  if (!Array.isArray(hexes) || !hexes.every((h) => typeof h === 'string' && DIGEST.test(h))) return null;
  return hexes.map(hexToBytes);
}

function digest(hex: string): Uint8Array | null {
  return typeof hex === 'string' && DIGEST.test(hex) ? hexToBytes(hex) : null;
}

/** The wire proof that leaf `leafIndex` is in the tree of the log's first treeSize leaves. */
export function makeInclusionProof(log: MerkleLog, leafIndex: number, treeSize: number = log.size): InclusionProof {
  return { leafIndex, treeSize, path: log.inclusionProof(leafIndex, treeSize).map(bytesToHex) };
}

/** The wire proof that the tree of fromSize leaves is a prefix of the tree of toSize leaves. */
export function makeConsistencyProof(log: MerkleLog, fromSize: number, toSize: number = log.size): ConsistencyProof {
  return { fromSize, toSize, path: log.consistencyProof(fromSize, toSize).map(bytesToHex) };
}

/** Checks that the leaf hash is in the tree the head describes (the head's signature is not checked here). */
export function checkInclusion(leaf: Uint8Array, proof: InclusionProof, head: TreeHeadRoot): Result<void> {
  if (proof.treeSize !== head.treeSize) {
    return fail([
      problem('BAD_INCLUSION_PROOF', ['treeSize'], `the proof is for tree size ${proof.treeSize}, the head for ${head.treeSize}`),
    ]);
  }
  const path = digests(proof.path);
  const root = digest(head.rootHash);
  if (path === null || root === null || !verifyInclusion(leaf, proof.leafIndex, proof.treeSize, path, root)) {
    return fail([problem('BAD_INCLUSION_PROOF', ['path'])]);
  }
  return ok(undefined);
}

/** Checks that the newer head's tree extends the older head's tree (signatures are not checked here). */
export function checkConsistency(proof: ConsistencyProof, older: TreeHeadRoot, newer: TreeHeadRoot): Result<void> {
  if (proof.fromSize !== older.treeSize || proof.toSize !== newer.treeSize) {
    return fail([
      problem(
        'BAD_CONSISTENCY_PROOF',
        ['fromSize'],
        `the proof is from size ${proof.fromSize} to ${proof.toSize}, the heads are ${older.treeSize} and ${newer.treeSize}`,
      ),
    ]);
  }
  const path = digests(proof.path);
  const oldRoot = digest(older.rootHash);
  const newRoot = digest(newer.rootHash);
  if (
    path === null ||
    oldRoot === null ||
    newRoot === null ||
    !verifyConsistency(proof.fromSize, proof.toSize, oldRoot, newRoot, path)
  ) {
    return fail([problem('BAD_CONSISTENCY_PROOF', ['path'])]);
  }
  return ok(undefined);
}

/**
 * What a receipt holder checks: the head is signed by the board key for this election, and the entry's leaf is
 * in the head's tree. Reports every failure, not only the first.
 */
export function verifyReceiptInclusion(
  board: BoardKey,
  entry: Uint8Array,
  proof: InclusionProof,
  head: SignedTreeHead,
): Result<void> {
  const problems: Problem[] = [];
  if (!verifyTreeHead(board.publicKey, board.fingerprint, head)) problems.push(problem('BAD_TREE_HEAD_SIGNATURE', ['head']));
  const inclusion = checkInclusion(leafHash(entry), proof, head);
  if (!inclusion.ok) problems.push(...inclusion.problems);
  return problems.length === 0 ? ok(undefined) : fail(problems);
}

/**
 * What anyone holding two heads checks: both are signed by the board key for this election, and the newer one's
 * tree extends the older one's (no rollback, no fork). Reports every failure, not only the first.
 */
export function verifyHeadConsistency(
  board: BoardKey,
  older: SignedTreeHead,
  newer: SignedTreeHead,
  proof: ConsistencyProof,
): Result<void> {
  const problems: Problem[] = [];
  if (!verifyTreeHead(board.publicKey, board.fingerprint, older)) problems.push(problem('BAD_TREE_HEAD_SIGNATURE', ['older']));
  if (!verifyTreeHead(board.publicKey, board.fingerprint, newer)) problems.push(problem('BAD_TREE_HEAD_SIGNATURE', ['newer']));
  const consistency = checkConsistency(proof, older, newer);
  if (!consistency.ok) problems.push(...consistency.problems);
  return problems.length === 0 ? ok(undefined) : fail(problems);
}
