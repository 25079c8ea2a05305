// What a trustee's client reads from the server during the ceremony (GET /ceremony, public): every trustee's key,
// commitment, encrypted shares and complaints so far, checked against the protocol's schemas before use.
import { type EventJsonOf, EventWire } from '@saylau/protocol';
import type { ApiClient } from '../cli/client.ts';
import { CliError } from '../cli/errors.ts';

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
>(type: T, events: readonly unknown[]): EventJsonOf<T>[] {
  return events.map((event) => {
    const parsed = EventWire.safeParse(event);
    if (!parsed.success || parsed.data.type !== type) throw new CliError(`the server sent a malformed ${type} event`);
    return event as EventJsonOf<T>;
  });
}

export async function fetchCeremony(client: ApiClient, electionId: string): Promise<CeremonyState> {
  const answer = await client.get<CeremonyAnswer>(`/api/elections/${electionId}/ceremony`, { what: 'reading the ceremony' });
  const byTrustee = <E extends { trustee: number }>(events: E[]) => new Map(events.map((e) => [e.trustee, e]));
  return {
    state: answer.state,
    trustees: answer.trustees,
    keys: byTrustee(checked('trustee-key', answer.keys)),
    commitments: byTrustee(checked('trustee-commitment', answer.commitments)),
    shares: byTrustee(checked('trustee-shares', answer.shares)),
    complaints: checked('trustee-complaint', answer.complaints),
    acknowledgements: checked('trustee-acknowledgement', answer.acknowledgements),
    electionKey: answer.electionKey,
    qualified: answer.qualified,
  };
}

/** 1 … n */
export function trusteeRange(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * Polls until `ready` says yes (returning its value) or the wait ends; without a wait, checks once. The message
 * says what is still missing.
 */
export async function waitFor<T>(
  check: () => Promise<{ ready: true; value: T } | { ready: false; missing: string }>,
  waitSeconds: number,
  onWaiting: (missing: string) => void = () => {},
): Promise<T> {
  const deadline = Date.now() + waitSeconds * 1000;
  let announced = '';
  for (;;) {
    const outcome = await check();
    if (outcome.ready) return outcome.value;
    if (Date.now() >= deadline)
      throw new CliError(`not yet: ${outcome.missing}`, 1, ['  try again later, or add --wait SECONDS']);
    if (outcome.missing !== announced) {
      onWaiting(outcome.missing);
      announced = outcome.missing;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now()))));
  }
}
