// A trustee's side of the key ceremony (spec §2.10–2.11, docs/api.md): enroll its own key with a proof, deal its
// polynomial (Feldman commitments, then shares encrypted to each other trustee), then open and check the shares
// dealt to it, complaining about each bad one. Secrets stay in the caller's key file; only public values are posted.
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
import {
  ChaumPedersenProofWire,
  ceremonyContext,
  EncryptedShareWire,
  PointHex,
  qualifyDealers,
  SchnorrProofWire,
  signTrusteeRequest,
  type TrusteeStatementType,
  trusteeKeyContext,
} from '@saylau/protocol';
import { z } from 'zod';
import { ceremonyEventsOf, readVerifiedBoard } from '../cli/board.ts';
import type { ApiClient } from '../cli/client.ts';
import { CliError } from '../cli/errors.ts';
import type { ElectionInfo } from '../cli/options.ts';
import { type CeremonyState, fetchCeremony, trusteeRange, waitFor } from './ceremony-state.ts';
import type { TrusteeSecrets } from './key-file.ts';

const pointOf = (hex: string): Point => decodePoint(hexToBytes(hex));

export interface TrusteeSession {
  readonly client: ApiClient;
  readonly election: ElectionInfo;
  readonly trustee: number;
  readonly secrets: TrusteeSecrets;
}

/** A fresh key pair and polynomial (nothing is posted yet: the caller saves them first). */
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
  const { client, election, trustee, secrets } = session;
  const proof = proveSchnorr(secrets.secretKey, trusteeKeyContext(election.fingerprint, trustee));
  await client.post(
    `/api/elections/${election.id}/trustees/${trustee}/key`,
    { token, name, publicKey: publicKeyHex(secrets), proof: z.encode(SchnorrProofWire, proof) },
    { what: `enrolling trustee ${trustee}'s key` },
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
      throw new CliError(`trustee ${x}'s key proof does not verify; stop the ceremony and tell the commission`);
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
export async function deal(
  session: TrusteeSession,
  waitSeconds = 0,
  onWaiting?: (missing: string) => void,
): Promise<DealOutcome> {
  const { client, election, trustee, secrets } = session;
  const n = election.definition.trustees.count;
  const context = ceremonyContext(election.fingerprint);
  const ceremony = await waitFor(
    async () => {
      const c = await fetchCeremony(client, election.id);
      const missing = trusteeRange(n).filter((x) => !c.keys.has(x));
      return missing.length === 0
        ? { ready: true, value: c }
        : { ready: false, missing: `no key yet from trustee(s) ${missing.join(', ')}` };
    },
    waitSeconds,
    onWaiting,
  );
  const keys = checkedKeys(session, ceremony);
  if (ceremony.keys.get(trustee)?.publicKey !== publicKeyHex(secrets)) {
    throw new CliError(`the server holds another key for trustee ${trustee}: this key file is not the enrolled one`);
  }
  const polynomial: Polynomial = { coefficients: secrets.polynomial };
  const commitment = commitPolynomial(trustee, polynomial, context);
  const commitmentHex = commitment.commitments.map((c) => z.encode(PointHex, c));
  let commitmentPosted = false;
  const onBoard = ceremony.commitments.get(trustee);
  if (onBoard) {
    if (onBoard.commitments.join() !== commitmentHex.join()) {
      throw new CliError(
        `the board holds a different commitment for trustee ${trustee}: this key file is not the one that dealt`,
      );
    }
  } else {
    await client.post(
      `/api/elections/${election.id}/trustees/${trustee}/commitment`,
      signed(session, 'trustee-commitment', {
        commitments: commitmentHex,
        proofs: commitment.proofs.map((p) => z.encode(SchnorrProofWire, p)),
      }),
      { what: 'posting the commitment' },
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
  await client.post(`/api/elections/${election.id}/trustees/${trustee}/shares`, signed(session, 'trustee-shares', { shares }), {
    what: 'posting the encrypted shares',
  });
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

/**
 * Opens each share dealt to this trustee on the board (read up to a head signed by the board key, its root checked)
 * and checks it against its dealer's commitments (Feldman). The good shares are recorded first; then a complaint is
 * posted for every bad one (a refused complaint is reported, never lost with the good shares); then the trustee
 * signs its acknowledgement of the ceremony as the board now stands (spec §4.3), which the ceremony needs to finish.
 */
export async function verifyShares(
  session: TrusteeSession,
  waitSeconds = 0,
  onWaiting?: (missing: string) => void,
): Promise<VerifySharesOutcome> {
  const { client, election, trustee, secrets } = session;
  const { count: n } = election.definition.trustees;
  const context = ceremonyContext(election.fingerprint);
  await waitFor(
    async () => {
      const c = await fetchCeremony(client, election.id);
      const missing = trusteeRange(n).filter((x) => !c.commitments.has(x) || !c.shares.has(x));
      return missing.length === 0
        ? { ready: true, value: c }
        : { ready: false, missing: `no commitment or shares yet from trustee(s) ${missing.join(', ')}` };
    },
    waitSeconds,
    onWaiting,
  );
  let board = await readVerifiedBoard(client, election);
  // The protocol's qualification algorithm (spec §4.3) decides which boxes are valid: a box without a valid proof
  // of its ephemeral secret, or from a dealer whose commitments or box set are invalid, disqualifies its dealer on
  // its own and is never complained about — a complaint reveals y·E, which is safe only for a box whose dealer
  // has proven it knows log E (spec §2.11); otherwise the reveal could open another dealer's box.
  const outcome = qualifyDealers(election.fingerprint, election.definition.trustees, ceremonyEventsOf(board));
  if (outcome.keys.get(trustee)?.equals(publicKeyOf(secrets.secretKey)) !== true) {
    throw new CliError(`the board holds no valid key of this key file for trustee ${trustee}: stop and tell the commission`);
  }
  const received: Record<string, Scalar> = {
    [trustee]: evaluatePolynomial({ coefficients: secrets.polynomial }, trustee),
  };
  const checks: ShareCheck[] = [];
  const bad: { dealer: number; reason: string; box: EncryptedShare | undefined }[] = [];
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
        const answer = await client.post<{ verdict: string }>(
          `/api/elections/${election.id}/trustees/${trustee}/complaint`,
          signed(session, 'trustee-complaint', {
            dealer,
            sharedPoint: z.encode(PointHex, complaint.sharedPoint),
            proof: z.encode(ChaumPedersenProofWire, complaint.proof),
          }),
          { what: `complaining about trustee ${dealer}` },
        );
        verdict = answer.verdict;
        complained = true;
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        verdict = `the complaint was refused: ${error.message}`;
      }
    }
    checks.push({ dealer, ok: false, reason, ...(verdict ? { verdict } : {}) });
  }
  checks.sort((a, b) => a.dealer - b.dealer);
  const kept = { ...secrets, received, complainedAbout: [...complainedAbout].sort((a, b) => a - b) };
  // The acknowledgement covers this trustee's own complaints: read the board again after posting them.
  if (complained) board = await readVerifiedBoard(client, election);
  try {
    await client.post(
      `/api/elections/${election.id}/trustees/${trustee}/acknowledgement`,
      signed(session, 'trustee-acknowledgement', { treeSize: board.treeSize, rootHash: board.rootHash }),
      { what: 'acknowledging the ceremony' },
    );
    return { checks, secrets: kept, acknowledged: { treeSize: board.treeSize } };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { checks, secrets: kept, acknowledged: { refused: error.message } };
  }
}

/** s_x = Σ over the qualified dealers of the shares received from them; fails if one of them is missing. */
export function secretShareOver(secrets: TrusteeSecrets, qualified: readonly number[]): Scalar {
  const missing = qualified.filter((d) => secrets.received[String(d)] === undefined);
  if (missing.length > 0) {
    throw new CliError(
      `this key file holds no verified share from qualified dealer(s) ${missing.join(', ')}; run "saylau trustee verify-shares" first`,
    );
  }
  return combineReceivedShares(qualified.map((d) => secrets.received[String(d)] as Scalar));
}
