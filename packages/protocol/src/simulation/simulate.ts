// An election run end to end in memory (spec §7.7), exactly as the server would run it but with the parties'
// secrets kept: the test bed for the record, the verifier and the benchmarks. Keys and randomness come from the
// CSPRNG, so two runs differ; only the voters' behaviour follows the seed (see prng.ts).
import {
  bytesToHex,
  combineReceivedShares,
  commitPolynomial,
  type DealerCommitment,
  decryptShare,
  encodePoint,
  encryptShare,
  evaluatePolynomial,
  generateKeyPair,
  jointPublicKey,
  type KeyPair,
  mod,
  type Point,
  type Polynomial,
  prepareElectionKey,
  proveSchnorr,
  publicKeyOf,
  randomNonZeroScalar,
  randomPolynomial,
  type Scalar,
  verifyShare,
} from '@saylau/crypto';
import { z } from 'zod';
import { type BuiltBallot, buildBallot, type ElectionContext } from '../ballot/build.ts';
import type { Choices } from '../ballot/choices.ts';
import { cosignTreeHead } from '../board/cosignature.ts';
import { leafHash } from '../board/merkle.ts';
import { MerkleLog } from '../board/merkle-log.ts';
import { type SignedTreeHead, type SignedTreeHeadJson, SignedTreeHeadWire, signTreeHead } from '../board/tree-head.ts';
import { signCommissionStatement } from '../commission/signatures.ts';
import { decisionStatement, paperVotersStatement } from '../commission/statements.ts';
import { fingerprintBytes, questionsOfStyle, styleOfDistrict } from '../definition/fingerprint.ts';
import type { DefinitionDraft, ElectionDefinition } from '../definition/schema.ts';
import { parseDefinitionDraft } from '../definition/validate.ts';
import { ProtocolError } from '../errors.ts';
import { ceremonyContext, trusteeKeyContext } from '../events/contexts.ts';
import { eventEntryBytes } from '../events/encoding.ts';
import { type BoardEvent, type BoardEventJson, type ElectionState, EventWire } from '../events/schema.ts';
import type { PaperResultsStatement } from '../paper-results/schema.ts';
import { aggregate, aggregatePayload, type CountedBallot } from '../processing/aggregate.ts';
import { boardBallots, countedSet, countedSetPayload, paperCancellations } from '../processing/counted-set.ts';
import { computeDecryptionShares, type DecryptionSetup, decryptAggregates } from '../processing/decrypt.ts';
import { buildResultEvent } from '../processing/results.ts';
import { earlyCloseStatement } from '../time/early-close.ts';
import { signTrusteeEvent } from '../trustee-request.ts';
import { type SimulationRandom, seededRandom } from './prng.ts';

export interface SimulationOptions {
  /** The commission's definition (no board key: the simulated server makes one). */
  readonly draft: DefinitionDraft;
  readonly voters: number;
  /** Seeds the voters' behaviour only (default "saylau"). */
  readonly seed?: string | number;
  /** Share of the voters who vote that vote a second time (default 0.1). */
  readonly revoteShare?: number;
  /** Share of all voters who also vote on paper, cancelling any e-vote (default 0.03). */
  readonly paperShare?: number;
  /** Share of the voters who cast no e-vote (default 0.2). */
  readonly abstainShare?: number;
  /** A trustee (1…n) who takes part in the ceremony but never decrypts. */
  readonly missingTrustee?: number;
  /** A signed tree head is kept after every this many events, and after the last (default 64). */
  readonly treeHeadEvery?: number;
  /** Credentials per credentials event (default and maximum 10,000). */
  readonly credentialChunk?: number;
  /** The state to stop in (default "published": the whole life cycle). */
  readonly until?: ElectionState;
  /** Commission members (with keys made here) who sign the decision and the paper-voter list (spec §4.4). */
  readonly commission?: { readonly members: number; readonly threshold: number };
  /** Witnesses (with keys made here), named in the definition, who co-sign every kept head (spec §5.9). */
  readonly witnesses?: { readonly members: number; readonly quorum: number };
  /**
   * Close a minute after the last ballot, before the period ends, with an early close the commission's first
   * `threshold` members sign (needs `commission`; spec §4.5). Without it voting closes when the period ends.
   */
  readonly earlyClose?: { readonly reason: string };
  /**
   * The commission's paper results (spec §4.4.3), signed by its first `threshold` members and posted after the
   * cancellations: each paper voter's ballot is cast, valid, and marks one option per question (needs `commission`).
   */
  readonly paperResults?: boolean;
}

export interface SimulatedTrustee {
  readonly trustee: number;
  readonly name: string;
  /** The trustee's own key pair (share encryption, key proof). */
  readonly secretKey: Scalar;
  readonly publicKey: Point;
  readonly polynomial: Polynomial;
  /** s_x: the trustee's share of the election secret. */
  readonly secretShare: Scalar;
}

export interface SimulatedBallot {
  readonly seq: number;
  readonly hash: string;
  /** The randomness seed: what the voter's QR code reveals. */
  readonly seed: Uint8Array;
  readonly choices: Choices;
}

export interface SimulatedVoter {
  readonly voterId: string;
  readonly district: string;
  /** Drawn from the CSPRNG directly (a real voter's comes from the scrypt KDF of the credential code). */
  readonly credentialSecret: Scalar;
  readonly credential: string;
  /** In the order cast; the last one counts unless the voter voted on paper. */
  readonly ballots: readonly SimulatedBallot[];
  readonly paper: boolean;
}

/** What the result must say, from the plaintext choices of the ballots that should count. */
export interface ExpectedResult {
  /** Ballots counted, ballots superseded by a later one of the same credential, credentials cancelled by paper. */
  readonly counted: number;
  readonly superseded: number;
  readonly cancelled: number;
  /** district → counted ballots, and question → option → selections (every option of the style, zeros included). */
  readonly districts: Readonly<Record<string, { ballots: number; counts: Record<string, Record<string, number>> }>>;
  /** question → option → selections over all districts. */
  readonly overall: Readonly<Record<string, Record<string, number>>>;
}

export interface Simulation {
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  /** The whole board, seq order. */
  readonly events: BoardEventJson[];
  /** The kept signed heads, the last covering every event. */
  readonly treeHeads: SignedTreeHeadJson[];
  readonly expected: ExpectedResult;
  /** Secrets a real election never publishes, for tests only. */
  readonly secrets: {
    readonly boardSecret: Scalar;
    /** The joint election secret Σ a_{d,0} (no one holds it in a real election). */
    readonly electionSecret: Scalar;
    readonly trustees: readonly SimulatedTrustee[];
    readonly voters: readonly SimulatedVoter[];
    /** The commission members' ids and signing keys (none without options.commission). */
    readonly members: readonly { readonly id: string; readonly secretKey: Scalar }[];
    /** The witnesses' ids and co-signing keys (none without options.witnesses). */
    readonly witnesses: readonly { readonly id: string; readonly secretKey: Scalar }[];
    /** The dealers' commitments (public on the board; decoded here for a caller that goes on to decrypt). */
    readonly dealers: readonly DealerCommitment[];
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NewEvent = DistributiveOmit<BoardEvent, 'seq' | 'time'>;
type EventContentJson = DistributiveOmit<BoardEventJson, 'seq' | 'time'>;

const MINUTE = 60_000;

/** The simulated server's board: events with seq and time, the Merkle log, and the heads it keeps. */
class SimulatedBoard {
  readonly events: BoardEventJson[] = [];
  readonly heads: SignedTreeHead[] = [];
  private readonly log = new MerkleLog();
  private fingerprint: Uint8Array | undefined;

  constructor(
    private readonly boardSecret: Scalar,
    private readonly headEvery: number,
  ) {}

  /** Appends an event given with decoded values (points, scalars); seq and time are the board's. */
  append(event: NewEvent, time: number): BoardEventJson {
    return this.push(
      z.encode(EventWire, { ...event, seq: this.events.length, time: new Date(time).toISOString() } as BoardEvent),
    );
  }

  /** The board's size and Merkle root now: what a trustee acknowledges having checked. */
  prefix(): { treeSize: number; rootHash: string } {
    return { treeSize: this.log.size, rootHash: bytesToHex(this.log.root()) };
  }

  /** Appends an event already in JSON form (ballots arrive that way). */
  appendJson(event: DistributiveOmit<BoardEventJson, 'seq' | 'time'>, time: number): BoardEventJson {
    return this.push({ ...event, seq: this.events.length, time: new Date(time).toISOString() } as BoardEventJson);
  }

  private push(json: BoardEventJson): BoardEventJson {
    if (json.type === 'definition') this.fingerprint = fingerprintBytes(json.definition);
    if (!this.fingerprint) throw new Error('the definition comes first');
    this.events.push(json);
    this.log.append(leafHash(eventEntryBytes(this.fingerprint, json)));
    if (this.log.size % this.headEvery === 0) this.signHead();
    return json;
  }

  /** Signs the current head unless the last kept head already covers every event. */
  finish(): void {
    if (this.heads[this.heads.length - 1]?.treeSize !== this.log.size) this.signHead();
  }

  private signHead(): void {
    const last = this.events[this.events.length - 1] as BoardEventJson;
    this.heads.push(signTreeHead(this.boardSecret, this.fingerprint as Uint8Array, this.log.size, this.log.root(), last.time));
  }
}

/** A voter's choices for a ballot style: one option per referendum or single question, min…max for approval. */
export function randomChoices(definition: ElectionDefinition, district: string, random: SimulationRandom): Choices {
  const style = styleOfDistrict(definition, district);
  if (!style) throw new RangeError(`district ${district} has no ballot style`);
  const choices: Record<string, string[]> = {};
  for (const q of questionsOfStyle(definition, style)) {
    const k = q.minSelections + random.below(q.maxSelections - q.minSelections + 1);
    choices[q.id] = random
      .shuffle(q.options.map((o) => o.id))
      .slice(0, k)
      .sort((a, b) => q.options.findIndex((o) => o.id === a) - q.options.findIndex((o) => o.id === b));
  }
  return choices;
}

function assertShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
}

/** Runs the life cycle of §7.7 and returns the board, its heads, the expected result and every party's secrets. */
export function simulateElection(options: SimulationOptions): Simulation {
  const { voters: voterCount, revoteShare = 0.1, paperShare = 0.03, abstainShare = 0.2 } = options;
  const headEvery = options.treeHeadEvery ?? 64;
  const chunk = options.credentialChunk ?? 10_000;
  const until = options.until ?? 'published';
  if (!Number.isSafeInteger(voterCount) || voterCount < 0) throw new RangeError('voters must be a non-negative integer');
  if (!Number.isSafeInteger(headEvery) || headEvery < 1) throw new RangeError('treeHeadEvery must be a positive integer');
  if (!Number.isSafeInteger(chunk) || chunk < 1 || chunk > 10_000) throw new RangeError('credentialChunk must be 1…10,000');
  assertShare('revoteShare', revoteShare);
  assertShare('paperShare', paperShare);
  assertShare('abstainShare', abstainShare);
  const random = seededRandom(options.seed ?? 'saylau');

  // The server's board key completes the definition.
  const boardKey = generateKeyPair();
  const members = Array.from({ length: options.commission?.members ?? 0 }, (_, i) => ({
    id: `member-${i + 1}`,
    name: `Member ${i + 1}`,
    ...generateKeyPair(),
  }));
  const draft = options.commission
    ? {
        ...options.draft,
        commission: {
          members: members.map((m) => ({ id: m.id, name: m.name, publicKey: bytesToHex(encodePoint(m.publicKey)) })),
          threshold: options.commission.threshold,
        },
      }
    : options.draft;
  const witnesses = Array.from({ length: options.witnesses?.members ?? 0 }, (_, i) => ({
    id: `witness-${i + 1}`,
    name: `Witness ${i + 1}`,
    ...generateKeyPair(),
  }));
  const witnessed = options.witnesses
    ? {
        ...draft,
        witnesses: {
          members: witnesses.map((w) => ({ id: w.id, name: w.name, publicKey: bytesToHex(encodePoint(w.publicKey)) })),
          quorum: options.witnesses.quorum,
        },
      }
    : draft;
  const parsed = parseDefinitionDraft(witnessed, bytesToHex(encodePoint(boardKey.publicKey)));
  if (!parsed.ok) throw new ProtocolError(parsed.problems);
  const definition = parsed.value;
  const fp = fingerprintBytes(definition);
  const { count: n, threshold: t } = definition.trustees;
  const missing = options.missingTrustee;
  if (missing !== undefined && (!Number.isSafeInteger(missing) || missing < 1 || missing > n || n - 1 < t)) {
    throw new RangeError(`trustee ${missing} cannot be missing from a ${t}-of-${n} decryption`);
  }

  const board = new SimulatedBoard(boardKey.secretKey, headEvery);
  const opens = Date.parse(definition.votingPeriod.opens);
  const closes = Date.parse(definition.votingPeriod.closes);
  let clock = opens - 24 * 60 * MINUTE;
  const post = (event: NewEvent): BoardEventJson => {
    clock += 1000;
    return board.append(event, clock);
  };
  const postJson = (event: DistributiveOmit<BoardEventJson, 'seq' | 'time'>): BoardEventJson => {
    clock += 1000;
    return board.appendJson(event, clock);
  };
  const stateReached = (state: ElectionState): boolean => {
    post({ type: 'state', state });
    return state === until;
  };

  const result = (): Simulation => {
    board.finish();
    return {
      definition,
      fingerprint: fp,
      events: board.events,
      // every witness co-signs every kept head (a real witness co-signs those it sees: spec §5.9)
      treeHeads: board.heads.map((h) => {
        const json = z.encode(SignedTreeHeadWire, h);
        return witnesses.length === 0
          ? json
          : { ...json, cosignatures: witnesses.map((w) => cosignTreeHead(w.secretKey, fp, w.id, json)) };
      }),
      expected,
      secrets: {
        boardSecret: boardKey.secretKey,
        electionSecret,
        trustees,
        voters,
        members: members.map((m) => ({ id: m.id, secretKey: m.secretKey })),
        witnesses: witnesses.map((w) => ({ id: w.id, secretKey: w.secretKey })),
        dealers,
      },
    };
  };

  // Voters are drawn first so `expected` exists whatever state the run stops in.
  const districts = definition.districts.map((d) => d.id);
  const voterPlans = Array.from({ length: voterCount }, (_, i) => ({
    voterId: `voter-${String(i + 1).padStart(5, '0')}`,
    district: districts[random.below(districts.length)] as string,
    credentialSecret: randomNonZeroScalar(),
    votes: random.chance(abstainShare) ? 0 : random.chance(revoteShare) ? 2 : 1,
    paper: random.chance(paperShare),
  }));
  const voters: SimulatedVoter[] = voterPlans.map((v) => ({
    voterId: v.voterId,
    district: v.district,
    credentialSecret: v.credentialSecret,
    credential: bytesToHex(encodePoint(publicKeyOf(v.credentialSecret))),
    ballots: [],
    paper: v.paper,
  }));
  let trustees: SimulatedTrustee[] = [];
  let dealers: DealerCommitment[] = [];
  let electionSecret: Scalar = 0n;
  let expected: ExpectedResult = expectedResult(definition, voters);

  // 1. Define.
  post({ type: 'definition', definition });
  if (until === 'draft') return result();

  // 2. Key ceremony: keys with proofs, then Feldman commitments, then shares encrypted to their recipients.
  if (stateReached('key-ceremony')) return result();
  const keys = Array.from({ length: n }, () => generateKeyPair());
  keys.forEach((key, i) => {
    const trustee = i + 1;
    const proof = proveSchnorr(key.secretKey, trusteeKeyContext(fp, trustee));
    post({ type: 'trustee-key', trustee, name: `Trustee ${trustee}`, publicKey: key.publicKey, proof });
  });
  const context = ceremonyContext(fp);
  const polynomials = keys.map(() => randomPolynomial(t));
  dealers = polynomials.map((polynomial, i) => {
    const dealer = commitPolynomial(i + 1, polynomial, context);
    const content = {
      type: 'trustee-commitment' as const,
      trustee: i + 1,
      commitments: [...dealer.commitments],
      proofs: [...dealer.proofs],
    };
    postJson(signTrusteeEvent((keys[i] as KeyPair).secretKey, fp, content) as EventContentJson);
    return dealer;
  });
  const received: Scalar[][] = keys.map((_, j) => [evaluatePolynomial(polynomials[j] as Polynomial, j + 1)]);
  polynomials.forEach((polynomial, i) => {
    const dealer = i + 1;
    const shares = keys.flatMap((key, j) => {
      const recipient = j + 1;
      if (recipient === dealer) return [];
      const commitments = (dealers[i] as DealerCommitment).commitments;
      const box = encryptShare(evaluatePolynomial(polynomial, recipient), dealer, recipient, key.publicKey, commitments, context);
      // The recipient opens its box and checks the share against the dealer's commitments, as a trustee's client does.
      const share = decryptShare(box, key.secretKey, context);
      if (share === null || !verifyShare(share, recipient, commitments)) {
        throw new Error(`simulated share ${dealer}→${recipient} does not verify`);
      }
      received[j]?.push(share);
      return [
        { recipient, ephemeral: box.ephemeral, nonce: bytesToHex(box.nonce), sealed: bytesToHex(box.sealed), proof: box.proof },
      ];
    });
    postJson(
      signTrusteeEvent((keys[i] as KeyPair).secretKey, fp, {
        type: 'trustee-shares',
        trustee: dealer,
        shares,
      }) as EventContentJson,
    );
  });
  // Every trustee acknowledges the ceremony as it now stands (spec §4.3 step 6).
  const checked = board.prefix();
  keys.forEach((key, i) => {
    const ack = { type: 'trustee-acknowledgement' as const, trustee: i + 1, ...checked };
    postJson(signTrusteeEvent(key.secretKey, fp, ack) as EventContentJson);
  });
  const electionKey = jointPublicKey(dealers);
  post({ type: 'election-key', publicKey: electionKey, qualified: dealers.map((d) => d.dealer) });
  electionSecret = mod(polynomials.reduce((acc, p) => acc + (p.coefficients[0] as Scalar), 0n));
  trustees = keys.map((key, i) => ({
    trustee: i + 1,
    name: `Trustee ${i + 1}`,
    secretKey: key.secretKey,
    publicKey: key.publicKey,
    polynomial: polynomials[i] as Polynomial,
    secretShare: combineReceivedShares(received[i] as Scalar[]),
  }));
  if (stateReached('ready')) return result();

  // 3. Credentials (sorted by key, so the list's order says nothing about the voter list) and the frozen register.
  const credentialList = voters
    .map((v) => ({ credential: v.credential, district: v.district }))
    .sort((a, b) => (a.credential < b.credential ? -1 : 1));
  for (let i = 0; i < credentialList.length; i += chunk) {
    postJson({ type: 'credentials', entries: credentialList.slice(i, i + chunk) });
  }
  const sizes = Object.fromEntries(districts.map((d) => [d, voters.filter((v) => v.district === d).length]));
  post({ type: 'register', sizes });
  // The commission's decision, signed by the first `threshold` members, before voting opens (spec §4.4).
  const signers = members.slice(0, definition.commission?.threshold ?? 0);
  const signAs = (kind: 'decision' | 'paper-voters' | 'early-close' | 'paper-results', statement: unknown) =>
    signers.map((m) => signCommissionStatement(m.secretKey, fp, m.id, kind, statement));
  if (definition.commission) {
    const statement = decisionStatement({
      fingerprint: bytesToHex(fp),
      definition,
      credentials: credentialList,
      registerSizes: sizes,
      trusteeKeys: keys.map((k, i) => ({ trustee: i + 1, publicKey: bytesToHex(encodePoint(k.publicKey)) })),
      electionKey: bytesToHex(encodePoint(electionKey)),
    });
    postJson({ type: 'commission-decision', statement, signatures: signAs('decision', statement) });
  }

  // 4. Voting: opened a minute before the period begins (within the grace of spec §4.5), then every vote inside the
  // period in a shuffled order, so re-votes interleave with other voters' ballots.
  clock = Math.max(clock, opens - MINUTE);
  if (stateReached('open')) return result();
  const election: ElectionContext = { definition, fingerprint: fp, electionKey: prepareElectionKey(electionKey) };
  const decodedBallots = new Map<string, CountedBallot>();
  const casts = random.shuffle(voterPlans.flatMap((plan, i) => Array.from({ length: plan.votes }, () => i)));
  const step = Math.min(MINUTE, (closes - opens) / (casts.length + 1));
  clock = opens;
  casts.forEach((i, k) => {
    const voter = voters[i] as SimulatedVoter;
    const choices = randomChoices(definition, voter.district, random);
    const built = buildBallot(election, { district: voter.district, choices, credentialSecret: voter.credentialSecret });
    if (!built.ok) throw new ProtocolError(built.problems);
    const previous = voter.ballots[voter.ballots.length - 1];
    const ballot: BuiltBallot = built.value;
    const event = board.appendJson(
      { type: 'ballot', ballot: ballot.json, supersedes: previous?.hash ?? null },
      opens + Math.round(step * (k + 1)),
    );
    (voter.ballots as SimulatedBallot[]).push({ seq: event.seq, hash: ballot.hash, seed: ballot.seed, choices });
    decodedBallots.set(ballot.hash, { district: voter.district, ballot: ballot.ballot });
  });
  expected = expectedResult(definition, voters);
  if (options.earlyClose) {
    // A minute after the last ballot, on the commission's signed word (spec §4.5).
    clock = opens + Math.round(step * casts.length) + MINUTE;
    if (!definition.commission) throw new RangeError('an early close is signed by the commission: give options.commission');
    if (clock >= closes) throw new RangeError('the ballots fill the voting period: no time is left to close early');
    const at = new Date(clock).toISOString();
    const statement = earlyCloseStatement(bytesToHex(fp), options.earlyClose.reason, at);
    const early = { reason: statement.reason, at, signatures: signAs('early-close', statement) };
    board.appendJson({ type: 'state', state: 'closed', early }, clock);
    if (until === 'closed') return result();
  } else {
    clock = Math.max(closes, clock);
    if (stateReached('closed')) return result();
  }

  // 5. Process: paper voters' credentials cancel their e-votes, then the processing outputs.
  const paper = voters.filter((v) => v.paper).map((v) => v.credential);
  // Like the server: a cancellation event only when some voter voted on paper.
  if (paper.length > 0) {
    const credentials = paper.sort();
    const signatures = signAs('paper-voters', paperVotersStatement(bytesToHex(fp), credentials));
    postJson({ type: 'cancellation', credentials, ...(definition.commission ? { signatures } : {}) });
  }
  let paperStatement: PaperResultsStatement | undefined;
  if (options.paperResults) {
    if (!definition.commission) throw new RangeError('paper results are signed by the commission: give options.commission');
    paperStatement = simulatedPaperResults(definition, bytesToHex(fp), voters);
    postJson({ type: 'paper-results', statement: paperStatement, signatures: signAs('paper-results', paperStatement) });
  }
  const set = countedSet(boardBallots(board.events), paperCancellations(board.events));
  postJson(countedSetPayload(set));
  const counted = set.counted.map((hash) => decodedBallots.get(hash) as CountedBallot);
  const entries = aggregate(definition, counted);
  postJson(aggregatePayload(entries));
  if (stateReached('processed')) return result();

  // 6. Decrypt: the first t trustees other than the missing one post their shares; the result is combined from them.
  const setup: DecryptionSetup = { fingerprint: fp, trustees: definition.trustees, dealers, entries };
  const submissions = trustees
    .filter((x) => x.trustee !== missing)
    .slice(0, t)
    .map((x) => ({ trustee: x.trustee, shares: computeDecryptionShares(setup, x.trustee, x.secretShare) }));
  for (const { trustee, shares } of submissions) {
    const secret = (trustees[trustee - 1] as SimulatedTrustee).secretKey;
    postJson(signTrusteeEvent(secret, fp, { type: 'decryption-share', trustee, shares }) as EventContentJson);
  }
  const decryption = decryptAggregates(setup, submissions);
  if (!decryption.ok) throw new ProtocolError(decryption.problems);
  postJson(buildResultEvent(definition, sizes, entries, decryption.value, paperStatement));
  if (stateReached('decrypted')) return result();
  stateReached('published');
  return result();
}

/** The paper voters' ballots as a precinct protocol would count them: voter i marks option i mod n of each question. */
function simulatedPaperResults(
  definition: ElectionDefinition,
  fingerprintHex: string,
  voters: readonly SimulatedVoter[],
): PaperResultsStatement {
  const districts = definition.districts.map((d) => {
    const style = styleOfDistrict(definition, d.id);
    const questions = style ? questionsOfStyle(definition, style) : [];
    const paper = voters.filter((v) => v.paper && v.district === d.id);
    return {
      district: d.id,
      ballotsIssued: paper.length,
      ballotsCast: paper.length,
      invalid: 0,
      questions: questions.map((q) => {
        const counts = Object.fromEntries(q.options.map((o) => [o.id, 0]));
        paper.forEach((_, i) => {
          const option = q.options[i % q.options.length]?.id as string;
          counts[option] = (counts[option] ?? 0) + 1;
        });
        return { question: q.id, counts };
      }),
    };
  });
  return { fingerprint: fingerprintHex, districts };
}

/** Counts the plaintext choices of the last ballot of every voter who did not vote on paper. */
function expectedResult(definition: ElectionDefinition, voters: readonly SimulatedVoter[]): ExpectedResult {
  const districts: Record<string, { ballots: number; counts: Record<string, Record<string, number>> }> = {};
  const overall: Record<string, Record<string, number>> = {};
  for (const district of definition.districts) {
    const style = styleOfDistrict(definition, district.id);
    const counts: Record<string, Record<string, number>> = {};
    for (const q of style ? questionsOfStyle(definition, style) : []) {
      counts[q.id] = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      overall[q.id] ??= Object.fromEntries(q.options.map((o) => [o.id, 0]));
    }
    districts[district.id] = { ballots: 0, counts };
  }
  let counted = 0;
  let superseded = 0;
  let cancelled = 0;
  for (const voter of voters) {
    superseded += Math.max(0, voter.ballots.length - 1);
    const last = voter.ballots[voter.ballots.length - 1];
    if (!last) continue;
    if (voter.paper) {
      cancelled++;
      continue;
    }
    counted++;
    const tally = districts[voter.district] as { ballots: number; counts: Record<string, Record<string, number>> };
    tally.ballots++;
    for (const [question, selected] of Object.entries(last.choices)) {
      for (const option of selected) {
        const q = tally.counts[question] as Record<string, number>;
        q[option] = (q[option] ?? 0) + 1;
        const o = overall[question] as Record<string, number>;
        o[option] = (o[option] ?? 0) + 1;
      }
    }
  }
  return { counted, superseded, cancelled, districts, overall };
}
