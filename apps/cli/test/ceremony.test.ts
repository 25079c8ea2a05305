// The key ceremony when a dealer cheats: trustee 3 deals trustee 1 a share that does not match its commitments.
// Trustee 1's verify-shares finds it and complains; the server upholds the complaint; "ceremony finish" leaves
// trustee 3 out of the joint key and names it; the honest trustees' shares still decrypt with the reduced set.
import { join } from 'node:path';
import {
  bytesToHex,
  commitPolynomial,
  encryptShare,
  evaluatePolynomial,
  mod,
  publicKeyOf,
  verificationKey,
} from '@saylau/crypto';
import {
  ceremonyContext,
  EncryptedShareWire,
  PointHex,
  SchnorrProofWire,
  signTrusteeRequest,
  type TrusteeStatementType,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClient } from '../src/cli/client.ts';
import { fetchElection } from '../src/cli/options.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { startCeremony } from '../src/commands/ceremony.ts';
import {
  deal,
  enrollKey,
  newTrusteeSecrets,
  secretShareOver,
  type TrusteeSession,
  verifyShares,
} from '../src/trustee/ceremony.ts';
import { fetchCeremony } from '../src/trustee/ceremony-state.ts';
import { REPO, saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-ceremony-admin-token-0123456789';
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer({ db: join(tempDir(), 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
  env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: 'aral-2026-budget' };
  const defined = await saylauInProcess(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')], env);
  if (defined.code !== 0) throw new Error(defined.stderr);
});
afterAll(async () => {
  await server?.close();
});

describe('a cheating dealer', () => {
  it('is caught by the recipient, complained about, and named when the ceremony finishes', async () => {
    const admin = new ApiClient(server.url, ADMIN);
    const { enrollment } = await startCeremony(admin, 'aral-2026-budget', ['Alice', 'Bolat', 'Chen']);
    const election = await fetchElection(admin, 'aral-2026-budget');
    const sessions: TrusteeSession[] = [];
    for (const { trustee, token } of enrollment) {
      const session = { client: new ApiClient(server.url), election, trustee, secrets: newTrusteeSecrets(2) };
      await enrollKey(session, token, ['Alice', 'Bolat', 'Chen'][trustee - 1] as string);
      sessions.push(session);
    }
    const [alice, bolat, chen] = sessions as [TrusteeSession, TrusteeSession, TrusteeSession];
    await deal(alice);
    await deal(bolat);

    // Chen commits honestly but sends Alice f(1) + 1.
    const fp = election.fingerprint;
    const context = ceremonyContext(fp);
    const polynomial = { coefficients: chen.secrets.polynomial };
    const commitment = commitPolynomial(3, polynomial, context);
    const sign = (type: TrusteeStatementType, body: Record<string, unknown>) =>
      signTrusteeRequest(chen.secrets.secretKey, fp, 3, type, body);
    await chen.client.post(
      `/api/elections/${election.id}/trustees/3/commitment`,
      sign('trustee-commitment', {
        commitments: commitment.commitments.map((c) => z.encode(PointHex, c)),
        proofs: commitment.proofs.map((p) => z.encode(SchnorrProofWire, p)),
      }),
    );
    const ceremony = await fetchCeremony(admin, election.id);
    const keyOf = (x: number) => PointHex.parse(ceremony.keys.get(x)?.publicKey);
    const shares = [1, 2].map((recipient) => {
      const value = evaluatePolynomial(polynomial, recipient);
      const value1 = recipient === 1 ? mod(value + 1n) : value;
      const box = encryptShare(value1, 3, recipient, keyOf(recipient), commitment.commitments, context);
      return z.encode(EncryptedShareWire, {
        recipient,
        ephemeral: box.ephemeral,
        nonce: bytesToHex(box.nonce),
        sealed: bytesToHex(box.sealed),
        proof: box.proof,
      });
    });
    await chen.client.post(`/api/elections/${election.id}/trustees/3/shares`, sign('trustee-shares', { shares }));

    const aliceChecks = await verifyShares(alice);
    expect(aliceChecks.checks).toEqual([
      { dealer: 2, ok: true },
      { dealer: 3, ok: false, reason: "the share does not match the dealer's commitments", verdict: 'dealer-at-fault' },
    ]);
    const bolatChecks = await verifyShares(bolat);
    expect(bolatChecks.checks.every((c) => c.ok)).toBe(true);

    const finished = await saylauInProcess(['ceremony', 'finish'], env);
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('qualified dealers: 1 (Alice), 2 (Bolat)');
    expect(finished.stdout).toContain('DISQUALIFIED dealer: trustee 3 (Chen): trustee 1’s complaint showed its share is bad');

    // The honest trustees' shares over the qualified dealers match their verification keys on the board.
    const after = await fetchCeremony(admin, election.id);
    const dealers = [1, 2].map((d) => ({
      dealer: d,
      commitments: (after.commitments.get(d)?.commitments ?? []).map((h) => PointHex.parse(h)),
      proofs: [],
    }));
    for (const [x, secrets] of [
      [1, aliceChecks.secrets],
      [2, bolatChecks.secrets],
    ] as const) {
      expect(publicKeyOf(secretShareOver(secrets, [1, 2])).equals(verificationKey(dealers, x))).toBe(true);
    }
  });
});
