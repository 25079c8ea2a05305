// The attack suite's shared tools: a deliberately weakened range-proof check (Fiat–Shamir without the statement,
// as Helios had it) with the forgery it lets through, re-signing a ballot with a credential, a server election
// run to publication, and reading a verifier report. The honest record and its tampering come from test/tamper,
// the servers from apps/server/test/helpers.ts, the browser from apps/voter-web/test/harness.ts.
import { expect } from 'vitest';
import {
  type Answer,
  electionContextOf,
  expectStatus,
  type Requester,
  registerVoters,
  runCeremony,
  type Trustee,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import type { CheckId, Failure, Report, UnreadableReport } from '../../apps/verifier/src/index.ts';
import {
  type Ciphertext,
  encodePoint,
  equation,
  equationHolds,
  G,
  hashToScalar,
  IDENTITY,
  mod,
  Point,
  type RangeBranch,
  type RangeProof,
  type RangeStatement,
  randomNonZeroScalar,
  type Scalar,
  sign,
  TAGS,
} from '../../packages/crypto/src/index.ts';
import {
  AggregateEntry,
  type BallotJson,
  computeDecryptionShares,
  type DefinitionDraft,
  decryptionSharePayload,
  type ElectionDefinition,
  type EntryShare,
  fingerprintBytes,
  SignatureWire,
  signatureContext,
  signedMessage,
  signTrusteeRequest,
} from '../../packages/protocol/src/index.ts';

// ---------- weak Fiat–Shamir (Bernhard, Pereira, Warinschi 2012) ----------

type Commitments = Pick<RangeBranch, 'commitmentA' | 'commitmentB'>;

/**
 * The weak challenge: the tag, the fields in `bound` and the commitments — but not G, K, α, β or the range.
 * Helios hashed the commitments alone (`bound` empty); passing the ballot's context keeps voter and election bound
 * and leaves out only the statement.
 */
export function weakChallenge(bound: readonly Uint8Array[], branches: readonly Commitments[]): Scalar {
  const commitments = branches.flatMap((b) => [encodePoint(b.commitmentA), encodePoint(b.commitmentB)]);
  return hashToScalar(TAGS.rangeProof, [...bound, ...commitments]);
}

/** Spec §2.7's verifier with step 2 weakened to `weakChallenge`; steps 1, 3 and 4 are unchanged. */
export function weakVerifyRange(statement: RangeStatement, proof: RangeProof, bound: readonly Uint8Array[]): boolean {
  const { min, max, publicKey, ciphertext } = statement;
  if (proof.branches.length !== max - min + 1) return false;
  if (mod(proof.branches.reduce((acc, b) => acc + b.challenge, 0n)) !== weakChallenge(bound, proof.branches)) return false;
  return proof.branches.every((b, i) => {
    const m = BigInt(min + i);
    return (
      equationHolds(equation([b.response, G], [-b.challenge, ciphertext.alpha], [-1n, b.commitmentA])) &&
      equationHolds(
        equation([b.response, publicKey], [-b.challenge, ciphertext.beta], [b.challenge * m, G], [-1n, b.commitmentB]),
      )
    );
  });
}

/**
 * An honest prover under the weak challenge (Helios's): the OR-proof of spec §2.7 — simulated branches for
 * m ≠ value, the real branch closing the challenge sum — with `weakChallenge` in place of step 2.
 */
export function proveWeakRange(
  statement: RangeStatement,
  value: number,
  randomness: Scalar,
  bound: readonly Uint8Array[],
): RangeProof {
  const { publicKey, min, max } = statement;
  const pending = Array.from({ length: max - min + 1 }, (_, i) => {
    const m = min + i;
    const t = randomNonZeroScalar();
    const challenge = m === value ? 0n : randomNonZeroScalar();
    const offset = mod(challenge * BigInt(m - value));
    const commitmentB = publicKey.multiply(t).add(offset === 0n ? IDENTITY : G.multiply(offset));
    return { commitmentA: G.multiply(t), commitmentB, challenge, t };
  });
  const c = weakChallenge([...bound], pending);
  const real = mod(c - pending.reduce((acc, b) => acc + b.challenge, 0n));
  const branches = pending.map(({ t, ...b }, i) => {
    const challenge = min + i === value ? real : b.challenge;
    return { commitmentA: b.commitmentA, commitmentB: b.commitmentB, challenge, response: mod(t + challenge * randomness) };
  });
  return { branches };
}

export interface WeakForgery {
  readonly ciphertext: Ciphertext;
  readonly proof: RangeProof;
  /** The plaintext the ciphertext holds: fixed by the hash, not by the forger, and almost surely outside the range. */
  readonly value: Scalar;
}

/**
 * The forgery weak Fiat–Shamir allows: commit, hash, and only then choose the statement. Every branch but the last
 * gets challenge 0 and holds for any ciphertext (A = a·G, B = a·K, s = a); the last (m = max) gets the whole
 * challenge c and B = a·K + u·G with u fixed before hashing, so its equations hold exactly when the ciphertext
 * encrypts y = max − u/c. The forger then encrypts y under randomness of its choice. The strong challenge hashes
 * α and β, which are unknown when A and B are fixed, so this order of work is impossible against it.
 */
export function forgeWeakRange(publicKey: Point, min: number, max: number, bound: readonly Uint8Array[]): WeakForgery {
  const width = max - min + 1;
  const nonces = Array.from({ length: width }, () => randomNonZeroScalar());
  const u = randomNonZeroScalar();
  const committed = nonces.map((a, i) => ({
    commitmentA: G.multiply(a),
    commitmentB: publicKey.multiply(a).add(i === width - 1 ? G.multiply(u) : IDENTITY),
  }));
  const c = weakChallenge(bound, committed);
  const value = mod(BigInt(max) - u * Point.Fn.inv(c));
  const x = randomNonZeroScalar();
  const ciphertext = { alpha: G.multiply(x), beta: G.multiply(value).add(publicKey.multiply(x)) };
  const branches = committed.map((b, i) => {
    const challenge = i === width - 1 ? c : 0n;
    return { ...b, challenge, response: mod((nonces[i] as Scalar) + challenge * x) };
  });
  return { ciphertext, proof: { branches }, value };
}

// ---------- ballots ----------

/** Signs a ballot again with a credential's secret (what a voter, or whoever holds the letter, can do). */
export function resignBallot(ballot: BallotJson, secret: Scalar, fingerprint: Uint8Array): BallotJson {
  const { signature: _old, ...unsigned } = ballot;
  const signature = sign(secret, signedMessage(fingerprint, unsigned), signatureContext(fingerprint));
  return { ...unsigned, signature: SignatureWire.encode(signature) };
}

/** POST …/ballots in a voter session. */
export function submitBallot(t: Requester, eid: string, token: string, ballot: unknown): Promise<Answer> {
  return t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot } });
}

/** The number of events on a server's board. */
export async function boardSize(t: Requester, eid: string): Promise<number> {
  return expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json.treeSize as number;
}

// ---------- an election on a server ----------

/** A defined, ceremony-done, registered and open election for voters made elsewhere (openElection makes its own). */
export async function openElectionFor(t: Requester, draft: DefinitionDraft, voters: readonly Voter[]) {
  const created = expectStatus(await t.request('POST', '/api/elections', { token: t.adminToken, body: draft }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const eid = definition.id;
  await registerVoters(t, eid, voters);
  const trustees = await runCeremony(t, eid, definition);
  expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { token: t.adminToken, body: {} }), 200);
  return { eid, definition, trustees, election: await electionContextOf(t, eid) };
}

/** A server whose clock the test moves (spec §4.5: voting closes at the end of its period unless closed early). */
export type ClockedRequester = Requester & { readonly clock: { now: number } };

/** Closes at the end of the voting period (the clock moved there) and processes; answers the aggregate entries, decoded. */
export async function closeAndProcess(t: ClockedRequester, eid: string) {
  const closes = expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json.definition.votingPeriod.closes;
  t.clock.now = Math.max(t.clock.now, Date.parse(closes));
  expectStatus(await t.request('POST', `/api/elections/${eid}/close`, { token: t.adminToken, body: {} }), 200);
  const processed = expectStatus(
    await t.request('POST', `/api/elections/${eid}/process`, { token: t.adminToken, body: {} }),
    200,
  );
  return (processed.json.entries as unknown[]).map((e) => AggregateEntry.parse(e));
}

/** A trustee posts decryption shares (its own honest ones unless `shares` is given), signed with its key. */
export function postDecryption(
  t: Requester,
  eid: string,
  definition: ElectionDefinition,
  trustee: Trustee,
  shares: readonly EntryShare[],
): Promise<Answer> {
  const fp = fingerprintBytes(definition);
  const body = signTrusteeRequest(trustee.key.secretKey, fp, trustee.index, 'decryption-share', {
    shares: decryptionSharePayload(trustee.index, shares).shares,
  });
  return t.request('POST', `/api/elections/${eid}/trustees/${trustee.index}/decryption`, { body });
}

/** Close, process, the first t trustees' honest shares, tally and publish; answers the published record. */
export async function runToPublication(
  t: ClockedRequester,
  eid: string,
  definition: ElectionDefinition,
  trustees: readonly Trustee[],
): Promise<unknown> {
  const entries = await closeAndProcess(t, eid);
  const fingerprint = fingerprintBytes(definition);
  for (const trustee of trustees.slice(0, definition.trustees.threshold)) {
    const shares = computeDecryptionShares({ fingerprint, entries }, trustee.index, trustee.secretShare as Scalar);
    expectStatus(await postDecryption(t, eid, definition, trustee, shares), 200);
  }
  return tallyAndPublish(t, eid);
}

/** Tally and publish; answers the record document the server then serves. */
export async function tallyAndPublish(t: Requester, eid: string): Promise<unknown> {
  expectStatus(await t.request('POST', `/api/elections/${eid}/tally`, { token: t.adminToken, body: {} }), 200);
  expectStatus(await t.request('POST', `/api/elections/${eid}/publish`, { token: t.adminToken, body: {} }), 200);
  return expectStatus(await t.request('GET', `/api/elections/${eid}/record`), 200).json;
}

// ---------- verifier reports ----------

/** The report of a readable record (a test about a check needs one). */
export function readable(report: Report | UnreadableReport): Report {
  if (!report.readable) throw new Error(`the record is unreadable: ${JSON.stringify(report.problems)}`);
  return report;
}

/** The ids of the failed checks. */
export function failedIds(report: Report): CheckId[] {
  return report.checks.filter((c) => c.failed > 0).map((c) => c.id);
}

/** The failures the check recorded (it must have failed). */
export function failuresOf(report: Report, id: CheckId): Failure[] {
  const check = report.checks.find((c) => c.id === id);
  expect(check?.failed, `${id} should have failed`).toBeGreaterThan(0);
  return check?.failures ?? [];
}

// ---------- encodings ----------

/** p = 2^255 − 19, the field of edwards25519 and of ristretto255's encodings. */
export const FIELD_P = (1n << 255n) - 19n;

/** The integer a 32-byte little-endian hex string encodes, whatever its range (the lenient reading). */
export function littleEndian(hex: string): bigint {
  return BigInt(`0x${hex.match(/../g)?.reverse().join('') ?? '0'}`);
}

/**
 * The encoding of −s for a point encoded as s: RFC 9496 §4.3.1 step 2 rejects it as negative (odd), yet s and −s
 * name the same element to a decoder that skipped the check — the sign malleability canonical decoding removes.
 */
export function negatedPointEncoding(hex: string): string {
  const negated = (FIELD_P - littleEndian(hex)) % FIELD_P;
  return negated.toString(16).padStart(64, '0').match(/../g)?.reverse().join('') ?? '';
}

/**
 * The eight points of order dividing 8 on edwards25519, in their RFC 8032 encodings (the list libsodium and
 * "Taming the many EdDSAs" (Chalkias, Garillot, Nikolaenko, SSR 2020) reject as small-order keys): identity, order 2,
 * two of order 4, four of order 8. ristretto255 has no such elements; their bytes must not decode as any.
 */
export const EDWARDS25519_TORSION: readonly { readonly order: number; readonly hex: string }[] = [
  { order: 1, hex: '0100000000000000000000000000000000000000000000000000000000000000' },
  { order: 2, hex: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f' },
  { order: 4, hex: '0000000000000000000000000000000000000000000000000000000000000080' },
  { order: 4, hex: '0000000000000000000000000000000000000000000000000000000000000000' },
  { order: 8, hex: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a' },
  { order: 8, hex: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa' },
  { order: 8, hex: '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05' },
  { order: 8, hex: '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85' },
];
