// Attack: a result decrypted by fewer than t trustees, or moved by one forged decryption share. Known from the
// threshold setting itself — Y. Desmedt, Y. Frankel, "Threshold Cryptosystems", CRYPTO 1989; T. P. Pedersen, "A
// Threshold Cryptosystem without a Trusted Party", EUROCRYPT 1991: below t shares the Lagrange combination is
// meaningless, and an unproven share D'_x = D_x − λ_x⁻¹·G moves a count by exactly one; Bernhard, Pereira and
// Warinschi (ASIACRYPT 2012) showed that Helios's weak decryption proofs let a dishonest authority tamper with the
// result in this way.
// What stops it in Saylau: every share carries a Chaum–Pedersen proof checked against the trustee's verification
// key recomputed from the ceremony's commitments (spec §2.12, §6.4), and the first t valid trustees decrypt or
// nothing does. Lines of defence exercised: checkDecryptionShares / decryptAggregates (packages/protocol/src/
// processing/decrypt.ts) in the server (422 BAD_DECRYPTION_SHARE, 409 NOT_ENOUGH_TRUSTEES) and in the verifier
// (decryption.shares BAD_DECRYPTION_SHARE; result.combination NOT_ENOUGH_TRUSTEES).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  expectStatus,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
} from '../../apps/server/test/helpers.ts';
import {
  bytesToHex,
  type Ciphertext,
  combineDecryptionShares,
  decodePoint,
  discreteLog,
  encodePoint,
  G,
  hexToBytes,
  lagrangeAtZero,
  Point,
} from '../../packages/crypto/src/index.ts';
import { type Aggregate, computeDecryptionShares, type EntryShare, type EventJsonOf } from '../../packages/protocol/src/index.ts';
import { expectCaught, first, ofType, resignAsTrustee, tamper } from '../tamper/harness.ts';
import { closeAndProcess, failedIds, postDecryption, tallyAndPublish } from './support.ts';

/** D' = D − λ⁻¹·G: combined with the other shares of the set it adds exactly G, one vote, to the plaintext. */
function shifted(share: Point, lambda: bigint): Point {
  return share.subtract(G.multiply(Point.Fn.inv(lambda)));
}

/** The count of an entry from two trustees' shares (no proof looked at: the combination step alone). */
function countFrom(ct: Ciphertext, shares: readonly { trustee: number; share: Point }[], bound: number): number | null {
  return discreteLog(combineDecryptionShares(ct, shares), bound);
}

describe('decrypting below the threshold, and forged shares, against the server', () => {
  let t: TestServer;
  let setup: Awaited<ReturnType<typeof openElection>>;

  beforeAll(async () => {
    t = await startServer();
    setup = await openElection(t, { medeu: 3, bostandyk: 1 });
    const votes = [
      { parks: ['yes'], transport: ['metro'] },
      { parks: ['no'], transport: ['metro'] },
      { parks: ['yes'], transport: ['tram'] },
    ];
    const medeu = setup.voters.filter((v) => v.district === 'medeu');
    for (const [i, voter] of medeu.entries()) {
      const token = await loginVoter(t, setup.eid, voter);
      expectStatus(
        await t.request('POST', `/api/elections/${setup.eid}/ballots`, {
          token,
          body: { ballot: ballotFor(setup.election, voter, votes[i] ?? {}).json },
        }),
        201,
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses to tally with t − 1 shares (409 NOT_ENOUGH_TRUSTEES) and refuses a forged share that would move a count (422 BAD_DECRYPTION_SHARE)', async () => {
    const { eid, definition, trustees } = setup;
    const entries = await closeAndProcess(t, eid);
    const fp = setup.election.fingerprint;
    const [one, two, three] = trustees;
    if (!one || !two || !three || definition.trustees.threshold !== 2) throw new Error('the fixture changed');
    const sharesOf = (x: typeof one) => computeDecryptionShares({ fingerprint: fp, entries }, x.index, x.secretShare as bigint);

    expectStatus(await postDecryption(t, eid, definition, one, sharesOf(one)), 200);
    const early = await t.request('POST', `/api/elections/${eid}/tally`, { token: t.adminToken, body: {} });
    expect([early.status, early.json.error.code]).toEqual([409, 'NOT_ENOUGH_TRUSTEES']);

    // trustee 2 forges its share of an entry that can take one more vote: "metro" in medeu, 2 of 3 ballots
    const target = entries.findIndex((e: Aggregate) => e.district === 'medeu' && e.option === 'metro');
    const entry = entries[target] as Aggregate;
    const honestOne = sharesOf(one);
    const honestTwo = sharesOf(two);
    const share = (s: EntryShare | undefined) => (s as NonNullable<EntryShare>).share;
    const forged = honestTwo.map((s, i) =>
      i === target ? { share: shifted(share(s), lagrangeAtZero([1, 2], 2)), proof: (s as NonNullable<EntryShare>).proof } : s,
    );
    // the attack is real: without the proof check, trustees 1 and 2 would publish 3 votes for metro instead of 2
    const pair = (two: Point) => [
      { trustee: 1, share: share(honestOne[target]) },
      { trustee: 2, share: two },
    ];
    expect(countFrom(entry.ciphertext, pair(share(honestTwo[target])), entry.ballots)).toBe(2);
    expect(countFrom(entry.ciphertext, pair(share(forged[target])), entry.ballots)).toBe(3);

    const refused = await postDecryption(t, eid, definition, two, forged);
    expect([refused.status, refused.json.error.code]).toEqual([422, 'BAD_DECRYPTION_SHARE']);
    const still = await t.request('POST', `/api/elections/${eid}/tally`, { token: t.adminToken, body: {} });
    expect([still.status, still.json.error.code]).toEqual([409, 'NOT_ENOUGH_TRUSTEES']);

    // a second honest trustee completes the threshold; the forgery left no trace in the count
    expectStatus(await postDecryption(t, eid, definition, three, sharesOf(three)), 200);
    const record = (await tallyAndPublish(t, eid)) as { events: EventJsonOf<'result'>[] };
    const result = record.events.find((e) => e.type === 'result') as EventJsonOf<'result'>;
    expect(result.trustees).toEqual([1, 3]);
    const medeu = result.districts.find((d) => d.district === 'medeu');
    expect(medeu?.questions.find((q) => q.question === 'transport')?.counts.metro).toBe(2);
  });
});

describe('decrypting below the threshold in a record (the simulation decrypts with trustees 1 and 2 of 2-of-3)', () => {
  it('a result resting on one trustee’s shares, the other’s removed, fails result.combination (NOT_ENOUGH_TRUSTEES)', async () => {
    const files = tamper(
      (board) => {
        const two = ofType(board, 'decryption-share').find((e) => e.trustee === 2);
        if (!two) throw new Error('trustee 2 did not decrypt');
        board.events.splice(board.events.indexOf(two), 1);
        first(board, 'result').trustees = [1];
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'result.combination');
    const codes = report.checks.find((c) => c.id === 'result.combination')?.failures.map((f) => f.code);
    expect(codes).toContain('NOT_ENOUGH_TRUSTEES');
  });

  it('a forged share keeping its old proof fails decryption.shares (BAD_DECRYPTION_SHARE) and leaves t − 1 valid trustees', async () => {
    let moved = { before: -1, after: -1 };
    const files = tamper(
      (board, sim) => {
        const entries = first(board, 'aggregate').entries;
        const target = entries.findIndex((e) => e.ballots > 0 && e.ciphertext.alpha !== '00'.repeat(32));
        const entry = entries[target];
        const one = ofType(board, 'decryption-share').find((e) => e.trustee === 1)?.shares[target];
        const two = ofType(board, 'decryption-share').find((e) => e.trustee === 2)?.shares[target];
        if (!entry || !one || !two) throw new Error('no share of the entry');
        const forged = shifted(decodePoint(hexToBytes(two.share)), lagrangeAtZero([1, 2], 2));
        const ct = {
          alpha: decodePoint(hexToBytes(entry.ciphertext.alpha)),
          beta: decodePoint(hexToBytes(entry.ciphertext.beta)),
        };
        const d1 = { trustee: 1, share: decodePoint(hexToBytes(one.share)) };
        moved = {
          before: countFrom(ct, [d1, { trustee: 2, share: decodePoint(hexToBytes(two.share)) }], entry.ballots + 1) ?? -1,
          after: countFrom(ct, [d1, { trustee: 2, share: forged }], entry.ballots + 1) ?? -1,
        };
        two.share = bytesToHex(encodePoint(forged));
        // trustee 2 itself forges (its statement stays signed): only the share's proof can catch it
        resignAsTrustee(ofType(board, 'decryption-share').find((e) => e.trustee === 2)!, sim);
      },
      { resign: true },
    );
    expect(moved.after).toBe(moved.before + 1);
    const report = await expectCaught(files, 'decryption.shares');
    expect(report.checks.find((c) => c.id === 'decryption.shares')?.failures[0]).toMatchObject({
      trustee: 2,
      code: 'BAD_DECRYPTION_SHARE',
    });
    expect(failedIds(report)).toContain('result.combination');
    const codes = report.checks.find((c) => c.id === 'result.combination')?.failures.map((f) => f.code);
    expect(codes).toContain('NOT_ENOUGH_TRUSTEES');
  });
});
