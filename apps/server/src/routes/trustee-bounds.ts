// How large an honest trustee request can be, from the election alone (n trustees, threshold t, the aggregate's
// entries): the body limit and the list lengths each request is held to before it is parsed or authenticated,
// instead of one limit for every trustee request. Sizes are JSON bytes with room for whitespace: a hex point or
// scalar is 66 bytes with its quotes, so the compact figures below are about half of each allowance.
import type { ElectionDefinition, ErrorCode } from '@saylau/protocol';
import { aggregateLayout } from '@saylau/protocol';
import { ApiError } from '../http/errors.ts';
import type { JsonShape } from '../http/json-shape.ts';

export interface TrusteeRequestBound {
  /** Most body bytes. */
  readonly bytes: number;
  /** Most items of each list member of the body. */
  readonly lists: Readonly<Record<string, number>>;
  /** The code a longer list is refused with (the one the full check would give). */
  readonly code: ErrorCode;
}

/** The signature (≈ 150 bytes compact), member names, a complaint's few fields. */
const ENVELOPE_BYTES = 4 << 10;
/** A commitment point and its Schnorr proof: ≈ 230 bytes compact. */
const PER_COEFFICIENT_BYTES = 512;
/** An encrypted share with its proof of the ephemeral key: ≈ 420 bytes compact. */
const PER_BOX_BYTES = 1 << 10;
/** A decryption share and its Chaum–Pedersen proof: ≈ 300 bytes compact. */
const PER_DECRYPTION_SHARE_BYTES = 768;

/** Every trustee request nests at most 4 deep ({ shares: [{ proof: {…} }] }). */
export const TRUSTEE_SHAPE: JsonShape = { maxDepth: 6, maxMembers: Number.MAX_SAFE_INTEGER };

/** A dealer's commitment: t points, t proofs. */
export function commitmentBound(definition: ElectionDefinition): TrusteeRequestBound {
  const t = definition.trustees.threshold;
  return { bytes: ENVELOPE_BYTES + t * PER_COEFFICIENT_BYTES, lists: { commitments: t, proofs: t }, code: 'BAD_COMMITMENT' };
}

/** A dealer's shares: one box for each other trustee, n − 1. */
export function sharesBound(definition: ElectionDefinition): TrusteeRequestBound {
  const boxes = definition.trustees.count - 1;
  return { bytes: ENVELOPE_BYTES + boxes * PER_BOX_BYTES, lists: { shares: boxes }, code: 'BAD_SHARES' };
}

/** A complaint: one revealed point and its proof. */
export const COMPLAINT_BOUND: TrusteeRequestBound = { bytes: ENVELOPE_BYTES, lists: {}, code: 'BAD_COMPLAINT' };

/** An acknowledgement: a size, a root and a signature. */
export const ACKNOWLEDGEMENT_BOUND: TrusteeRequestBound = { bytes: ENVELOPE_BYTES, lists: {}, code: 'MALFORMED' };

const entryCounts = new WeakMap<ElectionDefinition, number>();

/** A trustee's decryption shares: one item per aggregate entry. */
export function decryptionBound(definition: ElectionDefinition): TrusteeRequestBound {
  let entries = entryCounts.get(definition);
  if (entries === undefined) {
    // the layout walks every district's style; an unauthenticated request should not pay for it each time
    entries = aggregateLayout(definition).length;
    entryCounts.set(definition, entries);
  }
  return {
    bytes: ENVELOPE_BYTES + entries * PER_DECRYPTION_SHARE_BYTES,
    lists: { shares: entries },
    code: 'BAD_DECRYPTION_SHARE',
  };
}

/** Refuses a body whose lists are longer than the bound allows (members of other types are the schema's to judge). */
export function checkLists(json: unknown, bound: TrusteeRequestBound): void {
  if (typeof json !== 'object' || json === null) return;
  for (const [member, most] of Object.entries(bound.lists)) {
    const value = (json as Record<string, unknown>)[member];
    if (Array.isArray(value) && value.length > most) {
      throw new ApiError(bound.code, `${member} has ${value.length} items; this election allows at most ${most}`);
    }
  }
}
