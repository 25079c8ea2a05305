// Threshold keys (spec §2.10–2.12): dealing with Feldman commitments, encrypted shares and complaints,
// decryption shares and Lagrange combination, for several t-of-n.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertThreshold,
  type Ciphertext,
  combineDecryptionShares,
  combineReceivedShares,
  commitPolynomial,
  committedShare,
  computeDecryptionShare,
  type DealerCommitment,
  type DecryptionShare,
  dealerCommitmentEquations,
  decryptionShareEquations,
  decryptShare,
  discreteLog,
  type EncryptedShare,
  encodeMessage,
  encodePoint,
  encodeScalar,
  encodeTuple,
  encrypt,
  encryptShare,
  equationHolds,
  evaluatePolynomial,
  G,
  generateKeyPair,
  hashToScalar,
  IDENTITY,
  jointPublicKey,
  judgeComplaint,
  type KeyPair,
  lagrangeAtZero,
  makeComplaint,
  mod,
  mulSecret,
  ORDER,
  type Point,
  type Polynomial,
  randomNonZeroScalar,
  randomPolynomial,
  type Scalar,
  TAGS,
  u32,
  utf8ToBytes,
  verificationKey,
  verifyBoxProof,
  verifyShare,
} from '../src/index.ts';
import { randomPoint } from './helpers/tamper.ts';

const context: Uint8Array[] = [new Uint8Array(32).fill(0x42), utf8ToBytes('key-ceremony')];

interface Ceremony {
  readonly t: number;
  readonly n: number;
  readonly indices: number[];
  readonly communication: KeyPair[];
  readonly polynomials: Polynomial[];
  readonly dealers: DealerCommitment[];
  /** boxes[d][r]: dealer d+1's share for recipient r+1. */
  readonly boxes: EncryptedShare[][];
  readonly secretShares: Scalar[];
  readonly jointKey: Point;
  readonly jointSecret: Scalar;
}

function runCeremony(t: number, n: number): Ceremony {
  assertThreshold(t, n);
  const indices = Array.from({ length: n }, (_, i) => i + 1);
  const communication = indices.map(() => generateKeyPair());
  const polynomials = indices.map(() => randomPolynomial(t));
  const dealers = polynomials.map((p, d) => commitPolynomial(d + 1, p, context));
  const boxes = polynomials.map((p, d) =>
    indices.map((x) =>
      encryptShare(
        evaluatePolynomial(p, x),
        d + 1,
        x,
        (communication[x - 1] as KeyPair).publicKey,
        (dealers[d] as DealerCommitment).commitments,
        context,
      ),
    ),
  );
  const secretShares = indices.map((x) =>
    combineReceivedShares(
      boxes.map((row) => {
        const share = decryptShare(row[x - 1] as EncryptedShare, (communication[x - 1] as KeyPair).secretKey, context);
        if (share === null) throw new Error('an honest box did not open');
        return share;
      }),
    ),
  );
  const jointSecret = mod(polynomials.reduce((acc, p) => acc + (p.coefficients[0] as Scalar), 0n));
  return {
    t,
    n,
    indices,
    communication,
    polynomials,
    dealers,
    boxes,
    secretShares,
    jointKey: jointPublicKey(dealers),
    jointSecret,
  };
}

function decryptionShares(c: Ceremony, ct: Ciphertext, who: readonly number[]): DecryptionShare[] {
  return who.map((x) => computeDecryptionShare(x, c.secretShares[x - 1] as Scalar, ct, context));
}

function shareHolds(c: Ceremony, d: DecryptionShare, ct: Ciphertext): boolean {
  return decryptionShareEquations(d, verificationKey(c.dealers, d.trustee), ct, context).every(equationHolds);
}

const ceremonies = (
  [
    [1, 1],
    [2, 3],
    [3, 5],
    [1, 3],
    [3, 3],
  ] as const
).map(([t, n]) => runCeremony(t, n));

for (const c of ceremonies) {
  describe(`${c.t}-of-${c.n}`, () => {
    it('every dealer commitment verifies, with one Schnorr proof per coefficient', () => {
      for (const d of c.dealers) {
        const eqs = dealerCommitmentEquations(d, c.t, context);
        expect(eqs).toHaveLength(c.t);
        expect(eqs?.every(equationHolds)).toBe(true);
      }
    });

    it('every received share passes the Feldman check, and only at its own index', () => {
      c.polynomials.forEach((p, d) => {
        const commitments = (c.dealers[d] as DealerCommitment).commitments;
        for (const x of c.indices) {
          const share = evaluatePolynomial(p, x);
          expect(verifyShare(share, x, commitments)).toBe(true);
          expect(verifyShare(mod(share + 1n), x, commitments)).toBe(false);
          if (c.t > 1) expect(verifyShare(share, x + 1, commitments)).toBe(false);
        }
      });
    });

    it('the joint key is the sum of constant terms, and each verification key is s_x·G', () => {
      expect(c.jointKey.equals(mulSecret(G, c.jointSecret))).toBe(true);
      for (const x of c.indices) {
        expect(verificationKey(c.dealers, x).equals(mulSecret(G, c.secretShares[x - 1] as Scalar))).toBe(true);
      }
    });

    it('any t of the n decryption shares decrypt correctly', () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray(c.indices, { minLength: c.t, maxLength: c.t }),
          fc.integer({ min: 0, max: 500 }),
          (who, m) => {
            const ct = encrypt(c.jointKey, m);
            const shares = decryptionShares(c, ct, who);
            for (const d of shares) expect(shareHolds(c, d, ct)).toBe(true);
            expect(discreteLog(combineDecryptionShares(ct, shares), 500)).toBe(m);
          },
        ),
        { numRuns: 10 },
      );
    });

    it('more than t shares decrypt correctly too', () => {
      const ct = encrypt(c.jointKey, 42);
      expect(combineDecryptionShares(ct, decryptionShares(c, ct, c.indices)).equals(encodeMessage(42))).toBe(true);
    });

    if (c.t > 1) {
      it('t − 1 shares do not give the plaintext', () => {
        fc.assert(
          fc.property(fc.shuffledSubarray(c.indices, { minLength: c.t - 1, maxLength: c.t - 1 }), (who) => {
            const ct = encrypt(c.jointKey, 7);
            expect(combineDecryptionShares(ct, decryptionShares(c, ct, who)).equals(encodeMessage(7))).toBe(false);
          }),
          { numRuns: 5 },
        );
      });
    }

    it('a decryption share with a tampered share, proof, trustee index or context fails', () => {
      const ct = encrypt(c.jointKey, 3);
      const [d] = decryptionShares(c, ct, [c.n]);
      if (!d) throw new Error('no share');
      expect(shareHolds(c, d, ct)).toBe(true);
      const vk = verificationKey(c.dealers, d.trustee);
      const fails = (x: DecryptionShare, ctx = context, cipher = ct, key = vk): boolean =>
        !decryptionShareEquations(x, key, cipher, ctx).every(equationHolds);
      expect(fails({ ...d, share: d.share.add(G) })).toBe(true);
      expect(fails({ ...d, share: randomPoint() })).toBe(true);
      expect(fails({ ...d, proof: { ...d.proof, response: mod(d.proof.response + 1n) } })).toBe(true);
      expect(fails({ ...d, proof: { ...d.proof, commitment1: randomPoint() } })).toBe(true);
      expect(fails({ ...d, proof: { ...d.proof, commitment2: randomPoint() } })).toBe(true);
      expect(fails(d, [...context, u32(0)])).toBe(true);
      expect(fails(d, context, encrypt(c.jointKey, 3))).toBe(true);
      expect(fails(d, context, ct, randomPoint())).toBe(true);
      if (c.n > 1) expect(fails({ ...d, trustee: 1 }, context, ct, verificationKey(c.dealers, 1))).toBe(true);
    });

    it('encrypted shares open only for their recipient and only under the same context', () => {
      const box = c.boxes[0]?.[c.n - 1] as EncryptedShare;
      const recipient = c.communication[c.n - 1] as KeyPair;
      expect(decryptShare(box, recipient.secretKey, context)).toBe(evaluatePolynomial(c.polynomials[0] as Polynomial, c.n));
      expect(decryptShare(box, generateKeyPair().secretKey, context)).toBeNull();
      if (c.n > 1) expect(decryptShare(box, (c.communication[0] as KeyPair).secretKey, context)).toBeNull();
      expect(decryptShare(box, recipient.secretKey, [...context, new Uint8Array(0)])).toBeNull();
      expect(decryptShare(box, recipient.secretKey, context.slice(1))).toBeNull();
      expect(decryptShare({ ...box, dealer: box.dealer + 1 }, recipient.secretKey, context)).toBeNull();
      expect(decryptShare({ ...box, recipient: box.recipient + 1 }, recipient.secretKey, context)).toBeNull();
      expect(decryptShare({ ...box, ephemeral: randomPoint() }, recipient.secretKey, context)).toBeNull();
      const nonce = box.nonce.slice();
      nonce[0] = (nonce[0] as number) ^ 1;
      expect(decryptShare({ ...box, nonce }, recipient.secretKey, context)).toBeNull();
      for (const i of [0, 31, 47]) {
        const sealed = box.sealed.slice();
        sealed[i] = (sealed[i] as number) ^ 0x80;
        expect(decryptShare({ ...box, sealed }, recipient.secretKey, context), `byte ${i}`).toBeNull();
      }
    });
  });
}

describe('dealer commitments', () => {
  const c = ceremonies[2] as Ceremony;
  const dealer = c.dealers[1] as DealerCommitment;
  const holds = (d: DealerCommitment, t = c.t, ctx = context): boolean =>
    dealerCommitmentEquations(d, t, ctx)?.every(equationHolds) ?? false;

  it('fail with the wrong number of coefficients', () => {
    expect(dealerCommitmentEquations(dealer, c.t - 1, context)).toBeNull();
    expect(dealerCommitmentEquations(dealer, c.t + 1, context)).toBeNull();
    expect(dealerCommitmentEquations({ ...dealer, proofs: dealer.proofs.slice(1) }, c.t, context)).toBeNull();
  });

  it('fail with an identity commitment', () => {
    const commitments = [IDENTITY, ...dealer.commitments.slice(1)];
    expect(dealerCommitmentEquations({ ...dealer, commitments }, c.t, context)).toBeNull();
  });

  it('are bound to the dealer index, the coefficient index and the context', () => {
    expect(holds(dealer)).toBe(true);
    expect(holds({ ...dealer, dealer: dealer.dealer + 1 })).toBe(false);
    expect(holds({ ...dealer, proofs: [...dealer.proofs].reverse(), commitments: [...dealer.commitments].reverse() })).toBe(
      false,
    );
    expect(holds(dealer, c.t, [...context, new Uint8Array([1])])).toBe(false);
    const commitments = dealer.commitments.map((p, k) => (k === 1 ? randomPoint() : p));
    expect(holds({ ...dealer, commitments })).toBe(false);
  });

  it('committedShare(C, x) = f(x)·G for any x', () => {
    const p = c.polynomials[1] as Polynomial;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (x) => {
        expect(committedShare(dealer.commitments, x).equals(mulSecret(G, evaluatePolynomial(p, x)))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('evaluatePolynomial is Σ a_k x^k mod ℓ, and f(0) = a_0', () => {
    const p = c.polynomials[1] as Polynomial;
    expect(evaluatePolynomial(p, 0)).toBe(p.coefficients[0]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), (x) => {
        const direct = p.coefficients.reduce((acc, a, k) => acc + a * BigInt(x) ** BigInt(k), 0n) % ORDER;
        expect(evaluatePolynomial(p, x)).toBe(direct);
      }),
    );
  });

  it('assertThreshold rejects impossible t-of-n', () => {
    for (const [t, n] of [
      [0, 3],
      [4, 3],
      [1, 256],
      [1.5, 3],
    ] as const) {
      expect(() => assertThreshold(t, n), `${t}-of-${n}`).toThrow(RangeError);
    }
    expect(() => assertThreshold(255, 255)).not.toThrow();
  });
});

describe('Lagrange interpolation at zero', () => {
  it('recovers f(0) from any t points of a degree t − 1 polynomial', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((t) =>
            fc.tuple(fc.constant(t), fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { minLength: t, maxLength: t })),
          ),
        ([t, xs]) => {
          const p = randomPolynomial(t);
          const at0 = xs.reduce((acc, x) => acc + lagrangeAtZero(xs, x) * evaluatePolynomial(p, x), 0n);
          expect(mod(at0)).toBe(p.coefficients[0]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the known coefficients for {1, 2, 3}: 3, −3, 1', () => {
    expect(lagrangeAtZero([1, 2, 3], 1)).toBe(3n);
    expect(lagrangeAtZero([1, 2, 3], 2)).toBe(ORDER - 3n);
    expect(lagrangeAtZero([1, 2, 3], 3)).toBe(1n);
  });

  it('throws on duplicate indices, including a repeat of x itself', () => {
    expect(() => lagrangeAtZero([1, 2, 2], 1)).toThrow(RangeError);
    expect(() => lagrangeAtZero([1, 1, 2], 1)).toThrow(RangeError);
    expect(() =>
      combineDecryptionShares({ alpha: G, beta: G }, [
        { trustee: 1, share: G },
        { trustee: 1, share: G },
      ]),
    ).toThrow(RangeError);
  });

  it('throws when x is not one of the indices', () => {
    expect(() => lagrangeAtZero([1, 2], 3)).toThrow(RangeError);
  });
});

/**
 * Seals `plaintext` for a recipient exactly as spec §2.11 describes, independently of encryptShare, with the proof
 * of knowledge of e. `sealedOverride` replaces the AEAD output before the proof is made (a box that does not open
 * but whose proof is valid: only its dealer can make one).
 */
function sealBySpec(
  plaintext: Uint8Array,
  dealer: number,
  recipient: number,
  recipientKey: Point,
  commitments: readonly Point[],
  sealedOverride?: Uint8Array,
): EncryptedShare {
  const e = randomNonZeroScalar();
  const ephemeral = mulSecret(G, e);
  const aad = encodeTuple(TAGS.shareEncryption, [
    ...context,
    u32(dealer),
    u32(recipient),
    encodePoint(ephemeral),
    encodePoint(recipientKey),
  ]);
  const key = hkdf(sha256, encodePoint(mulSecret(recipientKey, e)), new Uint8Array(32), aad, 32);
  const nonce = randomBytes(24);
  const sealed = sealedOverride ?? xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  // Schnorr (§2.5) over [ctx…, "saylau/v1/threshold/share-ephemeral", u32(d), u32(x), enc(Y), N, sealed, enc(C_k)…]
  const w = randomNonZeroScalar();
  const commitment = mulSecret(G, w);
  const challenge = hashToScalar(TAGS.schnorrProof, [
    ...context,
    utf8ToBytes('saylau/v1/threshold/share-ephemeral'),
    u32(dealer),
    u32(recipient),
    encodePoint(recipientKey),
    nonce,
    sealed,
    ...commitments.map(encodePoint),
    encodePoint(G),
    encodePoint(ephemeral),
    encodePoint(commitment),
  ]);
  return { dealer, recipient, ephemeral, nonce, sealed, proof: { commitment, response: mod(w + challenge * e) } };
}

describe('share encryption and complaints', () => {
  const c = ceremonies[1] as Ceremony; // 2-of-3
  const dealer = 1;
  const recipient = 2;
  const recipientKeys = c.communication[recipient - 1] as KeyPair;
  const commitments = (c.dealers[dealer - 1] as DealerCommitment).commitments;
  const goodShare = evaluatePolynomial(c.polynomials[dealer - 1] as Polynomial, recipient);

  function judge(box: EncryptedShare, secret = recipientKeys.secretKey): string {
    const complaint = makeComplaint(box, secret, context);
    return judgeComplaintFor(complaint, box);
  }
  function judgeComplaintFor(complaint: ReturnType<typeof makeComplaint>, box: EncryptedShare, ctx = context): string {
    return judgeComplaint(complaint, box, recipientKeys.publicKey, commitments, ctx);
  }

  it('a box built from the spec alone opens with decryptShare', () => {
    const box = sealBySpec(encodeScalar(goodShare), dealer, recipient, recipientKeys.publicKey, commitments);
    expect(verifyBoxProof(box, recipientKeys.publicKey, commitments, context)).toBe(true);
    expect(decryptShare(box, recipientKeys.secretKey, context)).toBe(goodShare);
  });

  it("a good share: the complaint is 'complaint-unfounded'", () => {
    const box = c.boxes[dealer - 1]?.[recipient - 1] as EncryptedShare;
    expect(judge(box)).toBe('complaint-unfounded');
  });

  it("a share that fails the Feldman check: 'dealer-at-fault'", () => {
    const box = encryptShare(mod(goodShare + 1n), dealer, recipient, recipientKeys.publicKey, commitments, context);
    const opened = decryptShare(box, recipientKeys.secretKey, context);
    expect(opened).not.toBeNull();
    expect(verifyShare(opened as Scalar, recipient, commitments)).toBe(false);
    expect(judge(box)).toBe('dealer-at-fault');
  });

  it("a box that does not open, or holds a non-canonical scalar: 'dealer-at-fault'", () => {
    const garbage = sealBySpec(new Uint8Array(32), dealer, recipient, recipientKeys.publicKey, commitments, randomBytes(48));
    expect(decryptShare(garbage, recipientKeys.secretKey, context)).toBeNull();
    expect(judge(garbage)).toBe('dealer-at-fault');
    const order = new Uint8Array(32);
    for (let i = 0; i < 32; i++) order[i] = Number((ORDER >> BigInt(8 * i)) & 0xffn);
    const nonCanonical = sealBySpec(order, dealer, recipient, recipientKeys.publicKey, commitments);
    expect(decryptShare(nonCanonical, recipientKeys.secretKey, context)).toBeNull();
    expect(judge(nonCanonical)).toBe('dealer-at-fault');
  });

  it("a forged revealed point, a proof by someone else or a mismatched box: 'complaint-invalid'", () => {
    const box = encryptShare(mod(goodShare + 1n), dealer, recipient, recipientKeys.publicKey, commitments, context);
    const complaint = makeComplaint(box, recipientKeys.secretKey, context);
    expect(judgeComplaintFor({ ...complaint, sharedPoint: randomPoint() }, box)).toBe('complaint-invalid');
    expect(judgeComplaintFor({ ...complaint, sharedPoint: complaint.sharedPoint.add(G) }, box)).toBe('complaint-invalid');
    expect(
      judgeComplaintFor({ ...complaint, proof: { ...complaint.proof, response: mod(complaint.proof.response + 1n) } }, box),
    ).toBe('complaint-invalid');
    expect(judge(box, (c.communication[0] as KeyPair).secretKey)).toBe('complaint-invalid');
    expect(judgeComplaintFor({ ...complaint, dealer: 3 }, box)).toBe('complaint-invalid');
    expect(judgeComplaintFor({ ...complaint, recipient: 3 }, box)).toBe('complaint-invalid');
    expect(judgeComplaintFor(complaint, box, [...context, new Uint8Array([1])])).toBe('complaint-invalid');
    expect(judgeComplaintFor(complaint, box)).toBe('dealer-at-fault');
  });
  it('any change to a box or to what it is bound to breaks its proof (only the dealer can make one)', () => {
    const box = c.boxes[dealer - 1]?.[recipient - 1] as EncryptedShare;
    const verify = (b: EncryptedShare, key = recipientKeys.publicKey, cs = commitments, ctx = context) =>
      verifyBoxProof(b, key, cs, ctx);
    expect(verify(box)).toBe(true);
    expect(verify({ ...box, dealer: 3 })).toBe(false);
    expect(verify({ ...box, recipient: 3 })).toBe(false);
    expect(verify({ ...box, nonce: randomBytes(24) })).toBe(false);
    const sealed = Uint8Array.from(box.sealed);
    sealed[0] = (sealed[0] as number) ^ 1;
    expect(verify({ ...box, sealed })).toBe(false);
    expect(verify({ ...box, ephemeral: box.ephemeral.add(G) })).toBe(false);
    expect(verify(box, randomPoint())).toBe(false);
    expect(verify(box, recipientKeys.publicKey, [...commitments.slice(1), G])).toBe(false);
    expect(verify(box, recipientKeys.publicKey, commitments, [...context, new Uint8Array([1])])).toBe(false);
    expect(verify({ ...box, proof: { ...box.proof, response: mod(box.proof.response + 1n) } })).toBe(false);
  });

  it('the complaint oracle: a box carrying a multiple of another dealer’s ephemeral key is refused, never opened', () => {
    // Dealer 3 (dishonest) wants y_2·E′ for honest dealer 1's box to trustee 2. She puts a·E′ in her own box to
    // trustee 2 with garbage inside. She cannot prove knowledge of log(a·E′), and reusing dealer 1's proof fails.
    const honest = c.boxes[dealer - 1]?.[recipient - 1] as EncryptedShare;
    const a = randomNonZeroScalar();
    const ownCommitments = (c.dealers[2] as DealerCommitment).commitments;
    const forged: EncryptedShare = { ...honest, dealer: 3, ephemeral: mulSecret(honest.ephemeral, a), sealed: randomBytes(48) };
    expect(verifyBoxProof(forged, recipientKeys.publicKey, ownCommitments, context)).toBe(false);
    const copied: EncryptedShare = { ...honest, dealer: 3 };
    expect(verifyBoxProof(copied, recipientKeys.publicKey, ownCommitments, context)).toBe(false);
    // The complaint an honest recipient would have made about it is invalid, whatever it reveals.
    const complaint = makeComplaint(forged, recipientKeys.secretKey, context);
    expect(judgeComplaint(complaint, forged, recipientKeys.publicKey, ownCommitments, context)).toBe('complaint-invalid');
  });
});
