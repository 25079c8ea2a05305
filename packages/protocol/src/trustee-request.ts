// Trustee statements (spec §4.2, docs/api.md): every ceremony and decryption event a trustee authors after its key —
// commitment, shares, complaint, decryption shares — carries the trustee's signature over the event's canonical JSON
// without `seq`, `time` and `signature` (so over its `type`, its `trustee` and its content). The request that posts
// it carries the same signature, so the server authenticates the request and publishes a statement that anyone can
// check against the trustee's key: nobody, the server included, can publish such an event in a trustee's name.
import { type Point, type Scalar, type Signature, sign, TAGS, u32, utf8ToBytes, verifySignature } from '@saylau/crypto';
import { z } from 'zod';
import { canonicalBytes } from './canonical-json.ts';
import { SignatureWire } from './codec.ts';
import {
  DecryptionShareEvent,
  TrusteeAcknowledgementEvent,
  TrusteeCommitmentEvent,
  TrusteeComplaintEvent,
  TrusteeSharesEvent,
} from './events/schema.ts';

/** The event types a trustee signs. */
export type TrusteeStatementType =
  | 'trustee-commitment'
  | 'trustee-shares'
  | 'trustee-complaint'
  | 'trustee-acknowledgement'
  | 'decryption-share';

/** Context of a trustee's signature: the tag, the election fingerprint and the trustee's index. */
export function trusteeRequestContext(fingerprint: Uint8Array, trustee: number): Uint8Array[] {
  return [utf8ToBytes(TAGS.trusteeRequest), fingerprint, u32(trustee)];
}

/** The signed bytes: canonical JSON of the content with its `type` and `trustee`. */
function statementBytes(type: TrusteeStatementType, trustee: number, content: Record<string, unknown>): Uint8Array {
  const { signature: _signature, seq: _seq, time: _time, ...rest } = content;
  return canonicalBytes({ ...rest, type, trustee });
}

/** Signs the content of a trustee event (JSON, without `signature`) and returns it with its `signature` member. */
export function signTrusteeRequest<T extends Record<string, unknown>>(
  secretKey: Scalar,
  fingerprint: Uint8Array,
  trustee: number,
  type: TrusteeStatementType,
  content: T,
): T & { signature: z.input<typeof SignatureWire> } {
  if ('signature' in content) throw new TypeError('the content to sign must not have a signature yet');
  const signature = sign(secretKey, statementBytes(type, trustee, content), trusteeRequestContext(fingerprint, trustee));
  return { ...content, signature: z.encode(SignatureWire, signature) };
}

/** Whether `signature` signs this content (a request body or a whole event; seq, time and signature are left out). */
export function verifyTrusteeRequest(
  publicKey: Point,
  fingerprint: Uint8Array,
  trustee: number,
  type: TrusteeStatementType,
  content: Record<string, unknown>,
  signature: Signature,
): boolean {
  return verifySignature(
    publicKey,
    statementBytes(type, trustee, content),
    signature,
    trusteeRequestContext(fingerprint, trustee),
  );
}

/** Whether a trustee event as published (JSON) carries a valid signature of its trustee's key. */
export function verifyTrusteeEvent(
  publicKey: Point,
  fingerprint: Uint8Array,
  event: { readonly type: TrusteeStatementType; readonly trustee: number; readonly signature: Signature } & Record<
    string,
    unknown
  >,
  json: Record<string, unknown>,
): boolean {
  return verifyTrusteeRequest(publicKey, fingerprint, event.trustee, event.type, json, event.signature);
}

const STATEMENT_SCHEMAS = {
  'trustee-commitment': TrusteeCommitmentEvent,
  'trustee-shares': TrusteeSharesEvent,
  'trustee-complaint': TrusteeComplaintEvent,
  'trustee-acknowledgement': TrusteeAcknowledgementEvent,
  'decryption-share': DecryptionShareEvent,
} as const;

type StatementContent = {
  [T in TrusteeStatementType]: Omit<z.output<(typeof STATEMENT_SCHEMAS)[T]>, 'seq' | 'time' | 'signature'>;
}[TrusteeStatementType];

/**
 * A trustee event's content given with decoded values (points, scalars), as signed JSON ready for the board: the
 * simulator and tests build events this way; a trustee's client signs its request bodies with signTrusteeRequest.
 */
export function signTrusteeEvent(secretKey: Scalar, fingerprint: Uint8Array, content: StatementContent) {
  // the schema of the content's own type, without the members the board and the signature add
  const base = STATEMENT_SCHEMAS[content.type] as unknown as z.ZodObject<z.ZodRawShape>;
  const schema = base.omit({ seq: true, time: true, signature: true } as never) as unknown as z.ZodType<
    Record<string, unknown>,
    StatementContent
  >;
  const json = z.encode(schema, content);
  return signTrusteeRequest(secretKey, fingerprint, content.trustee, content.type, json);
}
