// Wire codecs for the proof types, as a verifier would read them: every point through decodePoint (so the
// identity and non-canonical encodings are rejected), every scalar through decodeScalar.
import {
  type ChaumPedersenProof,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  type RangeProof,
  type SchnorrProof,
  type Signature,
} from '../../src/index.ts';
import type { WireCodec } from './tamper.ts';

function at(components: readonly Uint8Array[], i: number): Uint8Array {
  const c = components[i];
  if (c === undefined) throw new RangeError(`missing component ${i}`);
  return c;
}

export const schnorrCodec: WireCodec<SchnorrProof> = {
  encode: (p) => [encodePoint(p.commitment), encodeScalar(p.response)],
  decode: (c) => ({ commitment: decodePoint(at(c, 0)), response: decodeScalar(at(c, 1)) }),
};

export const signatureCodec: WireCodec<Signature> = {
  encode: (s) => [encodePoint(s.commitment), encodeScalar(s.response)],
  decode: (c) => ({ commitment: decodePoint(at(c, 0)), response: decodeScalar(at(c, 1)) }),
};

export const chaumPedersenCodec: WireCodec<ChaumPedersenProof> = {
  encode: (p) => [encodePoint(p.commitment1), encodePoint(p.commitment2), encodeScalar(p.response)],
  decode: (c) => ({
    commitment1: decodePoint(at(c, 0)),
    commitment2: decodePoint(at(c, 1)),
    response: decodeScalar(at(c, 2)),
  }),
};

/** Four components per branch: A_m, B_m, c_m, s_m. */
export const rangeCodec: WireCodec<RangeProof> = {
  encode: (p) =>
    p.branches.flatMap((b) => [
      encodePoint(b.commitmentA),
      encodePoint(b.commitmentB),
      encodeScalar(b.challenge),
      encodeScalar(b.response),
    ]),
  decode: (c) => {
    if (c.length % 4 !== 0) throw new RangeError('range proof components come in fours');
    return {
      branches: Array.from({ length: c.length / 4 }, (_, i) => ({
        commitmentA: decodePoint(at(c, 4 * i)),
        commitmentB: decodePoint(at(c, 4 * i + 1)),
        challenge: decodeScalar(at(c, 4 * i + 2)),
        response: decodeScalar(at(c, 4 * i + 3)),
      })),
    };
  },
};
