// A trustee's side of the key ceremony, run by `saylau trustee …`: the protocol's shared trustee logic
// (@saylau/protocol/trustee-client, also run by the trustee's page in a browser) over the CLI's client, waiting
// with --wait, its typed errors reported as CliErrors. Secrets stay in the caller's key file.
import type { Scalar } from '@saylau/crypto';
import {
  type DealOutcome,
  deal as dealShared,
  enrollKey as enrollShared,
  newTrusteeSecrets,
  publicKeyHex,
  type ShareCheck,
  type TrusteeSession as SharedSession,
  secretShareOver as secretShareShared,
  type VerifySharesOutcome,
  verifyShares as verifySharesShared,
  type WaitFor,
} from '@saylau/protocol/trustee-client';
import type { ApiClient } from '../cli/client.ts';
import type { ElectionInfo } from '../cli/options.ts';
import { asCli, cliErrorOf } from '../keys/sealed-file.ts';
import { waitFor } from './ceremony-state.ts';
import type { TrusteeSecrets } from './key-file.ts';
import { transportOf } from './transport.ts';

export { type DealOutcome, newTrusteeSecrets, publicKeyHex, type ShareCheck, type VerifySharesOutcome };

export interface TrusteeSession {
  readonly client: ApiClient;
  readonly election: ElectionInfo;
  readonly trustee: number;
  readonly secrets: TrusteeSecrets;
}

export function sharedSession(session: TrusteeSession): SharedSession {
  return {
    transport: transportOf(session.client),
    election: session.election,
    trustee: session.trustee,
    secrets: session.secrets,
  };
}

/** Waits as the CLI does: up to waitSeconds, saying what it waits for. */
export function cliWait(waitSeconds: number, onWaiting?: (missing: string) => void): WaitFor {
  return (check) => waitFor(check, waitSeconds, onWaiting);
}

/** POST /trustees/:n/key with the enrollment token and a proof of knowledge of the key. */
export function enrollKey(session: TrusteeSession, token: string, name: string): Promise<void> {
  return asCli(() => enrollShared(sharedSession(session), token, name));
}

/** Posts the commitment and the encrypted shares once all keys are in (shared deal). */
export function deal(session: TrusteeSession, waitSeconds = 0, onWaiting?: (missing: string) => void): Promise<DealOutcome> {
  return asCli(() => dealShared(sharedSession(session), cliWait(waitSeconds, onWaiting)));
}

/** Opens and checks the shares dealt to this trustee, complains about bad ones, acknowledges (shared verifyShares). */
export function verifyShares(
  session: TrusteeSession,
  waitSeconds = 0,
  onWaiting?: (missing: string) => void,
): Promise<VerifySharesOutcome> {
  return asCli(() => verifySharesShared(sharedSession(session), cliWait(waitSeconds, onWaiting)));
}

/** s_x = Σ over the qualified dealers of the shares received from them; fails if one of them is missing. */
export function secretShareOver(secrets: TrusteeSecrets, qualified: readonly number[]): Scalar {
  try {
    return secretShareShared(secrets, qualified);
  } catch (error) {
    throw cliErrorOf(error);
  }
}
