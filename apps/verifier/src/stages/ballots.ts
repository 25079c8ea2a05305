// Every ballot on the board (spec §3.6.5): the per-ballot checks run in slices on worker threads (ballots/), while
// this thread checks what needs the whole board at once — duplicate ciphertexts and each re-vote's `supersedes`.
import { bytesToHex, encodePoint } from '@saylau/crypto';
import { type BallotJson, ballotHash, type EventJsonOf, revokedCredentials } from '@saylau/protocol';
import { checkBallotJobs, type PoolOptions } from '../ballots/pool.ts';
import type { BallotJob, SliceResult } from '../ballots/slice.ts';
import type { CheckId } from '../checks.ts';
import { eventsOfType, type VerifyContext } from '../context.ts';

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

export interface BallotSummary {
  /** Each ballot event's ballot hash, by seq. */
  readonly hashes: Map<number, string>;
  /** The slices' partial aggregates, to be added up by the processing stage. */
  readonly slices: SliceResult[];
}

/** The ballots that count (spec §6.2): the last per credential, unless the credential was revoked or voted on paper. */
export function countedSeqs(
  ballots: readonly EventJsonOf<'ballot'>[],
  cancelled: ReadonlySet<string>,
  revoked: ReadonlySet<string> = new Set(),
): Set<number> {
  const last = new Map<string, number>();
  for (const event of ballots) last.set(event.ballot.credential, event.seq);
  const dropped = (credential: string) => cancelled.has(credential) || revoked.has(credential);
  return new Set([...last].filter(([credential]) => !dropped(credential)).map(([, seq]) => seq));
}

export function cancelledCredentials(ctx: VerifyContext): Set<string> {
  return new Set(eventsOfType(ctx.record, 'cancellation').flatMap((e) => e.credentials));
}

export async function checkBallots(ctx: VerifyContext, pool: PoolOptions): Promise<BallotSummary> {
  const { checks, record, definition, fingerprint, electionKey, credentials } = ctx;
  const ballots = eventsOfType(record, 'ballot');
  const hashes = new Map<number, string>();
  if (ballots.length === 0) {
    for (const id of ['ballots.encoding', 'ballots.signature', 'ballots.selection-proofs', 'ballots.sum-proofs'] as const) {
      checks.note(id, 'the board holds no ballots');
    }
  }
  checkDuplicates(ctx, ballots);
  if (!definition || !fingerprint || !electionKey || !credentials || ballots.length === 0) {
    if (ballots.length > 0) checks.note('ballots.selection-proofs', 'no election key could be established: proofs not checked');
    for (const event of ballots) hashes.set(event.seq, ballotHash(event.ballot as BallotJson));
    checkSupersedes(ctx, ballots, hashes);
    return { hashes, slices: [] };
  }

  const counted = countedSeqs(
    ballots,
    cancelledCredentials(ctx),
    revokedCredentials(record.events.filter((e) => e !== undefined)),
  );
  const jobs: BallotJob[] = ballots.map((e) => ({ seq: e.seq, ballot: e.ballot, counted: counted.has(e.seq) }));
  const slices = await checkBallotJobs(
    { definition, fingerprint, electionKey: bytesToHex(encodePoint(electionKey)), credentials: [...credentials] },
    jobs,
    pool,
  );

  for (const id of [
    'ballots.encoding',
    'ballots.election',
    'ballots.credential',
    'ballots.style',
    'ballots.signature',
  ] as const) {
    checks.count(id, ballots.length);
  }
  for (const slice of slices) for (const outcome of slice.outcomes) hashes.set(outcome.seq, outcome.hash);
  checkSupersedes(ctx, ballots, hashes);
  for (const slice of slices) {
    for (const outcome of slice.outcomes) {
      checks.count('ballots.selection-proofs', outcome.selections);
      checks.count('ballots.sum-proofs', outcome.sums);
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
  }
  return { hashes, slices };
}

/** ballots.duplicates: no ciphertext α twice, within a ballot or across the board (spec §3.6.5 step 7). */
function checkDuplicates(ctx: VerifyContext, ballots: readonly EventJsonOf<'ballot'>[]): void {
  const { checks } = ctx;
  const firstSeen = new Map<string, number>();
  for (const event of ballots) {
    event.ballot.answers.forEach((answer, i) => {
      answer.selections.forEach((sel, j) => {
        checks.count('ballots.duplicates');
        const alpha = sel.ciphertext.alpha;
        const earlier = firstSeen.get(alpha);
        if (earlier !== undefined) {
          checks.fail('ballots.duplicates', `seq ${event.seq}`, {
            seq: event.seq,
            path: `answers.${i}.selections.${j}`,
            code: 'DUPLICATE_CIPHERTEXT',
            reason:
              earlier === event.seq
                ? 'the ciphertext appears twice in this ballot'
                : `the ciphertext already appeared in the ballot at seq ${earlier}`,
          });
        } else firstSeen.set(alpha, event.seq);
      });
    });
  }
}

/** ballots.supersedes: each ballot names its credential's previous ballot hash, or null for the first. */
function checkSupersedes(ctx: VerifyContext, ballots: readonly EventJsonOf<'ballot'>[], hashes: Map<number, string>): void {
  const { checks } = ctx;
  const previous = new Map<string, string>();
  for (const event of ballots) {
    checks.count('ballots.supersedes');
    const expected = previous.get(event.ballot.credential) ?? null;
    if (event.supersedes !== expected) {
      checks.fail('ballots.supersedes', `seq ${event.seq}`, {
        seq: event.seq,
        ballot: hashes.get(event.seq) as string,
        credential: event.ballot.credential,
        code: 'WRONG_SUPERSEDES',
        reason:
          expected === null
            ? `the ballot claims to supersede ${event.supersedes}, but it is its credential's first`
            : `the ballot supersedes ${event.supersedes ?? 'nothing'}; its credential's previous ballot is ${expected}`,
      });
    }
    previous.set(event.ballot.credential, hashes.get(event.seq) as string);
  }
}
