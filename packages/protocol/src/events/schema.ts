// Board events (spec §4): every public fact of an election, in the order it happened. The board's Merkle
// leaves are these events' canonical bytes (events/encoding.ts); the election record is the list of them.
import { z } from 'zod';
import { BallotWire } from '../ballot/schema.ts';
import { TimestampWire } from '../board/tree-head.ts';
import {
  AggregateCiphertextWire,
  ChaumPedersenProofWire,
  DigestHex,
  PointHex,
  SchnorrProofWire,
  SignatureWire,
} from '../codec.ts';
import { MemberSignatureWire } from '../commission/signatures.ts';
import { ElectionDefinitionSchema, IdSchema } from '../definition/schema.ts';
import { PaperResultsStatementSchema } from '../paper-results/schema.ts';
import { EarlyCloseWire } from '../time/early-close.ts';

const TrusteeIndex = z.number().int().min(1).max(255);
const Count = z.number().int().min(0);
const Hex = (maxBytes: number) =>
  z
    .string()
    .max(maxBytes * 2)
    .regex(/^(?:[0-9a-f]{2})*$/);

export const ELECTION_STATES = [
  'draft',
  'key-ceremony',
  'ready',
  'open',
  'closed',
  'processed',
  'decrypted',
  'published',
] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];

/**
 * Seq is the event's index on the board (0-based, = its Merkle leaf index); time is the server's clock in the one
 * format of the board and its heads, UTC YYYY-MM-DDTHH:MM:SS.sssZ (spec §4.5).
 */
const envelope = { seq: Count, time: TimestampWire };

export const DefinitionEvent = z
  .object({ ...envelope, type: z.literal('definition'), definition: ElectionDefinitionSchema })
  .strict();

/** A trustee's own key (share encryption and authentication) with a proof of knowledge (context: §4.2). */
export const TrusteeKeyEvent = z
  .object({
    ...envelope,
    type: z.literal('trustee-key'),
    trustee: TrusteeIndex,
    name: z.string().min(1).max(200),
    publicKey: PointHex,
    proof: SchnorrProofWire,
  })
  .strict();

/** Feldman commitments to the trustee's polynomial, one Schnorr proof per coefficient. */
export const TrusteeCommitmentEvent = z
  .object({
    ...envelope,
    type: z.literal('trustee-commitment'),
    trustee: TrusteeIndex,
    commitments: z.array(PointHex).min(1).max(255),
    proofs: z.array(SchnorrProofWire).min(1).max(255),
    /** The trustee's signature (spec §4.2): nobody else can publish a statement in its name. */
    signature: SignatureWire,
  })
  .strict();

/** One box: a share sealed to its recipient, with a proof of knowledge of the ephemeral secret (spec §2.11). */
export const EncryptedShareWire = z
  .object({
    recipient: TrusteeIndex,
    ephemeral: PointHex,
    nonce: Hex(24).length(48),
    sealed: Hex(48).length(96),
    proof: SchnorrProofWire,
  })
  .strict();

/** The shares a dealer sends to the other trustees, each encrypted to its recipient's key. */
export const TrusteeSharesEvent = z
  .object({
    ...envelope,
    type: z.literal('trustee-shares'),
    trustee: TrusteeIndex,
    shares: z.array(EncryptedShareWire).max(254),
    signature: SignatureWire,
  })
  .strict();

/** A recipient's complaint against a dealer, revealing that one message's key with a proof. */
export const TrusteeComplaintEvent = z
  .object({
    ...envelope,
    type: z.literal('trustee-complaint'),
    trustee: TrusteeIndex,
    dealer: TrusteeIndex,
    sharedPoint: PointHex,
    proof: ChaumPedersenProofWire,
    signature: SignatureWire,
  })
  .strict();

/**
 * A trustee's acknowledgement (spec §4.3): "I checked the ceremony as the board stood at this size and root; every
 * share dealt to me verified, or my complaint is on it." The ceremony completes only when every trustee's last
 * acknowledgement covers every other ceremony event, so nobody can finish it before the trustees have checked.
 */
export const TrusteeAcknowledgementEvent = z
  .object({
    ...envelope,
    type: z.literal('trustee-acknowledgement'),
    trustee: TrusteeIndex,
    treeSize: Count,
    rootHash: DigestHex,
    signature: SignatureWire,
  })
  .strict();

/** The joint key: the sum of the qualified dealers' constant commitments. */
export const ElectionKeyEvent = z
  .object({ ...envelope, type: z.literal('election-key'), publicKey: PointHex, qualified: z.array(TrusteeIndex).min(1) })
  .strict();

/** A chunk of the public credential list: credential public key → district. No names. */
export const CredentialsEvent = z
  .object({
    ...envelope,
    type: z.literal('credentials'),
    entries: z
      .array(z.object({ credential: PointHex, district: IdSchema }).strict())
      .min(1)
      .max(10_000),
  })
  .strict();

/** The frozen register: how many voters each district has (the quorum denominator). */
export const RegisterEvent = z.object({ ...envelope, type: z.literal('register'), sizes: z.record(IdSchema, Count) }).strict();

/**
 * A lost letter re-issued (spec §3.5.1): the credential `old` is revoked from this event on, and `new` is registered
 * in the same `district` in its place (the voter counts once: the register sizes do not change). With a commission,
 * `signatures` are its members' signatures of { fingerprint, old, new, district } (kind `credential-replacement`).
 */
export const CredentialReplacementEvent = z
  .object({
    ...envelope,
    type: z.literal('credential-replacement'),
    old: PointHex,
    new: PointHex,
    district: IdSchema,
    signatures: z.array(MemberSignatureWire).max(50).optional(),
  })
  .strict();

/**
 * A state transition ordered by the commission. A close before the voting period's end carries the commission's
 * signed early close (spec §4.5); no other state carries `early`.
 */
export const StateEvent = z
  .object({ ...envelope, type: z.literal('state'), state: z.enum(ELECTION_STATES), early: EarlyCloseWire.optional() })
  .strict();

/** An accepted ballot; `supersedes` names the same credential's previous ballot hash (a re-vote). */
export const BallotEvent = z
  .object({ ...envelope, type: z.literal('ballot'), ballot: BallotWire, supersedes: DigestHex.nullable() })
  .strict();

/** Credentials of voters who voted on paper: their e-votes are cancelled whatever the order. */
export const CancellationEvent = z
  .object({
    ...envelope,
    type: z.literal('cancellation'),
    credentials: z.array(PointHex).max(100_000),
    /** The commission members' signatures of { fingerprint, credentials } (spec §4.4), when it names members. */
    signatures: z.array(MemberSignatureWire).max(50).optional(),
  })
  .strict();

/**
 * What the commission's members sign before voting opens (spec §4.4): the facts that only the board key's holder
 * would otherwise assert — register sizes, the credential list, the trustees' keys — with the election's identity.
 */
export const DecisionStatementSchema = z
  .object({
    fingerprint: DigestHex,
    votingPeriod: z.object({ opens: z.string(), closes: z.string() }).strict(),
    registerSizes: z.record(IdSchema, Count),
    credentialList: z.object({ count: Count, digest: DigestHex }).strict(),
    trustees: z.array(z.object({ trustee: TrusteeIndex, publicKey: DigestHex }).strict()).max(255),
    electionKey: DigestHex,
  })
  .strict();
export type DecisionStatement = z.infer<typeof DecisionStatementSchema>;

/** The commission's decision with its members' signatures, published before `state open`. */
export const CommissionDecisionEvent = z
  .object({
    ...envelope,
    type: z.literal('commission-decision'),
    statement: DecisionStatementSchema,
    signatures: z.array(MemberSignatureWire).min(1).max(50),
  })
  .strict();

/**
 * The commission's paper results (spec §4.4.3), signed by its threshold of members: attested, not verifiable. After
 * close and before publication; before the result when the definition judges validity on paper votes.
 */
export const PaperResultsEvent = z
  .object({
    ...envelope,
    type: z.literal('paper-results'),
    statement: PaperResultsStatementSchema,
    signatures: z.array(MemberSignatureWire).min(1).max(50),
  })
  .strict();

/** Processing output: the ballots counted (hashes, board order), and how many were superseded or cancelled. */
export const CountedSetEvent = z
  .object({
    ...envelope,
    type: z.literal('counted-set'),
    counted: z.array(DigestHex),
    superseded: Count,
    cancelled: Count,
    /** Voters whose e-vote was dropped because its credential was revoked (spec §6.2); present only when not 0. */
    revoked: Count.optional(),
  })
  .strict();

/**
 * One homomorphic sum: the selections of one option of one question by the counted ballots of one district
 * (spec §6.3). Every district has its entries; a district without counted ballots sums to (O, O).
 */
export const AggregateEntry = z
  .object({ district: IdSchema, question: IdSchema, option: IdSchema, ballots: Count, ciphertext: AggregateCiphertextWire })
  .strict();

export const AggregateEvent = z.object({ ...envelope, type: z.literal('aggregate'), entries: z.array(AggregateEntry) }).strict();

/** D_x = s_x·α of one aggregate entry with its Chaum–Pedersen proof (spec §2.12). */
export const DecryptionShareWire = z.object({ share: PointHex, proof: ChaumPedersenProofWire }).strict();

/**
 * A trustee's decryption shares of every aggregate entry, in entry order, each with a proof; null exactly for an
 * entry whose α is the identity, which needs no share (spec §6.4).
 */
export const DecryptionShareEvent = z
  .object({
    ...envelope,
    type: z.literal('decryption-share'),
    trustee: TrusteeIndex,
    shares: z.array(DecryptionShareWire.nullable()),
    signature: SignatureWire,
  })
  .strict();

export const RuleVerdict = z
  .object({
    kind: z.enum(['turnout-quorum', 'approval-quorum', 'majority', 'district-quorum']),
    passed: z.boolean(),
    /** The figures the verdict rests on, e.g. { counted, registered, required } — exact integers. */
    figures: z.record(z.string(), z.number()),
  })
  .strict();

export const QuestionResult = z
  .object({
    question: IdSchema,
    /** option id → number of counted ballots that selected it */
    counts: z.record(IdSchema, Count),
    ballots: Count,
    registered: Count,
  })
  .strict();

export const ResultEvent = z
  .object({
    ...envelope,
    type: z.literal('result'),
    trustees: z.array(TrusteeIndex).min(1),
    districts: z.array(z.object({ district: IdSchema, questions: z.array(QuestionResult) }).strict()),
    overall: z.array(QuestionResult),
    validity: z.array(z.object({ question: IdSchema, valid: z.boolean(), rules: z.array(RuleVerdict) }).strict()),
  })
  .strict();

export const EventWire = z.discriminatedUnion('type', [
  DefinitionEvent,
  TrusteeKeyEvent,
  TrusteeCommitmentEvent,
  TrusteeSharesEvent,
  TrusteeComplaintEvent,
  TrusteeAcknowledgementEvent,
  ElectionKeyEvent,
  CredentialsEvent,
  RegisterEvent,
  CredentialReplacementEvent,
  CommissionDecisionEvent,
  StateEvent,
  BallotEvent,
  CancellationEvent,
  CountedSetEvent,
  AggregateEvent,
  DecryptionShareEvent,
  ResultEvent,
  PaperResultsEvent,
]);

/** A decoded event (points and scalars as values). */
export type BoardEvent = z.output<typeof EventWire>;
/** An event as JSON. */
export type BoardEventJson = z.input<typeof EventWire>;
export type EventType = BoardEvent['type'];
export type EventOf<T extends EventType> = Extract<BoardEvent, { type: T }>;
export type EventJsonOf<T extends EventType> = Extract<BoardEventJson, { type: T }>;
