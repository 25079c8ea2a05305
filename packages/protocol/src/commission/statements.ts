// The statements the commission signs (spec §4.4), built in one place from what the board holds, so that the
// server (which collects the signatures) and the verifier (which checks them) derive exactly the same JSON.
import { bytesToHex, TAGS, taggedHash } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import type { BoardEventJson, DecisionStatement } from '../events/schema.ts';

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

/**
 * The decision as a board determines it (the server builds it to be signed, a member's client and the verifier
 * rebuild it): from the events before `before` (all by default). Without the frozen register — covering every
 * district — and the election key there is no decision to make, and the answer says what is missing.
 */
export function decisionFromBoard(
  events: readonly (BoardEventJson | undefined)[],
  election: { readonly fingerprint: string; readonly definition: ElectionDefinition },
  before = Number.POSITIVE_INFINITY,
): { readonly statement: DecisionStatement } | { readonly missing: string } {
  const seen = events.filter((e): e is BoardEventJson => e !== undefined && e.seq < before);
  const of = <T extends BoardEventJson['type']>(type: T) =>
    seen.filter((e): e is Extract<BoardEventJson, { type: T }> => e.type === type);
  const [register] = of('register');
  const [key] = of('election-key');
  if (!register) return { missing: 'the register is not frozen yet' };
  const unsized = election.definition.districts.filter((d) => !(d.id in register.sizes)).map((d) => d.id);
  if (unsized.length > 0) return { missing: `the register gives no size for ${unsized.join(', ')}` };
  if (!key) return { missing: 'the key ceremony has not finished' };
  const statement = decisionStatement({
    fingerprint: election.fingerprint,
    definition: election.definition,
    credentials: of('credentials').flatMap((e) => e.entries),
    registerSizes: register.sizes,
    trusteeKeys: of('trustee-key').map((e) => ({ trustee: e.trustee, publicKey: e.publicKey })),
    electionKey: key.publicKey,
  });
  return { statement };
}

/** What the commission signs to cancel paper voters' e-votes: this election and exactly these credentials. */
export function paperVotersStatement(fingerprint: string, credentials: readonly string[]) {
  return { fingerprint, credentials: [...credentials] };
}

/** What the commission signs to re-issue a lost letter (spec §3.5.1): this election, the credential revoked, its replacement. */
export function replacementStatement(fingerprint: string, replacement: { old: string; new: string; district: string }) {
  return { fingerprint, old: replacement.old, new: replacement.new, district: replacement.district };
}
