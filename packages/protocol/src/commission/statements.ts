// The statements the commission signs (spec §4.4), built in one place from what the board holds, so that the
// server (which collects the signatures) and the verifier (which checks them) derive exactly the same JSON.
import { bytesToHex, TAGS, taggedHash } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import type { DecisionStatement } from '../events/schema.ts';

export interface CredentialEntry {
  readonly credential: string;
  readonly district: string;
}

/** The credential list's size and digest: taggedHash over the canonical JSON of every entry in board order. */
export function credentialListDigest(entries: readonly CredentialEntry[]): DecisionStatement['credentialList'] {
  const list = entries.map((e) => ({ credential: e.credential, district: e.district }));
  return { count: list.length, digest: bytesToHex(taggedHash(TAGS.credentialList, [canonicalBytes(list)])) };
}

export interface DecisionInputs {
  readonly fingerprint: string;
  readonly definition: ElectionDefinition;
  /** Every `credentials` event's entries, in board order. */
  readonly credentials: readonly CredentialEntry[];
  /** The `register` event's sizes. */
  readonly registerSizes: Readonly<Record<string, number>>;
  /** Every trustee's key as on its `trustee-key` event. */
  readonly trusteeKeys: readonly { readonly trustee: number; readonly publicKey: string }[];
  /** The `election-key` event's key. */
  readonly electionKey: string;
}

/** The commission's decision (spec §4.4): what its members vouch for before voting opens. */
export function decisionStatement(input: DecisionInputs): DecisionStatement {
  return {
    fingerprint: input.fingerprint,
    votingPeriod: { opens: input.definition.votingPeriod.opens, closes: input.definition.votingPeriod.closes },
    registerSizes: { ...input.registerSizes },
    credentialList: credentialListDigest(input.credentials),
    trustees: [...input.trusteeKeys]
      .sort((a, b) => a.trustee - b.trustee)
      .map((k) => ({ trustee: k.trustee, publicKey: k.publicKey })),
    electionKey: input.electionKey,
  };
}

/** What the commission signs to cancel paper voters' e-votes: this election and exactly these credentials. */
export function paperVotersStatement(fingerprint: string, credentials: readonly string[]) {
  return { fingerprint, credentials: [...credentials] };
}
