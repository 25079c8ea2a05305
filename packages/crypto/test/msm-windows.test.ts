// Pippenger's window sizes against noble's ristretto255: both multi-scalar kernels (WebAssembly, BigInt) at every
// window the chooser may return, with scalars whose signed digits reach the extreme +2^(c−1); the chooser kept
// within each kernel's digit storage; and the real chooser at the term count where it picks 16-bit windows.
import { ristretto255 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { decodePoint, G, ORDER } from '../src/index.ts';
import { Ext, toRistretto } from '../src/internal/edwards.ts';
import { readLE256 } from '../src/internal/le256.ts';
import { bigintCombination, chooseWindow, kernelCombination } from '../src/internal/msm.ts';
import { MAX_SIGNED_WINDOW, signedWindows } from '../src/internal/recoding.ts';
import { createWasmKernel, KERNEL_MAX_TERMS, type KernelTerm } from '../src/internal/wasm-kernel.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

// its own instance, so that these run even where SAYLAU_KERNEL=js turns the kernel off
const kernel = createWasmKernel();

const randomScalar = () => bytesToNumberLE(randomBytes(64)) % ORDER;
const randomBelow = (bits: number) => bytesToNumberLE(randomBytes(Math.ceil(bits / 8))) & ((1n << BigInt(bits)) - 1n);
/** A decoded element (Z = 1: the kernel's cheaper mixed addition) or a computed one (Z ≠ 1). */
const decodedPoint = () => decodePoint(G.multiply(randomScalar() || 1n).toBytes());
const computedPoint = () => G.multiply(randomScalar() || 1n).add(decodedPoint());

/** Every window 2…max: at least all the chooser can return for that kernel. */
const windowsUpTo = (max: number) => Array.from({ length: max - 1 }, (_, i) => i + 2);

/**
 * Scalars below 2^bits whose c-bit signed recoding (digits in (−2^(c−1), 2^(c−1)]) holds the extreme digit
 * +2^(c−1): directly in every window, reached through a carry from below, or on top of a run of ones (2^k − 1).
 */
function extremeScalars(c: number, bits: number): bigint[] {
  const C = BigInt(c);
  const half = 1n << (C - 1n);
  let everyWindow = 0n;
  for (let at = 0n; at + C <= BigInt(bits); at += C) everyWindow |= half << at;
  const carried = ((half - 1n) << C) | ((1n << C) - 1n); // −1 carries 1 into 2^(c−1) − 1
  const ones: bigint[] = [];
  for (let k = 2 * c - 1; k < bits; k += c) ones.push((1n << BigInt(k)) - 1n); // the top window ends as 2^(c−1)
  return [everyWindow, carried, carried << BigInt(c * 3), ...ones];
}

/** The scalars of one test at window c: the extremes, ℓ − 1, 0, 1, long runs of ones, random full and short. */
function scalarsFor(c: number, bits: number): bigint[] {
  const extremes = extremeScalars(c, bits);
  // the fixtures must reach the digit they are meant to: check with the BigInt recoding
  for (const s of extremes) expect(Array.from(signedWindows(s, c, Math.ceil(bits / c) + 1))).toContain(2 ** (c - 1));
  return [...extremes, ORDER - 1n, 0n, 1n, (1n << 252n) - 1n, (1n << 128n) - 1n, randomScalar(), randomBelow(128)];
}

/** Σ sᵢ·Pᵢ by noble alone. */
function nobleSum(points: readonly RistrettoPoint[], scalars: readonly bigint[]): RistrettoPoint {
  return points.reduce((acc, p, i) => {
    const s = (scalars[i] as bigint) % ORDER;
    return s === 0n ? acc : acc.add(p.multiplyUnsafe(s));
  }, ristretto255.Point.ZERO);
}

function kernelSum(terms: readonly KernelTerm[], window: number): RistrettoPoint {
  const view = new DataView(kernel.multiScalar(terms, window).slice().buffer);
  return toRistretto(new Ext(readLE256(view, 0), readLE256(view, 32), readLE256(view, 64), readLE256(view, 96)));
}

describe('multi-scalar multiplication at every window size', () => {
  it('the chooser never exceeds the digit storage of the kernel it chooses for', () => {
    expect(kernel.maxWindow).toBe(16);
    expect(MAX_SIGNED_WINDOW).toBe(16);
    for (const max of [kernel.maxWindow, MAX_SIGNED_WINDOW]) {
      for (let n = 1; n <= KERNEL_MAX_TERMS; n *= 4) {
        for (const lengths of [
          Array.from({ length: n }, () => ({ bits: 252 })),
          Array.from({ length: n }, (_, i) => ({ bits: i % 8 ? 128 : 252 })),
        ]) {
          const { c } = chooseWindow(lengths, max);
          expect(c).toBeGreaterThanOrEqual(2);
          expect(c).toBeLessThanOrEqual(max);
        }
      }
    }
    // the widest window is reached below the kernel's per-call limit, and a smaller bound is obeyed
    const many = Array.from({ length: 500_000 }, () => ({ bits: 252 }));
    expect(chooseWindow(many, 16).c).toBe(16);
    expect(chooseWindow(many, 12).c).toBe(12);
  });

  it('the WebAssembly kernel refuses windows and term counts its storage cannot hold', () => {
    const term: KernelTerm = { base: G, scalar: 1n, negated: false };
    expect(() => kernel.multiScalar([term], 1)).toThrow(RangeError);
    expect(() => kernel.multiScalar([term], kernel.maxWindow + 1)).toThrow(RangeError);
    expect(() => kernel.multiScalar(new Array(KERNEL_MAX_TERMS + 1).fill(term), 8)).toThrow(RangeError);
    expect(() => signedWindows(1n, MAX_SIGNED_WINDOW + 1, 16)).toThrow(RangeError);
  });

  it('the WebAssembly kernel agrees with noble at every window, extreme digits included', () => {
    for (const c of windowsUpTo(kernel.maxWindow)) {
      // the kernel takes scalars below 2^253 as they are (no folding), so ℓ − 1 and 2^252 − 1 go in whole
      const scalars = scalarsFor(c, 253);
      const points = scalars.map((_, i) => (i % 2 ? decodedPoint() : computedPoint()));
      const terms = scalars.map((scalar, i) => ({ base: points[i] as RistrettoPoint, scalar, negated: i % 3 === 2 }));
      const want = nobleSum(
        points,
        terms.map((t) => (t.negated ? ORDER - (t.scalar % ORDER) : t.scalar)),
      );
      expect(kernelSum(terms, c).equals(want), `window ${c}`).toBe(true);
      // a lone extreme scalar: the sum is that one digit's bucket and nothing else
      const [extreme] = scalars as [bigint];
      const lone = kernelSum([{ base: points[0] as RistrettoPoint, scalar: extreme, negated: false }], c);
      expect(lone.equals((points[0] as RistrettoPoint).multiplyUnsafe(extreme % ORDER)), `window ${c}, lone`).toBe(true);
    }
  });

  it('the folded kernel combination agrees with noble at every window, and across calls', () => {
    for (const c of windowsUpTo(kernel.maxWindow)) {
      // folding maps s > ℓ/2 to ℓ − s on −P; extremes below 2^251 survive it unchanged
      const scalars = [...scalarsFor(c, 251), ...scalarsFor(c, 251).map((s) => ORDER - s)];
      const points = scalars.map((_, i) => (i % 2 ? decodedPoint() : computedPoint()));
      const want = nobleSum(points, scalars);
      expect(toRistretto(kernelCombination(kernel, points, scalars, { window: c })).equals(want), `window ${c}`).toBe(true);
      const inSevens = kernelCombination(kernel, points, scalars, { window: c, termsPerCall: 7 });
      expect(toRistretto(inSevens).equals(want), `window ${c}, 7 terms per call`).toBe(true);
    }
  });

  it('the BigInt Pippenger agrees with noble at every window, extreme digits included', () => {
    for (const c of windowsUpTo(MAX_SIGNED_WINDOW)) {
      // scalars are folded into (0, ℓ/2] first; points without a table, which would bypass Pippenger
      const scalars = [...scalarsFor(c, 251), ORDER - (1n << 250n)];
      const points = scalars.map((_, i) => (i % 2 ? decodedPoint() : computedPoint()));
      const got = toRistretto(bigintCombination(points, scalars, { window: c }));
      expect(got.equals(nobleSum(points, scalars)), `window ${c}`).toBe(true);
    }
  }, 120_000);

  it('with the real chooser at 500,000 terms (16-bit windows), the sum is exact', () => {
    const n = 500_000;
    expect(
      chooseWindow(
        Array.from({ length: n }, () => ({ bits: 252 })),
        kernel.maxWindow,
      ).c,
    ).toBe(16);
    // 16 bases repeated; about 120 random digits land on +2^15, and the fixtures add more for sure
    const bases = Array.from({ length: 16 }, decodedPoint);
    const fixtures = scalarsFor(16, 251);
    const scalars = Array.from({ length: n }, (_, i) => fixtures[i] ?? (ORDER >> 1n) - randomBelow(240));
    const points = scalars.map((_, i) => bases[i % 16] as RistrettoPoint);
    // Σ sᵢ·Pᵢ − Σ_b (Σ_{i on b} sᵢ)·b + 1·bases[0] = bases[0]: checks the whole sum, not only "is it zero"
    const totals = bases.map(() => 0n);
    scalars.forEach((s, i) => {
      totals[i % 16] = ((totals[i % 16] as bigint) + s) % ORDER;
    });
    totals[0] = (totals[0] as bigint) - 1n;
    const sum = kernelCombination(kernel, [...points, ...bases], [...scalars, ...totals.map((t) => (ORDER - t) % ORDER)]);
    expect(toRistretto(sum).equals(bases[0] as RistrettoPoint)).toBe(true);
  }, 120_000);
});
