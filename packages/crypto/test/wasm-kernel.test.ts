// The WebAssembly kernel (src/internal/wasm-kernel.ts) against the BigInt reference kernels and noble:
// decoding, encoding and multi-scalar multiplication must agree on every input, valid or not, and the
// committed binary must be what the committed source compiles to. (Every window size against noble, with extreme
// digits: msm-windows.test.ts.)
import { ristretto255 } from '@noble/curves/ed25519.js';
import { numberToBytesLE } from '@noble/curves/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryModuleText, compileKernel } from '../scripts/build-kernel.ts';
import { decodePoint, G, mulSecret, ORDER } from '../src/index.ts';
import { decodeWithBigInts } from '../src/internal/decode.ts';
import { Ext, toRistretto } from '../src/internal/edwards.ts';
import { KERNEL_WASM_BASE64 } from '../src/internal/kernel-binary.ts';
import { readLE256 } from '../src/internal/le256.ts';
import { bigintCombination, isIdentityCombination, linearCombination } from '../src/internal/msm.ts';
import { createWasmKernel, wasmKernel } from '../src/internal/wasm-kernel.ts';

// its own instance, so that these comparisons run even where SAYLAU_KERNEL=js turns the kernel off
const kernel = createWasmKernel();
const P = 2n ** 255n - 19n;

const scalar = fc.bigInt({ min: 1n, max: ORDER - 1n });
const point = scalar.map((s) => mulSecret(G, s));
/** Decoded points carry Z = 1, which the kernel adds with a cheaper formula. */
const decodedPoint = point.map((p) => decodePoint(p.toBytes()));

describe('the WebAssembly kernel', () => {
  it('is in use under Node.js unless SAYLAU_KERNEL=js', () => {
    expect(wasmKernel !== null).toBe(process.env.SAYLAU_KERNEL !== 'js');
  });

  it('is the committed source compiled (scripts/build-kernel.ts rebuilds it)', async () => {
    const binary = await compileKernel();
    expect(binaryModuleText(binary)).toContain(KERNEL_WASM_BASE64);
    expect(Buffer.from(binary).toString('base64')).toBe(KERNEL_WASM_BASE64);
  }, 60_000);

  it('decodes every valid encoding to noble’s representative', () => {
    fc.assert(
      fc.property(point, (p) => {
        const bytes = p.toBytes();
        const xyt = kernel.decode(bytes);
        const reference = decodeWithBigInts(bytes);
        expect(xyt).toBeTruthy();
        expect(reference).not.toBeNull();
        const e = (reference as unknown as { ep: { X: bigint; Y: bigint; T: bigint } }).ep;
        expect(xyt).toEqual([e.X, e.Y, e.T]);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts and rejects exactly the byte strings that noble does', () => {
    const edges = [0n, 1n, 2n, P - 1n, P, P + 1n, P + 2n, 2n ** 255n - 2n, 2n ** 256n - 2n].map((v) =>
      numberToBytesLE(v % 2n ** 256n, 32),
    );
    const arbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => {
      b[31] = (b[31] as number) & 0x7f; // most high-bit strings are trivially refused
      return b;
    });
    const check = (bytes: Uint8Array) => {
      let nobleAccepts = true;
      try {
        ristretto255.Point.fromBytes(bytes);
      } catch {
        nobleAccepts = false;
      }
      expect(kernel.decode(bytes) !== null).toBe(nobleAccepts);
      expect(decodeWithBigInts(bytes) !== null).toBe(nobleAccepts);
    };
    for (const e of edges) check(e);
    fc.assert(fc.property(arbitrary, check), { numRuns: 2000 });
  });

  it('encodes every point as noble does, whatever its representative', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const sum = a.add(b).subtract(G); // a projective representative with Z ≠ 1
        expect(kernel.encode(sum)).toEqual(sum.toBytes());
      }),
      { numRuns: 200 },
    );
    expect(kernel.encode(ristretto255.Point.ZERO)).toEqual(new Uint8Array(32));
  });

  it('computes the same multi-scalar multiplications as the BigInt kernel', () => {
    const term = fc.record({
      base: fc.oneof(point, decodedPoint, fc.constant(G), fc.constant(ristretto255.Point.ZERO)),
      scalar: fc.oneof(
        scalar,
        fc.constant(0n),
        fc.constant(1n),
        fc.constant(ORDER - 1n),
        fc.bigInt({ min: 0n, max: 2n ** 128n }),
      ),
      negated: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(term, { minLength: 0, maxLength: 70 }),
        fc.integer({ min: 2, max: kernel.maxWindow }),
        (terms, window) => {
          const view = new DataView(kernel.multiScalar(terms, window).slice().buffer);
          const sum = toRistretto(new Ext(readLE256(view, 0), readLE256(view, 32), readLE256(view, 64), readLE256(view, 96)));
          const reference = toRistretto(
            bigintCombination(
              terms.map((t) => t.base),
              terms.map((t) => (t.negated ? (ORDER - t.scalar) % ORDER : t.scalar)),
            ),
          );
          expect(sum.equals(reference)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers through the public combinations as the BigInt kernel does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(point, decodedPoint), fc.bigInt({ min: 0n, max: 2n ** 300n })), { maxLength: 20 }),
        (terms) => {
          const points = terms.map(([p]) => p);
          const scalars = terms.map(([, s]) => s);
          expect(toRistretto(linearCombination(points, scalars)).equals(toRistretto(bigintCombination(points, scalars)))).toBe(
            true,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('decides identity combinations exactly', () => {
    fc.assert(
      fc.property(point, point, scalar, scalar, (p, q, a, b) => {
        // a·P + b·Q − a·P − b·Q = 0 as separate terms; changing one scalar breaks it
        const points = [p, q, p, q];
        expect(isIdentityCombination(points, [a, b, ORDER - a, ORDER - b])).toBe(true);
        expect(isIdentityCombination(points, [a, b, ORDER - a, ORDER - b + 1n])).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
