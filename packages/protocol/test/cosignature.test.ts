// Witness co-signatures (spec §5.9): the co-signed message byte for byte, signing and verifying, the one rule that
// counts distinct witnesses, and co-signatures carried by heads in the record, in receipt files and on the wire.
import { readFileSync } from 'node:fs';
import { bytesToHex, encodePoint, generateKeyPair, type Scalar, rawSha256 as sha256, u32, utf8ToBytes } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  buildRecordFiles,
  checkCosignatures,
  cosignatureMessage,
  cosignTreeHead,
  MerkleLog,
  RECORD_FILES,
  readReceiptFile,
  readRecordFiles,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  signTreeHead,
  trackingCode,
  treeHeadMessage,
  verifyCosignature,
  verifyTreeHead,
  withoutCosignatures,
} from '../src/index.ts';
import { simulateElection } from '../src/node.ts';

const loadDraft = () =>
  JSON.parse(readFileSync(new URL('../../../test/fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'));

const fingerprint = sha256(utf8ToBytes('witnessed election'));
const board = generateKeyPair();
const a = generateKeyPair();
const b = generateKeyPair();
const hex = (k: { publicKey: ReturnType<typeof generateKeyPair>['publicKey'] }) => bytesToHex(encodePoint(k.publicKey));
const definition = {
  boardKey: hex(board),
  witnesses: {
    members: [
      { id: 'observer-a', name: 'A', publicKey: hex(a) },
      { id: 'observer-b', name: 'B', publicKey: hex(b) },
    ],
    quorum: 2,
  },
};
const root = MerkleLog.from([sha256(utf8ToBytes('leaf 0')), sha256(utf8ToBytes('leaf 1'))]).root();
const head = SignedTreeHeadWire.encode(signTreeHead(board.secretKey, fingerprint, 2, root, '2026-03-01T08:00:00.000Z'));
const cosign = (secret: Scalar, witness: string, h: SignedTreeHeadJson = head) => cosignTreeHead(secret, fingerprint, witness, h);

describe('the co-signed message', () => {
  it('is the tree head message under the witness tag: encodeTuple(tag, [fp, u64(size), root, utf8(time)])', () => {
    const message = cosignatureMessage(fingerprint, 2, root, head.timestamp);
    const tag = utf8ToBytes('saylau/v1/witness/cosignature');
    const expected = [
      ...u32(tag.length),
      ...tag,
      ...u32(32),
      ...fingerprint,
      ...u32(8),
      ...[0, 0, 0, 0, 0, 0, 0, 2],
      ...u32(32),
      ...root,
      ...u32(24),
      ...utf8ToBytes(head.timestamp),
    ];
    expect(bytesToHex(message)).toBe(bytesToHex(new Uint8Array(expected)));
    // the same fields under the board's tag give other bytes: one signature never stands for the other
    const boardMessage = treeHeadMessage(fingerprint, 2, root, head.timestamp);
    expect(bytesToHex(boardMessage.subarray(4 + 25))).toBe(bytesToHex(message.subarray(4 + tag.length)));
    expect(bytesToHex(boardMessage)).not.toBe(bytesToHex(message));
  });

  it('verifies for its witness key and head only', () => {
    const { signature } = SignedTreeHeadWire.shape.cosignatures.unwrap().element.parse(cosign(a.secretKey, 'observer-a'));
    expect(verifyCosignature(a.publicKey, fingerprint, head, signature)).toBe(true);
    expect(verifyCosignature(b.publicKey, fingerprint, head, signature)).toBe(false);
    expect(verifyCosignature(a.publicKey, fingerprint, { ...head, treeSize: 3 }, signature)).toBe(false);
    expect(verifyCosignature(a.publicKey, fingerprint, { ...head, rootHash: 'ab'.repeat(32) }, signature)).toBe(false);
    expect(verifyCosignature(a.publicKey, fingerprint, { ...head, timestamp: '2026-03-01T08:00:00.001Z' }, signature)).toBe(
      false,
    );
    expect(verifyCosignature(a.publicKey, sha256(utf8ToBytes('another election')), head, signature)).toBe(false);
    // the board key's own signature of the head is not a co-signature, even by the same key
    const boardSignature = SignedTreeHeadWire.parse(head).signature;
    expect(verifyCosignature(board.publicKey, fingerprint, head, boardSignature)).toBe(false);
  });

  it('signing refuses misuse', () => {
    expect(() => cosignTreeHead(a.secretKey, fingerprint.subarray(1), 'observer-a', head)).toThrow(TypeError);
    expect(() => cosignTreeHead(a.secretKey, fingerprint, 'observer-a', { ...head, rootHash: 'AB'.repeat(32) })).toThrow(
      TypeError,
    );
    expect(() => cosignTreeHead(a.secretKey, fingerprint, 'observer-a', { ...head, timestamp: 'yesterday' })).toThrow(TypeError);
  });
});

describe('checkCosignatures: distinct witnesses of the definition', () => {
  it('counts each named witness once and reaches the quorum with both', () => {
    const verdict = checkCosignatures(definition, fingerprint, head, [
      cosign(b.secretKey, 'observer-b'),
      cosign(a.secretKey, 'observer-a'),
    ]);
    expect(verdict).toEqual({ signers: ['observer-a', 'observer-b'], quorum: true, problems: [] });
  });

  it('a repeated, unknown, malformed or wrong co-signature is BAD_COSIGNATURE and does not count', () => {
    const good = cosign(a.secretKey, 'observer-a');
    const verdict = checkCosignatures(definition, fingerprint, head, [
      good,
      cosign(a.secretKey, 'observer-a'),
      cosign(generateKeyPair().secretKey, 'observer-c'),
      cosign(generateKeyPair().secretKey, 'observer-b'),
      { witness: 'observer-b', signature: { commitment: '00'.repeat(32), response: good.signature.response } },
      { witness: 'observer-b' },
      'not an object',
    ]);
    expect(verdict.signers).toEqual(['observer-a']);
    expect(verdict.quorum).toBe(false);
    expect(verdict.problems.map((p) => [p.code, p.path[0]])).toEqual([1, 2, 3, 4, 5, 6].map((i) => ['BAD_COSIGNATURE', i]));
    expect(verdict.problems[0]?.message).toMatch(/twice/);
    expect(verdict.problems[1]?.message).toMatch(/not a witness named in the definition/);
  });

  it('a witness whose key is the board key vouches for nothing', () => {
    const captured = {
      ...definition,
      witnesses: { members: [...definition.witnesses.members, { id: 'server', name: 'S', publicKey: hex(board) }], quorum: 1 },
    };
    const verdict = checkCosignatures(captured, fingerprint, head, [cosign(board.secretKey, 'server')]);
    expect(verdict.signers).toEqual([]);
    expect(verdict.problems[0]?.message).toMatch(/is the board key/);
  });

  it('without witnesses in the definition, any co-signature is unknown and there is no quorum', () => {
    const verdict = checkCosignatures({ boardKey: hex(board) }, fingerprint, head, [cosign(a.secretKey, 'observer-a')]);
    expect(verdict.quorum).toBe(false);
    expect(verdict.problems).toHaveLength(1);
    expect(checkCosignatures({ boardKey: hex(board) }, fingerprint, head, []).quorum).toBe(false);
  });
});

describe('heads carrying co-signatures', () => {
  const cosigned: SignedTreeHeadJson = { ...head, cosignatures: [cosign(a.secretKey, 'observer-a')] };

  it('the wire takes them as a member outside what the board key signed', () => {
    const parsed = SignedTreeHeadWire.parse(cosigned);
    expect(verifyTreeHead(board.publicKey, fingerprint, parsed)).toBe(true);
    expect(withoutCosignatures(cosigned)).toEqual(head);
    expect(SignedTreeHeadWire.encode(parsed)).toEqual(cosigned);
    for (const bad of [
      { ...head, cosignatures: [{ ...cosigned.cosignatures?.[0], extra: 1 }] },
      { ...head, cosignatures: [{ witness: 'Not An Id', signature: cosigned.cosignatures?.[0]?.signature }] },
      { ...head, cosignatures: Array.from({ length: 51 }, () => cosigned.cosignatures?.[0]) },
      { ...head, cosignatures: {} },
    ]) {
      expect(SignedTreeHeadWire.safeParse(bad).success).toBe(false);
    }
  });

  it('a receipt file may carry them in its head; nothing else is added to the closed format', () => {
    const sim = simulateElection({
      draft: loadDraft(),
      voters: 3,
      seed: 'receipt',
      abstainShare: 0,
      revoteShare: 0,
      paperShare: 0,
    });
    const ballot = sim.events.find((e) => e.type === 'ballot');
    if (ballot?.type !== 'ballot') throw new Error('no ballot');
    const file = {
      type: 'saylau-receipt',
      version: 1,
      election: sim.definition.id,
      fingerprint: bytesToHex(sim.fingerprint),
      ballotHash: 'ab'.repeat(32),
      trackingCode: trackingCode('ab'.repeat(32)),
      leafIndex: ballot.seq,
      supersedes: null,
      inclusionProof: { leafIndex: ballot.seq, treeSize: head.treeSize, path: [] },
      treeHead: cosigned,
    };
    expect(readReceiptFile(file).ok).toBe(true);
    const wrong = readReceiptFile({ ...file, cosignatures: cosigned.cosignatures });
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.code)).toContain('MALFORMED');
  });

  it('the record keeps them on its head lines; a record without any reads as before', () => {
    const sim = simulateElection({
      draft: loadDraft(),
      voters: 4,
      seed: 'record-cosigned',
      treeHeadEvery: 8,
      witnesses: { members: 2, quorum: 2 },
    });
    expect(sim.treeHeads.length).toBeGreaterThan(2);
    expect(sim.treeHeads.every((h) => h.cosignatures?.length === 2)).toBe(true);
    const files = buildRecordFiles(sim.events, sim.treeHeads, '2036-01-02T00:00:00.000Z');
    const read = readRecordFiles(files);
    expect(read.ok && read.value.treeHeads.at(-1)?.cosignatures).toHaveLength(2);
    expect(read.ok && read.value.manifest.finalTreeHead.cosignatures).toHaveLength(2);

    const plain = buildRecordFiles(sim.events, sim.treeHeads.map(withoutCosignatures), '2036-01-02T00:00:00.000Z');
    expect(new TextDecoder().decode(plain.get(RECORD_FILES.treeHeads))).not.toContain('cosignatures');
    expect(readRecordFiles(plain).ok).toBe(true);

    // a head line whose co-signature has an unknown member is not a head line
    const broken = sim.treeHeads.map((h, i) =>
      i === 0 ? { ...h, cosignatures: [{ ...h.cosignatures?.[0], note: 'x' }] } : h,
    ) as SignedTreeHeadJson[];
    const bad = readRecordFiles(buildRecordFiles(sim.events, broken, '2036-01-02T00:00:00.000Z'));
    expect(bad.ok ? [] : bad.problems.map((p) => [p.code, ...p.path.slice(0, 2)])).toEqual([
      ['RECORD_BAD_LINE', 'tree-heads.jsonl', 0],
    ]);
  });
});
