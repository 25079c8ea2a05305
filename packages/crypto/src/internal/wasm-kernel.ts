// The WebAssembly verification kernel (kernel/kernel.ts, built by scripts/build-kernel.ts into
// kernel-binary.ts): ristretto255 decoding, encoding and multi-scalar multiplication on public data, 5–8×
// faster than the BigInt kernels (decode.ts, msm.ts, noble's encoder), which stay as the fallback and reference.
//
// It is used only under Node.js (the server, its workers, the verifier, the CLI). Browsers refuse to compile
// a module of this size synchronously on the main thread, and the voter pages' Content-Security-Policy allows
// no WebAssembly; their work is proving, which this kernel does not do. SAYLAU_KERNEL=js turns it off.
import type { ristretto255 } from '@noble/curves/ed25519.js';
import { fromRistretto } from './edwards.ts';
import { KERNEL_WASM_BASE64 } from './kernel-binary.ts';
import { readLE256, writeLE256 } from './le256.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  decode(input: number, output: number): number;
  encode(input: number, output: number): void;
  msmMaxWindow(): number;
  msmWorkBytes(n: number, c: number): number;
  msm(n: number, points: number, scalars: number, negate: number, c: number, work: number, out: number): void;
}

/** Bytes of one point as the kernel takes it: X, Y, Z, T as canonical little-endian encodings. */
const POINT_COORDINATES = 128;
const SCALAR_STRIDE = 40;
const PAGE = 65536;

/**
 * The most terms one multiScalar call takes. The kernel addresses its memory with 32-bit offsets; a term needs
 * at most 169 bytes of input and 2·320 + 127·4 + 1 of work (2-bit windows), so 2^20 terms stay below 1.4 GB and
 * no offset can wrap. Larger sums are cut into calls of this size (msm.ts).
 */
export const KERNEL_MAX_TERMS = 1 << 20;

/** A term of a multi-scalar multiplication: the kernel computes Σ ±sᵢ·Pᵢ (−Pᵢ where `negated`). */
export interface KernelTerm {
  readonly base: RistrettoPoint;
  readonly scalar: bigint;
  readonly negated: boolean;
}

export class WasmKernel {
  private readonly base: number;
  /** The widest Pippenger window the kernel's digit storage holds (kernel.ts, MAX_WINDOW): the window chooser's bound. */
  readonly maxWindow: number;
  // views of the kernel's memory, renewed when it grows (growing detaches the old buffer)
  private buffer: ArrayBuffer | null = null;
  private u8 = new Uint8Array(0);
  private view = new DataView(new ArrayBuffer(0));

  constructor(private readonly k: KernelExports) {
    this.base = k.heapBase();
    this.maxWindow = k.msmMaxWindow();
  }

  /** Makes the kernel's memory reach `end` and refreshes the views. */
  private reserve(end: number): void {
    const have = this.k.memory.buffer.byteLength;
    if (end > have) this.k.memory.grow(Math.ceil((end - have) / PAGE));
    if (this.buffer !== this.k.memory.buffer) {
      this.buffer = this.k.memory.buffer;
      this.u8 = new Uint8Array(this.buffer);
      this.view = new DataView(this.buffer);
    }
  }

  /** Writes p's X, Y, Z, T (POINT_COORDINATES bytes) at `at`, straight from noble's BigInt coordinates. */
  private writePoint(at: number, p: RistrettoPoint): void {
    const e = fromRistretto(p);
    writeLE256(this.view, at, e.X);
    writeLE256(this.view, at + 32, e.Y);
    writeLE256(this.view, at + 64, e.Z);
    writeLE256(this.view, at + 96, e.T);
  }

  /**
   * RFC 9496 DECODE of 32 bytes: x, y and t = x·y of the representative with z = 1 (as noble returns it),
   * or null when the bytes encode no element.
   */
  decode(encoding: Uint8Array): readonly [bigint, bigint, bigint] | null {
    const input = this.base;
    const output = input + 32;
    this.reserve(output + 96);
    this.u8.set(encoding, input);
    if (this.k.decode(input, output) !== 1) return null;
    return [readLE256(this.view, output), readLE256(this.view, output + 32), readLE256(this.view, output + 64)];
  }

  /** RFC 9496 ENCODE of p: one inverse square root, as decoding costs. */
  encode(p: RistrettoPoint): Uint8Array {
    const input = this.base;
    const output = input + POINT_COORDINATES;
    this.reserve(output + 32);
    this.writePoint(input, p);
    this.k.encode(input, output);
    return this.u8.slice(output, output + 32);
  }

  /**
   * Σ ±sᵢ·Pᵢ with scalars below 2^253, by Pippenger's method with `window`-bit digits (2 ≤ window ≤ maxWindow)
   * and at most KERNEL_MAX_TERMS terms. Returns the sum's X, Y, Z, T (128 bytes, canonical), a view valid until
   * the kernel's next call.
   */
  multiScalar(terms: readonly KernelTerm[], window: number): Uint8Array {
    const n = terms.length;
    if (!Number.isInteger(window) || window < 2 || window > this.maxWindow) {
      throw new RangeError(`window must be 2…${this.maxWindow} bits`);
    }
    if (n > KERNEL_MAX_TERMS) throw new RangeError(`at most ${KERNEL_MAX_TERMS} terms per kernel call`);
    const pointsAt = this.base;
    const scalarsAt = pointsAt + n * POINT_COORDINATES;
    const negateAt = scalarsAt + n * SCALAR_STRIDE;
    const workAt = align(negateAt + n);
    const outAt = align(workAt + this.k.msmWorkBytes(n, window));
    this.reserve(outAt + POINT_COORDINATES);
    this.u8.fill(0, scalarsAt, negateAt); // the scalars' zero padding
    terms.forEach((t, i) => {
      this.writePoint(pointsAt + i * POINT_COORDINATES, t.base);
      writeLE256(this.view, scalarsAt + i * SCALAR_STRIDE, t.scalar);
      this.u8[negateAt + i] = t.negated ? 1 : 0;
    });
    this.k.msm(n, pointsAt, scalarsAt, negateAt, window, workAt, outAt);
    return this.u8.subarray(outAt, outAt + POINT_COORDINATES);
  }
}

function align(at: number): number {
  return (at + 15) & ~15;
}

/** A new instance of the kernel (each thread has its own: the kernel keeps its scratch data in its memory). */
export function createWasmKernel(): WasmKernel {
  const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return new WasmKernel(instance.exports as unknown as KernelExports);
}

function load(): WasmKernel | null {
  const node = (globalThis as { process?: { versions?: { node?: string }; env?: Record<string, string | undefined> } }).process;
  if (!node?.versions?.node || node.env?.SAYLAU_KERNEL === 'js' || typeof WebAssembly !== 'object') return null;
  return createWasmKernel();
}

/** The kernel of this thread, or null where the BigInt kernels are used. */
export const wasmKernel: WasmKernel | null = load();
