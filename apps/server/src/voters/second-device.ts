// The second-device check (brief §1.5, spec §3.6.6). The voter's device uploads the ballot's seed sealed under a
// verification key k that only the QR code holds; the page that scanned the code fetches the ballot and the sealed
// seed, showing the access token derived from k. The server cannot open the seal, hands it out at most maxFetches
// times within the window after casting, and deletes it when the window ends: then the QR code opens nothing,
// for the voter or for anyone who took it from them.
import { type BoardEventJson, makeInclusionProof, type SealUpload, type SignedTreeHeadJson } from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { digestsEqual, sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import type { VoterSession } from './voter-session.ts';

/** The ballot's index row and the end of its check window; refuses an unknown ballot and a window that has ended. */
async function ballotInWindow(services: Services, election: Election, ballotHash: string) {
  const row = await services.storage.ballots.get(election.id, ballotHash);
  if (!row) throw new ApiError('NOT_FOUND', 'no ballot with this hash is on the board');
  const windowEndsAt = row.cast_at + services.config.verification.windowMs;
  if (services.config.now() >= windowEndsAt) throw new ApiError('VERIFICATION_EXPIRED');
  return { row, windowEndsAt };
}

/**
 * The voter's device registers the sealed seed of its own ballot: once, within the window. The same upload sent
 * again (a retry whose first answer was lost) is answered as the first was; any other is refused.
 */
export async function uploadSeal(services: Services, election: Election, voter: VoterSession, upload: SealUpload) {
  const { row, windowEndsAt } = await ballotInWindow(services, election, upload.ballotHash);
  if (row.credential !== voter.credential) {
    throw new ApiError('NOT_YOUR_CREDENTIAL', 'only the voter whose credential signed the ballot may register its seal');
  }
  const { verifications } = services.storage;
  const accessHash = sha256Hex(upload.access);
  const stored = await verifications.insertSeal(election.id, upload.ballotHash, {
    access_hash: accessHash,
    nonce: upload.nonce,
    sealed: upload.sealed,
    expires_at: windowEndsAt,
  });
  if (!stored) {
    const before = await verifications.seal(election.id, upload.ballotHash);
    const same =
      before !== undefined &&
      digestsEqual(accessHash, before.access_hash) &&
      before.nonce === upload.nonce &&
      before.sealed === upload.sealed;
    if (!same) throw new ApiError('ALREADY_EXISTS', 'a verification seal for this ballot was registered before');
  }
  return {
    ballotHash: upload.ballotHash,
    maxFetches: services.config.verification.maxFetches,
    windowEndsAt: new Date(windowEndsAt).toISOString(),
  };
}

/**
 * The second device's fetch: refused without the access token registered with the seal (so the ballot hash alone,
 * which the board shows to everyone, cannot use up the voter's fetches), past the window, and past maxFetches.
 * The last allowed fetch erases the seal at once.
 */
export async function fetchForVerification(services: Services, election: Election, ballotHash: string, access: string) {
  const { storage, config } = services;
  const { row, windowEndsAt } = await ballotInWindow(services, election, ballotHash);
  const { verifications } = storage;
  const { seal, used } = await storage.verificationTransaction(async () => {
    const seal = await verifications.seal(election.id, ballotHash);
    if (!seal || !digestsEqual(sha256Hex(access), seal.access_hash)) throw new ApiError('BAD_VERIFICATION_KEY');
    const used = await verifications.fetches(election.id, ballotHash);
    if (used >= config.verification.maxFetches || seal.nonce === null || seal.sealed === null) {
      throw new ApiError('VERIFICATION_LIMIT');
    }
    await verifications.bump(election.id, ballotHash);
    if (used + 1 >= config.verification.maxFetches) await verifications.eraseSeal(election.id, ballotHash);
    return { seal: { nonce: seal.nonce, sealed: seal.sealed }, used };
  });
  const event = JSON.parse((await storage.board.event(election.id, row.seq)) as string) as Extract<
    BoardEventJson,
    { type: 'ballot' }
  >;
  const current = await services.elections.covering(election, row.seq);
  const head = current.head as SignedTreeHeadJson;
  return {
    ballot: event.ballot,
    // the whole board event: its canonical bytes are the leaf the inclusion proof is about
    event,
    credential: row.credential,
    district: row.district,
    leafIndex: row.seq,
    castAt: event.time,
    inclusionProof: makeInclusionProof(current.log, row.seq, head.treeSize),
    treeHead: head,
    seal,
    checksLeft: config.verification.maxFetches - used - 1,
    windowEndsAt: new Date(windowEndsAt).toISOString(),
    superseded: row.superseded_by !== null,
  };
}
