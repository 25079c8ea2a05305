// Where the key ceremony stands, trustee by trustee, from the public ceremony endpoint: enrolled, dealt, verified its
// shares (acknowledged the ceremony as it now stands), complained, disqualified; and whether it can finish. The
// judgement is the protocol's qualification algorithm (spec §4.3), the one the server runs when it finishes.
import { hexToBytes } from '@saylau/crypto';
import { type CeremonyEvent, EventWire, qualifyDealers } from '@saylau/protocol';
import { type CeremonyState, hasAcknowledged, trusteeRange } from '@saylau/protocol/trustee-client';
import type { ConsoleElection } from '../../step.ts';

export interface TrusteeProgress {
  readonly trustee: number;
  readonly name: string;
  readonly enrolled: boolean;
  readonly dealt: boolean;
  readonly acknowledged: boolean;
  /** The dealers this trustee complained about. */
  readonly complainedAbout: readonly number[];
  /** Why this dealer is left out of the joint key, when it is. */
  readonly disqualified: string | null;
}

/** Why the ceremony cannot finish yet (null: it can). */
export type FinishBlock =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'over' }
  | { readonly kind: 'absent'; readonly trustees: readonly number[] }
  | { readonly kind: 'unacknowledged'; readonly trustees: readonly number[] }
  | { readonly kind: 'too-few'; readonly qualified: number; readonly needed: number };

export interface CeremonyProgress {
  readonly trustees: readonly TrusteeProgress[];
  readonly finish: FinishBlock | null;
}

/** The ceremony's events in board order, decoded as the qualification algorithm takes them. */
function ceremonyEvents(ceremony: CeremonyState): CeremonyEvent[] {
  const events = [
    ...ceremony.keys.values(),
    ...ceremony.commitments.values(),
    ...ceremony.shares.values(),
    ...ceremony.complaints,
    ...ceremony.acknowledgements,
  ].sort((a, b) => a.seq - b.seq);
  return events.map((event) => EventWire.parse(event) as CeremonyEvent);
}

export function ceremonyProgress(election: ConsoleElection, ceremony: CeremonyState): CeremonyProgress {
  const { count, threshold } = election.definition.trustees;
  const absent = trusteeRange(count).filter(
    (x) => !ceremony.keys.has(x) || !ceremony.commitments.has(x) || !ceremony.shares.has(x),
  );
  // the algorithm checks every proof: run it only once every dealing is in, when its verdict means something
  const outcome =
    absent.length === 0
      ? qualifyDealers(hexToBytes(election.fingerprint), election.definition.trustees, ceremonyEvents(ceremony))
      : null;
  const trustees = trusteeRange(count).map((x) => ({
    trustee: x,
    name: ceremony.trustees.find((t) => t.trustee === x)?.name ?? '',
    enrolled: ceremony.keys.has(x),
    dealt: ceremony.commitments.has(x) && ceremony.shares.has(x),
    acknowledged: hasAcknowledged(ceremony, x),
    complainedAbout: ceremony.complaints.filter((c) => c.trustee === x).map((c) => c.dealer),
    disqualified: outcome?.disqualified.get(x) ?? null,
  }));
  let finish: FinishBlock | null;
  if (election.state === 'draft') finish = { kind: 'not-started' };
  else if (election.state !== 'key-ceremony') finish = { kind: 'over' };
  else if (absent.length > 0 || outcome === null) finish = { kind: 'absent', trustees: absent };
  else if (outcome.unacknowledged.length > 0) finish = { kind: 'unacknowledged', trustees: outcome.unacknowledged };
  else if (!outcome.complete || outcome.electionKey === null)
    finish = { kind: 'too-few', qualified: outcome.qualified.length, needed: count - threshold + 1 };
  else finish = null;
  return { trustees, finish };
}
