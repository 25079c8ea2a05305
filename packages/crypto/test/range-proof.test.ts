// Disjunctive Chaum–Pedersen range proofs (spec §2.7), for one selection in {0..R} and a sum in [min..max]:
// honest proofs verify; a lie, any changed statement element, a flipped byte or a wrong branch count fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ciphertext,
  encodePoint,
  encrypt,
  generateKeyPair,
  MAX_RANGE_WIDTH,
  prepareElectionKey,
  proveRange,
  type RangeProof,
  type RangeStatement,
  randomNonZeroScalar,
  rangeEquations,
  utf8ToBytes,
  verifyRange,
} from '../src/index.ts';
import { rangeCodec } from './helpers/codecs.ts';
import { acceptsWire, arb, contextVariants, everyByteFlip, flipComponent, randomPoint } from './helpers/tamper.ts';

const key = prepareElectionKey(generateKeyPair().publicKey);
const voter = generateKeyPair().publicKey;
const fingerprint = new Uint8Array(32).fill(0x5a);
/** A ballot's context: election fingerprint, question id, the voter's credential public key. */
const ballotContext = (credential = voter): Uint8Array[] => [fingerprint, utf8ToBytes('q-mayor'), encodePoint(credential)];
const context = ballotContext();

function proven(value: number, min: number, max: number, ctx = context): { statement: RangeStatement; proof: RangeProof } {
  const r = randomNonZeroScalar();
  const statement = { publicKey: key, ciphertext: encrypt(key, value, r), min, max };
  return { statement, proof: proveRange(statement, value, r, ctx) };
}

const selection = proven(1, 0, 1);
const sum = proven(3, 2, 4);

describe('range proof: honest proofs verify', () => {
  it('for a selection v in {0..R}', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((R) => fc.tuple(fc.constant(R), fc.integer({ min: 0, max: R }))),
        ([R, v]) => {
          const { statement, proof } = proven(v, 0, R);
          expect(proof.branches).toHaveLength(R + 1);
          expect(verifyRange(statement, proof, context)).toBe(true);
          expect(rangeEquations(statement, proof, context)).toHaveLength(2 * (R + 1));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('for a sum v in [min..max], any context', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 4 }))
          .chain(([min, extra]) => fc.tuple(fc.constant(min), fc.constant(min + extra), fc.integer({ min, max: min + extra }))),
        arb.context(),
        ([min, max, v], ctx) => {
          const { statement, proof } = proven(v, min, max, ctx);
          expect(verifyRange(statement, proof, ctx)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('for values far from zero (u64 bounds in the hash, m·G mod ℓ in the equations)', () => {
    const min = 2 ** 50;
    const { statement, proof } = proven(min + 1, min, min + 2);
    expect(verifyRange(statement, proof, context)).toBe(true);
  });

  it('for the widest range allowed', () => {
    const { statement, proof } = proven(MAX_RANGE_WIDTH - 1, 0, MAX_RANGE_WIDTH - 1);
    expect(verifyRange(statement, proof, context)).toBe(true);
  });
});

describe('range proof: a prover cannot lie', () => {
  it('fails when the ciphertext holds another value than the one claimed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (actual, claimed) => {
        fc.pre(actual !== claimed);
        const r = randomNonZeroScalar();
        const statement = { publicKey: key, ciphertext: encrypt(key, actual, r), min: 0, max: 3 };
        expect(verifyRange(statement, proveRange(statement, claimed, r, context), context)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('fails for a value outside the range even with the right randomness', () => {
    const r = randomNonZeroScalar();
    const statement = { publicKey: key, ciphertext: encrypt(key, 2, r), min: 0, max: 1 };
    expect(verifyRange(statement, proveRange(statement, 1, r, context), context)).toBe(false);
  });

  it('proveRange throws for a value outside the range or not an integer', () => {
    const { statement } = selection;
    for (const v of [-1, 2, 0.5, Number.NaN]) expect(() => proveRange(statement, v, 1n, context), String(v)).toThrow(RangeError);
  });

  it('proveRange and rangeEquations throw for an invalid range', () => {
    const { statement, proof } = selection;
    for (const [min, max] of [
      [1, 0],
      [-1, 1],
      [0, MAX_RANGE_WIDTH],
      [0.5, 1],
    ] as const) {
      const bad = { ...statement, min, max };
      expect(() => proveRange(bad, 0, 1n, context), `${min}..${max}`).toThrow(RangeError);
      expect(() => rangeEquations(bad, proof, context), `${min}..${max}`).toThrow(RangeError);
    }
  });
});

describe('range proof: any changed statement element fails', () => {
  const cases: [string, { statement: RangeStatement; proof: RangeProof }][] = [
    ['selection {0..1}', selection],
    ['sum [2..4]', sum],
  ];
  for (const [name, { statement, proof }] of cases) {
    describe(name, () => {
      const other: Ciphertext = encrypt(key, statement.min);

      it('verifies unchanged', () => {
        expect(verifyRange(statement, proof, context)).toBe(true);
      });

      it('fails for another public key', () => {
        expect(verifyRange({ ...statement, publicKey: randomPoint() }, proof, context)).toBe(false);
      });

      it('fails for another alpha, another beta, swapped components or another ciphertext of an allowed value', () => {
        const { alpha, beta } = statement.ciphertext;
        for (const ciphertext of [
          { alpha: randomPoint(), beta },
          { alpha, beta: randomPoint() },
          { alpha: beta, beta: alpha },
          { alpha: other.alpha, beta },
          { alpha, beta: other.beta },
          other,
        ]) {
          expect(verifyRange({ ...statement, ciphertext }, proof, context)).toBe(false);
        }
      });

      it('fails for another min or max, shifted together or apart', () => {
        const { min, max } = statement;
        const ranges = [
          [min + 1, max + 1],
          [min, max + 1],
          [min, max - 1],
          [min + 1, max],
          ...(min > 0 ? [[min - 1, max - 1]] : []),
        ];
        for (const [lo, hi] of ranges) {
          if (lo === undefined || hi === undefined || hi < lo) continue;
          expect(verifyRange({ ...statement, min: lo, max: hi }, proof, context), `${lo}..${hi}`).toBe(false);
        }
      });

      it('fails for every single change to the context', () => {
        for (const v of contextVariants(context)) expect(verifyRange(statement, proof, v.context), v.name).toBe(false);
      });

      it("fails under another voter's credential (no ballot copying)", () => {
        expect(verifyRange(statement, proof, ballotContext(generateKeyPair().publicKey))).toBe(false);
      });
    });
  }
});

describe('range proof: tampered proofs fail', () => {
  const { statement, proof } = selection;
  const verify = (p: RangeProof): boolean => verifyRange(statement, p, context);

  it('fails when any byte of any component of a {0..1} proof is flipped', () => {
    const wire = rangeCodec.encode(proof);
    expect(wire).toHaveLength(8);
    expect(acceptsWire(rangeCodec, wire, verify)).toBe(true);
    for (const { component, index, flipped } of everyByteFlip(wire)) {
      expect(acceptsWire(rangeCodec, flipped, verify), `${component}:${index}`).toBe(false);
    }
  });

  it('fails for a random flip of any byte of a [2..4] proof', () => {
    const wire = rangeCodec.encode(sum.proof);
    fc.assert(
      fc.property(arb.flip(wire.length), ({ component, index, mask }) => {
        const flipped = flipComponent(wire, component, index, mask);
        expect(acceptsWire(rangeCodec, flipped, (p) => verifyRange(sum.statement, p, context))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('fails with a branch missing or added: rangeEquations gives null', () => {
    const branches = proof.branches;
    for (const bad of [branches.slice(1), branches.slice(0, -1), [...branches, branches[0]], []]) {
      const p = { branches: bad.filter((b) => b !== undefined) };
      expect(rangeEquations(statement, p, context)).toBeNull();
      expect(verify(p)).toBe(false);
    }
  });

  it('fails with the branches reordered', () => {
    expect(verify({ branches: [...proof.branches].reverse() })).toBe(false);
  });

  it('fails when two branch challenges trade a difference (sum unchanged)', () => {
    const [b0, b1] = proof.branches;
    if (!b0 || !b1) throw new Error('expected two branches');
    const moved = {
      branches: [
        { ...b0, challenge: b0.challenge + 1n },
        { ...b1, challenge: b1.challenge - 1n },
      ],
    };
    expect(rangeEquations(statement, moved, context)).not.toBeNull();
    expect(verify(moved)).toBe(false);
  });

  it('fails with a branch taken from another honest proof of the same statement', () => {
    const r = randomNonZeroScalar();
    const st = { publicKey: key, ciphertext: encrypt(key, 0, r), min: 0, max: 1 };
    const p1 = proveRange(st, 0, r, context);
    const p2 = proveRange(st, 0, r, context);
    expect(verifyRange(st, { branches: [p1.branches[0]!, p2.branches[1]!] }, context)).toBe(false);
  });
});
