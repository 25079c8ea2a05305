// The key ceremony over the API (spec §2.10–2.11, §4.2): the commission enrolls n trustees; each posts its key
// with a proof, its Feldman commitments, its encrypted shares, and complaints; finishing computes the joint key
// from the qualified dealers. The server checks every proof before anything reaches the board.
import {
  BatchVerifier,
  bytesToHex,
  type ChaumPedersenProof,
  type DealerCommitment,
  dealerCommitmentEquations,
  decodePoint,
  type EncryptedShare,
  encodePoint,
  hexToBytes,
  jointPublicKey,
  judgeComplaint,
  type Point,
  prepareElectionKey,
  randomBytes,
  type SchnorrProof,
  verifySchnorr,
} from '@saylau/crypto';
import { ChaumPedersenProofWire, ceremonyContext, type EventJsonOf, trusteeKeyContext } from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { advance, requireState } from '../election/state-machine.ts';
import { sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { checkEnrollmentToken, trusteeRow } from './trustee-auth.ts';
import { ceremonyEvents } from './trustee-events.ts';

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

/** Enrolls the definition's n trustees by name and hands the commission one token each; state → key-ceremony. */
export function startCeremony(services: Services, election: Election, names: readonly string[]) {
  requireState(election, 'draft');
  const { count } = election.definition.trustees;
  if (names.length !== count) {
    throw new ApiError('MALFORMED', `the definition has ${count} trustees; ${names.length} names were given`);
  }
  const enrollment = names.map((_, i) => ({ trustee: i + 1, token: bytesToHex(randomBytes(32)) }));
  services.elections.transact(election, (board) => {
    enrollment.forEach(({ trustee, token }, i) => {
      services.storage.trustees.insert(election.id, trustee, names[i] as string, sha256Hex(token));
    });
    advance(services.storage, election, board, 'key-ceremony');
  });
  return { enrollment };
}

export interface KeyInput {
  readonly token: string;
  readonly name: string;
  readonly publicKey: Point;
  readonly proof: SchnorrProof;
}

/** A trustee's own key with its Schnorr proof (context: trusteeKeyContext), authenticated by the enrollment token. */
export function enrollTrusteeKey(services: Services, election: Election, trustee: number, input: KeyInput, json: unknown) {
  requireState(election, 'key-ceremony');
  const row = trusteeRow(services.storage, election, trustee);
  checkEnrollmentToken(row, input.token);
  if (!verifySchnorr(input.publicKey, input.proof, trusteeKeyContext(election.fingerprint, trustee))) {
    throw new ApiError('BAD_KEY_PROOF');
  }
  const wire = json as { publicKey: string; proof: { commitment: string; response: string } };
  services.elections.transact(election, (board) => {
    services.storage.trustees.enroll(election.id, trustee, wire.publicKey);
    board.append({ type: 'trustee-key', trustee, name: input.name, publicKey: wire.publicKey, proof: wire.proof });
  });
  return { trustee, publicKey: wire.publicKey };
}

/** Feldman commitments with a proof per coefficient, checked by dealerCommitmentEquations under the ceremony context. */
export function postCommitment(
  services: Services,
  election: Election,
  trustee: number,
  input: { commitments: Point[]; proofs: SchnorrProof[] },
  json: unknown,
) {
  requireState(election, 'key-ceremony');
  const events = ceremonyEvents(services.storage, election);
  if (events.commitments.has(trustee)) throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has committed already`);
  const commitment: DealerCommitment = { dealer: trustee, commitments: input.commitments, proofs: input.proofs };
  const equations = dealerCommitmentEquations(
    commitment,
    election.definition.trustees.threshold,
    ceremonyContext(election.fingerprint),
  );
  const batch = new BatchVerifier<number>();
  batch.add(trustee, equations);
  if (!batch.verify().ok) {
    throw new ApiError(
      'BAD_COMMITMENT',
      `the commitment needs ${election.definition.trustees.threshold} coefficients with valid proofs`,
    );
  }
  const wire = json as Pick<EventJsonOf<'trustee-commitment'>, 'commitments' | 'proofs'>;
  services.elections.transact(election, (board) => {
    board.append({ type: 'trustee-commitment', trustee, commitments: wire.commitments, proofs: wire.proofs });
  });
  return { trustee };
}

/** The dealer's shares, one per other trustee, each encrypted to the recipient's enrolled key. */
export function postShares(services: Services, election: Election, trustee: number, json: unknown) {
  requireState(election, 'key-ceremony');
  const { count } = election.definition.trustees;
  const events = ceremonyEvents(services.storage, election);
  if (events.shares.has(trustee)) throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has sent its shares already`);
  const missingKeys = range(count).filter((x) => !events.keys.has(x));
  if (missingKeys.length > 0) {
    throw new ApiError('CEREMONY_INCOMPLETE', `shares are encrypted to every trustee's key; missing: ${missingKeys.join(', ')}`);
  }
  if (!events.commitments.has(trustee)) throw new ApiError('CEREMONY_INCOMPLETE', 'post the commitment before the shares');
  const wire = json as Pick<EventJsonOf<'trustee-shares'>, 'shares'>;
  const recipients = wire.shares.map((s) => s.recipient).sort((a, b) => a - b);
  const expected = range(count).filter((x) => x !== trustee);
  if (recipients.join() !== expected.join()) {
    throw new ApiError('BAD_SHARES', `expected one share for each of trustees ${expected.join(', ') || '(none)'}`);
  }
  services.elections.transact(election, (board) => {
    board.append({ type: 'trustee-shares', trustee, shares: wire.shares });
  });
  return { trustee };
}

export interface ComplaintInput {
  readonly dealer: number;
  readonly sharedPoint: Point;
  readonly proof: ChaumPedersenProof;
}

/**
 * A recipient's complaint against a dealer. An invalid one (unproven reveal) is refused; a valid one is published
 * whatever its verdict, so anyone can judge it again, and a dealer at fault is left out of the joint key.
 */
export function postComplaint(services: Services, election: Election, trustee: number, input: ComplaintInput, json: unknown) {
  requireState(election, 'key-ceremony');
  const events = ceremonyEvents(services.storage, election);
  const dealerShares = events.shares.get(input.dealer);
  const dealerCommitment = events.commitments.get(input.dealer);
  const box = dealerShares?.shares.find((s) => s.recipient === trustee);
  if (input.dealer === trustee || !dealerShares || !dealerCommitment || !box) {
    throw new ApiError('NOT_FOUND', `there is no share from trustee ${input.dealer} to trustee ${trustee} to complain about`);
  }
  if (events.complaints.some((c) => c.trustee === trustee && c.dealer === input.dealer)) {
    throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has complained about trustee ${input.dealer} already`);
  }
  const verdict = judge(election, events, { trustee, ...input }, box);
  if (verdict === 'complaint-invalid') throw new ApiError('BAD_COMPLAINT');
  const wire = json as Pick<EventJsonOf<'trustee-complaint'>, 'sharedPoint' | 'proof'>;
  services.elections.transact(election, (board) => {
    board.append({ type: 'trustee-complaint', trustee, dealer: input.dealer, sharedPoint: wire.sharedPoint, proof: wire.proof });
  });
  return { verdict };
}

function judge(
  election: Election,
  events: ReturnType<typeof ceremonyEvents>,
  complaint: ComplaintInput & { trustee: number },
  boxJson: EventJsonOf<'trustee-shares'>['shares'][number],
) {
  const box: EncryptedShare = {
    dealer: complaint.dealer,
    recipient: boxJson.recipient,
    ephemeral: pointOf(boxJson.ephemeral),
    nonce: hexToBytes(boxJson.nonce),
    sealed: hexToBytes(boxJson.sealed),
  };
  const recipientKey = pointOf(events.keys.get(complaint.trustee)?.publicKey as string);
  const commitments = (events.commitments.get(complaint.dealer)?.commitments ?? []).map(pointOf);
  return judgeComplaint(
    { dealer: complaint.dealer, recipient: complaint.trustee, sharedPoint: complaint.sharedPoint, proof: complaint.proof },
    box,
    recipientKey,
    commitments,
    ceremonyContext(election.fingerprint),
  );
}

/** Dealers found at fault by a published complaint. */
function dealersAtFault(election: Election, events: ReturnType<typeof ceremonyEvents>): Set<number> {
  const atFault = new Set<number>();
  for (const c of events.complaints) {
    const box = events.shares.get(c.dealer)?.shares.find((s) => s.recipient === c.trustee);
    if (!box) continue;
    const input = {
      trustee: c.trustee,
      dealer: c.dealer,
      sharedPoint: pointOf(c.sharedPoint),
      proof: ChaumPedersenProofWire.parse(c.proof),
    };
    if (judge(election, events, input, box) === 'dealer-at-fault') atFault.add(c.dealer);
  }
  return atFault;
}

/** Joint key from the qualified dealers (every dealer not at fault); needs every trustee's messages and ≥ t qualified. */
export function finishCeremony(services: Services, election: Election) {
  requireState(election, 'key-ceremony');
  const { count, threshold } = election.definition.trustees;
  const events = ceremonyEvents(services.storage, election);
  const missing = range(count).filter((x) => !events.keys.has(x) || !events.commitments.has(x) || !events.shares.has(x));
  if (missing.length > 0) {
    throw new ApiError('CEREMONY_INCOMPLETE', `trustees ${missing.join(', ')} have not sent their key, commitment and shares`);
  }
  const atFault = dealersAtFault(election, events);
  const qualified = range(count).filter((x) => !atFault.has(x));
  if (qualified.length < threshold) {
    throw new ApiError('NOT_ENOUGH_TRUSTEES', `${qualified.length} dealers qualified; the threshold is ${threshold}`);
  }
  const dealers = qualified.map((x) => ({
    dealer: x,
    commitments: (events.commitments.get(x)?.commitments ?? []).map(pointOf),
    proofs: [],
  }));
  const publicKeyHex = bytesToHex(encodePoint(jointPublicKey(dealers)));
  services.elections.transact(election, (board) => {
    board.append({ type: 'election-key', publicKey: publicKeyHex, qualified });
    services.storage.elections.setElectionKey(election.id, publicKeyHex, qualified);
    advance(services.storage, election, board, 'ready');
    election.electionKey = prepareElectionKey(pointOf(publicKeyHex));
    election.electionKeyHex = publicKeyHex;
    election.qualified = qualified;
  });
  return { publicKey: publicKeyHex, qualified };
}

/** 1 … n */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
