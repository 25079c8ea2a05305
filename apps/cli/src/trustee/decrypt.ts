// A trustee's decryption (spec §2.12, docs/api.md): after processing, one decryption share of every aggregate
// entry with a Chaum–Pedersen proof against the trustee's verification key, posted in entry order and signed.
import { computeDecryptionShare, decodePoint, hexToBytes, type Point, publicKeyOf, verificationKey } from '@saylau/crypto';
import {
  ChaumPedersenProofWire,
  CiphertextWire,
  decryptionContext,
  type EventJsonOf,
  PointHex,
  signTrusteeRequest,
} from '@saylau/protocol';
import { z } from 'zod';
import { latestEventsOf } from '../cli/board.ts';
import { CliError } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import { secretShareOver, type TrusteeSession } from './ceremony.ts';
import { fetchCeremony, waitFor } from './ceremony-state.ts';

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

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
  const qualified = ceremony.qualified;
  if (!qualified) throw new CliError('the key ceremony has not finished');
  const secretShare = secretShareOver(secrets, qualified);
  const dealers = qualified.map((d) => ({
    dealer: d,
    commitments: (ceremony.commitments.get(d)?.commitments ?? []).map(pointOf),
    proofs: [],
  }));
  if (!publicKeyOf(secretShare).equals(verificationKey(dealers, trustee))) {
    throw new CliError(`this key file's share does not match trustee ${trustee}'s verification key on the board`);
  }
  const entries = await aggregateEntries(session);
  const shares = entries.map((entry) => {
    const ciphertext = CiphertextWire.parse(entry.ciphertext);
    const d = computeDecryptionShare(trustee, secretShare, ciphertext, decryptionContext(election.fingerprint, entry));
    return { share: z.encode(PointHex, d.share), proof: z.encode(ChaumPedersenProofWire, d.proof) };
  });
  await client.post(
    `/api/elections/${election.id}/trustees/${trustee}/decryption`,
    signTrusteeRequest(secrets.secretKey, election.fingerprint, trustee, { shares }),
    { what: 'posting the decryption shares' },
  );
  return { entries: entries.length, qualified };
}
