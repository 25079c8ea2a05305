// Aggregation and threshold decryption with real ballots (spec §6.3–6.4): a 2-of-3 ceremony from the crypto core,
// ballots built as a voter's device builds them, and decryption with a trustee missing or posting a bad share.
import {
  addCiphertexts,
  bytesToHex,
  combineReceivedShares,
  commitPolynomial,
  type DealerCommitment,
  encodePoint,
  encrypt,
  evaluatePolynomial,
  G,
  IDENTITY,
  jointPublicKey,
  ORDER,
  prepareElectionKey,
  publicKeyOf,
  randomNonZeroScalar,
  randomPolynomial,
  type Scalar,
} from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  type Aggregate,
  AggregateEvent,
  aggregate,
  aggregateLayout,
  aggregatePayload,
  aggregateProblems,
  type Ballot,
  type BoardEventJson,
  boardBallots,
  buildBallot,
  buildResultEvent,
  type Choices,
  ceremonyContext,
  computeDecryptionShares,
  countedSet,
  countedSetPayload,
  credentialDistricts,
  type DecryptionSetup,
  DecryptionShareEvent,
  decryptAggregates,
  decryptionSharePayload,
  type ElectionContext,
  type EntryShare,
  fingerprintBytes,
  paperCancellations,
  supersedesProblems,
  type TrusteeShares,
} from '../src/index.ts';
import { loadDefinition } from './helpers.ts';

// The ceremony: three dealers, threshold 2; trustee x's secret share s_x = Σ_d f_d(x).
const { definition } = loadDefinition('city-referendum');
const fingerprint = fingerprintBytes(definition);
const polynomials = [1, 2, 3].map(() => randomPolynomial(2));
const dealers: DealerCommitment[] = polynomials.map((p, i) => commitPolynomial(i + 1, p, ceremonyContext(fingerprint)));
const secretShare = (x: number): Scalar => combineReceivedShares(polynomials.map((p) => evaluatePolynomial(p, x)));
const election: ElectionContext = { definition, fingerprint, electionKey: prepareElectionKey(jointPublicKey(dealers)) };
const register = { medeu: 40, bostandyk: 60 };

interface Voter {
  readonly district: string;
  readonly secret: Scalar;
  readonly hex: string;
}
const voter = (district: string): Voter => {
  const secret = randomNonZeroScalar();
  return { district, secret, hex: bytesToHex(encodePoint(publicKeyOf(secret))) };
};

/** A board of ballot events in order, each with `supersedes` as a server sets it, and the voters' last choices. */
function castAll(votes: readonly (readonly [Voter, Choices])[]) {
  const events: BoardEventJson[] = [];
  const previous = new Map<string, string>();
  const ballots = new Map<string, Ballot>();
  for (const [v, choices] of votes) {
    const built = buildBallot(election, { district: v.district, choices, credentialSecret: v.secret });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const seq = events.length + 10;
    events.push({
      seq,
      time: '2030-01-01T00:00:00.000Z',
      type: 'ballot',
      ballot: built.value.json,
      supersedes: previous.get(v.hex) ?? null,
    });
    previous.set(v.hex, built.value.hash);
    ballots.set(built.value.hash, built.value.ballot);
  }
  return { events, ballots };
}

/** What the plaintext choices imply: count per (district, question, option) of the voters' last, uncancelled choices. */
function expectedCounts(votes: readonly (readonly [Voter, Choices])[], paper: ReadonlySet<Voter>): Map<string, number> {
  const last = new Map<Voter, Choices>();
  for (const [v, choices] of votes) last.set(v, choices);
  const out = new Map<string, number>();
  for (const [v, choices] of last) {
    if (paper.has(v)) continue;
    for (const [q, options] of Object.entries(choices)) {
      for (const o of options) out.set(`${v.district}/${q}/${o}`, (out.get(`${v.district}/${q}/${o}`) ?? 0) + 1);
    }
  }
  return out;
}

const asSubmission = (trustee: number, shares: readonly EntryShare[]): TrusteeShares => {
  // through the wire and back, as the verifier reads it from the board (the trustee's signature is checked apart)
  const json = { seq: 99, time: '2030-01-02T00:00:00.000Z', ...decryptionSharePayload(trustee, shares) };
  return DecryptionShareEvent.omit({ signature: true }).parse(json);
};

describe('aggregation and threshold decryption (spec §6.3–6.4)', () => {
  const [m1, m2, b1, b2, b3, b4] = [
    voter('medeu'),
    voter('medeu'),
    voter('bostandyk'),
    voter('bostandyk'),
    voter('bostandyk'),
    voter('bostandyk'),
  ];
  const votes: (readonly [Voter, Choices])[] = [
    [m1, { parks: ['yes'], transport: ['metro'] }],
    [b1, { parks: ['no'], transport: ['tram'], projects: ['library', 'pool'] }],
    [m2, { parks: ['blank'], transport: ['bikes'] }],
    [b2, { parks: ['yes'], transport: ['tram'], projects: [] }],
    [m1, { parks: ['no'], transport: ['roads'] }], // re-vote: this one counts
    [b3, { parks: ['yes'], transport: ['brt'], projects: ['lights', 'pool', 'market'] }], // paper voter: cancelled
    [b4, { parks: ['yes'], transport: ['metro'], projects: ['lights'] }],
    [b2, { parks: ['no'], transport: ['tram'], projects: ['pool'] }], // re-vote
  ];
  const paper = new Set([b3]);
  const { events, ballots } = castAll(votes);
  const credentialEvent: BoardEventJson = {
    seq: 1,
    time: '2030-01-01T00:00:00.000Z',
    type: 'credentials',
    entries: [m1, m2, b1, b2, b3, b4].map((v) => ({ credential: v.hex, district: v.district })),
  };
  const cancellation: BoardEventJson = { seq: 50, time: '2030-01-01T00:00:00.000Z', type: 'cancellation', credentials: [b3.hex] };
  const board = [credentialEvent, ...events, cancellation];

  const onBoard = boardBallots(board);
  const set = countedSet(onBoard, paperCancellations(board));
  const districtOf = credentialDistricts(board);
  // the server's and the verifier's view: a counted ballot's district is its credential's, from the credential list
  const counted = set.counted.map((hash) => {
    const ballot = ballots.get(hash) as Ballot;
    return { ballot, district: districtOf.get(bytesToHex(encodePoint(ballot.credential))) as string };
  });
  const entries = aggregate(definition, counted);
  const setup: DecryptionSetup = { fingerprint, trustees: definition.trustees, dealers, entries };
  const truth = expectedCounts(votes, paper);
  const trueCounts = entries.map((e) => truth.get(`${e.district}/${e.question}/${e.option}`) ?? 0);
  const sharesOf = new Map([1, 2, 3].map((x) => [x, computeDecryptionShares(setup, x, secretShare(x))]));
  const honest = (x: number) => asSubmission(x, sharesOf.get(x) as EntryShare[]);

  it('processes the board: supersedes chain, last vote per credential, paper cancellation', () => {
    expect(supersedesProblems(onBoard)).toEqual([]);
    expect(countedSetPayload(set)).toMatchObject({ superseded: 2, cancelled: 1 });
    expect(set.counted.length).toBe(5);
    expect(counted.map((c) => c.district)).toEqual(['bostandyk', 'medeu', 'medeu', 'bostandyk', 'bostandyk']);
  });

  it('lays entries out by district, style question and option, each district with its ballots', () => {
    expect(entries.map((e) => `${e.district}/${e.question}/${e.option}`)).toEqual(
      aggregateLayout(definition).map((k) => `${k.district}/${k.question}/${k.option}`),
    );
    expect(entries.slice(0, 3).map((e) => e.option)).toEqual(['yes', 'no', 'blank']);
    expect(entries.length).toBe(8 + 12);
    expect(new Set(entries.filter((e) => e.district === 'medeu').map((e) => e.ballots))).toEqual(new Set([2]));
    expect(new Set(entries.filter((e) => e.district === 'bostandyk').map((e) => e.ballots))).toEqual(new Set([3]));
  });

  it('round-trips the aggregate event and names a tampered entry', () => {
    const json = { seq: 60, time: '2030-01-02T00:00:00.000Z', ...aggregatePayload(entries) };
    const parsed = AggregateEvent.parse(json).entries;
    expect(aggregateProblems(parsed, entries)).toEqual([]);
    const tampered = parsed.map((e, i) =>
      i === 5 ? { ...e, ciphertext: addCiphertexts(e.ciphertext, encrypt(election.electionKey, 1)) } : e,
    );
    expect(aggregateProblems(tampered, entries).map((p) => [p.code, p.path])).toEqual([['AGGREGATE_MISMATCH', ['entries', 5]]]);
    const relabelled = parsed.map((e, i) => (i === 0 ? { ...e, option: 'no' } : i === 1 ? { ...e, ballots: 3 } : e));
    expect(aggregateProblems(relabelled, entries).map((p) => p.path)).toEqual([
      ['entries', 0],
      ['entries', 1],
    ]);
    expect(aggregateProblems(parsed.slice(1), entries)[0]?.path).toEqual(['entries']);
  });

  it('decrypts to the true counts with trustees 1 and 3 while trustee 2 is absent', () => {
    const decrypted = decryptAggregates(setup, [honest(3), honest(1)]);
    if (!decrypted.ok) throw new Error(JSON.stringify(decrypted.problems));
    expect(decrypted.value).toMatchObject({ trustees: [1, 3], rejected: [], problems: [] });
    expect(decrypted.value.counts).toEqual(trueCounts);
    expect(trueCounts.reduce((a, b) => a + b, 0)).toBe(5 + 5 + 4); // parks and transport on 5 ballots, 4 approvals
    const result = buildResultEvent(definition, register, entries, decrypted.value);
    expect(result.overall.find((q) => q.question === 'parks')).toEqual({
      question: 'parks',
      counts: { yes: 1, no: 3, blank: 1 },
      ballots: 5,
      registered: 100,
    });
    // 5 of 100 registered is below the 25 % turnout quorum; 1 yes of 4 non-blank is no majority
    expect(result.validity.find((v) => v.question === 'parks')).toMatchObject({ valid: false });
  });

  it('any t suffice: the first t valid trustees in board order decrypt, all pairs agree', () => {
    for (const order of [
      [1, 2],
      [2, 3],
      [3, 1, 2],
    ]) {
      const decrypted = decryptAggregates(
        setup,
        order.map((x) => honest(x)),
      );
      expect(decrypted.ok && decrypted.value.counts).toEqual(trueCounts);
      expect(decrypted.ok && decrypted.value.trustees).toEqual(order.slice(0, 2).sort());
    }
  });

  it('names a trustee who posts a bad share, drops it, and decrypts with the others', () => {
    const own = sharesOf.get(1) as EntryShare[];
    // entry 7's share is trustee 1's real share of entry 6: valid for another context and α
    const swapped = own.map((s, i) => (i === 7 ? own[6] : s)) as EntryShare[];
    const shifted = own.map((s, i) => (i === 2 && s ? { ...s, share: s.share.add(G) } : s));
    for (const [bad, entry] of [
      [swapped, 7],
      [shifted, 2],
    ] as const) {
      const decrypted = decryptAggregates(setup, [asSubmission(1, bad), honest(2), honest(3)]);
      if (!decrypted.ok) throw new Error(JSON.stringify(decrypted.problems));
      expect(decrypted.value.trustees).toEqual([2, 3]);
      expect(decrypted.value.rejected).toEqual([1]);
      expect(decrypted.value.problems.map((p) => [p.code, p.path])).toEqual([
        ['BAD_DECRYPTION_SHARE', ['trustees', 1, 'shares', entry]],
      ]);
      expect(decrypted.value.counts).toEqual(trueCounts);
    }
    const short = decryptAggregates(setup, [asSubmission(1, shifted), honest(3)]);
    expect(short.ok).toBe(false);
    expect(!short.ok && short.problems.map((p) => [p.code, p.path])).toEqual([
      ['BAD_DECRYPTION_SHARE', ['trustees', 1, 'shares', 2]],
      ['NOT_ENOUGH_TRUSTEES', ['trustees']],
    ]);
  });

  it('rejects wrong counts of shares, missing shares, strangers, and ignores a second submission', () => {
    const own = sharesOf.get(2) as EntryShare[];
    const checks = decryptAggregates(setup, [
      { trustee: 2, shares: own.slice(1) },
      { trustee: 2, shares: own },
      { trustee: 4, shares: own },
      { trustee: 1, shares: (sharesOf.get(1) as EntryShare[]).map((s, i) => (i === 3 ? null : s)) },
      honest(3),
    ]);
    expect(checks.ok).toBe(false);
    expect(!checks.ok && checks.problems.map((p) => [p.code, p.path])).toEqual([
      ['BAD_DECRYPTION_SHARE', ['trustees', 2, 'shares']],
      ['BAD_DECRYPTION_SHARE', ['trustees', 2]],
      ['BAD_DECRYPTION_SHARE', ['trustees', 4]],
      ['BAD_DECRYPTION_SHARE', ['trustees', 1, 'shares', 3]],
      ['NOT_ENOUGH_TRUSTEES', ['trustees']],
    ]);
    // a proof made for another trustee's verification key fails too
    const stolen = decryptAggregates(setup, [asSubmission(1, own), honest(3), honest(2)]);
    expect(stolen.ok && [stolen.value.rejected, stolen.value.trustees]).toEqual([[1], [2, 3]]);
  });

  it('refuses a count above the entry’s ballots (the discrete log is bounded by them)', () => {
    const index = trueCounts.indexOf(2);
    const understated = entries.map((e, i) => (i === index ? { ...e, ballots: 1 } : e));
    const decrypted = decryptAggregates({ ...setup, entries: understated }, [honest(1), honest(2)]);
    expect(!decrypted.ok && decrypted.problems.map((p) => [p.code, p.path])).toEqual([
      ['DECRYPTION_OUT_OF_RANGE', ['entries', index]],
    ]);
  });
});

describe('empty districts and identity aggregates (spec §6.3)', () => {
  const b = voter('bostandyk');
  const { ballots } = castAll([[b, { parks: ['yes'], transport: ['metro'], projects: ['pool'] }]]);
  const entries = aggregate(
    definition,
    [...ballots.values()].map((ballot) => ({ ballot, district: 'bostandyk' })),
  );
  const setup: DecryptionSetup = { fingerprint, trustees: definition.trustees, dealers, entries };

  it('gives a district without counted ballots (O, O) entries, encoded as zeros, with null shares', () => {
    const medeu = entries.filter((e) => e.district === 'medeu');
    expect(medeu.length).toBe(8);
    expect(medeu.every((e) => e.ballots === 0 && e.ciphertext.alpha.equals(IDENTITY) && e.ciphertext.beta.equals(IDENTITY))).toBe(
      true,
    );
    const json = aggregatePayload(entries);
    expect(json.entries[0]?.ciphertext).toEqual({ alpha: '0'.repeat(64), beta: '0'.repeat(64) });
    expect(
      aggregateProblems(AggregateEvent.parse({ seq: 1, time: '2030-01-02T00:00:00.000Z', ...json }).entries, entries),
    ).toEqual([]);
    const shares = computeDecryptionShares(setup, 2, secretShare(2));
    expect(shares.map((s) => s === null)).toEqual(entries.map((e) => e.district === 'medeu'));
    const decrypted = decryptAggregates(setup, [
      asSubmission(2, shares),
      asSubmission(3, computeDecryptionShares(setup, 3, secretShare(3))),
    ]);
    if (!decrypted.ok) throw new Error(JSON.stringify(decrypted.problems));
    expect(decrypted.value.counts).toEqual(
      entries.map((e) => (['yes', 'metro', 'pool'].includes(e.option) && e.district === 'bostandyk' ? 1 : 0)),
    );
  });

  it('decrypts an aggregate whose α cancelled out (colluding voters) without shares, and refuses a share there', () => {
    // two voters' ciphertexts of the same option with randomness r and ℓ − r: Σα = O, Σβ = 2·G
    const r = randomNonZeroScalar();
    const ciphertext = addCiphertexts(encrypt(election.electionKey, 1, r), encrypt(election.electionKey, 1, ORDER - r));
    expect(ciphertext.alpha.equals(IDENTITY)).toBe(true);
    const entry: Aggregate = { district: 'medeu', question: 'parks', option: 'yes', ballots: 2, ciphertext };
    const json = aggregatePayload([entry]).entries[0];
    expect(json?.ciphertext.alpha).toBe('0'.repeat(64));
    const one: DecryptionSetup = { ...setup, entries: [entry] };
    const shares = [1, 2].map((x) => asSubmission(x, computeDecryptionShares(one, x, secretShare(x))));
    expect(shares.every((s) => s.shares[0] === null)).toBe(true);
    const decrypted = decryptAggregates(one, shares);
    expect(decrypted.ok && decrypted.value.counts).toEqual([2]);
    const someShare = computeDecryptionShares(setup, 1, secretShare(1)).find((s) => s !== null) as EntryShare;
    const refused = decryptAggregates(one, [{ trustee: 1, shares: [someShare] }, ...shares.slice(1)]);
    expect(!refused.ok && refused.problems.map((p) => [p.code, p.path])).toEqual([
      ['BAD_DECRYPTION_SHARE', ['trustees', 1, 'shares', 0]],
      ['NOT_ENOUGH_TRUSTEES', ['trustees']],
    ]);
  });
});
