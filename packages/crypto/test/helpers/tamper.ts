// Test helpers for tamper properties: proofs as lists of wire components (points via encodePoint, scalars via
// encodeScalar), single-byte flips of those components, and "a component that no longer decodes is a failure".
import fc from 'fast-check';
import { DecodeError, G, mulSecret, ORDER, type Point, randomNonZeroScalar, type Scalar } from '../../src/index.ts';

/** Turns a proof into its wire components and back; decoding throws DecodeError on a bad component. */
export interface WireCodec<P> {
  encode(proof: P): Uint8Array[];
  decode(components: readonly Uint8Array[]): P;
}

/** A copy of `bytes` with byte `index` XOR-ed with a non-zero `mask`. */
export function flipByte(bytes: Uint8Array, index: number, mask: number): Uint8Array {
  if (mask < 1 || mask > 255) throw new RangeError('mask must be 1..255');
  const out = bytes.slice();
  out[index] = (out[index] as number) ^ mask;
  return out;
}

/** The components with one byte of one component flipped. */
export function flipComponent(components: readonly Uint8Array[], component: number, index: number, mask: number): Uint8Array[] {
  return components.map((c, i) => (i === component ? flipByte(c, index, mask) : c));
}

/** Every single-byte flip of every component; the flipped bit moves with the position so all eight get used. */
export function* everyByteFlip(
  components: readonly Uint8Array[],
): Generator<{ component: number; index: number; flipped: Uint8Array[] }> {
  for (let component = 0; component < components.length; component++) {
    const length = (components[component] as Uint8Array).length;
    for (let index = 0; index < length; index++) {
      yield { component, index, flipped: flipComponent(components, component, index, 1 << ((component + index) % 8)) };
    }
  }
}

/** Decodes and verifies; a DecodeError means the tampered bytes are not even a proof, which counts as rejection. */
export function acceptsWire<P>(codec: WireCodec<P>, components: readonly Uint8Array[], verify: (proof: P) => boolean): boolean {
  let proof: P;
  try {
    proof = codec.decode(components);
  } catch (error) {
    if (error instanceof DecodeError) return false;
    throw error;
  }
  return verify(proof);
}

/** A fresh random element (never the identity). */
export function randomPoint(): Point {
  return mulSecret(G, randomNonZeroScalar());
}

/** fast-check arbitraries shared by the property tests. */
export const arb = {
  scalar: (): fc.Arbitrary<Scalar> => fc.bigInt({ min: 1n, max: ORDER - 1n }),
  /** A context of 1–4 fields of 0–40 bytes (empty fields included: length prefixes must still tell them apart). */
  context: (): fc.Arbitrary<Uint8Array[]> => fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 4 }),
  /** Which byte of which component to flip, and how. */
  flip: (components: number, length = 32): fc.Arbitrary<{ component: number; index: number; mask: number }> =>
    fc.record({
      component: fc.integer({ min: 0, max: components - 1 }),
      index: fc.integer({ min: 0, max: length - 1 }),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
};

/**
 * Every single change to a context: each field altered (a byte flipped, or a byte added to an empty field),
 * each field removed, a field appended, an empty field prepended, and two adjacent fields re-split.
 */
export function contextVariants(context: readonly Uint8Array[]): { name: string; context: Uint8Array[] }[] {
  const variants: { name: string; context: Uint8Array[] }[] = [];
  context.forEach((field, i) => {
    const altered = field.length > 0 ? flipByte(field, field.length - 1, 0x01) : new Uint8Array([0]);
    variants.push({ name: `field ${i} altered`, context: context.map((f, j) => (j === i ? altered : f)) });
    variants.push({ name: `field ${i} removed`, context: context.filter((_, j) => j !== i) });
  });
  variants.push({ name: 'field appended', context: [...context, new Uint8Array([1])] });
  variants.push({ name: 'empty field prepended', context: [new Uint8Array(0), ...context] });
  const first = context[0];
  const second = context[1];
  if (first !== undefined && second !== undefined && first.length > 0) {
    // Same concatenated bytes, split one byte earlier: only the length prefixes tell the two apart.
    const moved = [first.subarray(0, first.length - 1), new Uint8Array([...first.subarray(first.length - 1), ...second])];
    variants.push({ name: 'fields 0 and 1 re-split', context: [...moved, ...context.slice(2)] });
  }
  return variants;
}
