// The intake's batch verification: one fold for a batch of valid ballots, the bad ones found by halving, the same
// outcomes on the main thread and in worker threads.
import { bytesToHex, encodePoint, generateKeyPair, prepareElectionKey, publicKeyOf, randomNonZeroScalar } from '@saylau/crypto';
import { buildBallot, canonicalJson, fingerprintBytes, parseDefinitionDraft } from '@saylau/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessVerifier } from '../src/intake/verifier.ts';
import { type VerifyItem, verifyBatch } from '../src/intake/verify-batch.ts';
import { WorkerPoolVerifier } from '../src/intake/worker-pool.ts';
import { loadDraft } from './helpers.ts';

const board = generateKeyPair();
const key = generateKeyPair();
const parsed = parseDefinitionDraft(loadDraft(), bytesToHex(encodePoint(board.publicKey)));
if (!parsed.ok) throw new Error('fixture');
const definition = parsed.value;
const election = { definition, fingerprint: fingerprintBytes(definition), electionKey: prepareElectionKey(key.publicKey) };
const spec = {
  fingerprint: bytesToHex(election.fingerprint),
  definition: canonicalJson(definition),
  electionKey: bytesToHex(encodePoint(key.publicKey)),
};

let items: VerifyItem[];

function tamper(item: VerifyItem): VerifyItem {
  const ballot = JSON.parse(item.ballot) as { answers: { sumProof: { branches: { response: string }[] } }[] };
  const branch = ballot.answers[1]!.sumProof.branches[0]!;
  branch.response = branch.response === '01'.repeat(32) ? '02'.repeat(32) : '01'.repeat(32);
  return { ...item, ballot: JSON.stringify(ballot) };
}

beforeAll(() => {
  items = Array.from({ length: 8 }, () => {
    const secret = randomNonZeroScalar();
    const built = buildBallot(election, {
      district: 'medeu',
      choices: { parks: ['no'], transport: ['roads'] },
      credentialSecret: secret,
    });
    if (!built.ok) throw new Error('build');
    return {
      ballot: JSON.stringify(built.value.json),
      credential: bytesToHex(encodePoint(publicKeyOf(secret))),
      district: 'medeu',
    };
  });
});

describe('verifyBatch', () => {
  it('accepts a batch of valid ballots with their hashes and alphas', () => {
    const outcomes = verifyBatch(election, items);
    for (const o of outcomes) {
      expect(o.problems).toEqual([]);
      expect(o.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(o.alphas).toHaveLength(8);
    }
  });

  it('names exactly the bad ballots of a batch, whatever their place', () => {
    const batch = items.map((item, i) => (i === 2 || i === 7 ? tamper(item) : item));
    const outcomes = verifyBatch(election, batch);
    outcomes.forEach((o, i) => {
      if (i === 2 || i === 7) {
        expect(o.problems.map((p) => p.code)).toContain('BAD_SUM_PROOF');
        expect(o.alphas).toEqual([]);
      } else expect(o.problems).toEqual([]);
    });
  });

  it('refuses, without any proof work, a ballot under a credential that is not the voter’s, or of the wrong style', () => {
    const [a, b] = items as [VerifyItem, VerifyItem];
    const outcomes = verifyBatch(election, [
      { ...a, credential: b.credential },
      { ...b, district: 'bostandyk' },
      { ...a, ballot: 'nonsense' },
    ]);
    expect(outcomes.map((o) => o.problems[0]?.code)).toEqual(['UNKNOWN_CREDENTIAL', 'WRONG_STYLE', 'MALFORMED']);
  });
});

describe('verifiers', () => {
  it('worker threads reach the same outcomes as the main thread', async () => {
    const batch = items.map((item, i) => (i === 4 ? tamper(item) : item));
    const inProcess = await new InProcessVerifier().verify(spec, batch);
    const pool = new WorkerPoolVerifier(2);
    try {
      const [first, second] = await Promise.all([pool.verify(spec, batch.slice(0, 4)), pool.verify(spec, batch.slice(4))]);
      expect([...(first ?? []), ...(second ?? [])]).toEqual(inProcess);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
