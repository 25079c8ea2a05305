// Single-threaded speed of the crypto core (docs/benchmarks.md): group operations, ballots proven and verified
// alone and in batches, the tally's discrete log and the credential KDF. Run with `pnpm bench` in packages/crypto.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ristretto255 } from '@noble/curves/ed25519.js';
import {
  BatchVerifier,
  type Ciphertext,
  DEFAULT_KDF,
  decodePoint,
  decodeScalar,
  deriveCredentialKey,
  discreteLog,
  encodeMessage,
  encodePoint,
  encodeScalar,
  encrypt,
  G,
  generateCredentialCode,
  generateKeyPair,
  mulPublic,
  mulSecret,
  ORDER,
  type Point,
  prepareElectionKey,
  proveRange,
  publicKeyOf,
  type RangeProof,
  type RangeStatement,
  randomBytes,
  randomNonZeroScalar,
  rangeEquations,
  type Scalar,
  type Signature,
  sign,
  signatureEquations,
  sumCiphertexts,
  u32,
  utf8ToBytes,
  verifyRange,
  verifySignature,
} from '../src/index.ts';

const DLOG_BOUND = 10_000_000;
const DLOG_WORST = DLOG_BOUND - 1; // near the worst case: the most giant steps

// ---------- timing ----------

/**
 * CPU milliseconds used by this process so far. The bench measures CPU time, not wall time: on a shared
 * machine, waiting for a core is not work (for this single-threaded code the two agree on an idle machine).
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// A child process measures the discrete log's first call: nothing built yet, not even G's table.
if (process.argv.includes('--dlog-first-call')) {
  const target = encodeMessage(DLOG_WORST);
  const t0 = cpuMs();
  const m = discreteLog(target, DLOG_BOUND);
  process.stdout.write(JSON.stringify({ ms: cpuMs() - t0, ok: m === DLOG_WORST }));
  process.exit(0);
}

interface Row {
  readonly section: string;
  readonly what: string;
  readonly value: number;
  readonly unit: 'µs' | 'ms' | '%';
  readonly note: string;
}
const rows: Row[] = [];
let section = '';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * The median over `runs` timed runs of the time per operation, in ms, after `warmup` untimed runs.
 * `prepare` (untimed) builds fresh inputs for each run; `run` performs `ops` operations on them.
 */
function measure<T>(opts: { runs: number; warmup: number; ops: number }, prepare: () => T, run: (input: T) => void): number {
  const times: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const input = prepare();
    const t0 = cpuMs();
    run(input);
    const dt = cpuMs() - t0;
    if (i >= opts.warmup) times.push(dt / opts.ops);
  }
  return median(times);
}

function show(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function report(what: string, ms: number, unit: Row['unit'], note = ''): void {
  const value = unit === 'µs' ? ms * 1000 : ms;
  rows.push({ section, what, value, unit, note });
  console.log(`  ${what.padEnd(52)} ${show(value).padStart(8)} ${unit.padEnd(2)}  ${note}`);
}

function heading(title: string): void {
  section = title;
  console.log(`\n## ${title}`);
}

/** A uniform integer in [0, n) from the CSPRNG (the bench, too, draws only from the CSPRNG). */
function randomIndex(n: number): number {
  return new DataView(randomBytes(4).buffer).getUint32(0) % n;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench fixture failed to verify: ${what}`);
}

// ---------- fixtures: selections and ballots, serialised as a server receives them ----------

const context = [utf8ToBytes('saylau/bench/election')];
const K = prepareElectionKey(generateKeyPair().publicKey);

interface BranchBytes {
  readonly a: Uint8Array;
  readonly b: Uint8Array;
  readonly c: Uint8Array;
  readonly s: Uint8Array;
}

interface SelectionBytes {
  readonly alpha: Uint8Array;
  readonly beta: Uint8Array;
  readonly branches: readonly BranchBytes[];
}

interface Selection {
  readonly ciphertext: Ciphertext;
  readonly proof: RangeProof;
}

function selectionContext(credential: Uint8Array, index: number): Uint8Array[] {
  return [...context, credential, u32(index)];
}

function proofToBytes(proof: RangeProof): BranchBytes[] {
  return proof.branches.map((b) => ({
    a: encodePoint(b.commitmentA),
    b: encodePoint(b.commitmentB),
    c: encodeScalar(b.challenge),
    s: encodeScalar(b.response),
  }));
}

/** What a server does first with a received proof: decode every element and scalar canonically. */
function proofFromBytes(branches: readonly BranchBytes[]): RangeProof {
  return {
    branches: branches.map((b) => ({
      commitmentA: decodePoint(b.a),
      commitmentB: decodePoint(b.b),
      challenge: decodeScalar(b.c),
      response: decodeScalar(b.s),
    })),
  };
}

function makeSelection(value: number, credential: Uint8Array, index: number, r: Scalar = randomNonZeroScalar()): Selection {
  const ciphertext = encrypt(K, value, r);
  return {
    ciphertext,
    proof: proveRange({ publicKey: K, ciphertext, min: 0, max: 1 }, value, r, selectionContext(credential, index)),
  };
}

function selectionToBytes(sel: Selection): SelectionBytes {
  return { alpha: encodePoint(sel.ciphertext.alpha), beta: encodePoint(sel.ciphertext.beta), branches: proofToBytes(sel.proof) };
}

function selectionFromBytes(sel: SelectionBytes): Selection {
  return { ciphertext: { alpha: decodePoint(sel.alpha), beta: decodePoint(sel.beta) }, proof: proofFromBytes(sel.branches) };
}

const SELECTIONS = 7;
const SUM_MAX = 3;

interface BallotBytes {
  readonly credential: Uint8Array;
  readonly selections: readonly SelectionBytes[];
  readonly sumProof: readonly BranchBytes[];
  readonly signature: { readonly commitment: Uint8Array; readonly response: Uint8Array };
}

function ballotMessage(credential: Uint8Array, selections: readonly SelectionBytes[]): Uint8Array {
  const parts = [credential, ...selections.flatMap((s) => [s.alpha, s.beta])];
  const out = new Uint8Array(parts.length * 32);
  parts.forEach((p, i) => {
    out.set(p, 32 * i);
  });
  return out;
}

/** An approval question of 7 options, at most 3 chosen: 7 proofs in {0,1}, a sum proof in [0..3], a signature. */
function makeBallot(): BallotBytes {
  const secret = randomNonZeroScalar();
  const credential = encodePoint(publicKeyOf(secret));
  const values = Array.from({ length: SELECTIONS }, (_, i) => (i < 2 ? 1 : 0));
  const rs = values.map(() => randomNonZeroScalar());
  const sels = values.map((v, i) => makeSelection(v, credential, i, rs[i]));
  const sum = sumCiphertexts(sels.map((s) => s.ciphertext));
  const rSum = rs.reduce((a, b) => a + b, 0n) % ORDER;
  const sumProof = proveRange({ publicKey: K, ciphertext: sum, min: 0, max: SUM_MAX }, 2, rSum, [...context, credential]);
  const selections = sels.map(selectionToBytes);
  const signature = sign(secret, ballotMessage(credential, selections), context);
  return {
    credential,
    selections,
    sumProof: proofToBytes(sumProof),
    signature: { commitment: encodePoint(signature.commitment), response: encodeScalar(signature.response) },
  };
}

interface ProofToCheck {
  readonly statement: RangeStatement;
  readonly proof: RangeProof;
  readonly context: Uint8Array[];
}

interface DecodedBallot {
  readonly proofs: readonly ProofToCheck[];
  readonly signer: Point;
  readonly message: Uint8Array;
  readonly signature: Signature;
}

/** Decodes a received ballot into the statements its proofs are checked against. */
function decodeBallot(b: BallotBytes): DecodedBallot {
  const signer = decodePoint(b.credential);
  const sels = b.selections.map(selectionFromBytes);
  const sum = sumCiphertexts(sels.map((s) => s.ciphertext));
  const proofs = sels.map((s, i) => ({
    statement: { publicKey: K, ciphertext: s.ciphertext, min: 0, max: 1 },
    proof: s.proof,
    context: selectionContext(b.credential, i),
  }));
  proofs.push({
    statement: { publicKey: K, ciphertext: sum, min: 0, max: SUM_MAX },
    proof: proofFromBytes(b.sumProof),
    context: [...context, b.credential],
  });
  const signature = { commitment: decodePoint(b.signature.commitment), response: decodeScalar(b.signature.response) };
  return { proofs, signer, message: ballotMessage(b.credential, b.selections), signature };
}

/** Every proof checked on its own, exactly. */
function verifyBallotAlone(b: BallotBytes): boolean {
  const d = decodeBallot(b);
  return (
    d.proofs.every((p) => verifyRange(p.statement, p.proof, p.context)) &&
    verifySignature(d.signer, d.message, d.signature, context)
  );
}

function addBallot(batch: BatchVerifier<number>, id: number, b: BallotBytes): void {
  const d = decodeBallot(b);
  for (const p of d.proofs) batch.add(id, rangeEquations(p.statement, p.proof, p.context));
  batch.add(id, signatureEquations(d.signer, d.message, d.signature, context));
}

function verifyBallots(ballots: readonly BallotBytes[]): void {
  const batch = new BatchVerifier<number>();
  ballots.forEach((b, i) => {
    addBallot(batch, i, b);
  });
  check(batch.verify().ok, 'ballot batch');
}

// ---------- the runs ----------

const started = performance.now();
const startedCpu = cpuMs();
/** Wall time spent waiting for child processes, whose CPU time this process does not count. */
let childWall = 0;
console.log(`# @saylau/crypto bench — Node ${process.version}, ${process.platform}/${process.arch}, one thread`);
console.log('(CPU time; medians over several runs, after warm-up; targets and the brief §7 anchors on the right)');

heading('Group operations');
{
  const o = { runs: 9, warmup: 2, ops: 20 };
  const scalars = () => Array.from({ length: 20 }, () => randomNonZeroScalar());
  const each = (f: (s: Scalar) => void) => (ss: Scalar[]) => {
    for (const s of ss) f(s);
  };
  // a prover always encodes what it multiplies (its challenge hashes it), so the secret rows include that
  const secretThenEncode = (base: Point) => each((s) => encodePoint(mulSecret(base, s)));
  report('fixed-base mult G, secret scalar, + encoding', measure(o, scalars, secretThenEncode(G)), 'µs');
  report('fixed-base mult K, secret scalar, + encoding', measure(o, scalars, secretThenEncode(K)), 'µs');
  const publicMultiple = each((s) => mulPublic(G, s));
  report('fixed-base mult G, public scalar', measure(o, scalars, publicMultiple), 'µs', 'anchor (W=8 table) 122 µs');
  const fresh = () => ({ p: decodePoint(encodePoint(mulSecret(G, randomNonZeroScalar()))), ss: scalars().slice(0, 5) });
  report(
    'variable-base mult, public scalar',
    measure({ runs: 9, warmup: 12, ops: 5 }, fresh, ({ p, ss }) => {
      for (const s of ss) mulPublic(p, s);
    }),
    'µs',
    'anchor 1,000 µs',
  );
  const encodings = () => Array.from({ length: 20 }, () => encodePoint(encodeMessage(randomNonZeroScalar()).add(G)));
  report(
    'decode (canonical checks included)',
    measure(o, encodings, (bs) => {
      for (const b of bs) decodePoint(b);
    }),
    'µs',
  );
  // noble's own decoder, which Saylau does not use: the brief's anchor measured it, so it shows how fast this
  // machine runs today compared with then
  report(
    'yardstick: noble’s RistrettoPoint.fromBytes',
    measure(o, encodings, (bs) => {
      for (const b of bs) ristretto255.Point.fromBytes(b);
    }),
    'µs',
    'anchor 94 µs',
  );
  const points = () => Array.from({ length: 20 }, () => encodeMessage(randomNonZeroScalar()).add(G));
  report(
    'encode a computed point',
    measure(o, points, (ps) => {
      for (const p of ps) encodePoint(p);
    }),
    'µs',
  );
}

heading('One 0/1 selection: ciphertext + disjunctive proof (6 elements)');
{
  const credential = encodePoint(publicKeyOf(randomNonZeroScalar()));
  const o = { runs: 9, warmup: 2, ops: 20 };
  report(
    'encrypt + prove',
    measure(
      o,
      () => null,
      () => {
        for (let i = 0; i < 20; i++) makeSelection(i & 1, credential, i);
      },
    ),
    'ms',
    'target ≤ 3 ms',
  );
  const pool = Array.from({ length: 1024 }, (_, i) => ({
    index: i,
    bytes: selectionToBytes(makeSelection(i & 1, credential, i)),
  }));
  const take = (n: number) => {
    const start = randomIndex(pool.length - n + 1);
    return pool.slice(start, start + n);
  };
  const decoded = (n: number) => () => take(n).map((s) => ({ index: s.index, sel: selectionFromBytes(s.bytes) }));
  const decodeMs = measure(
    o,
    () => take(20),
    (sels) => {
      for (const s of sels) selectionFromBytes(s.bytes);
    },
  );
  report('decode its 6 elements', decodeMs, 'ms');
  report(
    'verify alone (decoded; exact, 4 equations)',
    measure(o, decoded(20), (sels) => {
      for (const { index, sel } of sels) {
        const statement = { publicKey: K, ciphertext: sel.ciphertext, min: 0, max: 1 };
        check(verifyRange(statement, sel.proof, selectionContext(credential, index)), 'selection');
      }
    }),
    'ms',
    'anchor (naive) 4.7 ms',
  );
  let batched256 = 0;
  for (const n of [64, 256, 1024]) {
    const ms = measure({ runs: n === 1024 ? 5 : 9, warmup: 1, ops: n }, decoded(n), (sels) => {
      const batch = new BatchVerifier<number>();
      for (const { index, sel } of sels) {
        const statement = { publicKey: K, ciphertext: sel.ciphertext, min: 0, max: 1 };
        batch.add(index, rangeEquations(statement, sel.proof, selectionContext(credential, index)));
      }
      check(batch.verify().ok, 'selection batch');
    });
    if (n === 256) batched256 = ms;
    report(
      `verify batched, ${n} per batch (decoded)`,
      ms,
      'ms',
      n === 256 ? 'target ≤ 1.5 ms; anchor 1.3 ms' : 'target ≤ 1.5 ms',
    );
  }
  report('decode + verify batched (256)', decodeMs + batched256, 'ms');
  report('decode share of that', (100 * decodeMs) / (decodeMs + batched256), '%');
}

heading(`A whole ballot: ${SELECTIONS} selections in {0,1}, a sum proof in [0..${SUM_MAX}], a signature`);
{
  const pool = Array.from({ length: 160 }, () => makeBallot());
  check(verifyBallotAlone(pool[0] as BallotBytes), 'ballot');
  const take = (n: number) => () => {
    const start = randomIndex(pool.length - n + 1);
    return pool.slice(start, start + n);
  };
  report(
    'build: encrypt, prove, sign',
    measure(
      { runs: 7, warmup: 1, ops: 4 },
      () => null,
      () => {
        for (let i = 0; i < 4; i++) makeBallot();
      },
    ),
    'ms',
    'Belenios 70 ms',
  );
  report(
    'verify, every proof alone (decoding included)',
    measure({ runs: 7, warmup: 1, ops: 6 }, take(6), (bs) => {
      for (const b of bs) check(verifyBallotAlone(b), 'ballot');
    }),
    'ms',
    'Belenios 35 ms',
  );
  report(
    'verify, one ballot per batch (decoding included)',
    measure({ runs: 7, warmup: 1, ops: 12 }, take(12), (bs) => {
      for (const b of bs) verifyBallots([b]);
    }),
    'ms',
    'Belenios 35 ms',
  );
  report(
    'verify, 128 ballots per batch (decoding included)',
    measure({ runs: 5, warmup: 1, ops: 128 }, take(128), verifyBallots),
    'ms',
    'Belenios 35 ms',
  );
}

heading('Tally and credentials');
{
  const self = fileURLToPath(import.meta.url);
  const firstCalls = Array.from({ length: 3 }, () => {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--dlog-first-call'], { encoding: 'utf8' });
    childWall += performance.now() - t0;
    const { ms, ok } = JSON.parse(out) as { ms: number; ok: boolean };
    check(ok, 'discrete log');
    return ms;
  });
  report('BSGS dlog, bound 10^7, first call in a fresh process', median(firstCalls), 'ms', 'target well under 1 s');
  check(discreteLog(encodeMessage(DLOG_WORST), DLOG_BOUND) === DLOG_WORST, 'discrete log');
  report(
    'BSGS dlog, bound 10^7, later calls',
    measure(
      { runs: 7, warmup: 1, ops: 5 },
      () => Array.from({ length: 5 }, () => randomIndex(DLOG_BOUND + 1)),
      (ms) => {
        for (const m of ms) check(discreteLog(encodeMessage(m), DLOG_BOUND) === m, 'discrete log');
      },
    ),
    'ms',
  );
  const code = generateCredentialCode();
  report(
    `scrypt credential key (logN ${DEFAULT_KDF.logN}, r 8, p 1)`,
    measure(
      { runs: 3, warmup: 1, ops: 1 },
      () => null,
      () => deriveCredentialKey(code, 'bench-election'),
    ),
    'ms',
  );
}

const wall = (performance.now() - started - childWall) / 1000;
const cpu = (cpuMs() - startedCpu) / 1000;
// wall time well above CPU time means other work shared the cores: the figures are CPU time for that reason
console.log(`\n(bench: ${wall.toFixed(0)} s wall, ${cpu.toFixed(0)} s CPU, child processes aside)\n`);
console.log('| section | what | median | target / anchor |\n|---|---|---:|---|');
for (const r of rows) console.log(`| ${r.section} | ${r.what} | ${show(r.value)} ${r.unit} | ${r.note} |`);
