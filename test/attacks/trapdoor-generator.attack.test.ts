// Attack: trapdoor generators — a second base whose discrete logarithm the authority knows, letting it forge proofs or
// open what it should not. Known from the Swiss Post / Scytl sVote shuffle proof (S. J. Lewis, O. Pereira,
// V. Teague, "Trapdoor commitments in the SwissPost e-voting shuffle proof", 2019) and T. Haines, S. J. Lewis,
// O. Pereira, V. Teague, "How not to prove your election outcome", IEEE S&P 2020.
// What stops it in Saylau: G is RFC 9496's base, any other generator is hash-to-group of a published label and
// re-derived by the verifier (spec §2.2); no record or definition field can name a generator (closed schemas,
// §3.1, §3.3); and the proofs use no derived generator at all — their only other base is the election key K (§2.7),
// which the verifier recomputes from the ceremony's commitments (§2.10) rather than reading it. A K of known log is
// the trapdoor that matters here: it opens every ballot. Lines of defence exercised: the verifier's
// parameters.generators (NONSTANDARD_GENERATOR / GENERATOR_MISMATCH), trustees.joint-key (WRONG_ELECTION_KEY),
// board.sequence (RECORD_BAD_LINE) with definition.valid (RECORD_SEQ), and the server's definition schema (400
// MALFORMED). A G substituted inside the verifier's own crypto library cannot be staged without replacing that
// module, so it is not tested here; the check that would catch it (parameters.generators comparing G's encoding
// with RFC 9496 §4.4, and hash-to-group with the spec's known answers) is shown to run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, loadDraft, startServer, type TestServer } from '../../apps/server/test/helpers.ts';
import { verifyRecord } from '../../apps/verifier/src/index.ts';
import { bytesToHex, decryptToPoint, encodePoint, G, generateKeyPair } from '../../packages/crypto/src/index.ts';
import { BallotWire, buildBallot, checkBallot } from '../../packages/protocol/src/index.ts';
import { expectCaught, first, tamper } from '../tamper/harness.ts';
import { failedIds, readable } from './support.ts';

describe('trapdoor generators', () => {
  it('the verifier re-derives the generators of an honest record: G and each labelled one (parameters.generators)', async () => {
    const report = readable(
      await verifyRecord(
        tamper(() => {}),
        { workers: 0 },
      ),
    );
    expect(failedIds(report)).toEqual([]);
    // G against RFC 9496 §4.4, and each label of the spec's known answers re-derived by hash-to-group
    const generators = report.checks.find((c) => c.id === 'parameters.generators');
    expect(generators?.failed).toBe(0);
    expect(generators?.checked).toBeGreaterThanOrEqual(3);
  });

  it('a planted election key (its log known to the planter) opens every ballot, and fails trustees.joint-key (WRONG_ELECTION_KEY)', async () => {
    const trapdoor = generateKeyPair(); // x and K' = x·G
    let opened = false;
    const files = tamper(
      (board, sim) => {
        // the attack is real: a ballot made for K' is valid in every respect, and x reads it
        const voter = sim.secrets.voters.find((v) => v.district === 'medeu');
        if (!voter) throw new Error('no medeu voter');
        const ctx = { definition: sim.definition, fingerprint: sim.fingerprint, electionKey: trapdoor.publicKey };
        const built = buildBallot(ctx, {
          district: 'medeu',
          choices: { parks: ['no'], transport: ['bikes'] },
          credentialSecret: voter.credentialSecret,
        });
        if (!built.ok) throw new Error('build');
        const checked = checkBallot(built.value.json, {
          ...ctx,
          districtOf: (hex) => (hex === voter.credential ? 'medeu' : undefined),
        });
        expect(checked.problems).toEqual([]);
        const transport = BallotWire.parse(built.value.json).answers[1];
        const bikes = transport?.selections[3]?.ciphertext;
        opened = bikes !== undefined && decryptToPoint(trapdoor.secretKey, bikes).equals(G);
        first(board, 'election-key').publicKey = bytesToHex(encodePoint(trapdoor.publicKey));
      },
      { resign: true },
    );
    expect(opened).toBe(true);
    const report = await expectCaught(files, 'trustees.joint-key');
    expect(report.checks.find((c) => c.id === 'trustees.joint-key')?.failures.map((f) => f.code)).toContain('WRONG_ELECTION_KEY');
  });

  it('a record whose definition names its own generator fails board.sequence (RECORD_BAD_LINE) and definition.valid (RECORD_SEQ)', async () => {
    const planted = bytesToHex(encodePoint(generateKeyPair().publicKey));
    const files = tamper(
      (board) => {
        Object.assign(first(board, 'definition').definition, { generators: { h: planted } });
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'definition.valid');
    expect(report.checks.find((c) => c.id === 'definition.valid')?.failures).toEqual([
      expect.objectContaining({ seq: 0, code: 'RECORD_SEQ' }),
    ]);
    // the closed event schema names the intruding member
    expect(report.checks.find((c) => c.id === 'board.sequence')?.failures).toEqual([
      expect.objectContaining({ seq: 0, code: 'RECORD_BAD_LINE', reason: expect.stringContaining('generators') }),
    ]);
  });
});

describe('trapdoor generators against the server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a definition draft that names its own generator (400 MALFORMED) and creates nothing', async () => {
    const planted = bytesToHex(encodePoint(generateKeyPair().publicKey));
    const answer = await t.request('POST', '/api/elections', {
      token: t.adminToken,
      body: { ...loadDraft(), id: 'trapdoor', generators: { h: planted } },
    });
    expect([answer.status, answer.json.error.code]).toEqual([400, 'MALFORMED']);
    const list = expectStatus(await t.request('GET', '/api/elections'), 200).json.elections as { id: string }[];
    expect(list.map((e) => e.id)).not.toContain('trapdoor');
  });
});
