// What a trustee's client reads from the server during the ceremony (GET /ceremony, public): every trustee's key,
// commitment, encrypted shares and complaints so far, checked against the protocol's schemas before use; and where
// one trustee stands in it.
import { type EventJsonOf, EventWire } from '../events/index.ts';
import { TrusteeError } from './errors.ts';
import { electionPath, type TrusteeTransport } from './transport.ts';

export interface CeremonyState {
  readonly state: string;
  readonly trustees: readonly { readonly trustee: number; readonly name: string; readonly enrolled: boolean }[];
  readonly keys: ReadonlyMap<number, EventJsonOf<'trustee-key'>>;
  readonly commitments: ReadonlyMap<number, EventJsonOf<'trustee-commitment'>>;
  readonly shares: ReadonlyMap<number, EventJsonOf<'trustee-shares'>>;
  readonly complaints: readonly EventJsonOf<'trustee-complaint'>[];
  readonly acknowledgements: readonly EventJsonOf<'trustee-acknowledgement'>[];
  readonly electionKey: string | null;
  readonly qualified: readonly number[] | null;
}

interface CeremonyAnswer {
  state: string;
  trustees: { trustee: number; name: string; enrolled: boolean }[];
  keys: unknown[];
  commitments: unknown[];
  shares: unknown[];
  complaints: unknown[];
  acknowledgements: unknown[];
  electionKey: string | null;
  qualified: number[] | null;
}

function checked<
  T extends 'trustee-key' | 'trustee-commitment' | 'trustee-shares' | 'trustee-complaint' | 'trustee-acknowledgement',
>(type: T, events: unknown): EventJsonOf<T>[] {
  if (!Array.isArray(events)) throw new TrusteeError('BOARD_MISMATCH', `the server sent a malformed ${type} list`);
  return events.map((event) => {
    const parsed = EventWire.safeParse(event);
    if (!parsed.success || parsed.data.type !== type)
      throw new TrusteeError('BOARD_MISMATCH', `the server sent a malformed ${type} event`);
    return event as EventJsonOf<T>;
  });
}

export async function fetchCeremony(transport: TrusteeTransport, electionId: string): Promise<CeremonyState> {
  const answer = await transport.get<CeremonyAnswer>(`${electionPath(electionId)}/ceremony`, 'reading the ceremony');
  const byTrustee = <E extends { trustee: number }>(events: E[]) => new Map(events.map((e) => [e.trustee, e]));
  return {
    state: answer.state,
    trustees: Array.isArray(answer.trustees) ? answer.trustees : [],
    keys: byTrustee(checked('trustee-key', answer.keys)),
    commitments: byTrustee(checked('trustee-commitment', answer.commitments)),
    shares: byTrustee(checked('trustee-shares', answer.shares)),
    complaints: checked('trustee-complaint', answer.complaints),
    acknowledgements: checked('trustee-acknowledgement', answer.acknowledgements),
    electionKey: answer.electionKey ?? null,
    qualified: answer.qualified ?? null,
  };
}

/** 1 … n */
export function trusteeRange(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The trustees (of 1 … n) that have not yet posted a key. */
export function missingKeys(ceremony: CeremonyState, n: number): number[] {
  return trusteeRange(n).filter((x) => !ceremony.keys.has(x));
}

/** The trustees (of 1 … n) that have not yet posted both their commitment and their shares. */
export function missingDealings(ceremony: CeremonyState, n: number): number[] {
  return trusteeRange(n).filter((x) => !ceremony.commitments.has(x) || !ceremony.shares.has(x));
}

/**
 * Whether trustee x's last acknowledgement covers every other ceremony statement so far (spec §4.3 step 6): a
 * complaint posted after it means x must acknowledge again.
 */
export function hasAcknowledged(ceremony: CeremonyState, x: number): boolean {
  const last = Math.max(
    -1,
    ...[...ceremony.commitments.values(), ...ceremony.shares.values(), ...ceremony.complaints].map((e) => e.seq),
  );
  return ceremony.acknowledgements.some((a) => a.trustee === x && a.treeSize > last);
}
