// The key ceremony over the trustee endpoints: enrollment tokens, key proofs, signed requests, commitments,
// encrypted shares, complaints judged by the server, and finishing with the qualified dealers' joint key.
import {
  bytesToHex,
  commitPolynomial,
  encryptShare,
  evaluatePolynomial,
  generateKeyPair,
  jointPublicKey,
  makeComplaint,
  mod,
  polynomialCommitments,
  proveSchnorr,
  randomPolynomial,
} from '@saylau/crypto';
import {
  ChaumPedersenProofWire,
  ceremonyContext,
  type ElectionDefinition,
  EncryptedShareWire,
  fingerprintBytes,
  PointHex,
  SchnorrProofWire,
  signTrusteeRequest,
  trusteeKeyContext,
} from '@saylau/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  acknowledgeAll,
  admin,
  dealShares,
  expectStatus,
  loadDraft,
  startServer,
  type TestServer,
  type Trustee,
} from './helpers.ts';

let t: TestServer;
let definition: ElectionDefinition;
let eid: string;
let fp: Uint8Array;
let tokens: string[];

beforeEach(async () => {
  t = await startServer();
  definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201).json.definition;
  eid = definition.id;
  fp = fingerprintBytes(definition);
  const started = expectStatus(
    await t.request('POST', `/api/elections/${eid}/ceremony`, {
      ...admin,
      body: { trustees: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] },
    }),
    200,
  );
  tokens = started.json.enrollment.map((e: { token: string }) => e.token);
});
afterEach(async () => {
  await t.close();
});

const path = (n: number, what: string) => `/api/elections/${eid}/trustees/${n}/${what}`;

async function enroll(n: number): Promise<Trustee> {
  const key = generateKeyPair();
  expectStatus(
    await t.request('POST', path(n, 'key'), {
      body: {
        token: tokens[n - 1],
        name: `Trustee ${n}`,
        publicKey: z.encode(PointHex, key.publicKey),
        proof: z.encode(SchnorrProofWire, proveSchnorr(key.secretKey, trusteeKeyContext(fp, n))),
      },
    }),
    200,
  );
  return { index: n, key, polynomial: randomPolynomial(definition.trustees.threshold) };
}

function commitmentBody(tr: Trustee) {
  const c = commitPolynomial(tr.index, tr.polynomial, ceremonyContext(fp));
  return signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'trustee-commitment', {
    commitments: c.commitments.map((p) => z.encode(PointHex, p)),
    proofs: c.proofs.map((p) => z.encode(SchnorrProofWire, p)),
  });
}

async function commit(tr: Trustee) {
  expectStatus(await t.request('POST', path(tr.index, 'commitment'), { body: commitmentBody(tr) }), 200);
}

async function deal(tr: Trustee, all: Trustee[], shares = dealShares(fp, tr, all)) {
  return t.request('POST', path(tr.index, 'shares'), {
    body: signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'trustee-shares', { shares }),
  });
}

describe('trustee keys', () => {
  it('enrolls a key with its proof once; the token is single-use and checked', async () => {
    await enroll(1);
    const key = generateKeyPair();
    const body = (n: number, token: string) => ({
      token,
      name: 'X',
      publicKey: z.encode(PointHex, key.publicKey),
      proof: z.encode(SchnorrProofWire, proveSchnorr(key.secretKey, trusteeKeyContext(fp, n))),
    });
    const reused = await t.request('POST', path(1, 'key'), { body: body(1, tokens[0] as string) });
    expect([reused.status, reused.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const wrongToken = await t.request('POST', path(2, 'key'), { body: body(2, tokens[2] as string) });
    expect([wrongToken.status, wrongToken.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // a proof made for trustee 3 does not count for trustee 2
    const wrongProof = await t.request('POST', path(2, 'key'), { body: body(3, tokens[1] as string) });
    expect([wrongProof.status, wrongProof.json.error.code]).toEqual([422, 'BAD_KEY_PROOF']);
    const unknown = await t.request('POST', path(7, 'key'), { body: body(7, tokens[0] as string) });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const badIndex = await t.request('POST', path(0, 'key'), { body: body(1, tokens[0] as string) });
    expect([badIndex.status, badIndex.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('commitments and shares', () => {
  it('needs the trustee’s own signature (401 BAD_TRUSTEE_SIGNATURE), t commitments (422 BAD_COMMITMENT), once', async () => {
    const [a, b] = [await enroll(1), await enroll(2)];
    const forged = { ...commitmentBody(b), signature: commitmentBody(a).signature };
    const unsigned = await t.request('POST', path(2, 'commitment'), { body: forged });
    expect([unsigned.status, unsigned.json.error.code]).toEqual([401, 'BAD_TRUSTEE_SIGNATURE']);
    const notEnrolled = await t.request('POST', path(3, 'commitment'), { body: commitmentBody({ ...a, index: 3 }) });
    expect([notEnrolled.status, notEnrolled.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const short = await t.request('POST', path(1, 'commitment'), {
      body: commitmentBody({ ...a, polynomial: randomPolynomial(definition.trustees.threshold + 1) }),
    });
    expect([short.status, short.json.error.code]).toEqual([422, 'BAD_COMMITMENT']);
    await commit(a);
    const twice = await t.request('POST', path(1, 'commitment'), { body: commitmentBody(a) });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('takes shares only once every key is in, one per other trustee', async () => {
    const a = await enroll(1);
    const b = await enroll(2);
    await commit(a);
    const early = await deal(a, [a, b]);
    expect([early.status, early.json.error.code]).toEqual([409, 'CEREMONY_INCOMPLETE']);
    const c = await enroll(3);
    const all = [a, b, c];
    const missing = await deal(a, all, dealShares(fp, a, all).slice(0, 1));
    expect([missing.status, missing.json.error.code]).toEqual([422, 'BAD_SHARES']);
    const self = dealShares(fp, a, all);
    const toSelf = await deal(a, all, [self[0], { ...self[1]!, recipient: 1 }] as never);
    expect([toSelf.status, toSelf.json.error.code]).toEqual([422, 'BAD_SHARES']);
    const noCommitment = await deal(b, all);
    expect([noCommitment.status, noCommitment.json.error.code]).toEqual([409, 'CEREMONY_INCOMPLETE']);
    expectStatus(await deal(a, all), 200);
    const again = await deal(a, all);
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
  });
});

describe('complaints and finishing', () => {
  async function ceremonyWithBadDealers(bad: number[]) {
    const all = [await enroll(1), await enroll(2), await enroll(3)];
    for (const tr of all) await commit(tr);
    for (const tr of all) {
      const shares = dealShares(fp, tr, all).map((s) => {
        if (!bad.includes(tr.index)) return s;
        // a bad dealer sends recipient r the share f(r) + 1, which fails the Feldman check
        const r = all.find((x) => x.index === s.recipient) as Trustee;
        const box = encryptShare(
          mod(evaluatePolynomial(tr.polynomial, r.index) + 1n),
          tr.index,
          r.index,
          r.key.publicKey,
          polynomialCommitments(tr.polynomial),
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
      expectStatus(await deal(tr, all, shares), 200);
    }
    return all;
  }

  async function complain(recipient: Trustee, dealer: number, tamper = false, claimedDealer = dealer) {
    const ceremony = expectStatus(await t.request('GET', `/api/elections/${eid}/ceremony`), 200).json;
    const boxJson = ceremony.shares
      .find((s: { trustee: number }) => s.trustee === dealer)
      .shares.find((s: { recipient: number }) => s.recipient === recipient.index);
    const box = {
      ...EncryptedShareWire.parse(boxJson),
      dealer,
      nonce: Buffer.from(boxJson.nonce, 'hex'),
      sealed: Buffer.from(boxJson.sealed, 'hex'),
    };
    const complaint = makeComplaint(box, recipient.key.secretKey, ceremonyContext(fp));
    const proof = z.encode(ChaumPedersenProofWire, complaint.proof);
    if (tamper) proof.response = `${proof.commitment1.slice(0, 62)}00`;
    return t.request('POST', path(recipient.index, 'complaint'), {
      body: signTrusteeRequest(recipient.key.secretKey, fp, recipient.index, 'trustee-complaint', {
        dealer: claimedDealer,
        sharedPoint: z.encode(PointHex, complaint.sharedPoint),
        proof,
      }),
    });
  }

  it('refuses to finish before every trustee has sent key, commitment and shares', async () => {
    await enroll(1);
    const early = await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} });
    expect([early.status, early.json.error.code]).toEqual([409, 'CEREMONY_INCOMPLETE']);
  });

  it('publishes an unfounded complaint, refuses an unproven one, keeps the honest dealer and leaves the false accuser out', async () => {
    const all = await ceremonyWithBadDealers([]);
    const invalid = await complain(all[0]!, 2, true);
    expect([invalid.status, invalid.json.error.code]).toEqual([422, 'BAD_COMPLAINT']);
    const unfounded = expectStatus(await complain(all[0]!, 2), 200);
    expect(unfounded.json).toEqual({ verdict: 'complaint-unfounded' });
    const twice = await complain(all[0]!, 2);
    expect([twice.status, twice.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const self = await complain(all[0]!, 2, false, 1);
    expect([self.status, self.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const early = await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} });
    expect([early.status, early.json.error.code]).toEqual([409, 'CEREMONY_INCOMPLETE']);
    await acknowledgeAll(t, eid, fp, all.slice(1)); // trustee 1 is out for its false complaint: its word is not needed
    const finished = expectStatus(await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} }), 200);
    // spec §4.3 step 4: an unfounded complaint disqualifies the complainant as a dealer, never the dealer
    expect(finished.json.qualified).toEqual([2, 3]);
    expect(finished.json.disqualified).toEqual({ 1: 'its complaint against dealer 2 was unfounded (the share is good)' });
  });

  it('leaves a dealer found at fault out of the joint key', async () => {
    const all = await ceremonyWithBadDealers([3]);
    expect(expectStatus(await complain(all[0]!, 3), 200).json).toEqual({ verdict: 'dealer-at-fault' });
    await acknowledgeAll(t, eid, fp, all.slice(0, 2));
    const finished = expectStatus(await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} }), 200);
    expect(finished.json.qualified).toEqual([1, 2]);
    const dealers = all.slice(0, 2).map((tr) => commitPolynomial(tr.index, tr.polynomial, ceremonyContext(fp)));
    expect(finished.json.publicKey).toBe(z.encode(PointHex, jointPublicKey(dealers)));
    const info = expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json;
    expect(info).toMatchObject({ state: 'ready', electionKey: finished.json.publicKey });
    const late = await complain(all[1]!, 3);
    expect([late.status, late.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });

  it('refuses to finish when fewer than t dealers qualify (409 NOT_ENOUGH_TRUSTEES)', async () => {
    const all = await ceremonyWithBadDealers([2, 3]);
    expectStatus(await complain(all[0]!, 2), 200);
    expectStatus(await complain(all[0]!, 3), 200);
    await acknowledgeAll(t, eid, fp, all.slice(0, 1));
    const finish = await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} });
    expect([finish.status, finish.json.error.code]).toEqual([409, 'NOT_ENOUGH_TRUSTEES']);
  });

  it('takes an acknowledgement only of this board’s root, signed by the trustee itself', async () => {
    const all = await ceremonyWithBadDealers([]);
    const head = expectStatus(await t.request('GET', `/api/elections/${eid}/tree-head`), 200).json;
    const ack = (tr: Trustee, treeSize: number, rootHash: string, signer = tr) =>
      t.request('POST', path(tr.index, 'acknowledgement'), {
        body: signTrusteeRequest(signer.key.secretKey, fp, tr.index, 'trustee-acknowledgement', { treeSize, rootHash }),
      });
    const forked = await ack(all[0]!, head.treeSize, 'ab'.repeat(32));
    expect([forked.status, forked.json.error.code]).toEqual([422, 'BAD_CONSISTENCY_PROOF']);
    const ahead = await ack(all[0]!, head.treeSize + 5, head.rootHash);
    expect([ahead.status, ahead.json.error.code]).toEqual([422, 'BAD_CONSISTENCY_PROOF']);
    const impostor = await ack(all[0]!, head.treeSize, head.rootHash, all[1]!);
    expect([impostor.status, impostor.json.error.code]).toEqual([401, 'BAD_TRUSTEE_SIGNATURE']);
    const stale = await ack(all[0]!, head.treeSize - 1, head.rootHash);
    expect(stale.status).toBe(422);
    for (const tr of all) expectStatus(await ack(tr, head.treeSize, head.rootHash), 200);
    expectStatus(await t.request('POST', `/api/elections/${eid}/ceremony/finish`, { ...admin, body: {} }), 200);
  });
});
