// Schnorr proof of knowledge (spec §2.5): honest proofs verify; any changed statement element or flipped byte fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveGenerator,
  equationHolds,
  G,
  IDENTITY,
  mulSecret,
  proveSchnorr,
  randomNonZeroScalar,
  type SchnorrProof,
  schnorrEquations,
  utf8ToBytes,
  verifySchnorr,
} from '../src/index.ts';
import { schnorrCodec } from './helpers/codecs.ts';
import { acceptsWire, arb, contextVariants, everyByteFlip, flipComponent, randomPoint } from './helpers/tamper.ts';

const H = deriveGenerator('saylau/test/schnorr-base');
const fingerprint = new Uint8Array(32).fill(7);
const context = [fingerprint, utf8ToBytes('trustee-key'), new Uint8Array([0, 0, 0, 3])];

const secret = randomNonZeroScalar();
const publicKey = mulSecret(G, secret);
const proof = proveSchnorr(secret, context);

describe('Schnorr proof of knowledge', () => {
  it('verifies for any secret and context, over G and over a derived base', () => {
    fc.assert(
      fc.property(arb.scalar(), arb.context(), fc.boolean(), (x, ctx, useH) => {
        const base = useH ? H : G;
        const p = proveSchnorr(x, ctx, base);
        const X = mulSecret(base, x);
        expect(verifySchnorr(X, p, ctx, base)).toBe(true);
        expect(schnorrEquations(X, p, ctx, base)).toHaveLength(1);
      }),
      { numRuns: 30 },
    );
  });

  it('fails for another public key', () => {
    expect(verifySchnorr(publicKey, proof, context)).toBe(true);
    expect(verifySchnorr(randomPoint(), proof, context)).toBe(false);
    expect(verifySchnorr(publicKey.negate(), proof, context)).toBe(false);
  });

  it('rejects the identity as a public key, even with a proof that satisfies the equation for it (A = s·G)', () => {
    expect(verifySchnorr(IDENTITY, proof, context)).toBe(false);
    const s = randomNonZeroScalar();
    const forged = { commitment: mulSecret(G, s), response: s };
    expect(schnorrEquations(IDENTITY, forged, context).every(equationHolds)).toBe(true);
    expect(verifySchnorr(IDENTITY, forged, context)).toBe(false);
  });

  it('fails over another base', () => {
    expect(verifySchnorr(publicKey, proof, context, H)).toBe(false);
    const overH = proveSchnorr(secret, context, H);
    expect(verifySchnorr(mulSecret(H, secret), overH, context, G)).toBe(false);
  });

  it('fails for every single change to the context', () => {
    const variants = contextVariants(context);
    expect(variants.length).toBeGreaterThanOrEqual(2 * context.length + 3);
    for (const v of variants) expect(verifySchnorr(publicKey, proof, v.context), v.name).toBe(false);
  });

  it('fails when any byte of the commitment or the response is flipped', () => {
    const wire = schnorrCodec.encode(proof);
    expect(acceptsWire(schnorrCodec, wire, (p) => verifySchnorr(publicKey, p, context))).toBe(true);
    for (const { component, index, flipped } of everyByteFlip(wire)) {
      expect(
        acceptsWire(schnorrCodec, flipped, (p) => verifySchnorr(publicKey, p, context)),
        `${component}:${index}`,
      ).toBe(false);
    }
  });

  it('fails for a random flip of any bit pattern in any byte', () => {
    const wire = schnorrCodec.encode(proof);
    fc.assert(
      fc.property(arb.flip(wire.length), ({ component, index, mask }) => {
        const flipped = flipComponent(wire, component, index, mask);
        expect(acceptsWire(schnorrCodec, flipped, (p) => verifySchnorr(publicKey, p, context))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('fails when the response or commitment is swapped for another valid one', () => {
    const other = proveSchnorr(secret, context);
    const mixed: SchnorrProof[] = [
      { commitment: proof.commitment, response: other.response },
      { commitment: other.commitment, response: proof.response },
    ];
    for (const p of mixed) expect(verifySchnorr(publicKey, p, context)).toBe(false);
  });

  it('does not let a proof for one key be replayed for a key with a related secret', () => {
    expect(verifySchnorr(publicKey.add(G), proof, context)).toBe(false);
  });
});
