// Every ballot on the board (spec §3.6.5): the per-ballot checks run in slices on worker threads (ballots/), while
// this thread checks what needs the whole board at once — duplicate ciphertexts and each re-vote's `supersedes`.
import { bytesToHex, type Ciphertext, decodePoint, encodePoint, hexToBytes, IDENTITY, type Point } from '@saylau/crypto';
import { type BallotJson, ballotHash, revokedCredentials } from '@saylau/protocol';
import type { BallotStubs } from '../ballot-stubs.ts';
import { checkBallotJobs, type PoolOptions } from '../ballots/jobs.ts';
import type { BallotJob, BallotOutcome, SliceResult } from '../ballots/slice.ts';
import type { CheckId } from '../checks.ts';
import { eventsOfType, type VerifyContext, wholeEvents } from '../context.ts';
import { Hashes } from '../hashes.ts';

/** The check each of the protocol's ballot codes belongs to. */
const CHECK_OF_CODE: Record<string, CheckId> = {
  MALFORMED: 'ballots.encoding',
  BAD_ENCODING: 'ballots.encoding',
  POINT_NOT_CANONICAL: 'ballots.encoding',
  POINT_IS_IDENTITY: 'ballots.encoding',
  SCALAR_NOT_CANONICAL: 'ballots.encoding',
  WRONG_ELECTION: 'ballots.election',
  UNKNOWN_CREDENTIAL: 'ballots.credential',
  WRONG_STYLE: 'ballots.style',
  BAD_SIGNATURE: 'ballots.signature',
  BAD_SELECTION_PROOF: 'ballots.selection-proofs',
  BAD_SUM_PROOF: 'ballots.sum-proofs',
};

/**
 * The aggregates' partial sums (spec §6.3) added up as the slices come back, so that no slice's sums are kept: by
 * key "district␟question␟option" the sum of the counted ballots' ciphertexts, and the counted ballots per district.
 */
export class AggregateSums {
  readonly sums = new Map<string, Ciphertext>();
  readonly ballots = new Map<string, number>();

  add(slice: SliceResult): void {
    for (const [district, n] of Object.entries(slice.ballots)) this.ballots.set(district, (this.ballots.get(district) ?? 0) + n);
    for (const part of slice.sums) {
      const acc = this.sums.get(part.key) ?? { alpha: IDENTITY, beta: IDENTITY };
      const add = (p: Point, h: string) => p.add(decodePoint(hexToBytes(h), { allowIdentity: true }));
      this.sums.set(part.key, { alpha: add(acc.alpha, part.alpha), beta: add(acc.beta, part.beta) });
    }
  }
}

export interface BallotSummary {
  /** Each ballot event's ballot hash, by seq (a ballot's line: on a sound board, the two are the same). */
  readonly hashes: Hashes;
  /** The counted ballots' sums, for the processing stage; undefined when the ballots could not be checked. */
  readonly aggregates: AggregateSums | undefined;
}

/**
 * The ballots that count (spec §6.2): the last per credential, unless the credential was revoked or voted on paper.
 * A flag by seq (a million ballots: 1 MB); a seq beyond the board's lines is left out.
 */
export function countedSeqs(
  ballots: BallotStubs,
  size: number,
  cancelled: ReadonlySet<string>,
  revoked: ReadonlySet<string> = new Set(),
): Uint8Array {
  const last = new Map<string, number>();
  for (let i = 0; i < ballots.length; i++) last.set(ballots.credential(i), ballots.seq(i));
  const counted = new Uint8Array(size);
  for (const [credential, seq] of last) {
    if (!cancelled.has(credential) && !revoked.has(credential) && seq < size) counted[seq] = 1;
  }
  return counted;
}

export function cancelledCredentials(ctx: VerifyContext): Set<string> {
  return new Set(eventsOfType(ctx.record, 'cancellation').flatMap((e) => e.credentials));
}

export async function checkBallots(ctx: VerifyContext, pool: PoolOptions): Promise<BallotSummary> {
  const { checks, record, definition, fingerprint, electionKey, credentials } = ctx;
  const { ballots } = record;
  const hashes = new Hashes(record.eventCount);
  // a seq beyond the board's lines names no line (board.sequence reports it): no hash is kept for it
  const noteHash = (seq: number, hash: string) => {
    if (seq < hashes.size) hashes.set(seq, hash);
  };
  if (ballots.length === 0) {
    for (const id of ['ballots.encoding', 'ballots.signature', 'ballots.selection-proofs', 'ballots.sum-proofs'] as const) {
      checks.note(id, 'the board holds no ballots');
    }
  }
  const duplicates = new DuplicateCheck(ctx);
  if (!definition || !fingerprint || !electionKey || !credentials || ballots.length === 0) {
    if (ballots.length > 0) checks.note('ballots.selection-proofs', 'no election key could be established: proofs not checked');
    for (const event of record.ballotLines()) {
      duplicates.add(
        event.seq,
        event.ballot.answers.map((a) => a.selections.map((sel) => sel.ciphertext.alpha)),
      );
      noteHash(event.seq, ballotHash(event.ballot as BallotJson));
    }
    duplicates.report();
    checkSupersedes(ctx, hashes);
    return { hashes, aggregates: ballots.length === 0 ? new AggregateSums() : undefined };
  }

  const counted = countedSeqs(ballots, record.eventCount, cancelledCredentials(ctx), revokedCredentials(wholeEvents(record)));
  // The ballots' lines are read again from the file, in order, and go to the worker threads unparsed: only the
  // slices in flight are held. Each slice comes back in order with its ballots' α, for the duplicate check here.
  function* jobs(): Generator<BallotJob> {
    let i = 0;
    for (const { seq, bytes } of record.ballotLineBytes()) {
      const district = credentials?.get(ballots.credential(i++));
      yield { seq, line: bytes, counted: counted[seq] === 1, ...(district === undefined ? {} : { district }) };
    }
  }
  const aggregates = new AggregateSums();
  const problems: BallotOutcome[] = [];
  let selections = 0;
  let sums = 0;
  await checkBallotJobs(
    { definition, fingerprint, electionKey: bytesToHex(encodePoint(electionKey)) },
    jobs(),
    { ...pool, total: ballots.length },
    (slice) => {
      for (const outcome of slice.outcomes) {
        duplicates.add(outcome.seq, outcome.alphas);
        noteHash(outcome.seq, outcome.hash);
        selections += outcome.selections;
        sums += outcome.sums;
        if (outcome.problems.length > 0) problems.push(outcome);
      }
      aggregates.add(slice);
    },
  );
  duplicates.report();

  for (const id of [
    'ballots.encoding',
    'ballots.election',
    'ballots.credential',
    'ballots.style',
    'ballots.signature',
  ] as const) {
    checks.count(id, ballots.length);
  }
  checkSupersedes(ctx, hashes);
  checks.count('ballots.selection-proofs', selections);
  checks.count('ballots.sum-proofs', sums);
  for (const outcome of problems) {
    const hash = hashes.get(outcome.seq);
    for (const p of outcome.problems) {
      const id = CHECK_OF_CODE[p.code] ?? 'ballots.encoding';
      checks.fail(id, `seq ${outcome.seq} ${id === 'ballots.selection-proofs' || id === 'ballots.sum-proofs' ? p.path : ''}`, {
        seq: outcome.seq,
        ...(hash ? { ballot: hash } : {}),
        ...(p.path ? { path: p.path } : {}),
        code: p.code,
        reason: p.message,
      });
    }
  }
  return { hashes, aggregates };
}

/**
 * ballots.duplicates: no ciphertext α twice, within a ballot or across the board (spec §3.6.5 step 7). A million
 * ballots hold millions of ciphertexts, so each α is kept as 8 bytes of it in an open-addressing table with the seq
 * of its ballot; a match of those 8 bytes is confirmed on the whole α, read again from the earlier ballot's line.
 */
class DuplicateCheck {
  private slots = new Int32Array(1 << 16).fill(-1);
  private high = new Uint32Array(1 << 15);
  private low = new Uint32Array(1 << 15);
  private seqs = new Int32Array(1 << 15);
  private count = 0;
  private readonly found: { seq: number; path: string; earlier: number }[] = [];

  constructor(private readonly ctx: VerifyContext) {}

  /** Adds one ballot's α, by answer and selection; ballots must come in board order. */
  add(seq: number, alphas: readonly (readonly string[])[]): void {
    const { checks } = this.ctx;
    const mine = new Set<string>();
    alphas.forEach((answer, i) => {
      answer.forEach((alpha, j) => {
        checks.count('ballots.duplicates');
        const earlier = this.firstHolder(alpha, seq, mine);
        if (earlier !== undefined) this.found.push({ seq, path: `answers.${i}.selections.${j}`, earlier });
        else {
          mine.add(alpha);
          this.insert(alpha, seq);
        }
      });
    });
  }

  private key(alpha: string): [hi: number, lo: number] {
    return [Number.parseInt(alpha.slice(0, 8), 16) >>> 0, Number.parseInt(alpha.slice(8, 16), 16) >>> 0];
  }

  private slotOf(hi: number, lo: number): number {
    return (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & (this.slots.length - 1);
  }

  /** The seq of the ballot where α first appeared (this one's own α so far are `mine`), if any. */
  private firstHolder(alpha: string, seq: number, mine: ReadonlySet<string>): number | undefined {
    const [hi, lo] = this.key(alpha);
    for (let slot = this.slotOf(hi, lo); this.slots[slot] !== -1; slot = (slot + 1) & (this.slots.length - 1)) {
      const at = this.slots[slot] as number;
      if (this.high[at] !== hi || this.low[at] !== lo) continue;
      const holder = this.seqs[at] as number;
      if (holder === seq ? mine.has(alpha) : this.holds(holder, alpha)) return holder;
    }
    return undefined;
  }

  /** Records a new α with the seq of its ballot. */
  private insert(alpha: string, seq: number): void {
    const [hi, lo] = this.key(alpha);
    let slot = this.slotOf(hi, lo);
    while (this.slots[slot] !== -1) slot = (slot + 1) & (this.slots.length - 1);
    if (this.count === this.high.length) this.grow();
    this.high[this.count] = hi;
    this.low[this.count] = lo;
    this.seqs[this.count] = seq;
    this.slots[slot] = this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** Whether the ballot at `seq` has this α (its line read again: only on a match of 8 bytes). */
  private holds(seq: number, alpha: string): boolean {
    const line = new TextDecoder().decode(this.ctx.record.line(seq));
    const event = JSON.parse(line) as { ballot: { answers: { selections: { ciphertext: { alpha: string } }[] }[] } };
    return event.ballot.answers.some((a) => a.selections.some((s) => s.ciphertext.alpha === alpha));
  }

  private grow(): void {
    const n = this.high.length * 2;
    const copy = <T extends Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.high = copy(this.high, new Uint32Array(n));
    this.low = copy(this.low, new Uint32Array(n));
    this.seqs = copy(this.seqs, new Int32Array(n));
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = this.slotOf(this.high[i] as number, this.low[i] as number);
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = i;
    }
  }

  /** Reports every duplicate found, in board order, and lets the table go: the checks after it need the room. */
  report(): void {
    this.slots = new Int32Array(0);
    this.high = new Uint32Array(0);
    this.low = new Uint32Array(0);
    this.seqs = new Int32Array(0);
    for (const { seq, path, earlier } of this.found) {
      this.ctx.checks.fail('ballots.duplicates', `seq ${seq}`, {
        seq,
        path,
        code: 'DUPLICATE_CIPHERTEXT',
        reason:
          earlier === seq
            ? 'the ciphertext appears twice in this ballot'
            : `the ciphertext already appeared in the ballot at seq ${earlier}`,
      });
    }
  }
}

/** ballots.supersedes: each ballot names its credential's previous ballot hash, or null for the first. */
function checkSupersedes(ctx: VerifyContext, hashes: Hashes): void {
  const { checks, record } = ctx;
  const { ballots } = record;
  // each credential's latest ballot so far, by its seq: its hash is looked up when the credential votes again
  const previous = new Map<string, number>();
  for (let i = 0; i < ballots.length; i++) {
    const seq = ballots.seq(i);
    const credential = ballots.credential(i);
    const supersedes = ballots.supersedes(i);
    checks.count('ballots.supersedes');
    const before = previous.get(credential);
    const expected = (before === undefined ? undefined : hashes.get(before)) ?? null;
    if (supersedes !== expected) {
      checks.fail('ballots.supersedes', `seq ${seq}`, {
        seq,
        ballot: hashes.get(seq) as string,
        credential,
        code: 'WRONG_SUPERSEDES',
        reason:
          expected === null
            ? `the ballot claims to supersede ${supersedes}, but it is its credential's first`
            : `the ballot supersedes ${supersedes ?? 'nothing'}; its credential's previous ballot is ${expected}`,
      });
    }
    previous.set(credential, seq);
  }
}
