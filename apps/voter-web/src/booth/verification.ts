// The second-device check of a cast ballot, set up by the booth (spec §3.6.6): a fresh verification key k seals the
// ballot's seed, only the sealed seed is registered with the voter's session, and k goes into the QR code alone.
import { newVerificationKey, sealUpload } from '@saylau/protocol';
import { ApiError, api } from '../api.ts';
import type { LoadedElection } from '../election.ts';
import { t } from '../i18n/index.ts';
import type { Booth, CastOutcome, Text, VerificationSetup } from './state.ts';

/** Draws k and seals the seed under it; the caller drops the seed afterwards. */
export function prepareVerification(election: LoadedElection, ballotHash: string, seed: Uint8Array): VerificationSetup {
  const key = newVerificationKey();
  return {
    link: { election: election.id, ballotHash, key },
    upload: sealUpload(key, seed, { fingerprint: election.fingerprint, ballotHash }),
    state: 'pending',
  };
}

function registerError(error: ApiError): Text {
  if (error.code === 'NETWORK') return () => t().networkError;
  if (error.code === 'UNAUTHENTICATED' || error.status === 401) return () => t().sessionExpired;
  if (error.code === 'VERIFICATION_EXPIRED') return () => t().checkPeriodEnded;
  // the server accepts this same upload again, so another seal was registered for the ballot (under this voter's login)
  if (error.code === 'ALREADY_EXISTS') return () => t().sealTaken;
  return () => t().serverError(error.code);
}

/** Sends the sealed seed (again, after a failure); the receipt screen shows the QR code once the server holds it. */
export async function registerVerification(booth: Booth, outcome: CastOutcome): Promise<void> {
  const { election, session } = booth.state;
  const setup = outcome.verification;
  if (!election || !session || setup.state === 'ok') return;
  setup.state = 'pending';
  delete setup.error;
  if (booth.state.cast === outcome) booth.render();
  try {
    const answer = await api.registerSeal(election.id, session.token, setup.upload);
    setup.state = 'ok';
    setup.windowEndsAt = answer.windowEndsAt;
    setup.maxFetches = answer.maxFetches;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    setup.state = 'failed';
    setup.error = registerError(error);
  }
  if (booth.state.cast === outcome && booth.state.screen === 'receipt') booth.render();
}
