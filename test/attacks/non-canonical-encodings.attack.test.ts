// Attack: non-canonical and small-order encodings — a second byte string for the same point or scalar (s + p, −s,
// s + ℓ), the identity, or the torsion points of edwards25519 — slipped into a ballot so that it dodges a duplicate
// check by bytes, changes its hash and tracking code while its proofs still hold, or smuggles a small-order
// component past a decoder. Known from RFC 9496 §4.3.1 (ristretto255 decoding accepts exactly the canonical
// encodings), the malleability advisories of Ed25519 libraries that accepted S ≥ ℓ (CVE-2020-36843 class, cf.
// RFC 8032 §5.1.7) and Curve25519's small-order points (D. J. Bernstein, cr.yp.to/ecdh.html; K. Chalkias, F.
// Garillot, V. Nikolaenko, "Taming the many EdDSAs", SSR 2020).
// What stops it in Saylau: spec §2.1 and §3.1 — only canonical encodings decode, the identity is refused where a
// key, commitment or ciphertext component goes, every scalar is < ℓ, and ristretto255 has prime order (no torsion).
// Lines of defence exercised: decodePoint / decodeScalar in packages/crypto/src/group.ts through the ballot schema
// (server: 400 POINT_NOT_CANONICAL, POINT_IS_IDENTITY, SCALAR_NOT_CANONICAL) and the verifier's ballots.encoding and
// credentials.list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  expectStatus,
  loginVoter,
  openElection,
  startServer,
  type TestServer,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { decodePoint, decodeScalar, hexToBytes, mod, verifySignature } from '../../packages/crypto/src/index.ts';
import { type BallotJson, ballotHash, signatureContext, signedMessage } from '../../packages/protocol/src/index.ts';
import {
  countedBallot,
  expectCaught,
  first,
  IDENTITY_HEX,
  nonCanonicalPoint,
  nonCanonicalScalar,
  tamper,
} from '../tamper/harness.ts';
import {
  boardSize,
  EDWARDS25519_TORSION,
  FIELD_P,
  littleEndian,
  negatedPointEncoding,
  resignBallot,
  submitBallot,
} from './support.ts';

type Code = 'POINT_NOT_CANONICAL' | 'POINT_IS_IDENTITY' | 'SCALAR_NOT_CANONICAL';

/** A torsion encoding decodes as nothing, except the all-zero bytes, which are ristretto255's identity. */
const torsionCode = (hex: string): Code => (hex === IDENTITY_HEX ? 'POINT_IS_IDENTITY' : 'POINT_NOT_CANONICAL');

describe('non-canonical and small-order encodings against the server', () => {
  let t: TestServer;
  let setup: Awaited<ReturnType<typeof openElection>>;
  let voter: Voter;
  let token: string;
  let honest: BallotJson;
  const choice = { parks: ['yes'], transport: ['brt'] };

  beforeAll(async () => {
    t = await startServer();
    setup = await openElection(t, { medeu: 1, bostandyk: 1 });
    voter = setup.voters.find((v) => v.district === 'medeu') as Voter;
    token = await loginVoter(t, setup.eid, voter);
    honest = ballotFor(setup.election, voter, choice).json;
  });
  afterAll(async () => {
    await t.close();
  });

  /** The voter's ballot with one field changed and signed again, so only the encoding is wrong. */
  function mauled(edit: (b: BallotJson) => void, resign = true): BallotJson {
    const ballot = structuredClone(honest);
    edit(ballot);
    return resign ? resignBallot(ballot, voter.secret, setup.election.fingerprint) : ballot;
  }
  const firstCiphertext = (b: BallotJson) => b.answers[0]!.selections[0]!.ciphertext;

  it('the mauled encodings are real: they name the same values to a lenient decoder, under another ballot hash', () => {
    const { alpha } = firstCiphertext(honest);
    // s + p reduces to s, and −s has the same square that Decode works from; a lenient decoder sees the same point
    expect(littleEndian(nonCanonicalPoint(alpha)) % FIELD_P).toBe(littleEndian(alpha));
    expect(negatedPointEncoding(negatedPointEncoding(alpha))).toBe(alpha);
    // s + ℓ: the signature still verifies with the reduced response, yet the ballot's hash (tracking code) changes
    const bigResponse = nonCanonicalScalar(honest.signature.response);
    const ballot = mauled((b) => {
      b.signature.response = bigResponse;
    }, false);
    const { signature: _s, ...unsigned } = honest;
    const fp = setup.election.fingerprint;
    const reduced = mod(littleEndian(bigResponse));
    expect(reduced).toBe(decodeScalar(hexToBytes(honest.signature.response)));
    const lenient = { commitment: decodePoint(hexToBytes(honest.signature.commitment)), response: reduced };
    expect(verifySignature(voter.credential, signedMessage(fp, unsigned), lenient, signatureContext(fp))).toBe(true);
    expect(ballotHash(ballot)).not.toBe(ballotHash(honest));
  });

  it('refuses every non-canonical, identity and torsion encoding in a ballot (400, the decoder’s code) and stores none', async () => {
    const before = await boardSize(t, setup.eid);
    const withAlpha = (f: (hex: string) => string) =>
      mauled((b) => {
        const ct = firstCiphertext(b);
        ct.alpha = f(ct.alpha);
      });
    const withBeta = (f: (hex: string) => string) =>
      mauled((b) => {
        const ct = firstCiphertext(b);
        ct.beta = f(ct.beta);
      });
    // a changed signature is not signed again (that would replace it)
    const withSignature = (field: 'commitment' | 'response', f: (hex: string) => string) =>
      mauled((b) => {
        b.signature[field] = f(b.signature[field]);
      }, false);
    const cases: [string, BallotJson, Code][] = [
      ['α as s + p', withAlpha(nonCanonicalPoint), 'POINT_NOT_CANONICAL'],
      ['α as −s', withAlpha(negatedPointEncoding), 'POINT_NOT_CANONICAL'],
      ['β as −s', withBeta(negatedPointEncoding), 'POINT_NOT_CANONICAL'],
      ['α the identity', withAlpha(() => IDENTITY_HEX), 'POINT_IS_IDENTITY'],
      [
        'a sum proof commitment the identity',
        mauled((b) => {
          b.answers[1]!.sumProof.branches[0]!.commitmentB = IDENTITY_HEX;
        }),
        'POINT_IS_IDENTITY',
      ],
      [
        'a proof response + ℓ',
        mauled((b) => {
          const branch = b.answers[0]!.selections[1]!.proof.branches[0]!;
          branch.response = nonCanonicalScalar(branch.response);
        }),
        'SCALAR_NOT_CANONICAL',
      ],
      ['the signature response + ℓ', withSignature('response', nonCanonicalScalar), 'SCALAR_NOT_CANONICAL'],
      ...EDWARDS25519_TORSION.flatMap(({ order, hex }): [string, BallotJson, Code][] => [
        [`α the order-${order} point ${hex.slice(0, 8)}…`, withAlpha(() => hex), torsionCode(hex)],
        [
          `the signature commitment the order-${order} point ${hex.slice(0, 8)}…`,
          withSignature('commitment', () => hex),
          torsionCode(hex),
        ],
      ]),
    ];
    for (const [name, ballot, code] of cases) {
      const answer = await submitBallot(t, setup.eid, token, ballot);
      expect(`${name}: ${answer.status} ${answer.json.error?.code}`).toBe(`${name}: 400 ${code}`);
    }
    expect(await boardSize(t, setup.eid)).toBe(before);
    // the canonical ballot itself is fine
    expectStatus(await submitBallot(t, setup.eid, token, honest), 201);
  });
});

describe('non-canonical and small-order encodings in a record', () => {
  it('a counted ballot whose α is a torsion point, re-signed by its voter and the board key, fails ballots.encoding (POINT_NOT_CANONICAL)', async () => {
    const torsion = EDWARDS25519_TORSION.find((p) => p.order === 8)?.hex as string;
    const files = tamper(
      (board, sim) => {
        const event = countedBallot(board, sim);
        const secret = sim.secrets.voters.find((v) => v.credential === event.ballot.credential)?.credentialSecret as bigint;
        event.ballot.answers[0]!.selections[0]!.ciphertext.alpha = torsion;
        event.ballot = resignBallot(event.ballot, secret, sim.fingerprint);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'ballots.encoding');
    expect(report.checks.find((c) => c.id === 'ballots.encoding')?.failures.map((f) => f.code)).toEqual(['POINT_NOT_CANONICAL']);
  });

  it('a ballot whose β is the negated encoding fails ballots.encoding (POINT_NOT_CANONICAL)', async () => {
    const files = tamper(
      (board, sim) => {
        const event = countedBallot(board, sim);
        const secret = sim.secrets.voters.find((v) => v.credential === event.ballot.credential)?.credentialSecret as bigint;
        const ct = event.ballot.answers[0]!.selections[1]!.ciphertext;
        ct.beta = negatedPointEncoding(ct.beta);
        event.ballot = resignBallot(event.ballot, secret, sim.fingerprint);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'ballots.encoding');
    expect(report.checks.find((c) => c.id === 'ballots.encoding')?.failures.map((f) => f.code)).toEqual(['POINT_NOT_CANONICAL']);
  });

  it('a credential listed as a torsion point fails credentials.list (POINT_NOT_CANONICAL)', async () => {
    const torsion = EDWARDS25519_TORSION.find((p) => p.order === 2)?.hex as string;
    const files = tamper(
      (board) => {
        const entry = first(board, 'credentials').entries[0];
        if (!entry) throw new Error('no credential');
        entry.credential = torsion;
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures).toContainEqual(
      expect.objectContaining({ credential: torsion, code: 'POINT_NOT_CANONICAL' }),
    );
  });
});
