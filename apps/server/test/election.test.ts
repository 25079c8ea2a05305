// A whole election over the API: the fixture's definition, a 2-of-3 ceremony, voters with credentials derived from
// their codes, ballots and re-votes, close, paper voters, processing, decryption shares, tally and publication.
// The published result must equal the votes the test simulated, and the record must read back.
import {
  type Aggregate,
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  type ElectionDefinition,
  fingerprintBytes,
  questionsOfStyle,
  readRecordDocument,
  signTrusteeRequest,
  styleOfDistrict,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  expectStatus,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Trustee,
  type Voter,
} from './helpers.ts';

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t, { medeu: 6, bostandyk: 6 });
});
afterAll(async () => {
  await t.close();
});

type Choices = Record<string, string[]>;

/** Deterministic choices for voter i: every option of every question gets some votes. */
function choicesOf(definition: ElectionDefinition, v: Voter, round: number): Choices {
  const style = styleOfDistrict(definition, v.district);
  if (!style) throw new Error('no style');
  const n = Number(v.voterId.split('-')[1]) + round * 7;
  const choices: Choices = {};
  for (const q of questionsOfStyle(definition, style)) {
    if (q.kind === 'approval')
      choices[q.id] = q.options
        .filter((_, j) => (n + j) % 3 === 0)
        .map((o) => o.id)
        .slice(0, q.maxSelections);
    else choices[q.id] = [q.options[n % q.options.length]?.id as string];
  }
  return choices;
}

describe('a whole election', () => {
  it('runs from definition to published record, and the result is the votes cast', async () => {
    const { eid, definition, voters, trustees, election } = setup;
    // --- voting: voters 0–9 vote, 2 and 7 vote again, 10 and 11 abstain ---
    const last = new Map<string, Choices>();
    for (const v of voters.slice(0, 10)) {
      const token = await loginVoter(t, eid, v);
      const rounds = v.voterId.endsWith('-2') ? 2 : 1;
      for (let round = 0; round < rounds; round++) {
        const choices = choicesOf(definition, v, round);
        const built = ballotFor(election, v, choices);
        expectStatus(await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: built.json } }), 201);
        last.set(v.voterId, choices);
      }
    }
    // --- close; two paper voters: one who e-voted (cancelled) and one who abstained ---
    expectStatus(await closeAtPeriodEnd(t, eid), 200);
    const paper = [voters[0] as Voter, voters[11] as Voter];
    expectStatus(
      await t.request('POST', `/api/elections/${eid}/paper-voters`, {
        ...admin,
        body: { voterIds: paper.map((v) => v.voterId) },
      }),
      200,
    );
    last.delete(paper[0]?.voterId as string);

    // --- processing ---
    const tallyEarly = await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} });
    expect([tallyEarly.status, tallyEarly.json.error.code]).toEqual([409, 'WRONG_STATE']);
    const processed = expectStatus(await t.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200).json;
    expect(processed).toMatchObject({ counted: 9, superseded: 2, cancelled: 1 });
    const entries: Aggregate[] = z.array(AggregateEntry).parse(processed.entries);

    // --- decryption: trustees 1 and 3 of 3 ---
    const fp = fingerprintBytes(definition);
    const postShares = (
      tr: Trustee,
      shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint),
    ) =>
      t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, {
        body: signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
          shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
        }),
      });
    const [one, two, three] = trustees as [Trustee, Trustee, Trustee];
    const notYet = await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} });
    expect([notYet.status, notYet.json.error.code]).toEqual([409, 'NOT_ENOUGH_TRUSTEES']);
    // trustee 2 sends trustee 1's shares as its own: refused, nothing stored
    const stolen = await postShares(two, computeDecryptionShares({ fingerprint: fp, entries }, 1, one.secretShare as bigint));
    expect([stolen.status, stolen.json.error.code]).toEqual([422, 'BAD_DECRYPTION_SHARE']);
    expectStatus(await postShares(one), 200);
    const again = await postShares(one);
    expect([again.status, again.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    expectStatus(await postShares(three), 200);

    // --- tally ---
    const result = expectStatus(await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }), 200).json;
    expect(result.trustees).toEqual([1, 3]);
    const expected = new Map<string, number>();
    const bump = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const [voterId, choices] of last) {
      const district = voterId.split('-')[0] as string;
      for (const [q, options] of Object.entries(choices)) for (const o of options) bump(`${district}/${q}/${o}`);
    }
    for (const d of result.districts) {
      for (const q of d.questions) {
        for (const [option, count] of Object.entries(q.counts)) {
          expect(count, `${d.district}/${q.question}/${option}`).toBe(expected.get(`${d.district}/${q.question}/${option}`) ?? 0);
        }
        expect(q.registered).toBe(6);
      }
    }
    const overallParks = result.overall.find((q: { question: string }) => q.question === 'parks');
    expect(overallParks.ballots).toBe(9);
    expect(result.validity.map((v: { question: string }) => v.question)).toEqual(['parks', 'transport', 'projects']);
    const results = expectStatus(await t.request('GET', `/api/elections/${eid}/results`), 200).json;
    expect(results).toMatchObject({ type: 'result', trustees: [1, 3] });

    // --- publish and the record ---
    const earlyRecord = await t.request('GET', `/api/elections/${eid}/record`);
    expect([earlyRecord.status, earlyRecord.json.error.code]).toEqual([409, 'WRONG_STATE']);
    expectStatus(await t.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);
    const record = expectStatus(await t.request('GET', `/api/elections/${eid}/record`), 200).json;
    const read = readRecordDocument(record);
    expect(read.ok, JSON.stringify(read.ok ? [] : read.problems)).toBe(true);
    const types = record.events.map((e: { type: string }) => e.type);
    expect(types.slice(-9)).toEqual([
      'cancellation',
      'counted-set',
      'aggregate',
      'state',
      'decryption-share',
      'decryption-share',
      'result',
      'state',
      'state',
    ]);
    expect(record.manifest.finalTreeHead.treeSize).toBe(record.events.length);
  });
});
