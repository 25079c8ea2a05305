// Differential check of the internal arithmetic kernels (src/internal/) against noble's own ristretto255:
// decoding, point formulas, multi-scalar multiplication (Straus, Pippenger, fixed-base tables), secret
// multiples, batched encodings of doubles, and the discrete log. Run: npx tsx packages/crypto/scripts/check-kernels.ts
// (test/kernels.test.ts runs it in CI, with the WebAssembly kernel and with SAYLAU_KERNEL=js).
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { bytesToHex, bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { discreteLog, encodeMessage, encodePoint, G, mulPublic, mulSecret, ORDER, withTable } from '../src/index.ts';
import { secretCombinations } from '../src/internal/combine.ts';
import { decodeRistretto } from '../src/internal/decode.ts';
import { add, double, Ext, fromRistretto, negate, toCached, toRistretto } from '../src/internal/edwards.ts';
import { encodeDoubles } from '../src/internal/encode.ts';
import { isIdentityCombination } from '../src/internal/msm.ts';
import { secretMultiple, tableOf } from '../src/internal/tables.ts';

const Point = ristretto255.Point;
type RPoint = InstanceType<typeof Point>;

let failures = 0;
let checks = 0;
function expect(ok: boolean, what: string): void {
  checks++;
  if (!ok) {
    failures++;
    if (failures <= 10) console.log(`FAIL ${what}`);
  }
}

const randomScalar = () => bytesToNumberLE(randomBytes(64)) % ORDER;
const shortScalar = () => bytesToNumberLE(randomBytes(16));
const randomByte = () => randomBytes(1)[0] as number;
/** A decoded element (noble's decoder picks the representative) or a computed one (any representative). */
const decodedPoint = () => Point.fromBytes(Point.BASE.multiply(randomScalar() || 1n).toBytes());
const computedPoint = () => Point.BASE.multiply(randomScalar() || 1n).add(decodedPoint());

// edwards25519 torsion points of order 2 and 4: representatives of one ristretto255 element differ by them
const Fp = ed25519.Point.Fp;
const sqrtM1 = Fp.sqrt(Fp.neg(1n));
const torsion = [
  ed25519.Point.ZERO,
  new ed25519.Point(sqrtM1, 0n, 1n, 0n),
  new ed25519.Point(0n, Fp.neg(1n), 1n, 0n),
  new ed25519.Point(Fp.neg(sqrtM1), 0n, 1n, 0n),
];
function withTorsion(p: RPoint, k: number): Ext {
  const e = fromRistretto(p);
  const t = torsion[k % 4] as InstanceType<typeof ed25519.Point>;
  return add(e, toCached(new Ext(t.X, t.Y, t.Z, t.T)));
}

console.log('decoding (RFC 9496 §4.3.1): the same verdict and the same coordinates as noble');
function sameDecoding(bytes: Uint8Array): boolean {
  let want: RPoint | null;
  try {
    want = Point.fromBytes(bytes);
  } catch {
    want = null;
  }
  const got = decodeRistretto(bytes);
  if (want === null || got === null) return want === got;
  const [a, b] = [fromRistretto(want), fromRistretto(got)];
  return a.X === b.X && a.Y === b.Y && a.Z === b.Z && a.T === b.T;
}
const p = Fp.ORDER;
const edges = [0n, 1n, 2n, p - 1n, p - 2n, p, p + 1n, p + 2n, 2n ** 255n - 2n, 2n ** 255n - 1n, 2n ** 256n - 2n, 2n ** 256n - 1n];
for (const s of edges) expect(sameDecoding(numberToBytesLE(s, 32)), `decode s = ${s}`);
for (let i = 0; i < 3000; i++) expect(sameDecoding(randomBytes(32)), 'decode random bytes');
for (let i = 0; i < 3000; i++) {
  const bytes = randomBytes(32); // even and below 2^255: reaches the square-root and sign checks
  bytes[0] = (bytes[0] as number) & 0xfe;
  bytes[31] = (bytes[31] as number) & 0x7f;
  expect(sameDecoding(bytes), 'decode random even s');
}
for (let i = 0; i < 1000; i++) {
  const bytes = computedPoint().toBytes();
  expect(sameDecoding(bytes), 'decode a valid encoding');
  const high = bytes.slice();
  high[31] = (high[31] as number) | 0x80;
  expect(sameDecoding(high), 'decode with bit 255 set');
  const odd = bytes.slice();
  odd[0] = (odd[0] as number) ^ 1;
  expect(sameDecoding(odd), 'decode with the sign bit flipped');
}

console.log('point formulas');
for (let i = 0; i < 200; i++) {
  const a = i % 2 ? decodedPoint() : computedPoint();
  const b = computedPoint();
  const ea = withTorsion(a, i);
  expect(toRistretto(add(ea, toCached(fromRistretto(b)))).equals(a.add(b)), 'add');
  expect(toRistretto(add(ea, toCached(ea))).equals(a.double()), 'add to itself');
  expect(toRistretto(double(ea)).equals(a.double()), 'double');
  expect(toRistretto(negate(ea)).equals(a.negate()), 'negate');
  expect(toRistretto(add(ea, toCached(negate(ea)))).is0(), 'add the negation');
}

console.log('multi-scalar multiplication');
const K = withTable(computedPoint());
const scalarKinds = [
  randomScalar,
  shortScalar,
  () => 0n,
  () => 1n,
  () => ORDER - 1n,
  () => ORDER - shortScalar(),
  () => BigInt(randomByte()),
];
for (const n of [1, 2, 3, 5, 8, 20, 60, 150, 400, 900]) {
  for (let rep = 0; rep < (n > 100 ? 2 : 8); rep++) {
    const points = Array.from({ length: n }, (_, i) => (i === 0 ? G : i === 1 ? K : i % 3 ? decodedPoint() : computedPoint()));
    const scalars = points.map(() => (scalarKinds[randomByte() % scalarKinds.length] as () => bigint)());
    const sum = points.reduce((acc, p, i) => acc.add(p.multiplyUnsafe(scalars[i] as bigint)), Point.ZERO);
    // Σ sᵢ·Pᵢ − sum = 0 must hold, and must fail once any scalar of a non-identity term changes
    const allPoints = [...points, sum];
    const allScalars = [...scalars, ORDER - 1n];
    expect(isIdentityCombination(allPoints, allScalars), `${n} terms hold`);
    const j = randomByte() % allPoints.length;
    if (!(allPoints[j] as RPoint).is0()) {
      const changed = allScalars.map((s, i) => (i === j ? (s + 1n) % ORDER : s));
      expect(!isIdentityCombination(allPoints, changed), `${n} terms, one scalar changed`);
    }
  }
}
expect(isIdentityCombination([], []), 'no terms');
expect(!isIdentityCombination([G], [1n]), 'G alone');

console.log('fixed-base tables, secret multiples and their encodings');
const decodedK = withTable(decodedPoint());
for (const base of [G, decodedK]) {
  const table = tableOf(base);
  if (!table) throw new Error('no table for a registered base');
  for (const s of [0n, 1n, 2n, ORDER - 1n, ORDER - 2n, (ORDER + 1n) / 2n, ...Array.from({ length: 25 }, randomScalar)]) {
    const want = s === 0n ? Point.ZERO : base.multiply(s);
    expect(toRistretto(secretMultiple(table, s)).equals(want), 'secretMultiple');
    expect(mulSecret(base, s).equals(want), 'mulSecret');
    expect(mulPublic(base, s).equals(want), 'mulPublic');
    expect(bytesToHex(encodePoint(mulSecret(base, s))) === bytesToHex(want.toBytes()), 'mulSecret encoding');
    const [both] =
      secretCombinations([
        [
          [s, base],
          [s, G],
        ],
      ]) ?? [];
    const wantBoth = want.add(s === 0n ? Point.ZERO : G.multiply(s));
    expect(both?.equals(wantBoth) === true, 'secretCombinations');
    expect(both !== undefined && bytesToHex(encodePoint(both)) === bytesToHex(wantBoth.toBytes()), 'secretCombinations encoding');
  }
}
for (const m of [0n, 1n, 2n, 77n, 127n, 128n]) {
  const r = randomScalar() || 1n;
  const [beta] =
    secretCombinations([
      [
        [m, G, 'small'],
        [r, decodedK],
      ],
    ]) ?? [];
  const want = (m === 0n ? Point.ZERO : G.multiply(m)).add(decodedK.multiply(r));
  expect(beta?.equals(want) === true, `small term m = ${m}`);
  expect(beta !== undefined && bytesToHex(encodePoint(beta)) === bytesToHex(want.toBytes()), `small term m = ${m}, encoding`);
}
const X = decodedPoint();
for (const s of [0n, 1n, ORDER - 1n, randomScalar(), shortScalar()]) {
  expect(mulPublic(X, s).equals(s === 0n ? Point.ZERO : X.multiplyUnsafe(s)), 'mulPublic, variable base');
}

console.log('encodings of doubles');
const halves: Ext[] = [];
for (let i = 0; i < 300; i++) {
  const e = withTorsion(computedPoint(), i);
  const z = randomScalar() || 1n; // the same point with another Z
  halves.push(
    e,
    new Ext(Fp.mul(e.X % Fp.ORDER, z), Fp.mul(e.Y % Fp.ORDER, z), Fp.mul(e.Z % Fp.ORDER, z), Fp.mul(e.T % Fp.ORDER, z)),
  );
}
for (const t of torsion) halves.push(new Ext(t.X, t.Y, t.Z, t.T)); // doubles that are the identity
encodeDoubles(halves).forEach((bytes, i) => {
  expect(bytesToHex(bytes) === bytesToHex(toRistretto(double(halves[i] as Ext)).toBytes()), 'encodeDoubles');
});

console.log('discrete log');
const randomBelow = (n: number) => new DataView(randomBytes(4).buffer).getUint32(0) % n;
for (const bound of [0, 1, 2, 7, 100, 5000, 70000]) {
  for (const m of [0, bound, randomBelow(bound + 1), randomBelow(bound + 1)]) {
    expect(discreteLog(encodeMessage(m), bound) === m, `dlog ${m} ≤ ${bound}`);
    const decoded = Point.fromBytes(encodeMessage(m).toBytes());
    expect(discreteLog(decoded, bound) === m, `dlog of a decoded ${m} ≤ ${bound}`);
  }
  expect(discreteLog(encodeMessage(bound + 1), bound) === null, `dlog above ${bound}`);
  expect(discreteLog(G.multiply(randomScalar() || 1n), bound) === null, `dlog far above ${bound}`);
}

console.log(failures === 0 ? `all ${checks} kernel checks passed` : `${failures} of ${checks} kernel checks FAILED`);
if (failures > 0) process.exit(1);
