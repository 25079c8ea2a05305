// The commission's signed statements (spec §4.4): its decision before voting opens, the paper-vote list after close,
// an early close, a lost letter's credential replacement, the results protocol (§4.4.1) and the paper results (§4.4.3). Each member signs with its own key (named in the
// definition) the canonical JSON of the statement under its kind, the election and its member id; a statement stands
// when a threshold of members signed it.
import { decodePoint, hexToBytes, type Scalar, sign, TAGS, utf8ToBytes, verifySignature } from '@saylau/crypto';
import { z } from 'zod';
import { canonicalBytes } from '../canonical-json.ts';
import { SignatureWire } from '../codec.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';

/** What the commission signs. */
export const COMMISSION_STATEMENTS = [
  'decision',
  'paper-voters',
  'early-close',
  'credential-replacement',
  'results-protocol',
  'paper-results',
] as const;
export type CommissionStatementKind = (typeof COMMISSION_STATEMENTS)[number];

/** One member's signature, as it travels and as the board keeps it. */
export const MemberSignatureWire = z.object({ member: z.string().min(1).max(64), signature: SignatureWire }).strict();
export type MemberSignatureJson = z.input<typeof MemberSignatureWire>;

function context(fingerprint: Uint8Array, member: string): Uint8Array[] {
  return [utf8ToBytes(TAGS.commissionSignature), fingerprint, utf8ToBytes(member)];
}

function message(kind: CommissionStatementKind, statement: unknown): Uint8Array {
  return canonicalBytes({ kind, statement });
}

/** A member signs a statement of the given kind (JSON) for this election. */
export function signCommissionStatement(
  secretKey: Scalar,
  fingerprint: Uint8Array,
  member: string,
  kind: CommissionStatementKind,
  statement: unknown,
): MemberSignatureJson {
  const signature = sign(secretKey, message(kind, statement), context(fingerprint, member));
  return { member, signature: z.encode(SignatureWire, signature) };
}

export interface CommissionVerdict {
  /** Members whose signatures verify, in the definition's order. */
  readonly signers: readonly string[];
  /** The definition's threshold was reached by distinct members. */
  readonly enough: boolean;
  /** Each signature that is unknown, repeated or does not verify (`BAD_MEMBER_SIGNATURE`). */
  readonly problems: readonly Problem[];
}

/**
 * Checks a statement's member signatures against the definition's commission (spec §4.4). Never throws: a malformed
 * signature is a problem like a wrong one. A definition without a commission has no one who can sign.
 */
export function verifyCommissionSignatures(
  definition: ElectionDefinition,
  fingerprint: Uint8Array,
  kind: CommissionStatementKind,
  statement: unknown,
  signatures: readonly unknown[],
): CommissionVerdict {
  const members = definition.commission?.members ?? [];
  const bytes = message(kind, statement);
  const valid = new Set<string>();
  const problems: Problem[] = [];
  signatures.forEach((raw, i) => {
    const parsed = MemberSignatureWire.safeParse(raw);
    const member = parsed.success ? members.find((m) => m.id === parsed.data.member) : undefined;
    if (!parsed.success || !member) {
      problems.push(problem('BAD_MEMBER_SIGNATURE', [i], 'not a signature of a member named in the definition'));
      return;
    }
    if (valid.has(member.id)) {
      problems.push(problem('BAD_MEMBER_SIGNATURE', [i], `member "${member.id}" signed twice`));
      return;
    }
    const key = decodePoint(hexToBytes(member.publicKey));
    if (!verifySignature(key, bytes, parsed.data.signature, context(fingerprint, member.id))) {
      problems.push(problem('BAD_MEMBER_SIGNATURE', [i], `member "${member.id}"'s signature does not verify for this ${kind}`));
      return;
    }
    valid.add(member.id);
  });
  const signers = members.map((m) => m.id).filter((id) => valid.has(id));
  const threshold = definition.commission?.threshold ?? Number.POSITIVE_INFINITY;
  return { signers, enough: signers.length >= threshold, problems };
}
