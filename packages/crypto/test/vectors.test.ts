// Our own known-answer vectors (test/vectors/proofs.json, from scripts/generate-vectors.ts): deterministic values are
// recomputed, stored proofs verify as recorded (by the library and by the spec §2 equations written out here),
// and mutated copies fail.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeterministicVectors, deterministicVectors, VECTOR_SEED, type VectorFile } from '../scripts/generate-vectors.ts';
import {
  bytesToHex,
  type Ciphertext,
  combineDecryptionShares,
  commitPolynomial,
  committedShare,
  DecodeError,
  dealerCommitmentEquations,
  decodePoint,
  decodeScalar,
  decryptionShareEquations,
  decryptShare,
  decryptToPoint,
  deriveCredentialKey,
  deriveGenerator,
  discreteLog,
  type EncryptedShare,
  encodePoint,
  encodeScalar,
  encodeTuple,
  encrypt,
  equationHolds,
  evaluatePolynomial,
  G,
  hashToScalar,
  hexToBytes,
  IDENTITY,
  judgeComplaint,
  lagrangeAtZero,
  mulPublic,
  normalizeCredentialCode,
  ORDER,
  type Point,
  publicKeyOf,
  type Scalar,
  scalarFromWideBytes,
  sumCiphertexts,
  TAGS,
  type Tag,
  taggedHash,
  u32,
  u64,
  verifyBoxProof,
  verifyChaumPedersen,
  verifyRange,
  verifySchnorr,
  verifyShare,
  verifySignature,
} from '../src/index.ts';

const file = JSON.parse(readFileSync(new URL('./vectors/proofs.json', import.meta.url), 'utf8')) as VectorFile;
const det = file.deterministic;
const proofs = file.proofs;

const P = (h: string): Point => decodePoint(hexToBytes(h));
const S = (h: string): Scalar => decodeScalar(hexToBytes(h));
const hex = (p: Point): string => bytesToHex(encodePoint(p));
const shex = (s: Scalar): string => bytesToHex(encodeScalar(s));
const ctxOf = (fields: readonly string[]): Uint8Array[] => fields.map(hexToBytes);
const cipherOf = (c: { alpha: string; beta: string }): Ciphertext => ({ alpha: P(c.alpha), beta: P(c.beta) });

/** The hex string with one character changed (still hex, same length). */
function mutateHex(h: string, at = h.length - 1): string {
  const c = h[at] === '0' ? '1' : '0';
  return h.slice(0, at) + c + h.slice(at + 1);
}

/** Verification that treats an undecodable mutated field as a rejection. */
function accepts(check: () => boolean): boolean {
  try {
    return check();
  } catch (error) {
    if (error instanceof DecodeError) return false;
    throw error;
  }
}

describe('vectors: the file', () => {
  it('is the current format and seed', () => {
    expect(file.format).toBe('saylau-crypto-vectors/1');
    expect(file.seed).toBe(VECTOR_SEED);
  });
});

describe('vectors: deterministic section', () => {
  let regenerated: DeterministicVectors;
  beforeAll(() => {
    regenerated = deterministicVectors();
  });

  it('is reproduced exactly by the generator script', () => {
    expect(regenerated).toEqual(det);
  });

  it('differs from any copy with one hex value changed', () => {
    const leaves: string[][] = [];
    const walk = (v: unknown, path: string[]): void => {
      if (typeof v === 'string' && /^[0-9a-f]{2,}$/.test(v)) leaves.push(path);
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(det, []);
    expect(leaves.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), (path) => {
        const copy = structuredClone(det) as unknown as Record<string, unknown>;
        let node = copy as Record<string, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        const last = path[path.length - 1] as string;
        node[last] = mutateHex(node[last] as string);
        expect(copy).not.toEqual(regenerated);
      }),
      { numRuns: 50 },
    );
  });

  it('generators: hash_to_ristretto255 of each label', () => {
    for (const g of det.generators) expect(hex(deriveGenerator(g.label)), g.label).toBe(g.point);
  });

  it('wide reduction: 64 bytes little-endian mod ℓ', () => {
    for (const w of det.wideReduction) expect(shex(scalarFromWideBytes(hexToBytes(w.bytes)))).toBe(w.scalar);
  });

  it('tuples: encoding, hashToScalar and taggedHash', () => {
    for (const t of det.tuples) {
      const fields = ctxOf(t.fields);
      const tag = t.tag as Tag;
      expect(Object.values(TAGS)).toContain(tag);
      expect(bytesToHex(encodeTuple(tag, fields))).toBe(t.encoding);
      expect(shex(hashToScalar(tag, fields))).toBe(t.hashToScalar);
      expect(bytesToHex(taggedHash(tag, fields))).toBe(t.taggedHash);
    }
  });

  it('ElGamal: encryption with the given randomness, the sum, its decryption', () => {
    const sk = S(det.elgamal.secretKey);
    const pk = P(det.elgamal.publicKey);
    expect(hex(publicKeyOf(sk))).toBe(det.elgamal.publicKey);
    for (const e of det.elgamal.encryptions) {
      const c = encrypt(pk, e.m, S(e.r));
      expect({ alpha: hex(c.alpha), beta: hex(c.beta) }).toEqual(e.ciphertext);
      expect(discreteLog(decryptToPoint(sk, c), 2000)).toBe(e.m);
    }
    const total = sumCiphertexts(det.elgamal.encryptions.map((e) => cipherOf(e.ciphertext)));
    expect({ alpha: hex(total.alpha), beta: hex(total.beta) }).toEqual(det.elgamal.sum.ciphertext);
    expect(discreteLog(decryptToPoint(sk, total), 2000)).toBe(det.elgamal.sum.plaintext);
  });

  it('credentials: normalisation and scrypt key derivation', () => {
    for (const n of det.normalization) expect(normalizeCredentialCode(n.input), n.input).toBe(n.output);
    for (const c of det.credentials) {
      const sk = deriveCredentialKey(c.typed, c.electionId, c.kdf);
      expect(shex(sk), c.typed).toBe(c.secretKey);
      expect(hex(publicKeyOf(sk))).toBe(c.publicKey);
    }
  });

  it('threshold: commitments, shares, keys, Lagrange coefficients and the combined decryption', () => {
    const th = det.threshold;
    const polynomials = th.dealers.map((d) => ({ coefficients: d.coefficients.map(S) }));
    th.dealers.forEach((d, i) => {
      const p = polynomials[i] as { coefficients: Scalar[] };
      expect(p.coefficients.map((a) => hex(mulPublic(G, a)))).toEqual(d.commitments);
      for (const s of d.shares) {
        expect(shex(evaluatePolynomial(p, s.recipient))).toBe(s.share);
        expect(hex(committedShare(d.commitments.map(P), s.recipient))).toBe(s.committedShare);
        expect(verifyShare(S(s.share), s.recipient, d.commitments.map(P))).toBe(true);
      }
    });
    for (const s of th.secretShares) {
      const sum = th.dealers.reduce((acc, d) => acc + S(d.shares.find((x) => x.recipient === s.trustee)?.share ?? ''), 0n);
      expect(S(s.share)).toBe(sum % ORDER);
      expect(hex(publicKeyOf(S(s.share)))).toBe(th.verificationKeys.find((v) => v.trustee === s.trustee)?.key);
    }
    expect(hex(th.dealers.reduce((acc, d) => acc.add(P(d.commitments[0] as string)), IDENTITY))).toBe(th.jointKey);
    const c = encrypt(P(th.jointKey), th.ciphertext.m, S(th.ciphertext.r));
    expect([hex(c.alpha), hex(c.beta)]).toEqual([th.ciphertext.alpha, th.ciphertext.beta]);
    for (const d of th.decryptionShares) {
      const s = S(th.secretShares.find((x) => x.trustee === d.trustee)?.share ?? '');
      expect(hex(mulPublic(c.alpha, s))).toBe(d.share);
    }
    for (const l of th.lagrange) expect(l.indices.map((x) => shex(lagrangeAtZero(l.indices, x)))).toEqual(l.coefficients);
    for (const combined of th.combined) {
      const shares = th.decryptionShares
        .filter((d) => combined.indices.includes(d.trustee))
        .map((d) => ({ trustee: d.trustee, share: P(d.share) }));
      const point = combineDecryptionShares(c, shares);
      expect(hex(point)).toBe(combined.point);
      expect(discreteLog(point, 100)).toBe(th.ciphertext.m);
      expect(combined.plaintext).toBe(th.ciphertext.m);
    }
  });
});

// Spec-level checks: the challenge recomputed from the field order docs/spec.md §2.5–2.8 gives, and the
// verification equations evaluated with plain point arithmetic, independently of the library's verifiers.

function schnorrBySpec(e: (typeof proofs.schnorr)[number]): boolean {
  const [B, X, A, s] = [P(e.base), P(e.publicKey), P(e.proof.commitment), S(e.proof.response)];
  const c = hashToScalar(TAGS.schnorrProof, [...ctxOf(e.context), encodePoint(B), encodePoint(X), encodePoint(A)]);
  return mulPublic(B, s).equals(A.add(mulPublic(X, c)));
}

function chaumPedersenBySpec(e: (typeof proofs.chaumPedersen)[number]): boolean {
  const [B1, X1, B2, X2] = [P(e.base1), P(e.public1), P(e.base2), P(e.public2)];
  const [A1, A2, s] = [P(e.proof.commitment1), P(e.proof.commitment2), S(e.proof.response)];
  const c = hashToScalar(TAGS.chaumPedersenProof, [...ctxOf(e.context), ...[B1, X1, B2, X2, A1, A2].map(encodePoint)]);
  return mulPublic(B1, s).equals(A1.add(mulPublic(X1, c))) && mulPublic(B2, s).equals(A2.add(mulPublic(X2, c)));
}

function rangeBySpec(e: (typeof proofs.range)[number]): boolean {
  const K = P(e.publicKey);
  const { alpha, beta } = cipherOf(e.ciphertext);
  const branches = e.proof.branches.map((b) => ({
    A: P(b.commitmentA),
    B: P(b.commitmentB),
    c: S(b.challenge),
    s: S(b.response),
  }));
  if (branches.length !== e.max - e.min + 1) return false;
  const fields = [
    ...ctxOf(e.context),
    encodePoint(G),
    encodePoint(K),
    encodePoint(alpha),
    encodePoint(beta),
    u64(e.min),
    u64(e.max),
  ];
  for (const b of branches) fields.push(encodePoint(b.A), encodePoint(b.B));
  const c = hashToScalar(TAGS.rangeProof, fields);
  if (branches.reduce((acc, b) => acc + b.c, 0n) % ORDER !== c) return false;
  return branches.every((b, i) => {
    const m = BigInt(e.min + i);
    const betaMinusM = m === 0n ? beta : beta.subtract(mulPublic(G, m));
    const first = mulPublic(G, b.s).equals(b.c === 0n ? b.A : b.A.add(mulPublic(alpha, b.c)));
    const second = mulPublic(K, b.s).equals(b.c === 0n ? b.B : b.B.add(mulPublic(betaMinusM, b.c)));
    return first && second;
  });
}

function signatureBySpec(e: (typeof proofs.signatures)[number]): boolean {
  const [X, R, s] = [P(e.publicKey), P(e.signature.commitment), S(e.signature.response)];
  const c = hashToScalar(TAGS.signature, [...ctxOf(e.context), encodePoint(X), encodePoint(R), hexToBytes(e.message)]);
  return mulPublic(G, s).equals(R.add(mulPublic(X, c)));
}

describe('vectors: proofs (verify-only)', () => {
  it('Schnorr proofs verify as recorded, by the library and by the spec equations; mutations fail', () => {
    for (const e of proofs.schnorr) {
      const proof = { commitment: P(e.proof.commitment), response: S(e.proof.response) };
      expect(verifySchnorr(P(e.publicKey), proof, ctxOf(e.context), P(e.base))).toBe(e.valid);
      expect(schnorrBySpec(e)).toBe(e.valid);
      if (!e.valid) continue;
      for (const field of ['commitment', 'response'] as const) {
        const bad = { ...e, proof: { ...e.proof, [field]: mutateHex(e.proof[field], 0) } };
        expect(
          accepts(() => schnorrBySpec(bad)),
          field,
        ).toBe(false);
      }
      expect(accepts(() => schnorrBySpec({ ...e, publicKey: mutateHex(e.publicKey, 2) }))).toBe(false);
    }
  });

  it('Chaum–Pedersen proofs verify as recorded; mutations fail', () => {
    for (const e of proofs.chaumPedersen) {
      const proof = { commitment1: P(e.proof.commitment1), commitment2: P(e.proof.commitment2), response: S(e.proof.response) };
      const statement = { base1: P(e.base1), public1: P(e.public1), base2: P(e.base2), public2: P(e.public2) };
      expect(verifyChaumPedersen(statement, proof, ctxOf(e.context))).toBe(e.valid);
      expect(chaumPedersenBySpec(e)).toBe(e.valid);
      if (!e.valid) continue;
      for (const field of ['commitment1', 'commitment2', 'response'] as const) {
        const bad = { ...e, proof: { ...e.proof, [field]: mutateHex(e.proof[field], 0) } };
        expect(
          accepts(() => chaumPedersenBySpec(bad)),
          field,
        ).toBe(false);
      }
    }
  });

  it('range proofs verify as recorded; mutations fail', () => {
    for (const e of proofs.range) {
      const statement = { publicKey: P(e.publicKey), ciphertext: cipherOf(e.ciphertext), min: e.min, max: e.max };
      const proof = {
        branches: e.proof.branches.map((b) => ({
          commitmentA: P(b.commitmentA),
          commitmentB: P(b.commitmentB),
          challenge: S(b.challenge),
          response: S(b.response),
        })),
      };
      expect(verifyRange(statement, proof, ctxOf(e.context))).toBe(e.valid);
      expect(rangeBySpec(e)).toBe(e.valid);
      if (!e.valid) continue;
      e.proof.branches.forEach((_, i) => {
        for (const field of ['commitmentA', 'commitmentB', 'challenge', 'response'] as const) {
          const branches = e.proof.branches.map((b, j) => (j === i ? { ...b, [field]: mutateHex(b[field], 0) } : b));
          expect(
            accepts(() => rangeBySpec({ ...e, proof: { branches } })),
            `${i}.${field}`,
          ).toBe(false);
        }
      });
      expect(rangeBySpec({ ...e, min: e.min + 1, max: e.max + 1 })).toBe(false);
    }
  });

  it('signatures verify as recorded; mutations fail', () => {
    for (const e of proofs.signatures) {
      const signature = { commitment: P(e.signature.commitment), response: S(e.signature.response) };
      expect(verifySignature(P(e.publicKey), hexToBytes(e.message), signature, ctxOf(e.context))).toBe(e.valid);
      expect(signatureBySpec(e)).toBe(e.valid);
      if (!e.valid) continue;
      for (const field of ['commitment', 'response'] as const) {
        const bad = { ...e, signature: { ...e.signature, [field]: mutateHex(e.signature[field], 0) } };
        expect(
          accepts(() => signatureBySpec(bad)),
          field,
        ).toBe(false);
      }
      expect(signatureBySpec({ ...e, message: mutateHex(e.message) })).toBe(false);
    }
  });
});

describe('vectors: the 2-of-3 ceremony (verify-only)', () => {
  const cer = proofs.ceremony;
  const context = ctxOf(cer.context);
  const dealersOf = (dc: typeof cer.dealerCommitments) =>
    dc.map((d) => ({
      dealer: d.dealer,
      commitments: d.commitments.map(P),
      proofs: d.proofs.map((p) => ({ commitment: P(p.commitment), response: S(p.response) })),
    }));

  it('dealer commitments match the deterministic ones and every coefficient proof holds (context ‖ u32 dealer ‖ u32 k)', () => {
    expect(cer.dealerCommitments.map((d) => d.commitments)).toEqual(det.threshold.dealers.map((d) => d.commitments));
    for (const d of dealersOf(cer.dealerCommitments)) {
      expect(dealerCommitmentEquations(d, cer.threshold, context)?.every(equationHolds)).toBe(true);
      d.proofs.forEach((p, k) => {
        expect(verifySchnorr(d.commitments[k] as Point, p, [...context, u32(d.dealer), u32(k)])).toBe(true);
      });
    }
    // The same polynomial committed again gives the same commitments (the proofs differ: fresh nonces).
    const p0 = { coefficients: det.threshold.dealers[0]?.coefficients.map(S) ?? [] };
    expect(commitPolynomial(1, p0, context).commitments.map(hex)).toEqual(cer.dealerCommitments[0]?.commitments);
  });

  it('a dealer commitment with a mutated proof fails', () => {
    const mutated = structuredClone(cer.dealerCommitments);
    const proof = mutated[1]?.proofs[1];
    if (!proof) throw new Error('missing proof');
    proof.response = mutateHex(proof.response, 0);
    const d = dealersOf(mutated)[1];
    expect(d && dealerCommitmentEquations(d, cer.threshold, context)?.every(equationHolds)).toBe(false);
  });

  it('each encrypted share opens for its recipient to the deterministic share; a mutated box does not open', () => {
    const box = (b: (typeof cer.encryptedShares)[number]): EncryptedShare => ({
      dealer: b.dealer,
      recipient: b.recipient,
      ephemeral: P(b.ephemeral),
      nonce: hexToBytes(b.nonce),
      sealed: hexToBytes(b.sealed),
      proof: { commitment: P(b.proof.commitment), response: S(b.proof.response) },
    });
    const secretOf = (x: number): Scalar => S(cer.communicationKeys.find((k) => k.trustee === x)?.secretKey ?? '');
    expect(cer.encryptedShares).toHaveLength(9);
    for (const b of cer.encryptedShares) {
      const expected = det.threshold.dealers[b.dealer - 1]?.shares.find((s) => s.recipient === b.recipient)?.share;
      const opened = decryptShare(box(b), secretOf(b.recipient), context);
      expect(opened === null ? null : shex(opened)).toBe(expected);
      const dealerCommitments = (det.threshold.dealers[b.dealer - 1]?.commitments ?? []).map(P);
      const recipientKey = P(cer.communicationKeys.find((k) => k.trustee === b.recipient)?.publicKey ?? '');
      expect(verifyBoxProof(box(b), recipientKey, dealerCommitments, context)).toBe(true);
      const bad = { ...b, proof: { ...b.proof, response: mutateHex(b.proof.response, 0) } };
      expect(verifyBoxProof(box(bad), recipientKey, dealerCommitments, context)).toBe(false);
      expect(decryptShare(box({ ...b, sealed: mutateHex(b.sealed, 0) }), secretOf(b.recipient), context)).toBeNull();
    }
  });

  it('complaints get the recorded verdicts; a mutated complaint proof is invalid', () => {
    const commitmentsOf = (dealer: number): Point[] => (det.threshold.dealers[dealer - 1]?.commitments ?? []).map(P);
    const keyOf = (x: number): Point => P(cer.communicationKeys.find((k) => k.trustee === x)?.publicKey ?? '');
    for (const entry of cer.complaints) {
      const b = entry.box;
      const box = {
        ...b,
        ephemeral: P(b.ephemeral),
        nonce: hexToBytes(b.nonce),
        sealed: hexToBytes(b.sealed),
        proof: { commitment: P(b.proof.commitment), response: S(b.proof.response) },
      };
      const judge = (c: typeof entry.complaint): string =>
        judgeComplaint(
          {
            dealer: c.dealer,
            recipient: c.recipient,
            sharedPoint: P(c.sharedPoint),
            proof: { commitment1: P(c.proof.commitment1), commitment2: P(c.proof.commitment2), response: S(c.proof.response) },
          },
          box,
          keyOf(b.recipient),
          commitmentsOf(b.dealer),
          context,
        );
      expect(judge(entry.complaint)).toBe(entry.verdict);
      const mutated = {
        ...entry.complaint,
        proof: { ...entry.complaint.proof, response: mutateHex(entry.complaint.proof.response, 0) },
      };
      expect(judge(mutated)).toBe('complaint-invalid');
    }
  });

  it('decryption shares equal the deterministic ones, their proofs hold, any two combine; mutations fail', () => {
    const dec = cer.decryption;
    const ct = cipherOf(dec.ciphertext);
    const ctx = ctxOf(dec.context);
    const vk = (x: number): Point => P(det.threshold.verificationKeys.find((v) => v.trustee === x)?.key ?? '');
    const shareOf = (d: (typeof dec.shares)[number]) => ({
      trustee: d.trustee,
      share: P(d.share),
      proof: { commitment1: P(d.proof.commitment1), commitment2: P(d.proof.commitment2), response: S(d.proof.response) },
    });
    expect(dec.shares.map((d) => d.share)).toEqual(det.threshold.decryptionShares.map((d) => d.share));
    for (const d of dec.shares) {
      expect(decryptionShareEquations(shareOf(d), vk(d.trustee), ct, ctx).every(equationHolds)).toBe(true);
      const bad = shareOf({ ...d, proof: { ...d.proof, response: mutateHex(d.proof.response, 0) } });
      expect(accepts(() => decryptionShareEquations(bad, vk(d.trustee), ct, ctx).every(equationHolds))).toBe(false);
      expect(
        decryptionShareEquations(shareOf(d), vk(d.trustee), ct, [...ctx.slice(0, -1), new Uint8Array([1])]).every(equationHolds),
      ).toBe(false);
    }
    for (const pair of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const shares = pair.map((i) => shareOf(dec.shares[i] as (typeof dec.shares)[number]));
      expect(discreteLog(combineDecryptionShares(ct, shares), 100)).toBe(det.threshold.ciphertext.m);
    }
  });
});
