// The second-device check (brief §1.5, spec §3.6.6): the page that scanned the receipt's QR code fetches the ballot
// with its board position and a signed head. Limited per ballot (the Estonian rule: a few fetches within a window
// after casting), so a receipt does not become lasting proof of a vote for a buyer or a coercer.
import { type BoardEventJson, makeInclusionProof, type SignedTreeHeadJson } from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';

export function fetchForVerification(services: Services, election: Election, ballotHash: string) {
  const { storage, config } = services;
  const row = storage.ballots.get(election.id, ballotHash);
  if (!row) throw new ApiError('NOT_FOUND', 'no ballot with this hash is on the board');
  const windowEndsAt = row.cast_at + config.verification.windowMs;
  if (config.now() >= windowEndsAt) throw new ApiError('VERIFICATION_EXPIRED');
  const used = storage.verifications.fetches(election.id, ballotHash);
  if (used >= config.verification.maxFetches) throw new ApiError('VERIFICATION_LIMIT');
  storage.verifications.bump(election.id, ballotHash);
  const event = JSON.parse(storage.board.event(election.id, row.seq) as string) as Extract<BoardEventJson, { type: 'ballot' }>;
  const head = election.head as SignedTreeHeadJson;
  return {
    ballot: event.ballot,
    // the whole board event: its canonical bytes are the leaf the inclusion proof is about
    event,
    credential: row.credential,
    district: row.district,
    leafIndex: row.seq,
    castAt: event.time,
    inclusionProof: makeInclusionProof(election.log, row.seq, head.treeSize),
    treeHead: head,
    checksLeft: config.verification.maxFetches - used - 1,
    windowEndsAt: new Date(windowEndsAt).toISOString(),
    superseded: row.superseded_by !== null,
  };
}
