// The WebAssembly verification kernel (kernel/kernel.ts, built by scripts/build-kernel.ts into
// kernel-binary.ts): ristretto255 decoding, encoding and multi-scalar multiplication on public data, about 7×
// faster than the BigInt kernels (decode.ts, msm.ts, noble's encoder), which stay as the fallback and reference.
//
// It is used only under Node.js (the server, its workers, the verifier, the CLI). Browsers refuse to compile
// a module of this size synchronously on the main thread, and the voter pages' Content-Security-Policy allows
// no WebAssembly; their work is proving, which this kernel does not do. SAYLAU_KERNEL=js turns it off.
import type { ristretto255 } from '@noble/curves/ed25519.js';
import { fromRistretto } from './edwards.ts';
import { knownCoordinates } from './encodings.ts';
import { KERNEL_WASM_BASE64 } from './kernel-binary.ts';
import { writeLE256 } from './le256.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  decode(input: number, output: number): number;
  encode(input: number, output: number): void;
  msmWorkBytes(n: number, c: number): number;
  msm(n: number, points: number, scalars: number, negate: number, c: number, work: number, out: number): void;
}

/** Bytes of one point as the kernel takes it: X, Y, Z, T as canonical little-endian encodings. */
export const POINT_COORDINATES = 128;
const SCALAR_STRIDE = 40;
const PAGE = 65536;

export class WasmKernel {
  private readonly base: number;

  constructor(private readonly k: KernelExports) {
    this.base = k.heapBase();
  }

  private bytes(): Uint8Array {
    return new Uint8Array(this.k.memory.buffer);
  }

  private reserve(end: number): void {
    const have = this.k.memory.buffer.byteLength;
    if (end > have) this.k.memory.grow(Math.ceil((end - have) / PAGE));
  }

  /**
   * RFC 9496 DECODE of 32 bytes: x, y and t = x·y of the representative with z = 1 (as noble returns it),
   * as 96 bytes of canonical encodings, or null when the bytes encode no element.
   */
  decode(encoding: Uint8Array): Uint8Array | null {
    const input = this.base;
    const output = input + 32;
    this.reserve(output + 96);
    const memory = this.bytes();
    memory.set(encoding, input);
    if (this.k.decode(input, output) !== 1) return null;
    return memory.subarray(output, output + 96); // a view: valid until the kernel's next call
  }

  /** RFC 9496 ENCODE of p: one inverse square root, as decoding costs. */
  encode(p: RistrettoPoint): Uint8Array {
    const input = this.base;
    const output = input + POINT_COORDINATES;
    this.reserve(output + 32);
    const memory = this.bytes();
    writeCoordinates(memory, input, p);
    this.k.encode(input, output);
    return memory.slice(output, output + 32);
  }

  /**
   * Σ ±sᵢ·Pᵢ. `points` holds n points of POINT_COORDINATES bytes; scalars are below 2^253; `negate[i]` = 1
   * takes −Pᵢ. Returns the sum's X, Y, Z, T (128 bytes, canonical), a view valid until the next call.
   */
  multiScalar(points: Uint8Array, scalars: readonly bigint[], negate: Uint8Array, window: number): Uint8Array {
    const n = scalars.length;
    const pointsAt = this.base;
    const scalarsAt = pointsAt + n * POINT_COORDINATES;
    const negateAt = scalarsAt + n * SCALAR_STRIDE;
    const workAt = align(negateAt + n);
    const outAt = align(workAt + this.k.msmWorkBytes(n, window));
    this.reserve(outAt + POINT_COORDINATES);
    const memory = this.bytes();
    memory.set(points.subarray(0, n * POINT_COORDINATES), pointsAt);
    memory.fill(0, scalarsAt, negateAt);
    const view = new DataView(memory.buffer);
    scalars.forEach((s, i) => {
      writeLE256(view, scalarsAt + i * SCALAR_STRIDE, s);
    });
    memory.set(negate.subarray(0, n), negateAt);
    this.k.msm(n, pointsAt, scalarsAt, negateAt, window, workAt, outAt);
    return memory.subarray(outAt, outAt + POINT_COORDINATES);
  }
}

/** Writes p's X, Y, Z, T (POINT_COORDINATES bytes) at `at` in `into`. */
export function writeCoordinates(into: Uint8Array, at: number, p: RistrettoPoint): void {
  const known = knownCoordinates(p);
  if (known) {
    into.set(known, at);
    return;
  }
  const e = fromRistretto(p);
  const view = new DataView(into.buffer, into.byteOffset, into.byteLength);
  [e.X, e.Y, e.Z, e.T].forEach((v, i) => {
    writeLE256(view, at + 32 * i, v);
  });
}

function align(at: number): number {
  return (at + 15) & ~15;
}

function load(): WasmKernel | null {
  const node = (globalThis as { process?: { versions?: { node?: string }; env?: Record<string, string | undefined> } }).process;
  if (!node?.versions?.node || node.env?.SAYLAU_KERNEL === 'js' || typeof WebAssembly !== 'object') return null;
  const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return new WasmKernel(instance.exports as unknown as KernelExports);
}

/** The kernel of this process, or null where the BigInt kernels are used. */
export const wasmKernel: WasmKernel | null = load();
