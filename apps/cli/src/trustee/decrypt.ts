// A trustee's decryption (spec §2.12, docs/api.md): after processing, one decryption share of every aggregate
// entry with a Chaum–Pedersen proof against the trustee's verification key, posted in entry order and signed.
import { type DealerCommitment, publicKeyOf, verificationKey } from '@saylau/crypto';
import {
  AggregateEntry,
  computeDecryptionShares,
  decryptionSharePayload,
  type EventJsonOf,
  qualifyDealers,
  signTrusteeRequest,
} from '@saylau/protocol';
import { ceremonyEventsOf, latestEventsOf, readVerifiedBoard } from '../cli/board.ts';
import { CliError } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import { secretShareOver, type TrusteeSession } from './ceremony.ts';
import { fetchCeremony, waitFor } from './ceremony-state.ts';

/** The aggregate entries the trustees decrypt: the entries of the aggregate events after the counted set. */
export async function aggregateEntries(session: Pick<TrusteeSession, 'client' | 'election'>) {
  const events = await latestEventsOf(session.client, session.election.id, 'aggregate', 'counted-set');
  const entries = events.flatMap((e: EventJsonOf<'aggregate'>) => e.entries);
  if (entries.length === 0)
    throw new CliError('the board has no aggregate to decrypt (has the commission run "saylau election process"?)');
  return entries;
}

export async function decryptAggregate(
  session: TrusteeSession,
  waitSeconds = 0,
  onWaiting?: (missing: string) => void,
): Promise<{ entries: number; qualified: readonly number[] }> {
  const { client, election, trustee, secrets } = session;
  await waitFor(
    async () => {
      const { state } = await fetchElection(client, election.id);
      if (state === 'processed') return { ready: true, value: state };
      if (['decrypted', 'published'].includes(state))
        throw new CliError(`the election is already ${state}; no decryption is needed`);
      return { ready: false, missing: `the election is "${state}", not yet processed` };
    },
    waitSeconds,
    onWaiting,
  );
  const ceremony = await fetchCeremony(client, election.id);
  if (!ceremony.qualified) throw new CliError('the key ceremony has not finished');
  // Q is recomputed here with the protocol's one algorithm (spec §4.3), never taken on the server's word.
  const board = await readVerifiedBoard(client, election);
  const outcome = qualifyDealers(election.fingerprint, election.definition.trustees, ceremonyEventsOf(board));
  const qualified = outcome.qualified;
  if (!outcome.complete || qualified.join() !== ceremony.qualified.join()) {
    throw new CliError(
      `the server says dealers [${ceremony.qualified.join(', ')}] qualified; the ceremony on the board says [${qualified.join(', ')}]${outcome.complete ? '' : ' and is not complete'}: do not decrypt, tell the commission and the observers`,
    );
  }
  const secretShare = secretShareOver(secrets, qualified);
  const dealers = qualified.map((d) => outcome.commitments.get(d) as DealerCommitment);
  if (!publicKeyOf(secretShare).equals(verificationKey(dealers, trustee))) {
    throw new CliError(`this key file's share does not match trustee ${trustee}'s verification key on the board`);
  }
  // An entry whose α is the identity (a district without counted ballots) needs no share: null (spec §6.4).
  const entries = (await aggregateEntries(session)).map((entry) => AggregateEntry.parse(entry));
  const { shares } = decryptionSharePayload(
    trustee,
    computeDecryptionShares({ fingerprint: election.fingerprint, entries }, trustee, secretShare),
  );
  await client.post(
    `/api/elections/${election.id}/trustees/${trustee}/decryption`,
    signTrusteeRequest(secrets.secretKey, election.fingerprint, trustee, 'decryption-share', { shares }),
    { what: 'posting the decryption shares' },
  );
  return { entries: entries.length, qualified };
}
