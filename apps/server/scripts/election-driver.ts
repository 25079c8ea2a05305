// The parties of an election driving a server over its API: the commission, honest trustees (keeping their
// secrets), voters with their codes. Shared by the tests (in-process requests) and the benchmark (real HTTP).
import { readFileSync } from 'node:fs';
import {
  bytesToHex,
  combineReceivedShares,
  commitPolynomial,
  decodePoint,
  deriveCredentialKey,
  encodePoint,
  encryptShare,
  evaluatePolynomial,
  generateCredentialCode,
  generateKeyPair,
  hexToBytes,
  type KeyPair,
  type Point,
  type Polynomial,
  polynomialCommitments,
  prepareElectionKey,
  proveSchnorr,
  publicKeyOf,
  randomNonZeroScalar,
  randomPolynomial,
  type Scalar,
} from '@saylau/crypto';
import {
  buildBallot,
  type Choices,
  ceremonyContext,
  type DefinitionDraft,
  type ElectionContext,
  type ElectionDefinition,
  EncryptedShareWire,
  fingerprintBytes,
  generateLoginCode,
  loginCodeHash,
  PointHex,
  SchnorrProofWire,
  signTrusteeRequest,
  trusteeKeyContext,
} from '@saylau/protocol';
import { z } from 'zod';

export interface RequestOptions {
  readonly body?: unknown;
  /** A raw body string (sent as is). */
  readonly raw?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** The peer address the rate limiter sees (in-process requests only). */
  readonly address?: string;
}

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field
  readonly json: any;
  readonly headers: Headers;
}

/** Someone talking to a server; `adminToken` is the commission's. */
export interface Requester {
  readonly adminToken: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Answer>;
}

/** Headers and body of a request as the options describe it. */
export function requestInit(method: string, options: RequestOptions): RequestInit {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return { method, headers, ...(body !== undefined ? { body } : {}) };
}

export async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the caller sees the text
  }
  return { status: res.status, json, headers: res.headers };
}

/** A Requester over real HTTP. */
export function httpRequester(baseUrl: string, adminToken: string): Requester {
  return {
    adminToken,
    request: async (method, path, options = {}) => answerOf(await fetch(`${baseUrl}${path}`, requestInit(method, options))),
  };
}

export function loadDraft(name = 'city-referendum'): DefinitionDraft {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/definitions/${name}.json`, import.meta.url), 'utf8'));
}

/** Fails with the server's answer when the status is not the expected one. */
export function expectStatus(answer: Answer, status: number): Answer {
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.json).slice(0, 600)}`);
  }
  return answer;
}

// ---------- trustees ----------

export interface Trustee {
  readonly index: number;
  readonly key: KeyPair;
  readonly polynomial: Polynomial;
  /** s_x, once the ceremony is finished. */
  secretShare?: Scalar;
}

/** Runs the whole ceremony over the API with honest trustees; returns them with their secret shares. */
export async function runCeremony(t: Requester, eid: string, definition: ElectionDefinition): Promise<Trustee[]> {
  const fp = fingerprintBytes(definition);
  const { count, threshold } = definition.trustees;
  const started = expectStatus(
    await t.request('POST', `/api/elections/${eid}/ceremony`, {
      token: t.adminToken,
      body: { trustees: Array.from({ length: count }, (_, i) => ({ name: `Trustee ${i + 1}` })) },
    }),
    200,
  );
  const trustees: Trustee[] = [];
  for (const { trustee, token } of started.json.enrollment as { trustee: number; token: string }[]) {
    const key = generateKeyPair();
    const proof = proveSchnorr(key.secretKey, trusteeKeyContext(fp, trustee));
    expectStatus(
      await t.request('POST', `/api/elections/${eid}/trustees/${trustee}/key`, {
        body: {
          token,
          name: `Trustee ${trustee}`,
          publicKey: z.encode(PointHex, key.publicKey),
          proof: z.encode(SchnorrProofWire, proof),
        },
      }),
      200,
    );
    trustees.push({ index: trustee, key, polynomial: randomPolynomial(threshold) });
  }
  for (const tr of trustees) {
    const commitment = commitPolynomial(tr.index, tr.polynomial, ceremonyContext(fp));
    const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'trustee-commitment', {
      commitments: commitment.commitments.map((c) => z.encode(PointHex, c)),
      proofs: commitment.proofs.map((p) => z.encode(SchnorrProofWire, p)),
    });
    expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/commitment`, { body }), 200);
  }
  for (const tr of trustees) {
    const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'trustee-shares', { shares: dealShares(fp, tr, trustees) });
    expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/shares`, { body }), 200);
  }
  await acknowledgeAll(t, eid, fp, trustees);
  expectStatus(await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { token: t.adminToken, body: {} }), 200);
  // s_x = Σ_d f_d(x) over the dealers (all honest here, so all qualified)
  for (const tr of trustees) {
    tr.secretShare = combineReceivedShares(trustees.map((dealer) => evaluatePolynomial(dealer.polynomial, tr.index)));
  }
  return trustees;
}

/** Every trustee signs its acknowledgement of the ceremony as the board now stands (spec §4.3). */
export async function acknowledgeAll(t: Requester, eid: string, fp: Uint8Array, trustees: readonly Trustee[]): Promise<void> {
  const head = expectStatus(await t.request('GET', `/api/elections/${eid}/tree-head`), 200).json as {
    treeSize: number;
    rootHash: string;
  };
  for (const tr of trustees) {
    const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'trustee-acknowledgement', {
      treeSize: head.treeSize,
      rootHash: head.rootHash,
    });
    expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/acknowledgement`, { body }), 200);
  }
}

/** The encrypted shares a dealer posts, as wire JSON. */
export function dealShares(fp: Uint8Array, dealer: Trustee, trustees: readonly Trustee[]) {
  return trustees
    .filter((r) => r.index !== dealer.index)
    .map((r) => {
      const box = encryptShare(
        evaluatePolynomial(dealer.polynomial, r.index),
        dealer.index,
        r.index,
        r.key.publicKey,
        polynomialCommitments(dealer.polynomial),
        ceremonyContext(fp),
      );
      return z.encode(EncryptedShareWire, {
        recipient: r.index,
        ephemeral: box.ephemeral,
        nonce: bytesToHex(box.nonce),
        sealed: bytesToHex(box.sealed),
        proof: box.proof,
      });
    });
}

// ---------- voters ----------

export interface Voter {
  readonly voterId: string;
  readonly district: string;
  readonly loginCode: string;
  readonly credentialCode: string;
  readonly secret: Scalar;
  readonly credential: Point;
  readonly credentialHex: string;
}

/**
 * Voters with credentials derived from their codes with the definition's scrypt parameters, or (derive: false,
 * for the benchmark) random credential keys: the server never sees how a key was made.
 */
export function makeVoters(definition: ElectionDefinition, perDistrict: Record<string, number>, derive = true): Voter[] {
  const voters: Voter[] = [];
  for (const [district, n] of Object.entries(perDistrict)) {
    for (let i = 0; i < n; i++) {
      const credentialCode = generateCredentialCode();
      const secret = derive
        ? deriveCredentialKey(credentialCode, definition.id, definition.credentialKdf)
        : randomNonZeroScalar();
      const credential = publicKeyOf(secret);
      voters.push({
        voterId: `${district}-${i}`,
        district,
        loginCode: generateLoginCode(),
        credentialCode,
        secret,
        credential,
        credentialHex: bytesToHex(encodePoint(credential)),
      });
    }
  }
  return voters;
}

export async function registerVoters(t: Requester, eid: string, voters: readonly Voter[]): Promise<void> {
  expectStatus(
    await t.request('POST', `/api/elections/${eid}/register`, {
      token: t.adminToken,
      body: { voters: voters.map((v) => ({ voterId: v.voterId, district: v.district })) },
    }),
    200,
  );
  expectStatus(
    await t.request('POST', `/api/elections/${eid}/credentials`, {
      token: t.adminToken,
      body: {
        entries: voters.map((v) => ({
          voterId: v.voterId,
          credential: v.credentialHex,
          loginCodeHash: loginCodeHash(v.loginCode),
        })),
      },
    }),
    200,
  );
}

export async function loginVoter(t: Requester, eid: string, voter: Voter): Promise<string> {
  const answer = expectStatus(
    await t.request('POST', `/api/elections/${eid}/sessions`, { body: { voterId: voter.voterId, loginCode: voter.loginCode } }),
    201,
  );
  return answer.json.token as string;
}

/** What a ballot needs from the server: the definition and the joint key (prepared once). */
export async function electionContextOf(t: Requester, eid: string): Promise<ElectionContext> {
  const info = expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json;
  const definition = info.definition as ElectionDefinition;
  return {
    definition,
    fingerprint: fingerprintBytes(definition),
    electionKey: prepareElectionKey(decodePoint(hexToBytes(info.electionKey as string))),
  };
}

export function ballotFor(election: ElectionContext, voter: Voter, choices: Choices, secret: Scalar = voter.secret) {
  const built = buildBallot(election, { district: voter.district, choices, credentialSecret: secret });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.value;
}

/** A defined, ceremony-done, registered and open election: the common starting point of voting tests. */
export async function openElection(
  t: Requester,
  perDistrict: Record<string, number> = { medeu: 4, bostandyk: 4 },
  draft: DefinitionDraft = loadDraft(),
  derive = true,
) {
  const created = expectStatus(await t.request('POST', '/api/elections', { token: t.adminToken, body: draft }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const eid = definition.id;
  const voters = makeVoters(definition, perDistrict, derive);
  await registerVoters(t, eid, voters);
  const trustees = await runCeremony(t, eid, definition);
  expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { token: t.adminToken, body: {} }), 200);
  const election = await electionContextOf(t, eid);
  return { eid, definition, voters, trustees, election };
}
