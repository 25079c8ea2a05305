// The verification kernel, compiled to WebAssembly (AssemblyScript; scripts/build-kernel.ts). It decodes
// ristretto255 elements and computes multi-scalar multiplications on public data only, so it is variable-time.
// Why it exists: BigInt field arithmetic costs ~350 ns a product in V8, and verification is products all the
// way down; here a product is 100 native 64-bit multiplications on 10 limbs.
//
// Field elements mod p = 2^255 − 19 are 10 signed 64-bit limbs in radix 2^25.5 (as in the ref10 code of
// Bernstein et al.): limb i holds bits from ⌈25.5·i⌉, 26 bits wide for even i and 25 for odd i. A "carried"
// limb (what feMul and feSq return) is below 2^25 (2^24 for odd i) in absolute value, plus a little; limbs read
// from bytes are below twice that. Bounds, in units of a carried element: feMul's accumulators stay below 2^63
// while the two factors' widths multiply to at most 47 (a product term is at most 19·2^50·k·m and ten add up),
// feSq's while its input is narrower than 8. The formulas below feed products sums of at most four such
// elements (4 × 4 = 16), so they never carry in between; only feToBytes needs (and does) a carry first.
//
// Memory: a field element is 80 bytes; an extended point (X : Y : Z : T) 320 (X, Y, Z, T in that order); a
// cached point (Y + X, Y − X, 2Z, 2d·T) 320. JavaScript owns the layout of its inputs (see wasm-kernel.ts).

const FE: usize = 80;
const X: usize = 0;
const Y: usize = 80;
const Z: usize = 160;
const T: usize = 240;
const POINT: usize = 320;

// edwards25519's d, 2d, √−1 and 1/√(a − d) (RFC 9496 §4.1), split into limbs (the kernel tests compare results with noble's).
const D = memory.data<i64>([56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315]);
const D2 = memory.data<i64>([45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199]);
const SQRT_M1 = memory.data<i64>([
  34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482,
]);
const INVSQRT_A_MINUS_D = memory.data<i64>([
  6111466, 4156064, 39310137, 12243467, 41204824, 120896, 20826367, 26493656, 6093567, 31568420,
]);
const ONE = memory.data<i64>([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

// scratch field elements and points (the kernel is single-threaded: each worker has its own instance)
const t0 = memory.data(<i32>FE);
const t1 = memory.data(<i32>FE);
const t2 = memory.data(<i32>FE);
const t3 = memory.data(<i32>FE);
const t4 = memory.data(<i32>FE);
const t5 = memory.data(<i32>FE);
const t6 = memory.data(<i32>FE);
const t7 = memory.data(<i32>FE);
const toBytesTmp = memory.data(<i32>FE);
const b0 = memory.data(32);
const b1 = memory.data(32);
const cachedTmp = memory.data(<i32>POINT);

/** Where JavaScript may lay out its data: everything from here up is free. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// ---- field arithmetic -------------------------------------------------------------------------------

function feCopy(h: usize, f: usize): void {
  memory.copy(h, f, FE);
}

function feSet(h: usize, small: i64): void {
  memory.fill(h, 0, FE);
  store<i64>(h, small);
}

function feAdd(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < FE; i += 8) store<i64>(h + i, load<i64>(f + i) + load<i64>(g + i));
}

function feSub(h: usize, f: usize, g: usize): void {
  for (let i: usize = 0; i < FE; i += 8) store<i64>(h + i, load<i64>(f + i) - load<i64>(g + i));
}

function feNeg(h: usize, f: usize): void {
  for (let i: usize = 0; i < FE; i += 8) store<i64>(h + i, -load<i64>(f + i));
}

/** Carries h0..h9 into carried form (centred remainders) and stores them. */
function carryStore(out: usize, h0: i64, h1: i64, h2: i64, h3: i64, h4: i64, h5: i64, h6: i64, h7: i64, h8: i64, h9: i64): void {
  let c: i64;
  c = (h0 + (1 << 25)) >> 26;
  h1 += c;
  h0 -= c << 26;
  c = (h4 + (1 << 25)) >> 26;
  h5 += c;
  h4 -= c << 26;
  c = (h1 + (1 << 24)) >> 25;
  h2 += c;
  h1 -= c << 25;
  c = (h5 + (1 << 24)) >> 25;
  h6 += c;
  h5 -= c << 25;
  c = (h2 + (1 << 25)) >> 26;
  h3 += c;
  h2 -= c << 26;
  c = (h6 + (1 << 25)) >> 26;
  h7 += c;
  h6 -= c << 26;
  c = (h3 + (1 << 24)) >> 25;
  h4 += c;
  h3 -= c << 25;
  c = (h7 + (1 << 24)) >> 25;
  h8 += c;
  h7 -= c << 25;
  c = (h4 + (1 << 25)) >> 26;
  h5 += c;
  h4 -= c << 26;
  c = (h8 + (1 << 25)) >> 26;
  h9 += c;
  h8 -= c << 26;
  c = (h9 + (1 << 24)) >> 25;
  h0 += c * 19;
  h9 -= c << 25;
  c = (h0 + (1 << 25)) >> 26;
  h1 += c;
  h0 -= c << 26;
  store<i64>(out, h0, 0);
  store<i64>(out, h1, 8);
  store<i64>(out, h2, 16);
  store<i64>(out, h3, 24);
  store<i64>(out, h4, 32);
  store<i64>(out, h5, 40);
  store<i64>(out, h6, 48);
  store<i64>(out, h7, 56);
  store<i64>(out, h8, 64);
  store<i64>(out, h9, 72);
}

function feCarry(h: usize, f: usize): void {
  carryStore(
    h,
    load<i64>(f, 0),
    load<i64>(f, 8),
    load<i64>(f, 16),
    load<i64>(f, 24),
    load<i64>(f, 32),
    load<i64>(f, 40),
    load<i64>(f, 48),
    load<i64>(f, 56),
    load<i64>(f, 64),
    load<i64>(f, 72),
  );
}

/** h = f·g (h may alias f or g). */
function feMul(h: usize, f: usize, g: usize): void {
  const f0 = load<i64>(f, 0),
    f1 = load<i64>(f, 8),
    f2 = load<i64>(f, 16),
    f3 = load<i64>(f, 24),
    f4 = load<i64>(f, 32);
  const f5 = load<i64>(f, 40),
    f6 = load<i64>(f, 48),
    f7 = load<i64>(f, 56),
    f8 = load<i64>(f, 64),
    f9 = load<i64>(f, 72);
  const g0 = load<i64>(g, 0),
    g1 = load<i64>(g, 8),
    g2 = load<i64>(g, 16),
    g3 = load<i64>(g, 24),
    g4 = load<i64>(g, 32);
  const g5 = load<i64>(g, 40),
    g6 = load<i64>(g, 48),
    g7 = load<i64>(g, 56),
    g8 = load<i64>(g, 64),
    g9 = load<i64>(g, 72);
  // odd limbs times odd limbs carry an extra 2 (their positions add up to one bit more than the product's);
  // limbs that wrap past 2^255 come back times 19
  const f1_2 = f1 * 2;
  const f3_2 = f3 * 2;
  const f5_2 = f5 * 2;
  const f7_2 = f7 * 2;
  const f9_2 = f9 * 2;
  const g1_19 = g1 * 19;
  const g2_19 = g2 * 19;
  const g3_19 = g3 * 19;
  const g4_19 = g4 * 19;
  const g5_19 = g5 * 19;
  const g6_19 = g6 * 19;
  const g7_19 = g7 * 19;
  const g8_19 = g8 * 19;
  const g9_19 = g9 * 19;
  const h0 =
    f0 * g0 +
    f1_2 * g9_19 +
    f2 * g8_19 +
    f3_2 * g7_19 +
    f4 * g6_19 +
    f5_2 * g5_19 +
    f6 * g4_19 +
    f7_2 * g3_19 +
    f8 * g2_19 +
    f9_2 * g1_19;
  const h1 =
    f0 * g1 + f1 * g0 + f2 * g9_19 + f3 * g8_19 + f4 * g7_19 + f5 * g6_19 + f6 * g5_19 + f7 * g4_19 + f8 * g3_19 + f9 * g2_19;
  const h2 =
    f0 * g2 +
    f1_2 * g1 +
    f2 * g0 +
    f3_2 * g9_19 +
    f4 * g8_19 +
    f5_2 * g7_19 +
    f6 * g6_19 +
    f7_2 * g5_19 +
    f8 * g4_19 +
    f9_2 * g3_19;
  const h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9_19 + f5 * g8_19 + f6 * g7_19 + f7 * g6_19 + f8 * g5_19 + f9 * g4_19;
  const h4 =
    f0 * g4 + f1_2 * g3 + f2 * g2 + f3_2 * g1 + f4 * g0 + f5_2 * g9_19 + f6 * g8_19 + f7_2 * g7_19 + f8 * g6_19 + f9_2 * g5_19;
  const h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9_19 + f7 * g8_19 + f8 * g7_19 + f9 * g6_19;
  const h6 = f0 * g6 + f1_2 * g5 + f2 * g4 + f3_2 * g3 + f4 * g2 + f5_2 * g1 + f6 * g0 + f7_2 * g9_19 + f8 * g8_19 + f9_2 * g7_19;
  const h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9_19 + f9 * g8_19;
  const h8 = f0 * g8 + f1_2 * g7 + f2 * g6 + f3_2 * g5 + f4 * g4 + f5_2 * g3 + f6 * g2 + f7_2 * g1 + f8 * g0 + f9_2 * g9_19;
  const h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f² (h may alias f): the cross products once, doubled. */
function feSq(h: usize, f: usize): void {
  const f0 = load<i64>(f, 0),
    f1 = load<i64>(f, 8),
    f2 = load<i64>(f, 16),
    f3 = load<i64>(f, 24),
    f4 = load<i64>(f, 32);
  const f5 = load<i64>(f, 40),
    f6 = load<i64>(f, 48),
    f7 = load<i64>(f, 56),
    f8 = load<i64>(f, 64),
    f9 = load<i64>(f, 72);
  const f1_2 = f1 * 2;
  const f2_2 = f2 * 2;
  const f3_2 = f3 * 2;
  const f3_4 = f3 * 4;
  const f4_2 = f4 * 2;
  const f5_2 = f5 * 2;
  const f5_38 = f5 * 38;
  const f5_4 = f5 * 4;
  const f6_19 = f6 * 19;
  const f6_2 = f6 * 2;
  const f6_38 = f6 * 38;
  const f7_2 = f7 * 2;
  const f7_38 = f7 * 38;
  const f7_4 = f7 * 4;
  const f7_76 = f7 * 76;
  const f8_19 = f8 * 19;
  const f8_2 = f8 * 2;
  const f8_38 = f8 * 38;
  const f9_2 = f9 * 2;
  const f9_38 = f9 * 38;
  const f9_76 = f9 * 76;
  const h0 = f0 * f0 + f1 * f9_76 + f2 * f8_38 + f3 * f7_76 + f4 * f6_38 + f5 * f5_38;
  const h1 = f0 * f1_2 + f2 * f9_38 + f3 * f8_38 + f4 * f7_38 + f5 * f6_38;
  const h2 = f0 * f2_2 + f1 * f1_2 + f3 * f9_76 + f4 * f8_38 + f5 * f7_76 + f6 * f6_19;
  const h3 = f0 * f3_2 + f1 * f2_2 + f4 * f9_38 + f5 * f8_38 + f6 * f7_38;
  const h4 = f0 * f4_2 + f1 * f3_4 + f2 * f2 + f5 * f9_76 + f6 * f8_38 + f7 * f7_38;
  const h5 = f0 * f5_2 + f1 * f4_2 + f2 * f3_2 + f6 * f9_38 + f7 * f8_38;
  const h6 = f0 * f6_2 + f1 * f5_4 + f2 * f4_2 + f3 * f3_2 + f7 * f9_76 + f8 * f8_19;
  const h7 = f0 * f7_2 + f1 * f6_2 + f2 * f5_2 + f3 * f4_2 + f8 * f9_38;
  const h8 = f0 * f8_2 + f1 * f7_4 + f2 * f6_2 + f3 * f5_4 + f4 * f4 + f9 * f9_38;
  const h9 = f0 * f9_2 + f1 * f8_2 + f2 * f7_2 + f3 * f6_2 + f4 * f5_2;
  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

function feSqTimes(h: usize, f: usize, n: i32): void {
  feSq(h, f);
  for (let i = 1; i < n; i++) feSq(h, h);
}

/** 32 little-endian bytes at s to limbs (never reads past s + 31); bit 255 is ignored, values ≥ p are kept unreduced. */
function feFromBytes(h: usize, s: usize): void {
  const m26: u32 = (1 << 26) - 1;
  const m25: u32 = (1 << 25) - 1;
  // limb i starts at bit ⌈25.5·i⌉: 0, 26, 51, 77, 102, 128, 153, 179, 204, 230
  store<i64>(h, <i64>(load<u32>(s, 0) & m26), 0);
  store<i64>(h, <i64>((load<u32>(s, 3) >> 2) & m25), 8);
  store<i64>(h, <i64>((load<u32>(s, 6) >> 3) & m26), 16);
  store<i64>(h, <i64>((load<u32>(s, 9) >> 5) & m25), 24);
  store<i64>(h, <i64>((load<u32>(s, 12) >> 6) & m26), 32);
  store<i64>(h, <i64>(load<u32>(s, 16) & m25), 40);
  store<i64>(h, <i64>((load<u32>(s, 19) >> 1) & m26), 48);
  store<i64>(h, <i64>((load<u32>(s, 22) >> 3) & m25), 56);
  store<i64>(h, <i64>((load<u32>(s, 25) >> 4) & m26), 64);
  store<i64>(h, <i64>((load<u32>(s, 28) >> 6) & m25), 72);
}

/** The canonical 32-byte encoding of f (ref10's fe_tobytes, after a carry). */
function feToBytes(out: usize, f: usize): void {
  const w = toBytesTmp;
  feCarry(w, f);
  let h0 = load<i64>(w, 0),
    h1 = load<i64>(w, 8),
    h2 = load<i64>(w, 16),
    h3 = load<i64>(w, 24),
    h4 = load<i64>(w, 32);
  let h5 = load<i64>(w, 40),
    h6 = load<i64>(w, 48),
    h7 = load<i64>(w, 56),
    h8 = load<i64>(w, 64),
    h9 = load<i64>(w, 72);
  // q = ⌊h / p⌋, which is 0 or 1 (or −1 for a slightly negative h); then h − q·p is in [0, p)
  let q: i64 = (19 * h9 + (1 << 24)) >> 25;
  q = (h0 + q) >> 26;
  q = (h1 + q) >> 25;
  q = (h2 + q) >> 26;
  q = (h3 + q) >> 25;
  q = (h4 + q) >> 26;
  q = (h5 + q) >> 25;
  q = (h6 + q) >> 26;
  q = (h7 + q) >> 25;
  q = (h8 + q) >> 26;
  q = (h9 + q) >> 25;
  h0 += 19 * q;
  let c: i64;
  c = h0 >> 26;
  h1 += c;
  h0 -= c << 26;
  c = h1 >> 25;
  h2 += c;
  h1 -= c << 25;
  c = h2 >> 26;
  h3 += c;
  h2 -= c << 26;
  c = h3 >> 25;
  h4 += c;
  h3 -= c << 25;
  c = h4 >> 26;
  h5 += c;
  h4 -= c << 26;
  c = h5 >> 25;
  h6 += c;
  h5 -= c << 25;
  c = h6 >> 26;
  h7 += c;
  h6 -= c << 26;
  c = h7 >> 25;
  h8 += c;
  h7 -= c << 25;
  c = h8 >> 26;
  h9 += c;
  h8 -= c << 26;
  c = h9 >> 25;
  h9 -= c << 25; // c·2^255 is the q·2^255 taken off
  // pack: limbs are now non-negative and exactly 26/25 bits wide
  const w0 = <u64>h0 | ((<u64>h1) << 26) | ((<u64>h2) << 51);
  const w1 = (<u64>h2 >> 13) | ((<u64>h3) << 13) | ((<u64>h4) << 38);
  const w2 = <u64>h5 | ((<u64>h6) << 25) | ((<u64>h7) << 51);
  const w3 = (<u64>h7 >> 13) | ((<u64>h8) << 12) | ((<u64>h9) << 38);
  store<u64>(out, w0, 0);
  store<u64>(out, w1, 8);
  store<u64>(out, w2, 16);
  store<u64>(out, w3, 24);
}

function bytesEqual(a: usize, b: usize): bool {
  return (
    load<u64>(a, 0) == load<u64>(b, 0) &&
    load<u64>(a, 8) == load<u64>(b, 8) &&
    load<u64>(a, 16) == load<u64>(b, 16) &&
    load<u64>(a, 24) == load<u64>(b, 24)
  );
}

function bytesZero(a: usize): bool {
  return (load<u64>(a, 0) | load<u64>(a, 8) | load<u64>(a, 16) | load<u64>(a, 24)) == 0;
}

function feIsNegative(f: usize): bool {
  feToBytes(b0, f);
  return (load<u8>(b0) & 1) == 1;
}

/** h = |f|: the representative of f or −f that is even (non-negative in RFC 9496's sense). */
function feAbs(h: usize, f: usize): void {
  if (feIsNegative(f)) feNeg(h, f);
  else if (h != f) feCopy(h, f);
}

/** h = z^((p − 5)/8) = z^(2^252 − 3), by the usual addition chain. Uses t0..t2. */
function fePow22523(h: usize, z: usize): void {
  feSq(t0, z);
  feSqTimes(t1, t0, 2);
  feMul(t1, z, t1); // z^9
  feMul(t0, t0, t1); // z^11
  feSq(t0, t0); // z^22
  feMul(t0, t1, t0); // z^(2^5 − 1)
  feSqTimes(t1, t0, 5);
  feMul(t0, t1, t0); // 2^10 − 1
  feSqTimes(t1, t0, 10);
  feMul(t1, t1, t0); // 2^20 − 1
  feSqTimes(t2, t1, 20);
  feMul(t1, t2, t1); // 2^40 − 1
  feSqTimes(t1, t1, 10);
  feMul(t0, t1, t0); // 2^50 − 1
  feSqTimes(t1, t0, 50);
  feMul(t1, t1, t0); // 2^100 − 1
  feSqTimes(t2, t1, 100);
  feMul(t1, t2, t1); // 2^200 − 1
  feSqTimes(t1, t1, 50);
  feMul(t0, t1, t0); // 2^250 − 1
  feSqTimes(t0, t0, 2);
  feMul(h, t0, z); // 2^252 − 3
}

// ---- points ----------------------------------------------------------------------------------------

/** The cached form of extended point p, for additions. */
function toCached(c: usize, p: usize): void {
  feAdd(c + X, p + Y, p + X);
  feSub(c + Y, p + Y, p + X);
  feAdd(c + Z, p + Z, p + Z);
  feMul(c + T, p + T, D2);
}

/**
 * r = p + q (subtract: r = p − q), "add-2008-hwcd-3" for a = −1 (Hisil–Wong–Carter–Dawson 2008): complete on
 * edwards25519, so right for the identity and for doublings. r may alias p. `qAffine` says q's Z is 1 (a
 * decoded point), which saves the product Z1·2Z2.
 */
function addCached(r: usize, p: usize, q: usize, subtract: bool, qAffine: bool = false): void {
  feSub(t3, p + Y, p + X);
  feMul(t3, t3, subtract ? q + X : q + Y); // A = (Y1 − X1)(Y2 − X2); −q swaps Y + X and Y − X
  feAdd(t4, p + Y, p + X);
  feMul(t4, t4, subtract ? q + Y : q + X); // B
  feMul(t5, p + T, q + T); // C (negated when subtracting)
  if (qAffine) feAdd(t6, p + Z, p + Z);
  else feMul(t6, p + Z, q + Z); // D = Z1·2Z2
  // E = B − A → t0, H = B + A → t4, F = D − C → t1, G = D + C → t2
  feSub(t0, t4, t3);
  feAdd(t4, t4, t3);
  if (subtract) {
    feAdd(t1, t6, t5);
    feSub(t2, t6, t5);
  } else {
    feSub(t1, t6, t5);
    feAdd(t2, t6, t5);
  }
  feMul(r + X, t0, t1);
  feMul(r + Y, t2, t4);
  feMul(r + T, t0, t4);
  feMul(r + Z, t1, t2);
}

/** r = 2p, "dbl-2008-hwcd" for a = −1. r may alias p. */
function double(r: usize, p: usize): void {
  feSq(t0, p + X); // A
  feSq(t1, p + Y); // B
  feSq(t2, p + Z);
  feAdd(t2, t2, t2); // C = 2Z²
  feAdd(t3, p + X, p + Y);
  feSq(t3, t3);
  feSub(t3, t3, t0);
  feSub(t3, t3, t1); // E = (X + Y)² − A − B
  feSub(t4, t1, t0); // G = B − A (a·A + B with a = −1)
  feSub(t5, t4, t2); // F = G − C
  feAdd(t6, t0, t1);
  feNeg(t6, t6); // H = −A − B
  feMul(r + X, t3, t5);
  feMul(r + Y, t4, t6);
  feMul(r + T, t3, t6);
  feMul(r + Z, t5, t4);
}

function setIdentity(p: usize): void {
  feSet(p + X, 0);
  feSet(p + Y, 1);
  feSet(p + Z, 1);
  feSet(p + T, 0);
}

function negatePoint(r: usize, p: usize): void {
  feNeg(r + X, p + X);
  feCopy(r + Y, p + Y);
  feCopy(r + Z, p + Z);
  feNeg(r + T, p + T);
}

/** Writes X, Y, Z, T of p as four canonical 32-byte encodings (128 bytes). */
function pointToBytes(out: usize, p: usize): void {
  feToBytes(out, p + X);
  feToBytes(out + 32, p + Y);
  feToBytes(out + 64, p + Z);
  feToBytes(out + 96, p + T);
}

function pointFromBytes(p: usize, inp: usize): void {
  feFromBytes(p + X, inp);
  feFromBytes(p + Y, inp + 32);
  feFromBytes(p + Z, inp + 64);
  feFromBytes(p + T, inp + 96);
}

// ---- ristretto255 decoding (RFC 9496 §4.3.1) ----------------------------------------------------------

const decS = memory.data(<i32>FE);
const decU1 = memory.data(<i32>FE);
const decU2 = memory.data(<i32>FE);
const decV = memory.data(<i32>FE);
const decR = memory.data(<i32>FE);
const decX = memory.data(<i32>FE);
const decY = memory.data(<i32>FE);

/**
 * Decodes 32 bytes at `inp`. On success writes x, y and t = x·y as canonical encodings (96 bytes) at `out`
 * (z = 1) and returns 1; returns 0 when the bytes are not the canonical encoding of an element.
 */
export function decode(inp: usize, out: usize): i32 {
  // 1. s must be canonical (below p; bit 255 clear) and non-negative (even)
  if ((load<u8>(inp, 31) & 0x80) != 0 || (load<u8>(inp) & 1) != 0) return 0;
  feFromBytes(decS, inp);
  feToBytes(b1, decS);
  if (!bytesEqual(b1, inp)) return 0;
  // 2. u1 = 1 − s², u2 = 1 + s², v = −(d·u1²) − u2²
  feSq(t7, decS);
  feSub(decU1, ONE, t7);
  feAdd(decU2, ONE, t7);
  feSq(decV, decU1);
  feMul(decV, decV, D);
  feNeg(decV, decV);
  feSq(t6, decU2); // u2² (t6 survives until the inverse square root starts)
  feSub(decV, decV, t6);
  feMul(decR, decV, t6); // v·u2²
  const wasSquare = invSqrt(decR, decR);
  // den_x = inv·u2, den_y = inv·den_x·v
  feMul(decX, decR, decU2);
  feMul(decY, decR, decX);
  feMul(decY, decY, decV);
  // x = |2s·den_x|, y = u1·den_y, t = x·y
  feAdd(t7, decS, decS);
  feMul(decX, t7, decX);
  feAbs(decX, decX);
  feMul(decY, decU1, decY);
  feMul(t7, decX, decY);
  // 3. reject if not square, t negative or y = 0
  feToBytes(out, decX);
  feToBytes(out + 32, decY);
  feToBytes(out + 64, t7);
  if (!wasSquare || (load<u8>(out, 64) & 1) != 0 || bytesZero(out + 32)) return 0;
  return 1;
}

// ---- ristretto255 encoding (RFC 9496 §4.3.2) ------------------------------------------------------------

const encP = memory.data(<i32>POINT);
const encU1 = memory.data(<i32>FE);
const encU2 = memory.data(<i32>FE);
const encDen1 = memory.data(<i32>FE);
const encDen2 = memory.data(<i32>FE);
const encZInv = memory.data(<i32>FE);

/** The canonical encoding (32 bytes at `out`) of the element whose representative's X, Y, Z, T are at `inp`. */
export function encode(inp: usize, out: usize): void {
  const p = encP;
  pointFromBytes(p, inp);
  // u1 = (Z + Y)(Z − Y), u2 = X·Y
  feAdd(t6, p + Z, p + Y);
  feSub(t7, p + Z, p + Y);
  feMul(encU1, t6, t7);
  feMul(encU2, p + X, p + Y);
  // invsqrt = 1/√(u1·u2²)
  feSq(t6, encU2);
  feMul(t6, t6, encU1);
  invSqrt(t6, t6);
  feMul(encDen1, t6, encU1);
  feMul(encDen2, t6, encU2);
  feMul(encZInv, encDen1, encDen2);
  feMul(encZInv, encZInv, p + T);
  // rotate when T·z_inv is negative: (x, y) → (i·y, i·x), with den_inv = den1/√(a − d)
  feMul(t6, p + T, encZInv);
  if (feIsNegative(t6)) {
    feMul(t6, p + Y, SQRT_M1);
    feMul(p + Y, p + X, SQRT_M1);
    feCopy(p + X, t6);
    feMul(encDen2, encDen1, INVSQRT_A_MINUS_D);
  }
  // y = −y when x·z_inv is negative; s = |den_inv·(Z − y)|
  feMul(t6, p + X, encZInv);
  if (feIsNegative(t6)) feNeg(p + Y, p + Y);
  feSub(t6, p + Z, p + Y);
  feMul(t6, encDen2, t6);
  feAbs(t6, t6);
  feToBytes(out, t6);
}

// the encodings of 1, −1 and −√−1 that SQRT_RATIO_M1 compares with, computed once when the module starts
const ONE_BYTES = memory.data(32);
const MINUS_ONE_BYTES = memory.data(32);
const MINUS_SQRT_M1_BYTES = memory.data(32);
feSet(t7, 1);
feToBytes(ONE_BYTES, t7);
feNeg(t7, t7);
feToBytes(MINUS_ONE_BYTES, t7);
feNeg(t7, SQRT_M1);
feToBytes(MINUS_SQRT_M1_BYTES, t7);

const isV = memory.data(<i32>FE);
const isCheck = memory.data(<i32>FE);

/**
 * SQRT_RATIO_M1(1, v) of RFC 9496 §4.2: r = the non-negative 1/√v (or √−1/√v when v is not a square).
 * Returns whether v was a square. r may alias v.
 */
function invSqrt(r: usize, v: usize): bool {
  feCopy(isV, v);
  feSq(t7, isV);
  feMul(t7, t7, isV); // v³
  feSq(r, t7);
  feMul(r, r, isV); // v⁷
  fePow22523(r, r);
  feMul(r, r, t7); // v³·(v⁷)^((p−5)/8)
  feSq(isCheck, r);
  feMul(isCheck, isCheck, isV);
  feToBytes(b1, isCheck);
  // compare check with 1, −1 and −√−1 by their encodings
  const correctSign = bytesEqual(ONE_BYTES, b1);
  const flippedSign = bytesEqual(MINUS_ONE_BYTES, b1);
  const flippedSignI = bytesEqual(MINUS_SQRT_M1_BYTES, b1);
  if (flippedSign || flippedSignI) feMul(r, r, SQRT_M1);
  feAbs(r, r);
  return correctSign || flippedSign;
}

// ---- multi-scalar multiplication -------------------------------------------------------------------------

/** Scalar stride in bytes: 32 bytes and 8 of zero padding, so a window read never strays into the next one. */
const SCALAR: usize = 40;

/**
 * A signed window digit, in (−2^(c−1), 2^(c−1)]. It is computed in this type too: a window's bits plus the carry
 * from below reach 2^c before recoding. (i16 digits once turned the extreme +2^15 of a 16-bit window into −2^15,
 * a wrong sum from about 491,000 terms on, where the window chooser reaches 16 bits.)
 */
type Digit = i32;
const DIGIT: usize = sizeof<Digit>();

/** The widest window msm() takes; JavaScript asks msmMaxWindow() and never chooses wider. */
const MAX_WINDOW: i32 = 16;
// a compile-time check (AssemblyScript drops the branch when it holds): 2^MAX_WINDOW must fit a Digit
if (MAX_WINDOW > <i32>(DIGIT * 8) - 2) ERROR('msm: Digit is too narrow for MAX_WINDOW');

export function msmMaxWindow(): i32 {
  return MAX_WINDOW;
}

/** Working memory of msm() for n terms and c-bit windows, from `work` on. */
export function msmWorkBytes(n: i32, c: i32): usize {
  const windows = (253 + c) / c;
  const buckets = 1 << (c - 1);
  return <usize>n * POINT * 2 + <usize>n * windows * DIGIT + <usize>n + <usize>buckets * (POINT + 1) + 3 * POINT;
}

/**
 * Σ sᵢ·Pᵢ by Pippenger's bucket method with signed c-bit windows (2 ≤ c ≤ MAX_WINDOW; traps otherwise). Inputs:
 * n points at `points` (128 bytes each: X, Y, Z, T canonical), n scalars below 2^253 at `scalars` (40 bytes each,
 * padding zero), n flags at `negate` (1: use −Pᵢ). Writes the sum's X, Y, Z, T (128 bytes) at `out`; uses `work`
 * onwards.
 */
export function msm(n: i32, points: usize, scalars: usize, negate: usize, c: i32, work: usize, out: usize): void {
  if (c < 2 || c > MAX_WINDOW) unreachable();
  const windows = (253 + c) / c;
  const buckets = 1 << (c - 1);
  const ext = work;
  const cached = ext + <usize>n * POINT;
  const digits = cached + <usize>n * POINT;
  const affine = digits + <usize>n * windows * DIGIT;
  const bucketPoints = affine + <usize>n;
  const bucketUsed = bucketPoints + <usize>buckets * POINT;
  const acc = bucketUsed + <usize>buckets;
  const running = acc + POINT;
  const sum = running + POINT;

  // the terms' points, each in extended and cached form, and their signed digits
  const mask: u64 = ((<u64>1) << c) - 1;
  for (let i = 0; i < n; i++) {
    const e = ext + <usize>i * POINT;
    const bytes = points + <usize>i * 128;
    pointFromBytes(e, bytes);
    // Z = 1 (little-endian 1, then zeros): a decoded point, added with the cheaper mixed formula
    store<u8>(affine + i, load<u64>(bytes, 64) == 1 && (load<u64>(bytes, 72) | load<u64>(bytes, 80) | load<u64>(bytes, 88)) == 0);
    if (load<u8>(negate + i)) negatePoint(e, e);
    toCached(cached + <usize>i * POINT, e);
    const s = scalars + <usize>i * SCALAR;
    let carry: Digit = 0;
    for (let k = 0; k < windows; k++) {
      const at = <usize>(k * c);
      let d = <Digit>((load<u64>(s + (at >> 3)) >> (at & 7)) & mask) + carry;
      carry = 0;
      if (d > buckets) {
        d -= (<Digit>1) << c;
        carry = 1;
      }
      store<Digit>(digits + <usize>(i * windows + k) * DIGIT, d);
    }
  }

  let accSet = false;
  for (let k = windows - 1; k >= 0; k--) {
    if (accSet) for (let j = 0; j < c; j++) double(acc, acc);
    memory.fill(bucketUsed, 0, buckets);
    for (let i = 0; i < n; i++) {
      const d = load<Digit>(digits + <usize>(i * windows + k) * DIGIT);
      if (d == 0) continue;
      const b = (d < 0 ? -d : d) - 1;
      const bucket = bucketPoints + <usize>b * POINT;
      if (load<u8>(bucketUsed + b)) {
        addCached(bucket, bucket, cached + <usize>i * POINT, d < 0, load<u8>(affine + i) != 0);
      } else {
        const e = ext + <usize>i * POINT;
        if (d < 0) negatePoint(bucket, e);
        else memory.copy(bucket, e, POINT);
        store<u8>(bucketUsed + b, 1);
      }
    }
    // Σ (b + 1)·bucket[b] as running sums from the top bucket down: two additions per bucket
    let runningSet = false;
    let sumSet = false;
    for (let b = buckets - 1; b >= 0; b--) {
      if (load<u8>(bucketUsed + b)) {
        const bucket = bucketPoints + <usize>b * POINT;
        if (runningSet) {
          toCached(cachedTmp, bucket);
          addCached(running, running, cachedTmp, false);
        } else {
          memory.copy(running, bucket, POINT);
          runningSet = true;
        }
      }
      if (runningSet) {
        if (sumSet) {
          toCached(cachedTmp, running);
          addCached(sum, sum, cachedTmp, false);
        } else {
          memory.copy(sum, running, POINT);
          sumSet = true;
        }
      }
    }
    if (sumSet) {
      if (accSet) {
        toCached(cachedTmp, sum);
        addCached(acc, acc, cachedTmp, false);
      } else {
        memory.copy(acc, sum, POINT);
        accSet = true;
      }
    }
  }
  if (!accSet) setIdentity(acc);
  pointToBytes(out, acc);
}
