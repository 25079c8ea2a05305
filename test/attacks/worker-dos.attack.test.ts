// Attack: stop ballot intake with two requests (worker denial of service).
// Known from: Saylau's red-team review (2026); the class is CWE-400 (uncontrolled resource consumption) and the
// "billion laughs"/deep-nesting family of parser attacks (CVE-2013-4547-style JSON depth bombs).
// Attack A: a ~20 KB ballot nested 10,000 lists deep passed the envelope check and threw when it
// was handed to a verification worker, which was never returned to the pool; two of them stopped ballot intake
// for good. Now the shape is refused before anything is queued, ballots cross to workers as text, and a worker
// that fails in any way (exits, throws, hangs) costs no other ballot its answer and the pool no worker.

import { afterEach, describe, expect, it } from 'vitest';
import type { ElectionSpec } from '../../apps/server/src/intake/verifier.ts';
import { WorkerPoolVerifier } from '../../apps/server/src/intake/worker-pool.ts';
import {
  ballotFor,
  expectStatus,
  loadDraft,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import {
  bytesToHex,
  encodePoint,
  generateKeyPair,
  prepareElectionKey,
  publicKeyOf,
  randomNonZeroScalar,
} from '../../packages/crypto/src/index.ts';
import { buildBallot, canonicalJson, fingerprintBytes, parseDefinitionDraft } from '../../packages/protocol/src/index.ts';

const DYING_WORKER = new URL('../../apps/server/test/fixtures/dying-worker.ts', import.meta.url);
const CHOICES: Record<string, Record<string, string[]>> = {
  medeu: { parks: ['yes'], transport: ['tram'] },
  bostandyk: { parks: ['no'], transport: ['metro'], projects: ['library', 'lights'] },
};

/** The red team's ballot: an envelope that passes, `answers` nested `depth` lists deep (2 bytes a level). */
function deepBallotBody(depth: number): string {
  return `{"ballot":{"answers":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function election(options: Parameters<typeof startServer>[0], perDistrict: Record<string, number>) {
  const t = await startServer(options);
  servers.push(t);
  const setup = await openElection(t, perDistrict, undefined, false);
  const cast = async (v: Voter) => {
    const token = await loginVoter(t, setup.eid, v);
    const built = ballotFor(setup.election, v, CHOICES[v.district] as Record<string, string[]>);
    const answer = await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: built.json } });
    return { answer, hash: built.hash };
  };
  return { t, setup, cast };
}

describe('a ballot nested 10,000 lists deep', () => {
  it('is refused 400 JSON_TOO_COMPLEX before it is queued, 20 times at once; an honest ballot then gets its receipt', async () => {
    const pool = new WorkerPoolVerifier(2);
    const { t, setup, cast } = await election({ verifier: pool }, { medeu: 2, bostandyk: 0 });
    const token = await loginVoter(t, setup.eid, setup.voters[0] as Voter);
    const send = (raw: string) =>
      t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, raw, headers: { 'content-type': 'application/json' } });
    const body = deepBallotBody(10_000);
    expect(body.length).toBeGreaterThan(20_000);
    // four waves of five at once: under the old code each wave made its own batch and took a worker with it
    for (let wave = 0; wave < 4; wave++) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => send(body)));
      for (const a of answers) expect([a.status, a.json.error.code]).toEqual([400, 'JSON_TOO_COMPLEX']);
    }
    // so is a list far longer than any a ballot has (answers ≤ 50, selections ≤ 32, branches ≤ 64)
    const wide = await send(`{"ballot":{"answers":[${Array(10_000).fill('1').join(',')}]}}`);
    expect([wide.status, wide.json.error.code]).toEqual([400, 'JSON_TOO_COMPLEX']);

    const honest = await cast(setup.voters[1] as Voter);
    expect(expectStatus(honest.answer, 201).json.ballotHash).toBe(honest.hash);
    expect(pool.size).toBe(2);
  });
});

describe('the worker pool', () => {
  const boardKey = generateKeyPair();
  const electionKey = generateKeyPair();
  const parsed = parseDefinitionDraft(loadDraft(), bytesToHex(encodePoint(boardKey.publicKey)));
  if (!parsed.ok) throw new Error('the fixture definition does not parse');
  const definition = parsed.value;
  const context = {
    definition,
    fingerprint: fingerprintBytes(definition),
    electionKey: prepareElectionKey(electionKey.publicKey),
  };
  const spec: ElectionSpec = {
    fingerprint: bytesToHex(context.fingerprint),
    definition: canonicalJson(definition),
    electionKey: bytesToHex(encodePoint(electionKey.publicKey)),
  };
  const honestItem = () => {
    const secret = randomNonZeroScalar();
    const built = buildBallot(context, { district: 'medeu', choices: CHOICES.medeu as never, credentialSecret: secret });
    if (!built.ok) throw new Error('the ballot does not build');
    return {
      ballot: JSON.stringify(built.value.json),
      credential: bytesToHex(encodePoint(publicKeyOf(secret))),
      district: 'medeu',
    };
  };

  it('takes ballots as text: one nested 100,000 deep is MALFORMED, the rest of its batch verifies, no worker is lost', async () => {
    const pool = new WorkerPoolVerifier(1);
    try {
      const deep = { ballot: `{"answers":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, credential: 'c', district: 'medeu' };
      const outcomes = await pool.verify(spec, [honestItem(), deep, honestItem()]);
      expect(outcomes.map((o) => o.problems[0]?.code ?? 'valid')).toEqual(['valid', 'MALFORMED', 'valid']);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('fails only the job a worker could not do (an error answered), and the worker takes the next one', async () => {
    const pool = new WorkerPoolVerifier(1);
    try {
      const broken: ElectionSpec = { ...spec, definition: '{"not":"a definition"}' };
      await expect(pool.verify(broken, [honestItem()])).rejects.toThrow(/failed in a worker/);
      const [outcome] = await pool.verify(spec, [honestItem()]);
      expect(outcome?.problems).toEqual([]);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('a worker that dies in the middle of a batch', () => {
  for (const mode of ['exit', 'throw', 'hang'] as const) {
    it(`(${mode}) costs no other ballot of the batch its receipt, is replaced, and later ballots are accepted`, async () => {
      const logged: string[] = [];
      // the workers fail on any batch holding a ballot from bostandyk: the one voter there is the poison
      const pool = new WorkerPoolVerifier(2, { entry: DYING_WORKER, data: { district: 'bostandyk', mode }, jobTimeoutMs: 2_000 });
      const { setup, cast } = await election(
        // five submissions at once fill a batch, so all five share one
        { verifier: pool, intake: { batchWindowMs: 1_000, maxBatch: 5 }, log: (message) => logged.push(message) },
        { medeu: 5, bostandyk: 1 },
      );
      const poison = setup.voters.find((v) => v.district === 'bostandyk') as Voter;
      const honest = setup.voters.filter((v) => v.district === 'medeu');
      const [bad, ...good] = await Promise.all([poison, ...honest.slice(0, 4)].map((v) => cast(v)));
      expect([bad?.answer.status, bad?.answer.json.error.code]).toEqual([422, 'UNVERIFIABLE_BALLOT']);
      expect(good).toHaveLength(4);
      for (const r of good) expect(expectStatus(r.answer, 201).json.ballotHash).toBe(r.hash);
      // they shared one batch: one transaction signed one head for all four
      expect(new Set(good.map((r) => r.answer.json.treeHead.treeSize)).size).toBeLessThan(4);
      expect(logged.filter((m) => m.includes('UNVERIFIABLE_BALLOT'))).toHaveLength(1);

      const later = await cast(honest[4] as Voter);
      expect(expectStatus(later.answer, 201).json.ballotHash).toBe(later.hash);
      expect(pool.size).toBe(2);
    }, 60_000);
  }
});
