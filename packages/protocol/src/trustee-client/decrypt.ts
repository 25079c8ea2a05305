// A trustee's decryption (spec §2.12, §6.7, docs/api.md): after processing, and only once the board checks out, one
// decryption share of every aggregate entry with a Chaum–Pedersen proof against the trustee's verification key,
// posted in entry order and signed.
import { type DealerCommitment, jointPublicKey, prepareElectionKey, publicKeyOf, verificationKey } from '@saylau/crypto';
import { checkBallot } from '../ballot/index.ts';
import type { SignedTreeHeadJson } from '../board/index.ts';
import { qualifyDealers } from '../ceremony/index.ts';
import { type Problem, problem } from '../errors.ts';
import { AggregateEntry, type EventJsonOf } from '../events/index.ts';
import {
  aggregate,
  aggregateProblems,
  boardBallots,
  type CountedBallot,
  computeDecryptionShares,
  countedSet,
  countedSetProblems,
  credentialDistricts,
  decryptionSharePayload,
  paperCancellations,
  revokedCredentials,
} from '../processing/index.ts';
import { signTrusteeRequest } from '../trustee-request.ts';
import { ceremonyEventsOf, readVerifiedBoard, type VerifiedBoard } from './board.ts';
import { checkOnce, reopenShares, secretShareOver, type TrusteeSession } from './ceremony.ts';
import { fetchCeremony } from './ceremony-state.ts';
import { TrusteeError } from './errors.ts';
import { electionPath, type TrusteeElection, type WaitFor } from './transport.ts';

/**
 * A further audit of the board before decrypting, run by the caller where it can (the CLI runs the whole verifier
 * over the record built from `board` and `heads`); it throws to stop the decryption.
 */
export type BoardAudit = (board: VerifiedBoard, heads: readonly SignedTreeHeadJson[]) => Promise<void>;

/**
 * The counted set and the aggregates the board's ballots give, against those published: a trustee's decryption
 * shares are a decryption oracle for whatever "aggregate" they are applied to (a server could publish one voter's
 * ballot as the aggregate), so nothing is decrypted unless the published ones are exactly these. Every counted
 * ballot is checked in full (proofs, signature, district) too. Returns the problems found (empty: they match).
 */
export function aggregateProblemsOf(
  election: TrusteeElection,
  board: VerifiedBoard,
  qualifiedCommitments: readonly DealerCommitment[],
): Problem[] {
  const { events } = board;
  const countedEvent = events.filter((e): e is EventJsonOf<'counted-set'> => e.type === 'counted-set').at(-1);
  const aggregateEvent = events.filter((e): e is EventJsonOf<'aggregate'> => e.type === 'aggregate').at(-1);
  if (!countedEvent || !aggregateEvent) return [];
  const ballots = boardBallots(events);
  const expected = countedSet(ballots, paperCancellations(events), revokedCredentials(events));
  const problems = countedSetProblems(countedEvent, expected);
  if (problems.length > 0) return problems;
  const districts = credentialDistricts(events);
  const bySeq = new Map(ballots.map((b) => [b.hash, b.seq]));
  const { definition, fingerprint } = election;
  const electionKey = prepareElectionKey(jointPublicKey(qualifiedCommitments));
  const context = { definition, fingerprint, electionKey, districtOf: (credential: string) => districts.get(credential) };
  const counted: CountedBallot[] = [];
  for (const hash of expected.counted) {
    const event = events[bySeq.get(hash) as number] as EventJsonOf<'ballot'>;
    const checked = checkBallot(event.ballot, context);
    if (!checked.ballot || checked.problems.length > 0) {
      return [
        ...checked.problems.map((p) => ({ ...p, message: `counted ballot ${hash}: ${p.message}` })),
        ...(checked.ballot ? [] : [problem('AGGREGATE_MISMATCH', ['counted'], `counted ballot ${hash} is unreadable`)]),
      ];
    }
    counted.push({ district: districts.get(event.ballot.credential) as string, ballot: checked.ballot });
  }
  return aggregateProblems(
    aggregateEvent.entries.map((e: unknown) => AggregateEntry.parse(e)),
    aggregate(definition, counted),
  );
}

/** The election's state, as the server gives it. */
async function stateOf(session: Pick<TrusteeSession, 'transport' | 'election'>): Promise<string> {
  const { state } = await session.transport.get<{ state: string }>(electionPath(session.election.id), 'reading the election');
  return state;
}

/**
 * Decrypts this trustee's share of every aggregate entry and posts it, once the election is processed and the board
 * checks out: its head and root (readVerifiedBoard), the server's list of signed heads, the ceremony's qualified
 * dealers recomputed (spec §4.3), this trustee's share against its verification key, the counted set and the
 * aggregates recomputed from the ballots, and the caller's audit (the CLI: the verifier's report, spec §6.7).
 */
export async function decryptAggregate(
  session: TrusteeSession,
  options: { readonly waitFor?: WaitFor; readonly audit?: BoardAudit } = {},
): Promise<{ entries: number; qualified: readonly number[] }> {
  const { transport, election, trustee } = session;
  const waitFor = options.waitFor ?? checkOnce;
  await waitFor(async () => {
    const state = await stateOf(session);
    if (state === 'processed') return { ready: true as const, value: state };
    if (['decrypted', 'published'].includes(state))
      throw new TrusteeError('NOT_POSSIBLE', `the election is already ${state}; no decryption is needed`);
    return { ready: false as const, missing: `the election is "${state}", not yet processed` };
  });
  const ceremony = await fetchCeremony(transport, election.id);
  if (!ceremony.qualified) throw new TrusteeError('NOT_POSSIBLE', 'the key ceremony has not finished');
  // Q is recomputed here with the protocol's one algorithm (spec §4.3), never taken on the server's word.
  const board = await readVerifiedBoard(transport, election);
  const events = ceremonyEventsOf(board);
  const outcome = qualifyDealers(election.fingerprint, election.definition.trustees, events);
  const qualified = outcome.qualified;
  if (!outcome.complete || qualified.join() !== ceremony.qualified.join()) {
    throw new TrusteeError(
      'BOARD_MISMATCH',
      `the server says dealers [${ceremony.qualified.join(', ')}] qualified; the ceremony on the board says [${qualified.join(', ')}]${outcome.complete ? '' : ' and is not complete'}: do not decrypt, tell the commission and the observers`,
    );
  }
  // a key file saved before its shares were checked (the page's) gets them from the board, checked again
  const secrets = qualified.every((d) => session.secrets.received[String(d)] !== undefined)
    ? session.secrets
    : reopenShares(session, events);
  const secretShare = secretShareOver(secrets, qualified);
  const dealers = qualified.map((d) => outcome.commitments.get(d) as DealerCommitment);
  if (!publicKeyOf(secretShare).equals(verificationKey(dealers, trustee))) {
    throw new TrusteeError(
      'WRONG_KEY_FILE',
      `this key file's share does not match trustee ${trustee}'s verification key on the board`,
    );
  }
  const entries = await checkedEntries(session, board, dealers, options.audit);
  // An entry whose α is the identity (a district without counted ballots) needs no share: null (spec §6.4).
  const { shares } = decryptionSharePayload(
    trustee,
    computeDecryptionShares({ fingerprint: election.fingerprint, entries }, trustee, secretShare),
  );
  await transport.post(
    `${electionPath(election.id)}/trustees/${trustee}/decryption`,
    signTrusteeRequest(secrets.secretKey, election.fingerprint, trustee, 'decryption-share', { shares }),
    'posting the decryption shares',
  );
  return { entries: entries.length, qualified };
}

/** The latest aggregate's entries, once the heads, the recomputed sums and the caller's audit all agree. */
async function checkedEntries(
  session: Pick<TrusteeSession, 'transport' | 'election'>,
  board: VerifiedBoard,
  dealers: readonly DealerCommitment[],
  audit: BoardAudit | undefined,
) {
  const { transport, election } = session;
  const { treeHeads } = await transport.get<{ treeHeads: SignedTreeHeadJson[] }>(
    `${electionPath(election.id)}/tree-heads`,
    'reading the signed tree heads',
  );
  const heads = (Array.isArray(treeHeads) ? treeHeads : []).filter((h) => h.treeSize <= board.treeSize);
  if (heads.at(-1)?.rootHash !== board.rootHash) {
    throw new TrusteeError(
      'BOARD_MISMATCH',
      'the server’s list of signed heads does not end at the head it just gave: try again, or tell the commission',
    );
  }
  await audit?.(board, heads);
  const aggregates = board.events.filter((e): e is EventJsonOf<'aggregate'> => e.type === 'aggregate');
  const entries = aggregates.at(-1)?.entries ?? [];
  if (entries.length === 0)
    throw new TrusteeError(
      'NOT_POSSIBLE',
      'the board has no aggregate to decrypt (has the commission run "saylau election process"?)',
    );
  // The full verifier (the CLI's audit) checks all of this and more, with its worker threads; without it (the
  // browser page, the demo) the checks run here.
  const problems = audit ? [] : aggregateProblemsOf(election, board, dealers);
  if (problems.length > 0) {
    throw new TrusteeError(
      'BOARD_MISMATCH',
      'the board does not verify: do not decrypt; tell the commission and the observers',
      problems.slice(0, 6).map((p) => `  ${p.code}: ${p.message}`),
    );
  }
  return entries.map((entry) => AggregateEntry.parse(entry));
}
