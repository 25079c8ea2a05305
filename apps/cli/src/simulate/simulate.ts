// saylau simulate: a complete election record of N ballots made without a server (spec §7.7's life cycle), for
// benchmarks at national scale. The definition and key ceremony come from the protocol's simulator; credentials and
// ballots are made on every core (worker.ts), written to the record as they come, and never held all at once; the
// counted set, aggregates, decryption shares and result are the protocol's own functions over them.
import type { Scalar } from '@saylau/crypto';
import {
  AggregateSums,
  aggregatePayload,
  type BallotJson,
  type BoardBallot,
  type BoardEventJson,
  buildResultEvent,
  type Choices,
  computeDecryptionShares,
  countedSet,
  countedSetPayload,
  type DecryptionSetup,
  type DefinitionDraft,
  decryptAggregates,
  ProtocolError,
  signTrusteeEvent,
} from '@saylau/protocol';
import { randomChoices, seededRandom, simulateElection } from '@saylau/protocol/node';
import { type BallotJob, SimulatorPool } from './pool.ts';
import { type NewEventJson, StreamingRecordWriter } from './record-writer.ts';

export interface SimulateOptions {
  /** Ballots on the board (re-votes included). */
  readonly ballots: number;
  readonly out: string;
  readonly draft: DefinitionDraft;
  /** Seeds the voters' behaviour (keys and randomness come from the CSPRNG). */
  readonly seed: string;
  /** Worker threads (default one per core). */
  readonly workers?: number;
  /** A signed head is kept after every this many events (default 1,024) and after the last. */
  readonly treeHeadEvery?: number;
  /** Share of voters who vote twice (default 0.1) and who also vote on paper (default 0.03). */
  readonly revoteShare?: number;
  readonly paperShare?: number;
  /** Progress lines (default none). */
  readonly log?: (line: string) => void;
}

export interface SimulateSummary {
  readonly events: number;
  readonly ballots: number;
  readonly voters: number;
  readonly counted: number;
  readonly superseded: number;
  readonly cancelled: number;
  readonly workers: number;
  readonly files: Record<string, number>;
  /** Milliseconds: the whole run and its parts. */
  readonly ms: { total: number; credentials: number; ballots: number; tally: number };
}

const MINUTE = 60_000;
/** Ballots per request to a thread, and requests kept in flight per thread. */
const BATCH = 16;
const IN_FLIGHT = 3;
const CREDENTIALS_PER_EVENT = 10_000;

interface Voter {
  readonly district: string;
  readonly votes: 1 | 2;
  readonly paper: boolean;
}

/** Voters until exactly `ballots` ballots are planned: like simulateElection's, some vote twice, some also on paper. */
function planVoters(
  ballots: number,
  districts: readonly string[],
  random: ReturnType<typeof seededRandom>,
  revoteShare: number,
  paperShare: number,
): Voter[] {
  const voters: Voter[] = [];
  for (let planned = 0; planned < ballots; ) {
    const votes = planned + 1 < ballots && random.chance(revoteShare) ? 2 : 1;
    voters.push({ district: districts[random.below(districts.length)] as string, votes, paper: random.chance(paperShare) });
    planned += votes;
  }
  return voters;
}

export async function simulateRecord(options: SimulateOptions): Promise<SimulateSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const { ballots: ballotCount, revoteShare = 0.1, paperShare = 0.03 } = options;
  if (!Number.isSafeInteger(ballotCount) || ballotCount < 0) throw new RangeError('ballots must be a non-negative integer');
  const draft = options.draft as DefinitionDraft & { commission?: unknown; witnesses?: unknown };
  if (draft.commission !== undefined || draft.witnesses !== undefined) {
    throw new RangeError('saylau simulate takes a definition without commission or witnesses (their keys would be needed)');
  }

  // 1–2. The definition and the key ceremony, by the protocol's simulator (no voters yet).
  const base = simulateElection({ draft: options.draft, voters: 0, seed: options.seed, until: 'ready', treeHeadEvery: 1 << 30 });
  const { definition, fingerprint } = base;
  const [first, ...ceremony] = base.events as [Extract<BoardEventJson, { type: 'definition' }>, ...BoardEventJson[]];
  const writer = new StreamingRecordWriter(options.out, first, base.secrets.boardSecret, options.treeHeadEvery ?? 1024);
  for (const event of ceremony) writer.appendEvent(event);
  const keyEvent = ceremony.find((e) => e.type === 'election-key');
  if (keyEvent?.type !== 'election-key') throw new Error('the simulated ceremony published no election key');
  let clock = Date.parse((ceremony.at(-1) as BoardEventJson).time);
  const at = (ms: number) => new Date(ms).toISOString();
  const post = (event: NewEventJson) => {
    clock += 1000;
    return writer.append(event, at(clock));
  };

  const pool = new SimulatorPool({ definition: JSON.stringify(definition), electionKey: keyEvent.publicKey }, options.workers);
  try {
    // 3. Voters, their credentials (made on every core), the sorted credential list and the frozen register.
    const random = seededRandom(options.seed);
    const districts = definition.districts.map((d) => d.id);
    const voters = planVoters(ballotCount, districts, random, revoteShare, paperShare);
    const t0 = performance.now();
    const secrets: string[] = new Array(voters.length);
    const credentials: string[] = new Array(voters.length);
    const keyJobs: Promise<void>[] = [];
    for (let from = 0; from < voters.length; from += 1000) {
      const count = Math.min(1000, voters.length - from);
      keyJobs.push(
        pool.keys(count).then((keys) => {
          keys.forEach(([secret, publicKey], i) => {
            secrets[from + i] = secret;
            credentials[from + i] = publicKey;
          });
        }),
      );
    }
    await Promise.all(keyJobs);
    const credentialMs = performance.now() - t0;
    log(`${voters.length} credentials in ${(credentialMs / 1000).toFixed(1)} s`);
    const list = voters
      .map((v, i) => ({ credential: credentials[i] as string, district: v.district }))
      .sort((a, b) => (a.credential < b.credential ? -1 : 1));
    for (let i = 0; i < list.length; i += CREDENTIALS_PER_EVENT) {
      post({ type: 'credentials', entries: list.slice(i, i + CREDENTIALS_PER_EVENT) });
    }
    list.length = 0;
    const sizes = Object.fromEntries(districts.map((d) => [d, 0]));
    for (const v of voters) sizes[v.district] = (sizes[v.district] ?? 0) + 1;
    post({ type: 'register', sizes });

    // 4. Voting: every cast in a shuffled order; a voter's last cast counts unless they voted on paper.
    const opens = Date.parse(definition.votingPeriod.opens);
    const closes = Date.parse(definition.votingPeriod.closes);
    clock = Math.max(clock, opens - MINUTE - 1000);
    post({ type: 'state', state: 'open' });
    const casts = random.shuffle(voters.flatMap((v, i) => (v.votes === 2 ? [i, i] : [i])));
    const lastCast = new Int32Array(voters.length).fill(-1);
    casts.forEach((voter, k) => {
      lastCast[voter] = k;
    });
    const step = Math.min(MINUTE, (closes - opens) / (casts.length + 1));
    const t1 = performance.now();
    const previousHash: (string | undefined)[] = new Array(voters.length);
    const boardBallots: BoardBallot[] = [];
    const done = new Map<number, readonly { json: BallotJson; hash: string }[]>();
    let nextToWrite = 0;
    let lastLog = performance.now();
    const writeReady = () => {
      for (let batch = done.get(nextToWrite); batch; batch = done.get(nextToWrite)) {
        done.delete(nextToWrite);
        batch.forEach((built, j) => {
          const k = nextToWrite * BATCH + j;
          const voter = casts[k] as number;
          const credential = credentials[voter] as string;
          const event = writer.append(
            { type: 'ballot', ballot: built.json, supersedes: previousHash[voter] ?? null },
            at(opens + Math.round(step * (k + 1))),
          );
          previousHash[voter] = built.hash;
          boardBallots.push({ hash: built.hash, credential, seq: event.seq });
        });
        nextToWrite++;
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          const n = boardBallots.length;
          const rate = n / ((lastLog - t1) / 1000);
          log(`${n} of ${casts.length} ballots (${rate.toFixed(0)}/s)`);
        }
      }
    };
    const inFlight = new Set<Promise<void>>();
    for (let batch = 0; batch * BATCH < casts.length; batch++) {
      const jobs: BallotJob[] = casts.slice(batch * BATCH, (batch + 1) * BATCH).map((voter, j) => {
        const v = voters[voter] as Voter;
        const choices: Choices = randomChoices(definition, v.district, random);
        const counted = lastCast[voter] === batch * BATCH + j && !v.paper;
        return { district: v.district, choices, secret: secrets[voter] as string, counted };
      });
      const request = pool.ballots(jobs).then((built) => {
        done.set(batch, built);
        writeReady();
      });
      const tracked = request.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= pool.size * IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    writeReady();
    const ballotMs = performance.now() - t1;
    log(`${casts.length} ballots in ${(ballotMs / 1000).toFixed(1)} s`);

    // 5. Close and process: the paper voters' cancellation, the counted set, the aggregates.
    const t2 = performance.now();
    clock = Math.max(closes, clock);
    post({ type: 'state', state: 'closed' });
    const paper = voters.flatMap((v, i) => (v.paper ? [credentials[i] as string] : [])).sort();
    if (paper.length > 0) post({ type: 'cancellation', credentials: paper });
    const set = countedSet(boardBallots, new Set(paper));
    // the threads summed the ballots this plan said would count: the protocol's counted set must agree
    const planned = casts.filter((voter, k) => lastCast[voter] === k && !(voters[voter] as Voter).paper).length;
    if (set.counted.length !== planned) throw new Error(`the counted set has ${set.counted.length} ballots; ${planned} planned`);
    post(countedSetPayload(set));
    const sums = new AggregateSums(definition);
    for (let i = 0; i < pool.size; i++) sums.merge(await pool.sums(i));
    const entries = sums.entries();
    post(aggregatePayload(entries));
    post({ type: 'state', state: 'processed' });

    // 6. Decrypt: the first t trustees post their shares; the result is combined from them.
    const setup: DecryptionSetup = {
      fingerprint,
      trustees: definition.trustees,
      dealers: base.secrets.dealers,
      entries,
    };
    const submissions = base.secrets.trustees.slice(0, definition.trustees.threshold).map((x) => ({
      trustee: x.trustee,
      secretKey: x.secretKey as Scalar,
      shares: computeDecryptionShares(setup, x.trustee, x.secretShare),
    }));
    for (const { trustee, secretKey, shares } of submissions) {
      post(signTrusteeEvent(secretKey, fingerprint, { type: 'decryption-share', trustee, shares }) as NewEventJson);
    }
    const decryption = decryptAggregates(setup, submissions);
    if (!decryption.ok) throw new ProtocolError(decryption.problems);
    post(buildResultEvent(definition, sizes, entries, decryption.value));
    post({ type: 'state', state: 'decrypted' });
    post({ type: 'state', state: 'published' });
    const tallyMs = performance.now() - t2;
    const files = writer.finish(new Date().toISOString());
    return {
      events: writer.size,
      ballots: casts.length,
      voters: voters.length,
      counted: set.counted.length,
      superseded: set.superseded,
      cancelled: set.cancelled,
      workers: pool.size,
      files,
      ms: {
        total: Math.round(performance.now() - started),
        credentials: Math.round(credentialMs),
        ballots: Math.round(ballotMs),
        tally: Math.round(tallyMs),
      },
    };
  } finally {
    await pool.close();
  }
}
