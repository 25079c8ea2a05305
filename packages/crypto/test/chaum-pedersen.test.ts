// Chaum–Pedersen proof of equal discrete logs (spec §2.6): honest proofs verify; any changed statement element,
// unequal logs or a flipped byte fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chaumPedersenEquations,
  type DleqStatement,
  G,
  mulSecret,
  proveChaumPedersen,
  randomNonZeroScalar,
  utf8ToBytes,
  verifyChaumPedersen,
} from '../src/index.ts';
import { chaumPedersenCodec } from './helpers/codecs.ts';
import { acceptsWire, arb, contextVariants, everyByteFlip, flipComponent, randomPoint } from './helpers/tamper.ts';

function statementFor(x: bigint, base2 = randomPoint()): DleqStatement {
  return { base1: G, public1: mulSecret(G, x), base2, public2: mulSecret(base2, x) };
}

const context = [new Uint8Array(32).fill(9), utf8ToBytes('decryption'), new Uint8Array([0, 0, 0, 2])];
const secret = randomNonZeroScalar();
const statement = statementFor(secret);
const proof = proveChaumPedersen(secret, statement, context);

describe('Chaum–Pedersen proof of equal discrete logs', () => {
  it('verifies for any secret, second base and context', () => {
    fc.assert(
      fc.property(arb.scalar(), arb.scalar(), arb.context(), (x, b, ctx) => {
        const s = statementFor(x, mulSecret(G, b));
        expect(verifyChaumPedersen(s, proveChaumPedersen(x, s, ctx), ctx)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('yields the two equations s·B1 − c·X1 − A1 = 0 and s·B2 − c·X2 − A2 = 0', () => {
    const eqs = chaumPedersenEquations(statement, proof, context);
    expect(eqs).toHaveLength(2);
    expect(eqs[0]?.points).toHaveLength(3);
    expect(eqs[1]?.points[0]?.equals(statement.base2)).toBe(true);
  });

  it('cannot prove unequal logs', () => {
    fc.assert(
      fc.property(arb.scalar(), arb.scalar(), (x, y) => {
        fc.pre(x !== y);
        const base2 = randomPoint();
        const s: DleqStatement = { base1: G, public1: mulSecret(G, x), base2, public2: mulSecret(base2, y) };
        expect(verifyChaumPedersen(s, proveChaumPedersen(x, s, context), context)).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  it('fails when any one statement element is replaced', () => {
    expect(verifyChaumPedersen(statement, proof, context)).toBe(true);
    for (const key of ['base1', 'public1', 'base2', 'public2'] as const) {
      expect(verifyChaumPedersen({ ...statement, [key]: randomPoint() }, proof, context), key).toBe(false);
    }
  });

  it('fails when the two pairs are swapped', () => {
    const swapped = { base1: statement.base2, public1: statement.public2, base2: statement.base1, public2: statement.public1 };
    expect(verifyChaumPedersen(swapped, proof, context)).toBe(false);
  });

  it('fails for every single change to the context', () => {
    for (const v of contextVariants(context)) expect(verifyChaumPedersen(statement, proof, v.context), v.name).toBe(false);
  });

  it('fails when any byte of any component is flipped', () => {
    const wire = chaumPedersenCodec.encode(proof);
    for (const { component, index, flipped } of everyByteFlip(wire)) {
      const accepted = acceptsWire(chaumPedersenCodec, flipped, (p) => verifyChaumPedersen(statement, p, context));
      expect(accepted, `${component}:${index}`).toBe(false);
    }
  });

  it('fails for a random flip of any bit pattern in any byte', () => {
    const wire = chaumPedersenCodec.encode(proof);
    fc.assert(
      fc.property(arb.flip(wire.length), ({ component, index, mask }) => {
        const flipped = flipComponent(wire, component, index, mask);
        expect(acceptsWire(chaumPedersenCodec, flipped, (p) => verifyChaumPedersen(statement, p, context))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
