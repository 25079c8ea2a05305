// A trustee's side of the key ceremony (spec §2.10–2.11, §4.2–4.3, docs/api.md): enroll its own key with a proof,
// deal its polynomial (Feldman commitments, then shares encrypted to each other trustee), then open and check the
// shares dealt to it, complaining about each bad one, and acknowledge the ceremony. Secrets stay with the caller
// (the CLI's key file, the page's memory); only public values and signed statements are posted.
import {
  bytesToHex,
  combineReceivedShares,
  commitPolynomial,
  decodePoint,
  decryptShare,
  type EncryptedShare,
  encryptShare,
  evaluatePolynomial,
  generateKeyPair,
  hexToBytes,
  makeComplaint,
  type Point,
  type Polynomial,
  proveSchnorr,
  publicKeyOf,
  randomPolynomial,
  type Scalar,
  verifySchnorr,
  verifyShare,
} from '@saylau/crypto';
import { z } from 'zod';
import { qualifyDealers } from '../ceremony/index.ts';
import { ChaumPedersenProofWire, PointHex, SchnorrProofWire } from '../codec.ts';
import { ceremonyContext, EncryptedShareWire, trusteeKeyContext } from '../events/index.ts';
import { signTrusteeRequest, type TrusteeStatementType } from '../trustee-request.ts';
import { ceremonyEventsOf, readVerifiedBoard } from './board.ts';
import { type CeremonyState, fetchCeremony, missingDealings, missingKeys, trusteeRange } from './ceremony-state.ts';
import { TrusteeError } from './errors.ts';
import type { TrusteeSecrets } from './key-file.ts';
import { electionPath, type TrusteeElection, type TrusteeTransport, type WaitFor } from './transport.ts';

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

export interface TrusteeSession {
  readonly transport: TrusteeTransport;
  readonly election: TrusteeElection;
  readonly trustee: number;
  readonly secrets: TrusteeSecrets;
}

/** Checks once: ready, or NOT_YET with what is missing (the page's way; the CLI polls with --wait). */
export const checkOnce: WaitFor = async (check) => {
  const outcome = await check();
  if (outcome.ready) return outcome.value;
  throw new TrusteeError('NOT_YET', `not yet: ${outcome.missing}`);
};

/** A fresh key pair and polynomial from the CSPRNG (nothing is posted yet: the caller saves them first). */
export function newTrusteeSecrets(threshold: number): TrusteeSecrets {
  const key = generateKeyPair();
  const polynomial: Polynomial = randomPolynomial(threshold);
  return { secretKey: key.secretKey, polynomial: polynomial.coefficients, received: {}, complainedAbout: [] };
}

export function publicKeyHex(secrets: TrusteeSecrets): string {
  return z.encode(PointHex, publicKeyOf(secrets.secretKey));
}

/** POST /trustees/:n/key with the enrollment token and a proof of knowledge of the key. */
export async function enrollKey(session: TrusteeSession, token: string, name: string): Promise<void> {
  const { transport, election, trustee, secrets } = session;
  const proof = proveSchnorr(secrets.secretKey, trusteeKeyContext(election.fingerprint, trustee));
  await transport.post(
    `${electionPath(election.id)}/trustees/${trustee}/key`,
    { token, name, publicKey: publicKeyHex(secrets), proof: z.encode(SchnorrProofWire, proof) },
    `enrolling trustee ${trustee}'s key`,
  );
}

/** The request body with the trustee's signature over the statement the board will publish (spec §4.2). */
function signed(session: TrusteeSession, type: TrusteeStatementType, body: Record<string, unknown>) {
  return signTrusteeRequest(session.secrets.secretKey, session.election.fingerprint, session.trustee, type, body);
}

/** Every key on the board must carry a valid proof before shares are encrypted to it. */
function checkedKeys(session: TrusteeSession, ceremony: CeremonyState): Map<number, Point> {
  const keys = new Map<number, Point>();
  for (const [x, event] of ceremony.keys) {
    const key = pointOf(event.publicKey);
    const proof = SchnorrProofWire.parse(event.proof);
    if (!verifySchnorr(key, proof, trusteeKeyContext(session.election.fingerprint, x))) {
      throw new TrusteeError(
        'BOARD_MISMATCH',
        `trustee ${x}'s key proof does not verify; stop the ceremony and tell the commission`,
      );
    }
    keys.set(x, key);
  }
  return keys;
}

export interface DealOutcome {
  readonly commitmentPosted: boolean;
  readonly sharesPosted: number;
}

/**
 * Posts this trustee's commitment (unless already on the board, where it must be this polynomial's) and its
 * shares encrypted to every other trustee's key, once all keys are in. Safe to run again after a failure.
 */
export async function deal(session: TrusteeSession, waitFor: WaitFor = checkOnce): Promise<DealOutcome> {
  const { transport, election, trustee, secrets } = session;
  const n = election.definition.trustees.count;
  const context = ceremonyContext(election.fingerprint);
  const ceremony = await waitFor(async () => {
    const c = await fetchCeremony(transport, election.id);
    const missing = missingKeys(c, n);
    return missing.length === 0
      ? { ready: true as const, value: c }
      : { ready: false as const, missing: `no key yet from trustee(s) ${missing.join(', ')}` };
  });
  const keys = checkedKeys(session, ceremony);
  if (ceremony.keys.get(trustee)?.publicKey !== publicKeyHex(secrets)) {
    throw new TrusteeError(
      'WRONG_KEY_FILE',
      `the server holds another key for trustee ${trustee}: this key file is not the enrolled one`,
    );
  }
  const polynomial: Polynomial = { coefficients: secrets.polynomial };
  const commitment = commitPolynomial(trustee, polynomial, context);
  const commitmentHex = commitment.commitments.map((c) => z.encode(PointHex, c));
  let commitmentPosted = false;
  const onBoard = ceremony.commitments.get(trustee);
  if (onBoard) {
    if (onBoard.commitments.join() !== commitmentHex.join()) {
      throw new TrusteeError(
        'WRONG_KEY_FILE',
        `the board holds a different commitment for trustee ${trustee}: this key file is not the one that dealt`,
      );
    }
  } else {
    await transport.post(
      `${electionPath(election.id)}/trustees/${trustee}/commitment`,
      signed(session, 'trustee-commitment', {
        commitments: commitmentHex,
        proofs: commitment.proofs.map((p) => z.encode(SchnorrProofWire, p)),
      }),
      'posting the commitment',
    );
    commitmentPosted = true;
  }
  if (ceremony.shares.has(trustee)) return { commitmentPosted, sharesPosted: 0 };
  const shares = trusteeRange(n)
    .filter((x) => x !== trustee)
    .map((recipient) => {
      const box = encryptShare(
        evaluatePolynomial(polynomial, recipient),
        trustee,
        recipient,
        keys.get(recipient) as Point,
        commitment.commitments,
        context,
      );
      return z.encode(EncryptedShareWire, {
        recipient,
        ephemeral: box.ephemeral,
        nonce: bytesToHex(box.nonce),
        sealed: bytesToHex(box.sealed),
        proof: box.proof,
      });
    });
  await transport.post(
    `${electionPath(election.id)}/trustees/${trustee}/shares`,
    signed(session, 'trustee-shares', { shares }),
    'posting the encrypted shares',
  );
  return { commitmentPosted, sharesPosted: shares.length };
}

export interface ShareCheck {
  readonly dealer: number;
  readonly ok: boolean;
  /** Why a share was refused (no secret in it). */
  readonly reason?: string;
  /** The server's verdict on the complaint, when one was posted. */
  readonly verdict?: string;
}

export interface VerifySharesOutcome {
  readonly checks: readonly ShareCheck[];
  readonly secrets: TrusteeSecrets;
  /** The board size this trustee acknowledged having checked, or why it could not acknowledge. */
  readonly acknowledged: { readonly treeSize: number } | { readonly refused: string };
}

interface OpenedShares {
  readonly received: Record<string, Scalar>;
  readonly checks: ShareCheck[];
  readonly bad: { dealer: number; reason: string; box: EncryptedShare | undefined }[];
  readonly outcome: ReturnType<typeof qualifyDealers>;
}

/**
 * Opens each share dealt to this trustee on a verified board and checks it against its dealer's commitments
 * (Feldman). The protocol's qualification algorithm (spec §4.3) decides which boxes are valid: a box without a valid
 * proof of its ephemeral secret, or from a dealer whose commitments or box set are invalid, disqualifies its dealer
 * on its own and is never complained about — a complaint reveals y·E, which is safe only for a box whose dealer has
 * proven it knows log E (spec §2.11); otherwise the reveal could open another dealer's box.
 */
function openShares(session: TrusteeSession, events: ReturnType<typeof ceremonyEventsOf>): OpenedShares {
  const { election, trustee, secrets } = session;
  const n = election.definition.trustees.count;
  const context = ceremonyContext(election.fingerprint);
  const outcome = qualifyDealers(election.fingerprint, election.definition.trustees, events);
  if (outcome.keys.get(trustee)?.equals(publicKeyOf(secrets.secretKey)) !== true) {
    throw new TrusteeError(
      'WRONG_KEY_FILE',
      `the board holds no valid key of this key file for trustee ${trustee}: stop and tell the commission`,
    );
  }
  const received: Record<string, Scalar> = {
    [trustee]: evaluatePolynomial({ coefficients: secrets.polynomial }, trustee),
  };
  const checks: ShareCheck[] = [];
  const bad: OpenedShares['bad'] = [];
  for (const dealer of trusteeRange(n).filter((x) => x !== trustee)) {
    const box = outcome.boxes.get(dealer)?.get(trustee);
    const commitments = outcome.commitments.get(dealer)?.commitments;
    if (!box || !commitments) {
      const why = outcome.disqualified.get(dealer) ?? 'not yet dealt';
      bad.push({ dealer, box: undefined, reason: `no valid box from this dealer (${why}); disqualified without a complaint` });
      continue;
    }
    const share = decryptShare(box, secrets.secretKey, context);
    if (share === null) bad.push({ dealer, box, reason: 'the share does not decrypt' });
    else if (!verifyShare(share, trustee, commitments))
      bad.push({ dealer, box, reason: "the share does not match the dealer's commitments" });
    else {
      received[dealer] = share;
      checks.push({ dealer, ok: true });
    }
  }
  return { received, checks, bad, outcome };
}

/**
 * Opens and checks the shares dealt to this trustee on the board (read up to a head signed by the board key, its
 * root checked). The good shares are recorded first; then a complaint is posted for every bad one (a refused
 * complaint is reported, never lost with the good shares); then the trustee signs its acknowledgement of the
 * ceremony as the board now stands (spec §4.3), which the ceremony needs to finish.
 */
export async function verifyShares(session: TrusteeSession, waitFor: WaitFor = checkOnce): Promise<VerifySharesOutcome> {
  const { transport, election, trustee, secrets } = session;
  const n = election.definition.trustees.count;
  const context = ceremonyContext(election.fingerprint);
  await waitFor(async () => {
    const c = await fetchCeremony(transport, election.id);
    const missing = missingDealings(c, n);
    return missing.length === 0
      ? { ready: true as const, value: c }
      : { ready: false as const, missing: `no commitment or shares yet from trustee(s) ${missing.join(', ')}` };
  });
  let board = await readVerifiedBoard(transport, election);
  const { received, checks, bad, outcome } = openShares(session, ceremonyEventsOf(board));
  const complainedAbout = new Set(secrets.complainedAbout);
  let complained = false;
  for (const { dealer, box, reason } of bad) {
    complainedAbout.add(dealer);
    let verdict: string | undefined;
    const filed = outcome.complaints.find((c) => c.trustee === trustee && c.dealer === dealer);
    if (filed) verdict = `complaint filed earlier (${filed.verdict})`;
    else if (box) {
      const complaint = makeComplaint(box, secrets.secretKey, context);
      try {
        const answer = await transport.post<{ verdict: string }>(
          `${electionPath(election.id)}/trustees/${trustee}/complaint`,
          signed(session, 'trustee-complaint', {
            dealer,
            sharedPoint: z.encode(PointHex, complaint.sharedPoint),
            proof: z.encode(ChaumPedersenProofWire, complaint.proof),
          }),
          `complaining about trustee ${dealer}`,
        );
        verdict = answer.verdict;
        complained = true;
      } catch (error) {
        if (!transport.isRefusal(error)) throw error;
        verdict = `the complaint was refused: ${(error as Error).message}`;
      }
    }
    checks.push({ dealer, ok: false, reason, ...(verdict ? { verdict } : {}) });
  }
  checks.sort((a, b) => a.dealer - b.dealer);
  const kept = { ...secrets, received, complainedAbout: [...complainedAbout].sort((a, b) => a - b) };
  // The acknowledgement covers this trustee's own complaints: read the board again after posting them.
  if (complained) board = await readVerifiedBoard(transport, election);
  try {
    await transport.post(
      `${electionPath(election.id)}/trustees/${trustee}/acknowledgement`,
      signed(session, 'trustee-acknowledgement', { treeSize: board.treeSize, rootHash: board.rootHash }),
      'acknowledging the ceremony',
    );
    return { checks, secrets: kept, acknowledged: { treeSize: board.treeSize } };
  } catch (error) {
    if (!transport.isRefusal(error)) throw error;
    return { checks, secrets: kept, acknowledged: { refused: (error as Error).message } };
  }
}

/**
 * The shares dealt to this trustee, opened again from a verified board and checked (for a key file that was saved
 * before its shares were verified, as the trustee's page saves it): the secrets with every good share recorded.
 */
export function reopenShares(session: TrusteeSession, events: ReturnType<typeof ceremonyEventsOf>): TrusteeSecrets {
  const { received } = openShares(session, events);
  return { ...session.secrets, received: { ...received, ...session.secrets.received } };
}

/** s_x = Σ over the qualified dealers of the shares received from them; fails if one of them is missing. */
export function secretShareOver(secrets: TrusteeSecrets, qualified: readonly number[]): Scalar {
  const missing = qualified.filter((d) => secrets.received[String(d)] === undefined);
  if (missing.length > 0) {
    throw new TrusteeError(
      'NOT_POSSIBLE',
      `this key file holds no verified share from qualified dealer(s) ${missing.join(', ')}; run "saylau trustee verify-shares" first`,
    );
  }
  return combineReceivedShares(qualified.map((d) => secrets.received[String(d)] as Scalar));
}
