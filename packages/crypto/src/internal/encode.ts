// Encoding points we computed as doubles (internal, prover side): the RFC 9496 encoding of 2·H needs no
// square root, so a batch of them shares one field inversion instead of an inverse square root each.
// It is the method of curve25519-dalek's RistrettoPoint::double_and_compress_batch; the results are
// checked against noble's encoder.
import { ed25519 } from '@noble/curves/ed25519.js';
import { numberToBytesLE } from '@noble/curves/utils.js';
import { double, type Ext, toRistretto } from './edwards.ts';
import { canonical, invertAll, mul, P, sqr, sub } from './field.ts';

const d = ed25519.Point.CURVE().d;
/** √−1 and 1/√(a − d) with a = −1 (RFC 9496 §4.1 constants SQRT_M1 and INVSQRT_A_MINUS_D). */
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;
const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
// the constants are what they claim (cheap to check once, costly to get wrong)
if ((SQRT_M1 * SQRT_M1) % P !== P - 1n || (((INVSQRT_A_MINUS_D * INVSQRT_A_MINUS_D) % P) * (P - 1n - d)) % P !== 1n) {
  throw new Error('ristretto255 constants are wrong');
}

function isNegative(x: bigint): boolean {
  return (canonical(x) & 1n) === 1n;
}

/** The canonical encodings of 2·H for every H, with one shared inversion. */
export function encodeDoubles(points: readonly Ext[]): Uint8Array[] {
  const states = points.map((h) => {
    const XX = sqr(h.X);
    const YY = sqr(h.Y);
    const ZZ = sqr(h.Z);
    const dTT = mul(sqr(h.T), d);
    const e = mul(h.X, h.Y + h.Y); // 2XY
    const f = ZZ + dTT; // Z² + d·T²
    const g = YY + XX; // Y² − a·X²
    const h2 = sub(ZZ, dTT); // Z² − d·T²
    const eg = mul(e, g);
    const fh = mul(f, h2);
    return { e, f, g, h: h2, eg, fh, efgh: mul(eg, fh) };
  });
  // efgh ≡ 0 only when 2·H is the identity (H in the 4-torsion coset); noble encodes those few directly
  const regular = states.map((s) => canonical(s.efgh) !== 0n);
  const inverses = invertAll(states.filter((_, i) => regular[i]).map((s) => s.efgh));
  let next = 0;
  return states.map((s, i) => {
    if (!regular[i]) return toRistretto(double(points[i] as Ext)).toBytes();
    const inv = inverses[next++] as bigint;
    const zInv = mul(s.eg, inv); // 1/(f·h)
    const tInv = mul(s.fh, inv); // 1/(e·g)
    let { e, g, h } = s;
    let magic = INVSQRT_A_MINUS_D;
    if (isNegative(mul(s.eg, zInv))) {
      // rotate by the 4-torsion point (√−1-twist), as the encoder's first sign check requires
      const minusE = sub(0n, e);
      e = g;
      g = minusE;
      h = mul(s.f, SQRT_M1);
      magic = SQRT_M1;
    }
    if (isNegative(mul(mul(h, e), zInv))) g = sub(0n, g);
    let sEnc = canonical(mul(sub(h, g), mul(magic, mul(g, tInv))));
    if (sEnc & 1n) sEnc = P - sEnc;
    return numberToBytesLE(sEnc, 32);
  });
}
