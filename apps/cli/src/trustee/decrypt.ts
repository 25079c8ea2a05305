// A trustee's decryption (spec §2.12, §6.7, docs/api.md): after processing, and only once the whole board verifies,
// one decryption share of every aggregate entry with a Chaum–Pedersen proof against the trustee's verification key,
// posted in entry order and signed.
import { type DealerCommitment, publicKeyOf, verificationKey } from '@saylau/crypto';
import {
  AggregateEntry,
  buildRecordFiles,
  computeDecryptionShares,
  decryptionSharePayload,
  type EventJsonOf,
  qualifyDealers,
  type SignedTreeHeadJson,
  signTrusteeRequest,
} from '@saylau/protocol';
import { nodeSha256 } from '@saylau/protocol/node';
import { verifyRecord } from '@saylau/verifier';
import { ceremonyEventsOf, readVerifiedBoard, type VerifiedBoard } from '../cli/board.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import { secretShareOver, type TrusteeSession } from './ceremony.ts';
import { fetchCeremony, waitFor } from './ceremony-state.ts';

/**
 * Verifies the board as an auditor would before anything is decrypted: a trustee's decryption shares are a
 * decryption oracle for whatever "aggregate" they are applied to (a server could publish one voter's ballot as the
 * aggregate), so the trustee computes nothing unless the counted set and the aggregates are what the ballots on the
 * board give, and every other check passes (the verifier's report, spec §6.7).
 */
async function verifiedAggregate(session: Pick<TrusteeSession, 'client' | 'election'>, board: VerifiedBoard) {
  const { client, election } = session;
  const { treeHeads } = await client.get<{ treeHeads: SignedTreeHeadJson[] }>(`/api/elections/${election.id}/tree-heads`, {
    what: 'reading the signed tree heads',
  });
  const heads = treeHeads.filter((h) => h.treeSize <= board.treeSize);
  if (heads.at(-1)?.rootHash !== board.rootHash) {
    throw new CliError(
      'the server’s list of signed heads does not end at the head it just gave: try again, or tell the commission',
    );
  }
  const files = buildRecordFiles(board.events, heads, new Date().toISOString(), { sha256: nodeSha256 });
  const report = await verifyRecord(files);
  const failed = report.readable ? report.checks.filter((c) => c.failed > 0) : [];
  if (!report.readable || failed.length > 0) {
    const lines = report.readable
      ? failed.flatMap((c) => [
          `  ${c.id}: ${c.failed} failed`,
          ...c.failures.slice(0, 3).map((f) => `    ${f.code}: ${f.reason}`),
        ])
      : report.problems.map((p) => `  ${p.code}: ${p.message}`);
    throw new CliError('the board does not verify: do not decrypt; tell the commission and the observers', EXIT.failed, lines);
  }
  const aggregates = board.events.filter((e): e is EventJsonOf<'aggregate'> => e.type === 'aggregate');
  const entries = aggregates.at(-1)?.entries ?? [];
  if (entries.length === 0)
    throw new CliError('the board has no aggregate to decrypt (has the commission run "saylau election process"?)');
  return entries.map((entry) => AggregateEntry.parse(entry));
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
  const entries = await verifiedAggregate(session, board);
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
