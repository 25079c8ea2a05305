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
  encodePoint,
  hexToBytes,
  judgeComplaint,
  type Point,
  prepareElectionKey,
  randomBytes,
  type SchnorrProof,
  verifyBoxProof,
  verifySchnorr,
} from '@saylau/crypto';
import {
  boxOf,
  ceremonyContext,
  EncryptedShareWire,
  type EventJsonOf,
  qualifyDealers,
  trusteeKeyContext,
} from '@saylau/protocol';
import type { Election } from '../election/election.ts';
import { advance, requireState } from '../election/state-machine.ts';
import { sha256Hex } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { checkEnrollmentToken, trusteeRow } from './trustee-auth.ts';
import { ceremonyEvents, decodedCeremonyEvents } from './trustee-events.ts';

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

/** Enrolls the definition's n trustees by name and hands the commission one token each; state → key-ceremony. */
export async function startCeremony(services: Services, election: Election, names: readonly string[]) {
  requireState(election, 'draft');
  const { count } = election.definition.trustees;
  if (names.length !== count) {
    throw new ApiError('MALFORMED', `the definition has ${count} trustees; ${names.length} names were given`);
  }
  const enrollment = names.map((_, i) => ({ trustee: i + 1, token: bytesToHex(randomBytes(32)) }));
  await services.elections.transact(election, async (board) => {
    for (const [i, { trustee, token }] of enrollment.entries()) {
      await services.storage.trustees.insert(election.id, trustee, names[i] as string, sha256Hex(token));
    }
    await advance(services.storage, election, board, 'key-ceremony');
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
export async function enrollTrusteeKey(services: Services, election: Election, trustee: number, input: KeyInput, json: unknown) {
  requireState(election, 'key-ceremony');
  const row = await trusteeRow(services.storage, election, trustee);
  checkEnrollmentToken(row, input.token);
  if (!verifySchnorr(input.publicKey, input.proof, trusteeKeyContext(election.fingerprint, trustee))) {
    throw new ApiError('BAD_KEY_PROOF');
  }
  const wire = json as { publicKey: string; proof: { commitment: string; response: string } };
  await services.elections.transact(election, async (board) => {
    // the token once: another server may have taken it since the check above
    checkEnrollmentToken(await trusteeRow(services.storage, election, trustee), input.token);
    await services.storage.trustees.enroll(election.id, trustee, wire.publicKey);
    await board.append({ type: 'trustee-key', trustee, name: input.name, publicKey: wire.publicKey, proof: wire.proof });
  });
  return { trustee, publicKey: wire.publicKey };
}

/** Feldman commitments with a proof per coefficient, checked by dealerCommitmentEquations under the ceremony context. */
export async function postCommitment(
  services: Services,
  election: Election,
  trustee: number,
  input: { commitments: Point[]; proofs: SchnorrProof[] },
  json: unknown,
) {
  requireState(election, 'key-ceremony');
  const committed = async () => {
    if ((await ceremonyEvents(services.storage, election)).commitments.has(trustee)) {
      throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has committed already`);
    }
  };
  await committed();
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
  const wire = json as Pick<EventJsonOf<'trustee-commitment'>, 'commitments' | 'proofs' | 'signature'>;
  await services.elections.transact(election, async (board) => {
    // again under the election's lock: another server may have taken one since
    await committed();
    await board.append({
      type: 'trustee-commitment',
      trustee,
      commitments: wire.commitments,
      proofs: wire.proofs,
      signature: wire.signature,
    });
  });
  return { trustee };
}

/**
 * The dealer's shares, one per other trustee, each encrypted to the recipient's enrolled key with a proof of
 * knowledge of its ephemeral secret bound to the box and this dealer's commitments (spec §2.11). A box without a
 * valid proof is refused here, so no honest recipient is ever asked to complain about one.
 */
export async function postShares(services: Services, election: Election, trustee: number, json: unknown) {
  requireState(election, 'key-ceremony');
  const { count } = election.definition.trustees;
  const events = await ceremonyEvents(services.storage, election);
  if (events.shares.has(trustee)) throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has sent its shares already`);
  const missingKeys = range(count).filter((x) => !events.keys.has(x));
  if (missingKeys.length > 0) {
    throw new ApiError('CEREMONY_INCOMPLETE', `shares are encrypted to every trustee's key; missing: ${missingKeys.join(', ')}`);
  }
  const commitment = events.commitments.get(trustee);
  if (!commitment) throw new ApiError('CEREMONY_INCOMPLETE', 'post the commitment before the shares');
  const wire = json as Pick<EventJsonOf<'trustee-shares'>, 'shares' | 'signature'>;
  const recipients = wire.shares.map((s) => s.recipient).sort((a, b) => a - b);
  const expected = range(count).filter((x) => x !== trustee);
  if (recipients.join() !== expected.join()) {
    throw new ApiError('BAD_SHARES', `expected one share for each of trustees ${expected.join(', ') || '(none)'}`);
  }
  const commitments = commitment.commitments.map(pointOf);
  const context = ceremonyContext(election.fingerprint);
  for (const share of wire.shares) {
    const box = boxOf(trustee, EncryptedShareWire.parse(share));
    const recipientKey = pointOf(events.keys.get(box.recipient)?.publicKey as string);
    if (!verifyBoxProof(box, recipientKey, commitments, context)) {
      throw new ApiError('BAD_SHARE_PROOF', `the box for trustee ${box.recipient} does not prove knowledge of its ephemeral key`);
    }
  }
  await services.elections.transact(election, async (board) => {
    // again under the election's lock: another server may have taken them since
    if ((await ceremonyEvents(services.storage, election)).shares.has(trustee)) {
      throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has sent its shares already`);
    }
    await board.append({ type: 'trustee-shares', trustee, shares: wire.shares, signature: wire.signature });
  });
  return { trustee };
}

export interface ComplaintInput {
  readonly dealer: number;
  readonly sharedPoint: Point;
  readonly proof: ChaumPedersenProof;
}

/**
 * A recipient's complaint against a dealer. An invalid one (about no valid box, or an unproven reveal) is refused;
 * a valid one is published whatever its verdict, so anyone can judge it again (spec §4.3).
 */
export async function postComplaint(
  services: Services,
  election: Election,
  trustee: number,
  input: ComplaintInput,
  json: unknown,
) {
  requireState(election, 'key-ceremony');
  const events = await ceremonyEvents(services.storage, election);
  const dealerCommitment = events.commitments.get(input.dealer);
  const boxWire = events.shares.get(input.dealer)?.shares.find((s) => s.recipient === trustee);
  const recipientKey = events.keys.get(trustee)?.publicKey;
  if (input.dealer === trustee || !dealerCommitment || !boxWire || !recipientKey) {
    throw new ApiError('NOT_FOUND', `there is no share from trustee ${input.dealer} to trustee ${trustee} to complain about`);
  }
  if (events.complaints.some((c) => c.trustee === trustee && c.dealer === input.dealer)) {
    throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has complained about trustee ${input.dealer} already`);
  }
  const verdict = judgeComplaint(
    { dealer: input.dealer, recipient: trustee, sharedPoint: input.sharedPoint, proof: input.proof },
    boxOf(input.dealer, EncryptedShareWire.parse(boxWire)),
    pointOf(recipientKey),
    dealerCommitment.commitments.map(pointOf),
    ceremonyContext(election.fingerprint),
  );
  if (verdict === 'complaint-invalid') throw new ApiError('BAD_COMPLAINT');
  const wire = json as Pick<EventJsonOf<'trustee-complaint'>, 'sharedPoint' | 'proof' | 'signature'>;
  await services.elections.transact(election, async (board) => {
    const now = await ceremonyEvents(services.storage, election);
    if (now.complaints.some((c) => c.trustee === trustee && c.dealer === input.dealer)) {
      throw new ApiError('ALREADY_EXISTS', `trustee ${trustee} has complained about trustee ${input.dealer} already`);
    }
    await board.append({
      type: 'trustee-complaint',
      trustee,
      dealer: input.dealer,
      sharedPoint: wire.sharedPoint,
      proof: wire.proof,
      signature: wire.signature,
    });
  });
  return { verdict };
}

/**
 * A trustee's signed acknowledgement that it checked the ceremony as the board stood at `treeSize` (spec §4.3). The
 * root must be this board's root at that size: a trustee that was shown another board cannot acknowledge this one.
 */
export async function postAcknowledgement(services: Services, election: Election, trustee: number, json: unknown) {
  requireState(election, 'key-ceremony');
  const wire = json as Pick<EventJsonOf<'trustee-acknowledgement'>, 'treeSize' | 'rootHash' | 'signature'>;
  if (wire.treeSize < 1 || wire.treeSize > election.log.size) {
    throw new ApiError(
      'BAD_CONSISTENCY_PROOF',
      `the board has ${election.log.size} events; ${wire.treeSize} cannot be acknowledged`,
    );
  }
  if (bytesToHex(election.log.root(wire.treeSize)) !== wire.rootHash) {
    throw new ApiError('BAD_CONSISTENCY_PROOF', `the root of the board's first ${wire.treeSize} events is not ${wire.rootHash}`);
  }
  await services.elections.transact(election, async (board) => {
    await board.append({ type: 'trustee-acknowledgement', trustee, ...wire });
  });
  return { trustee };
}

/**
 * The joint key from the qualified dealers, computed by the protocol's one qualification algorithm (spec §4.3).
 * Waits for every trustee's key, commitment and shares; refuses when more than t − 1 dealers are disqualified.
 */
export async function finishCeremony(services: Services, election: Election) {
  requireState(election, 'key-ceremony');
  const { count, threshold } = election.definition.trustees;
  const events = await ceremonyEvents(services.storage, election);
  const missing = range(count).filter((x) => !events.keys.has(x) || !events.commitments.has(x) || !events.shares.has(x));
  if (missing.length > 0) {
    throw new ApiError('CEREMONY_INCOMPLETE', `trustee(s) ${missing.join(', ')} have not sent their key, commitment and shares`);
  }
  const outcome = qualifyDealers(
    election.fingerprint,
    election.definition.trustees,
    await decodedCeremonyEvents(services.storage, election),
  );
  if (outcome.violations.length > 0) {
    // Every message was checked on its way in; a violation here means the stored board is not what was accepted.
    throw new Error(`the stored ceremony breaks its rules: ${outcome.violations.map((v) => v.code).join(', ')}`);
  }
  if (outcome.unacknowledged.length > 0) {
    throw new ApiError(
      'CEREMONY_INCOMPLETE',
      `trustee(s) ${outcome.unacknowledged.join(', ')} must still acknowledge the ceremony as it now stands: each runs "saylau trustee verify-shares" (again, after any later complaint)`,
    );
  }
  if (!outcome.complete || outcome.electionKey === null) {
    const left = [...outcome.disqualified].map(([d, why]) => `${d} (${why})`).join('; ');
    throw new ApiError(
      'NOT_ENOUGH_TRUSTEES',
      `${outcome.qualified.length} of ${count} dealers qualified; with threshold ${threshold} at least ${count - threshold + 1} must: ${left}`,
    );
  }
  const qualified = [...outcome.qualified];
  const publicKeyHex = bytesToHex(encodePoint(outcome.electionKey));
  await services.elections.transact(election, async (board) => {
    requireState(election, 'key-ceremony');
    await board.append({ type: 'election-key', publicKey: publicKeyHex, qualified });
    await services.storage.elections.setElectionKey(election.id, publicKeyHex, qualified);
    await advance(services.storage, election, board, 'ready');
    election.electionKey = prepareElectionKey(pointOf(publicKeyHex));
    election.electionKeyHex = publicKeyHex;
    election.qualified = qualified;
  });
  return { publicKey: publicKeyHex, qualified, disqualified: Object.fromEntries(outcome.disqualified) };
}

/** 1 … n */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
