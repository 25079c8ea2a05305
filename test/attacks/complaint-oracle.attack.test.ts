// Attack: the key ceremony's complaint as a decryption oracle.
// Known from: Saylau's red-team review (2026, issue "Security: close the key-ceremony key recovery"). A complaint
// publishes S = y_x·E for whatever ephemeral point E sits in a box; a dishonest dealer who puts a·E′ (E′ from an
// honest dealer's box to x) into her own box, filled with garbage, gets y_x·a·E′ published by x's automatic
// complaint, divides by a and opens the honest box — t such shares rebuild the election secret. (The general lesson:
// in Pedersen/GJKR key generation a complaint must reveal only the disputed share — Gennaro, Jarecki, Krawczyk,
// Rabin, J. Cryptology 20(1), 2007.)
// What stops it (spec §2.11, §4.3): every box carries a Schnorr proof of knowledge of its ephemeral secret, bound to
// the dealer, the recipient and its key, the nonce, the sealed bytes and the dealer's commitments. The server refuses
// a box without one (BAD_SHARE_PROOF), the trustee's client never complains about one, and the verifier fails a
// record that holds one (trustees.shares) or a complaint about one (trustees.complaints, UNJUDGEABLE_COMPLAINT).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ServerError } from '../../apps/cli/src/cli/client.ts';
import { fetchElection } from '../../apps/cli/src/cli/options.ts';
import { type RunningServer, startServer } from '../../apps/cli/src/cli/serve.ts';
import { startCeremony } from '../../apps/cli/src/commands/ceremony.ts';
import { enrollKey, newTrusteeSecrets, type TrusteeSession, verifyShares } from '../../apps/cli/src/trustee/ceremony.ts';
import { fetchCeremony } from '../../apps/cli/src/trustee/ceremony-state.ts';
import { REPO, saylauInProcess, tempDir } from '../../apps/cli/test/helpers.ts';
import { verifyRecord } from '../../apps/verifier/src/index.ts';
import {
  bytesToHex,
  commitPolynomial,
  decodePoint,
  type EncryptedShare,
  encodePoint,
  encodeScalar,
  encryptShare,
  evaluatePolynomial,
  hexToBytes,
  makeComplaint,
  mod,
  mulSecret,
  ORDER,
  openWithSharedPoint,
  type Point,
  polynomialCommitments,
  randomBytes,
  randomNonZeroScalar,
  sealShareBytes,
} from '../../packages/crypto/src/index.ts';
import {
  type BoardEventJson,
  boxOf,
  buildRecordFiles,
  ceremonyContext,
  EncryptedShareWire,
  type EventJsonOf,
  type SignedTreeHeadJson,
  signTrusteeRequest,
  type TrusteeStatementType,
} from '../../packages/protocol/src/index.ts';
import { nodeSha256 } from '../../packages/protocol/src/node.ts';
import { expectCaught, ofType, resignAsTrustee, tamper } from '../tamper/harness.ts';

const hex = (p: Point) => bytesToHex(encodePoint(p));
/** a⁻¹ mod ℓ by Fermat: the attacker's division by a. */
function invert(a: bigint): bigint {
  let result = 1n;
  let base = a;
  for (let e = ORDER - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * base);
    base = mod(base * base);
  }
  return result;
}
const boxJson = (box: EncryptedShare) => ({
  recipient: box.recipient,
  ephemeral: hex(box.ephemeral),
  nonce: bytesToHex(box.nonce),
  sealed: bytesToHex(box.sealed),
  proof: { commitment: hex(box.proof.commitment), response: bytesToHex(encodeScalar(box.proof.response)) },
});

describe('complaint oracle against the real server and the trustees’ client', () => {
  const ADMIN = 'attack-complaint-oracle-admin-token-01';
  const ELECTION = 'aral-2026-budget';
  let server: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startServer({ db: join(tempDir(), 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
    env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: ELECTION };
    const defined = await saylauInProcess(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')], env);
    if (defined.code !== 0) throw new Error(defined.stderr);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the cheating dealer learns nothing, is named, and the record verifies', async () => {
    const admin = new ApiClient(server.url, ADMIN);
    const names = ['Alice', 'Bolat', 'Chen'];
    const { enrollment } = await startCeremony(admin, ELECTION, names);
    const election = await fetchElection(admin, ELECTION);
    const sessions: TrusteeSession[] = [];
    for (const { trustee, token } of enrollment) {
      const session = { client: new ApiClient(server.url), election, trustee, secrets: newTrusteeSecrets(2) };
      await enrollKey(session, token, names[trustee - 1] as string);
      sessions.push(session);
    }
    const [alice, bolat, chen] = sessions as [TrusteeSession, TrusteeSession, TrusteeSession];
    const { deal } = await import('../../apps/cli/src/trustee/ceremony.ts');
    await deal(alice);
    await deal(bolat);

    // Chen (trustee 3, the attacker) commits honestly …
    const fp = election.fingerprint;
    const context = ceremonyContext(fp);
    const polynomial = { coefficients: chen.secrets.polynomial };
    const commitment = commitPolynomial(3, polynomial, context);
    const sign = (type: TrusteeStatementType, body: Record<string, unknown>) =>
      signTrusteeRequest(chen.secrets.secretKey, fp, 3, type, body);
    await chen.client.post(
      `/api/elections/${ELECTION}/trustees/3/commitment`,
      sign('trustee-commitment', {
        commitments: commitment.commitments.map(hex),
        proofs: commitment.proofs.map((p) => ({ commitment: hex(p.commitment), response: bytesToHex(encodeScalar(p.response)) })),
      }),
    );
    const ceremony = await fetchCeremony(admin, ELECTION);
    const keyOf = (x: number) => decodePoint(hexToBytes(ceremony.keys.get(x)?.publicKey as string));
    const aliceToBolat = boxOf(1, EncryptedShareWire.parse(ceremony.shares.get(1)?.shares.find((s) => s.recipient === 2)));
    const honestToAlice = encryptShare(evaluatePolynomial(polynomial, 1), 3, 1, keyOf(1), commitment.commitments, context);

    // … then puts a·E′ into her box to Bolat, where E′ is Alice's ephemeral key in Alice's box to Bolat.
    const a = randomNonZeroScalar();
    const forged = (proof: EncryptedShare['proof']): EncryptedShare => ({
      dealer: 3,
      recipient: 2,
      ephemeral: mulSecret(aliceToBolat.ephemeral, a),
      nonce: randomBytes(24),
      sealed: randomBytes(48),
      proof,
    });
    const tries = [
      forged(aliceToBolat.proof), // Alice's proof, moved
      forged(sealShareBytes(randomBytes(32), 3, 2, keyOf(2), commitment.commitments, context).proof), // a proof for another E
    ];
    for (const box of tries) {
      const refused = await chen.client
        .post(
          `/api/elections/${ELECTION}/trustees/3/shares`,
          sign('trustee-shares', { shares: [boxJson(honestToAlice), boxJson(box)] }),
        )
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(ServerError);
      expect((refused as ServerError).error.code).toBe('BAD_SHARE_PROOF');
    }

    // The only box Chen can post is one whose ephemeral secret she knows: garbage inside, but a valid proof.
    const garbageToBolat = sealShareBytes(randomBytes(32), 3, 2, keyOf(2), commitment.commitments, context);
    await chen.client.post(
      `/api/elections/${ELECTION}/trustees/3/shares`,
      sign('trustee-shares', { shares: [boxJson(honestToAlice), boxJson(garbageToBolat)] }),
    );
    const aliceChecks = await verifyShares(alice);
    expect(aliceChecks.checks.every((c) => c.ok)).toBe(true);
    const bolatChecks = await verifyShares(bolat);
    expect(bolatChecks.checks.find((c) => c.dealer === 3)).toMatchObject({ ok: false, verdict: 'dealer-at-fault' });
    // Bolat's complaint came after Alice's acknowledgement: she checks the ceremony as it now stands, again
    expect((await verifyShares(alice)).acknowledged).toHaveProperty('treeSize');

    // Everything the board now reveals opens no honest box: not as published, not divided by a.
    const after = await fetchCeremony(admin, ELECTION);
    expect(after.complaints).toHaveLength(1);
    const revealed = after.complaints.map((c) => decodePoint(hexToBytes(c.sharedPoint)));
    const candidates = revealed.flatMap((s) => [s, mulSecret(s, invert(a))]);
    for (const dealer of [1, 2]) {
      for (const wire of after.shares.get(dealer)?.shares ?? []) {
        if (wire.recipient === 3) continue; // the attacker's own box from an honest dealer: hers anyway
        const box = boxOf(dealer, EncryptedShareWire.parse(wire));
        for (const s of candidates) expect(openWithSharedPoint(box, s, keyOf(box.recipient), context)).toBeNull();
      }
    }

    // The ceremony finishes without her, and says why.
    const finished = await saylauInProcess(['ceremony', 'finish'], env);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('qualified dealers: 1 (Alice), 2 (Bolat)');
    expect(finished.stdout).toContain('DISQUALIFIED dealer: trustee 3 (Chen): trustee 2’s complaint showed its share is bad');

    // The board of this ceremony, as a record (the election stops at "ready"), verifies: every check that ran passed.
    const board = await admin.get<{ events: BoardEventJson[] }>(`/api/elections/${ELECTION}/board`);
    const heads = await admin.get<{ treeHeads: SignedTreeHeadJson[] }>(`/api/elections/${ELECTION}/tree-heads`);
    const files = buildRecordFiles(board.events, heads.treeHeads, new Date().toISOString(), { sha256: nodeSha256 });
    const report = await verifyRecord(files, { workers: 0 });
    expect(report.readable).toBe(true);
    if (!report.readable) return;
    expect(report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'trustees.shares')?.checked).toBe(3);
    expect(report.checks.find((c) => c.id === 'trustees.complaints')?.checked).toBe(1);
  });
});

describe('a record of the old attack', () => {
  it('opens the honest box when no proof is required — and the verifier rejects it by name', async () => {
    let stolen: bigint | null = null;
    let expected: bigint | null = null;
    const files = tamper(
      (board, sim) => {
        const fp = sim.fingerprint;
        const context = ceremonyContext(fp);
        const [t1, t2, t3] = sim.secrets.trustees as [
          (typeof sim.secrets.trustees)[0],
          (typeof sim.secrets.trustees)[0],
          (typeof sim.secrets.trustees)[0],
        ];
        const shares = ofType(board, 'trustee-shares');
        const honestWire = shares.find((e) => e.trustee === 1)?.shares.find((s) => s.recipient === 2);
        const honest = boxOf(1, EncryptedShareWire.parse(honestWire));
        // Trustee 3's box to trustee 2 now carries a·E′ and Alice's proof; garbage inside.
        const a = randomNonZeroScalar();
        const forged: EncryptedShare = {
          dealer: 3,
          recipient: 2,
          ephemeral: mulSecret(honest.ephemeral, a),
          nonce: randomBytes(24),
          sealed: randomBytes(48),
          proof: honest.proof,
        };
        const own = shares.find((e) => e.trustee === 3);
        if (!own) throw new Error('no shares of trustee 3');
        own.shares[own.shares.findIndex((s) => s.recipient === 2)] = boxJson(forged);
        // Trustee 2's automatic complaint reveals y_2·a·E′ …
        const complaint = makeComplaint(forged, t2.secretKey, context);
        const at = board.events.indexOf(shares.at(-1) as (typeof board.events)[number]);
        const event = {
          seq: 0,
          time: (board.events[at] as { time: string }).time,
          type: 'trustee-complaint',
          trustee: 2,
          dealer: 3,
          sharedPoint: hex(complaint.sharedPoint),
          proof: {
            commitment1: hex(complaint.proof.commitment1),
            commitment2: hex(complaint.proof.commitment2),
            response: bytesToHex(encodeScalar(complaint.proof.response)),
          },
        } as EventJsonOf<'trustee-complaint'>;
        // the attacker signs her own doctored shares; trustee 2's client signed its complaint
        resignAsTrustee(own, sim);
        resignAsTrustee(event, sim);
        board.events.splice(at + 1, 0, event);
        // … which, divided by a, opens trustee 1's box to trustee 2: the attack is real without the proof.
        stolen = openWithSharedPoint(honest, mulSecret(complaint.sharedPoint, invert(a)), t2.publicKey, context);
        expected = evaluatePolynomial(t1.polynomial, 2);
        expect(polynomialCommitments(t3.polynomial)).toHaveLength(2);
      },
      { renumber: true, resign: true },
    );
    expect(stolen).not.toBeNull();
    expect(stolen).toBe(expected);
    const report = await expectCaught(files, 'trustees.shares');
    const codes = (id: string) => report.checks.find((c) => c.id === id)?.failures.map((f) => f.code) ?? [];
    expect(codes('trustees.shares')).toContain('BAD_SHARE_PROOF');
    expect(codes('trustees.complaints')).toContain('UNJUDGEABLE_COMPLAINT');
  });
});
