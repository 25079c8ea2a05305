// The second device's sealed seed, verification link and receipt file (spec §3.6.6, §3.6.7): the seal opens only
// under its key for its election and ballot, the access token is the one §3.6.6 defines, the link carries k and
// nothing else, and a receipt file has no room for a seed or a key.
import { createHash } from 'node:crypto';
import { aeadOpen, bytesToHex, hexToBytes, randomBytes, u32, utf8ToBytes } from '@saylau/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newVerificationKey,
  openSeal,
  parseVerificationLink,
  readReceiptFile,
  receiptFile,
  sealSeed,
  sealUpload,
  trackingCode,
  VERIFY_PAGE,
  verificationAccess,
  verificationUrl,
} from '../src/index.ts';

const subject = { fingerprint: randomBytes(32), ballotHash: bytesToHex(randomBytes(32)) };
const flip = (hex: string, at: number): string => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

/** encodeTuple of §2.3, written out again from the spec: u32(len) ‖ bytes for the tag and each field. */
function tuple(tag: string, fields: Uint8Array[]): Uint8Array {
  const parts = [utf8ToBytes(tag), ...fields].flatMap((f) => [u32(f.length), f]);
  return new Uint8Array(Buffer.concat(parts));
}

describe('the sealed seed (spec §3.6.6)', () => {
  it('opens under its key to the seed, and under nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const key = newVerificationKey();
        const seal = sealSeed(key, seed, subject);
        expect(seal.nonce).toMatch(/^[0-9a-f]{48}$/);
        expect(seal.sealed).toMatch(/^[0-9a-f]{96}$/);
        expect(bytesToHex(openSeal(key, seal, subject) as Uint8Array)).toBe(bytesToHex(seed));
        expect(openSeal(newVerificationKey(), seal, subject)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('is bound to the election and the ballot: another fingerprint or ballot hash does not open it', () => {
    const key = newVerificationKey();
    const seal = sealSeed(key, randomBytes(32), subject);
    expect(openSeal(key, seal, { ...subject, fingerprint: randomBytes(32) })).toBeNull();
    expect(openSeal(key, seal, { ...subject, ballotHash: bytesToHex(randomBytes(32)) })).toBeNull();
  });

  it('refuses any changed byte of the nonce or the sealed seed, and malformed hex', () => {
    const key = newVerificationKey();
    const seal = sealSeed(key, randomBytes(32), subject);
    for (let at = 0; at < seal.sealed.length; at += 7) {
      expect(openSeal(key, { ...seal, sealed: flip(seal.sealed, at) }, subject)).toBeNull();
    }
    for (let at = 0; at < seal.nonce.length; at += 5) {
      expect(openSeal(key, { ...seal, nonce: flip(seal.nonce, at) }, subject)).toBeNull();
    }
    expect(openSeal(key, { ...seal, sealed: seal.sealed.slice(2) }, subject)).toBeNull();
    expect(openSeal(key, { ...seal, nonce: seal.nonce.toUpperCase() }, subject)).toBeNull();
  });

  it('is XChaCha20-Poly1305 under k with AD = encodeTuple("saylau/v1/ballot/verification-seal", [fp, ballot hash])', () => {
    const key = newVerificationKey();
    const seed = randomBytes(32);
    const seal = sealSeed(key, seed, subject);
    const ad = tuple('saylau/v1/ballot/verification-seal', [subject.fingerprint, hexToBytes(subject.ballotHash)]);
    const opened = aeadOpen(key, hexToBytes(seal.nonce), ad, hexToBytes(seal.sealed));
    expect(opened && bytesToHex(opened)).toBe(bytesToHex(seed));
  });

  it('access = SHA-256(encodeTuple("saylau/v1/ballot/verification-access", [fp, ballot hash, k])), one per key and ballot', () => {
    const key = newVerificationKey();
    const expected = createHash('sha256')
      .update(tuple('saylau/v1/ballot/verification-access', [subject.fingerprint, hexToBytes(subject.ballotHash), key]))
      .digest('hex');
    expect(verificationAccess(key, subject)).toBe(expected);
    expect(verificationAccess(newVerificationKey(), subject)).not.toBe(expected);
    expect(verificationAccess(key, { ...subject, ballotHash: bytesToHex(randomBytes(32)) })).not.toBe(expected);
    const upload = sealUpload(key, randomBytes(32), subject);
    expect(upload.access).toBe(expected);
    expect(upload.ballotHash).toBe(subject.ballotHash);
    // the upload never carries k or the seed: only what the server may hold
    expect(Object.keys(upload).sort()).toEqual(['access', 'ballotHash', 'nonce', 'sealed']);
  });

  it('refuses keys and seeds of the wrong length (a programming error)', () => {
    expect(() => sealSeed(randomBytes(16), randomBytes(32), subject)).toThrow(TypeError);
    expect(() => sealSeed(newVerificationKey(), randomBytes(31), subject)).toThrow(TypeError);
  });
});

describe('the verification link (spec §3.6.6)', () => {
  const link = { election: 'almaty-2026-parks', ballotHash: subject.ballotHash, key: newVerificationKey() };

  it('carries the election, the ballot hash and k in the fragment, and reads back from the link or the fragment', () => {
    const url = verificationUrl('https://vote.example.kz/', link);
    expect(url).toBe(
      `https://vote.example.kz${VERIFY_PAGE}#election=${link.election}&ballot=${link.ballotHash}&key=${bytesToHex(link.key)}`,
    );
    for (const text of [url, url.slice(url.indexOf('#') + 1), `  ${url}\n`]) {
      const read = parseVerificationLink(text);
      expect(read && { ...read, key: bytesToHex(read.key) }).toEqual({ ...link, key: bytesToHex(link.key) });
    }
  });

  it('refuses anything else, a link that carries a seed instead of a key included', () => {
    const url = verificationUrl('https://vote.example.kz', link);
    for (const bad of [
      'not a link',
      url.replace('key=', 'seed='),
      url.replace(/key=[0-9a-f]+/, 'key=abc'),
      url.replace(/ballot=[0-9a-f]+/, `ballot=${'A'.repeat(64)}`),
      url.replace(/election=[^&]+/, 'election=-bad'),
    ]) {
      expect(parseVerificationLink(bad)).toBeNull();
    }
  });
});

describe('the receipt file (spec §3.6.7)', () => {
  const ballotHash = bytesToHex(randomBytes(32));
  const receipt = {
    ballotHash,
    trackingCode: trackingCode(ballotHash),
    leafIndex: 4,
    supersedes: null,
    inclusionProof: { leafIndex: 4, treeSize: 5, path: [bytesToHex(randomBytes(32))] },
    treeHead: {
      treeSize: 5,
      rootHash: bytesToHex(randomBytes(32)),
      timestamp: '2026-06-01T10:00:00.000Z',
      // a valid encoding of an element (the base point) and a canonical scalar: the file checks shape, not signatures
      signature: { commitment: 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76', response: '01'.repeat(32) },
    },
  };
  const where = { election: 'almaty-2026-parks', fingerprint: bytesToHex(randomBytes(32)), server: 'https://vote.example.kz' };

  it('copies the receipt’s fields and nothing else, and reads back', () => {
    const file = receiptFile({ ...receipt, seed: 'ab'.repeat(32) } as typeof receipt, where);
    expect(JSON.stringify(file)).not.toContain('ab'.repeat(32));
    expect(Object.keys(file).sort()).toEqual(
      [
        'ballotHash',
        'election',
        'fingerprint',
        'inclusionProof',
        'leafIndex',
        'server',
        'supersedes',
        'trackingCode',
        'treeHead',
        'type',
        'version',
      ].sort(),
    );
    const read = readReceiptFile(JSON.parse(JSON.stringify(file)));
    expect(read.ok).toBe(true);
  });

  it('refuses an unknown field (a seed, a key), a tracking code of another hash, and another type', () => {
    const file = receiptFile(receipt, where);
    for (const extra of ['seed', 'key', 'verificationLink']) {
      const read = readReceiptFile({ ...file, [extra]: 'ab'.repeat(32) });
      expect(read.ok).toBe(false);
    }
    const other = readReceiptFile({ ...file, trackingCode: trackingCode(bytesToHex(randomBytes(32))) });
    expect(!other.ok && other.problems[0]?.path).toEqual(['trackingCode']);
    expect(readReceiptFile({ ...file, type: 'saylau-ballot-audit' }).ok).toBe(false);
    expect(readReceiptFile(null).ok).toBe(false);
  });
});
