// Credential replacements (spec §3.5.1): a lost letter re-issued revokes the voter's old credential from the
// `credential-replacement` event on and registers a new one in the same district. One implementation of the rules for
// the server (before it appends the event), the verifier (check credentials.replacements) and processing (§6.2).
import { decodePoint, hexToBytes } from '@saylau/crypto';
import { decodeErrorCode } from '../codec.ts';
import { verifyCommissionSignatures } from '../commission/signatures.ts';
import { replacementStatement } from '../commission/statements.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import type { BoardEventJson, EventJsonOf } from '../events/schema.ts';

/** A replacement as the rules see it: its place on the board and its members (credentials as 64 hex). */
export type Replacement = Pick<EventJsonOf<'credential-replacement'>, 'seq' | 'old' | 'new' | 'district' | 'signatures'>;

/**
 * The registered and the revoked credentials as the board stands after some of its events. A revoked credential stays
 * registered (its ballots from before the revocation were legal ballots; §6.2 drops them from the count).
 */
export class CredentialRegistry {
  /** Every registered credential → its district: the list's first entry of each, then each replacement's new one. */
  readonly registered = new Map<string, string>();
  /** Every revoked credential → the seq of the first replacement that revoked it. */
  readonly revoked = new Map<string, number>();

  /** The credential list's entries in board order (the first entry of a credential registers it, spec §3.5). */
  constructor(list: readonly { readonly credential: string; readonly district: string }[] = []) {
    for (const e of list) if (!this.registered.has(e.credential)) this.registered.set(e.credential, e.district);
  }

  /**
   * The problems of `r` against the registry as it stands before it (spec §3.5.1 rules 1–5), at path [seq, member]:
   * UNKNOWN_CREDENTIAL, CREDENTIAL_REVOKED, WRONG_DISTRICT, DUPLICATE_CREDENTIAL and the decoding codes.
   */
  check(r: Replacement): Problem[] {
    const out: Problem[] = [];
    const district = this.registered.get(r.old);
    if (district === undefined) {
      out.push(problem('UNKNOWN_CREDENTIAL', [r.seq, 'old'], 'the credential replaced is not registered'));
    } else if (this.revoked.has(r.old)) {
      out.push(
        problem(
          'CREDENTIAL_REVOKED',
          [r.seq, 'old'],
          `the credential replaced was revoked already at seq ${this.revoked.get(r.old)}`,
        ),
      );
    }
    if (district !== undefined && district !== r.district) {
      out.push(problem('WRONG_DISTRICT', [r.seq, 'district'], `the credential replaced is registered in "${district}"`));
    }
    if (this.registered.has(r.new) || this.revoked.has(r.new)) {
      out.push(problem('DUPLICATE_CREDENTIAL', [r.seq, 'new'], 'the new credential is registered or was revoked already'));
    }
    try {
      decodePoint(hexToBytes(r.new));
    } catch (error) {
      out.push(problem(decodeErrorCode(error), [r.seq, 'new'], 'the new credential is not a canonical non-identity point'));
    }
    return out;
  }

  /** Applies `r` whatever its problems: `old` is revoked (if not yet), `new` registered (if not yet known). */
  apply(r: Replacement): void {
    if (!this.revoked.has(r.old)) this.revoked.set(r.old, r.seq);
    if (!this.registered.has(r.new) && !this.revoked.has(r.new)) this.registered.set(r.new, r.district);
  }

  /** Whether a ballot at `seq` with this credential comes after the credential's revocation. */
  revokedBefore(credential: string, seq: number): boolean {
    const at = this.revoked.get(credential);
    return at !== undefined && at < seq;
  }
}

/** The replacement events of a board, in board order. */
export function boardReplacements(events: readonly BoardEventJson[]): EventJsonOf<'credential-replacement'>[] {
  return events.filter((e): e is EventJsonOf<'credential-replacement'> => e.type === 'credential-replacement');
}

/**
 * The registry of a whole board, with every replacement's problems (rules 1–5) in board order. Replacements apply
 * in board order over the whole credential list (a `credentials` event after a replacement fails §7.7 anyway).
 */
export function credentialRegistryOf(events: readonly BoardEventJson[]): { registry: CredentialRegistry; problems: Problem[] } {
  const registry = new CredentialRegistry(events.flatMap((e) => (e.type === 'credentials' ? e.entries : [])));
  const problems: Problem[] = [];
  for (const r of boardReplacements(events)) {
    problems.push(...registry.check(r));
    registry.apply(r);
  }
  return { registry, problems };
}

/** Every credential some replacement revoked (wherever it is on the board): their e-votes are not counted (§6.2). */
export function revokedCredentials(events: readonly BoardEventJson[]): Set<string> {
  return new Set(boardReplacements(events).map((r) => r.old));
}

/**
 * Rule 6: with a commission, the replacement's signatures of { fingerprint, old, new, district } stand
 * (BAD_MEMBER_SIGNATURE for each bad one, NOT_ENOUGH_MEMBERS below the threshold). Without one: nothing to check.
 */
export function replacementSignatureProblems(
  definition: ElectionDefinition,
  fingerprint: Uint8Array,
  fingerprintHex: string,
  r: Replacement,
): Problem[] {
  if (!definition.commission) return [];
  const statement = replacementStatement(fingerprintHex, r);
  const verdict = verifyCommissionSignatures(definition, fingerprint, 'credential-replacement', statement, r.signatures ?? []);
  const out = verdict.problems.map((p) => problem(p.code, [r.seq, 'signatures', ...p.path], p.message));
  if (!verdict.enough) {
    out.push(
      problem(
        'NOT_ENOUGH_MEMBERS',
        [r.seq, 'signatures'],
        `${verdict.signers.length} of the ${definition.commission.threshold} member signatures needed`,
      ),
    );
  }
  return out;
}

/** Rule 7: each ballot (board order) whose credential was revoked before it: CREDENTIAL_REVOKED at [seq, 'ballot', 'credential']. */
export function revokedBallotProblems(
  ballots: readonly { readonly seq: number; readonly credential: string }[],
  registry: CredentialRegistry,
): Problem[] {
  return ballots
    .filter((b) => registry.revokedBefore(b.credential, b.seq))
    .map((b) =>
      problem(
        'CREDENTIAL_REVOKED',
        [b.seq, 'ballot', 'credential'],
        `a ballot with a credential revoked at seq ${registry.revoked.get(b.credential)}`,
      ),
    );
}
