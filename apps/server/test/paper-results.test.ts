// The commission's paper results over HTTP (spec §4.4.3): entered after close, checked for consistency (counts above
// the ballots, unknown options or districts, a district twice or missing are refused with nothing staged), published
// only when a threshold of members signed them, never replaced, never after publication; with validity judged on
// both kinds of votes the tally waits for them and its verdicts add them to the electronic votes.
import { bytesToHex, encodePoint, generateKeyPair, type KeyPair } from '@saylau/crypto';
import {
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  type ElectionDefinition,
  fingerprintBytes,
  type PaperDistrict,
  signCommissionStatement,
  signTrusteeRequest,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  electionContextOf,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
  type Trustee,
} from './helpers.ts';

const members: { id: string; key: KeyPair }[] = ['aigerim', 'bolat', 'chen'].map((id) => ({ id, key: generateKeyPair() }));
let t: TestServer;
let eid: string;
let definition: ElectionDefinition;
let fp: Uint8Array;
let trustees: Trustee[];

const sign = (member: (typeof members)[number], kind: 'paper-results' | 'paper-voters' | 'decision', statement: unknown) =>
  signCommissionStatement(member.key.secretKey, fp, member.id, kind, statement);

/** Honest paper figures: medeu 3 paper ballots (1 invalid), bostandyk 2; every option of every question of each style. */
function honest(): PaperDistrict[] {
  return definition.districts.map((d) => {
    const style = definition.ballotStyles.find((s) => s.districts.includes(d.id))!;
    const medeu = d.id === 'medeu';
    return {
      district: d.id,
      ballotsIssued: medeu ? 3 : 2,
      ballotsCast: medeu ? 3 : 2,
      invalid: medeu ? 1 : 0,
      questions: style.questions.map((qid) => {
        const q = definition.questions.find((x) => x.id === qid)!;
        return { question: qid, counts: Object.fromEntries(q.options.map((o, i) => [o.id, i === 0 ? 2 : 0])) };
      }),
    };
  });
}

const enter = (districts: unknown, token = admin.token) =>
  t.request('POST', `/api/elections/${eid}/paper-results`, { token, body: { districts } });

beforeAll(async () => {
  t = await startServer();
  const draft = {
    ...loadDraft(),
    validityBasis: 'both' as const,
    commission: {
      members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      threshold: 2,
    },
  };
  definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json
    .definition as ElectionDefinition;
  eid = definition.id;
  fp = fingerprintBytes(definition);
  const voters = makeVoters(definition, { medeu: 4, bostandyk: 4 });
  await registerVoters(t, eid, voters);
  trustees = await runCeremony(t, eid, definition);
  const decision = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
  for (const m of members.slice(0, 2)) {
    await t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, {
      body: sign(m, 'decision', decision.statement),
    });
  }
  expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
  // before close: no paper results
  const early = await enter(honest());
  expect([early.status, early.json.error.code]).toEqual([409, 'WRONG_STATE']);
  const election = await electionContextOf(t, eid);
  for (const v of voters.slice(0, 2)) {
    const token = await loginVoter(t, eid, v);
    const choices = Object.fromEntries(
      definition.ballotStyles
        .find((s) => s.districts.includes(v.district))!
        .questions.map((qid) => {
          const q = definition.questions.find((x) => x.id === qid)!;
          return [qid, q.options.slice(0, Math.max(q.minSelections, 1)).map((o) => o.id)];
        }),
    );
    expectStatus(
      await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: ballotFor(election, v, choices).json } }),
      201,
    );
  }
  expectStatus(await closeAtPeriodEnd(t, eid), 200);
});
afterAll(async () => {
  await t.close();
});

describe('paper results', () => {
  it('refuses figures that cannot be true, with the path and nothing staged', async () => {
    const set = (change: (d: PaperDistrict[]) => void) => (d: PaperDistrict[]) => {
      change(d);
      return d;
    };
    const cases: [string, (d: PaperDistrict[]) => unknown, string][] = [
      [
        'more marks than valid ballots',
        set((d) => {
          d[0]!.questions[0]!.counts.yes = 3;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      [
        'more cast than issued',
        set((d) => {
          d[1]!.ballotsCast = 5;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      [
        'more invalid than cast',
        set((d) => {
          d[1]!.invalid = 3;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      [
        'more issued than registered',
        set((d) => {
          d[1]!.ballotsIssued = 5;
          d[1]!.ballotsCast = 5;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      [
        'an unknown option',
        set((d) => {
          d[0]!.questions[0]!.counts.maybe = 0;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      [
        'a missing option',
        set((d) => {
          delete d[0]!.questions[0]!.counts.no;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
      ['an unknown district', (d) => [...d, { ...d[0]!, district: 'nowhere' }], 'UNKNOWN_DISTRICT'],
      ['a district twice', (d) => [...d, d[0]!], 'PAPER_RESULTS_INCONSISTENT'],
      ['a district missing', (d) => d.slice(1), 'PAPER_RESULTS_INCONSISTENT'],
      [
        'questions of another style',
        set((d) => {
          d[0]!.questions = d[1]!.questions;
        }),
        'PAPER_RESULTS_INCONSISTENT',
      ],
    ];
    for (const [what, change, code] of cases) {
      const answer = await enter(change(honest()));
      expect([answer.status, answer.json.error.code], what).toEqual([422, code]);
      expect(answer.json.error.problems.length, what).toBeGreaterThan(0);
    }
    const negative = await enter(honest().map((d) => ({ ...d, invalid: -1 })));
    expect([negative.status, negative.json.error.code]).toEqual([400, 'MALFORMED']);
    const stranger = await enter(honest(), 'not-the-admin-token-at-all');
    expect(stranger.status).toBe(401);
    const none = await t.request('GET', `/api/elections/${eid}/commission/paper-results`);
    expect([none.status, none.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('are published at the threshold, judged into the tally, and never replaced or added after publication', async () => {
    expectStatus(await t.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200);
    const staged = expectStatus(await enter(honest()), 200).json;
    expect(staged).toEqual({ districts: 2, ballotsCast: 5, threshold: 2 });
    const pending = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/paper-results`), 200).json;
    expect(pending.statement).toEqual({ fingerprint: bytesToHex(fp), districts: honest() });
    const post = (body: unknown) => t.request('POST', `/api/elections/${eid}/commission/paper-results/signatures`, { body });

    // signatures of other figures, of another kind, or by a stranger do not count
    const altered = { ...pending.statement, districts: honest().map((d) => ({ ...d, ballotsIssued: 4, ballotsCast: 4 })) };
    for (const forged of [
      sign(members[0]!, 'paper-results', altered),
      sign(members[0]!, 'paper-voters', pending.statement),
      signCommissionStatement(generateKeyPair().secretKey, fp, 'aigerim', 'paper-results', pending.statement),
    ]) {
      const answer = await post(forged);
      expect([answer.status, answer.json.error.code]).toEqual([422, 'BAD_MEMBER_SIGNATURE']);
    }
    expect(expectStatus(await post(sign(members[0]!, 'paper-results', pending.statement)), 200).json).toMatchObject({
      signers: ['aigerim'],
      published: false,
    });
    const unpublished = await t.request('GET', `/api/elections/${eid}/paper-results`);
    expect(unpublished.status).toBe(404);

    // decryption shares of trustees 1 and 2; the tally waits for the paper results the definition judges on
    const processed = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events as {
      type: string;
      entries?: unknown;
    }[];
    const entries = z.array(AggregateEntry).parse(processed.find((e) => e.type === 'aggregate')?.entries);
    for (const tr of trustees.slice(0, 2)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint);
      expectStatus(
        await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, {
          body: signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
            shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
          }),
        }),
        200,
      );
    }
    const waiting = await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} });
    expect([waiting.status, waiting.json.error.code]).toEqual([409, 'WRONG_STATE']);

    expect(expectStatus(await post(sign(members[2]!, 'paper-results', pending.statement)), 200).json).toMatchObject({
      signers: ['aigerim', 'chen'],
      published: true,
    });
    const event = expectStatus(await t.request('GET', `/api/elections/${eid}/paper-results`), 200).json;
    expect(event).toMatchObject({ type: 'paper-results', statement: pending.statement });
    expect(event.signatures.map((s: { member: string }) => s.member)).toEqual(['aigerim', 'chen']);
    const replaced = await enter(honest());
    expect([replaced.status, replaced.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    const late = await post(sign(members[1]!, 'paper-results', pending.statement));
    expect([late.status, late.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);

    // the verdicts add the valid paper ballots (2 in medeu, 2 in bostandyk) to the 2 electronic ones
    const result = expectStatus(await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }), 200).json;
    const parks = result.validity.find((v: { question: string }) => v.question === 'parks');
    const eBallots = result.overall.find((q: { question: string }) => q.question === 'parks').ballots;
    expect(parks.rules[0]).toMatchObject({ kind: 'turnout-quorum', figures: { ballots: eBallots + 4, registered: 8 } });

    expectStatus(await t.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);
    const after = await enter(honest());
    expect([after.status, after.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });
});
