// What a trustee's client reads from the server during the ceremony (the shared module's fetchCeremony over the
// CLI's client), and the CLI's way of waiting for the other trustees: poll until ready or --wait seconds pass.
import { type CeremonyState, fetchCeremony as fetchShared, trusteeRange } from '@saylau/protocol/trustee-client';
import type { ApiClient } from '../cli/client.ts';
import { CliError } from '../cli/errors.ts';
import { asCli } from '../keys/sealed-file.ts';
import { transportOf } from './transport.ts';

export { type CeremonyState, trusteeRange };

export function fetchCeremony(client: ApiClient, electionId: string): Promise<CeremonyState> {
  return asCli(() => fetchShared(transportOf(client), electionId));
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
