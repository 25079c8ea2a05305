// Batch verification (spec §2.9): honest proofs of every kind pass together; inserted bad proofs are named exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BatchVerifier,
  chaumPedersenEquations,
  commitPolynomial,
  computeDecryptionShare,
  dealerCommitmentEquations,
  decryptionShareEquations,
  type Equation,
  encrypt,
  equationHolds,
  foldedHolds,
  G,
  generateKeyPair,
  mulSecret,
  prepareElectionKey,
  proveChaumPedersen,
  proveRange,
  proveSchnorr,
  publicKeyOf,
  randomNonZeroScalar,
  randomPolynomial,
  rangeEquations,
  schnorrEquations,
  sign,
  signatureEquations,
  utf8ToBytes,
} from '../src/index.ts';
import { randomPoint } from './helpers/tamper.ts';

const context = [new Uint8Array(32).fill(1), utf8ToBytes('batch')];
const election = generateKeyPair();
const key = prepareElectionKey(election.publicKey);

interface Sample {
  readonly kind: string;
  readonly equations: Equation[] | null;
}

function rangeSample(value: number, max: number, lie = false): Sample {
  const r = randomNonZeroScalar();
  const ciphertext = encrypt(key, value, r);
  const statement = { publicKey: key, ciphertext, min: 0, max };
  const proof = proveRange(statement, value, r, context);
  // A lie: the same proof presented for another ciphertext of an allowed value.
  const shown = lie ? { ...statement, ciphertext: encrypt(key, value) } : statement;
  return { kind: lie ? 'range, other ciphertext' : `range {0..${max}}`, equations: rangeEquations(shown, proof, context) };
}

function schnorrSample(bad = false): Sample {
  const x = randomNonZeroScalar();
  const proof = proveSchnorr(x, context);
  return {
    kind: bad ? 'schnorr, other context' : 'schnorr',
    equations: schnorrEquations(mulSecret(G, x), proof, bad ? [] : context),
  };
}

function chaumPedersenSample(bad = false): Sample {
  const x = randomNonZeroScalar();
  const base2 = randomPoint();
  const statement = { base1: G, public1: mulSecret(G, x), base2, public2: mulSecret(base2, x) };
  const proof = proveChaumPedersen(x, statement, context);
  const shown = bad ? { ...statement, public2: statement.public2.add(G) } : statement;
  return {
    kind: bad ? 'chaum-pedersen, unequal logs' : 'chaum-pedersen',
    equations: chaumPedersenEquations(shown, proof, context),
  };
}

function signatureSample(bad = false): Sample {
  const x = randomNonZeroScalar();
  const message = utf8ToBytes('ballot');
  const sig = sign(x, message, context);
  const shown = bad ? utf8ToBytes('another ballot') : message;
  return {
    kind: bad ? 'signature, other message' : 'signature',
    equations: signatureEquations(publicKeyOf(x), shown, sig, context),
  };
}

function dealerSample(): Sample {
  return {
    kind: 'dealer commitment',
    equations: dealerCommitmentEquations(commitPolynomial(2, randomPolynomial(3), context), 3, context),
  };
}

function decryptionShareSample(bad = false): Sample {
  const s = randomNonZeroScalar();
  const ct = encrypt(key, 4);
  const d = computeDecryptionShare(1, s, ct, context);
  const shown = bad ? { ...d, share: d.share.add(G) } : d;
  return {
    kind: bad ? 'decryption share, wrong share' : 'decryption share',
    equations: decryptionShareEquations(shown, mulSecret(G, s), ct, context),
  };
}

/** A range proof whose first equation per branch holds but whose β-equations do not. */
function halfBadRangeSample(): Sample {
  const r = randomNonZeroScalar();
  const statement = { publicKey: key, ciphertext: encrypt(key, 1, r), min: 0, max: 1 };
  const proof = proveRange(statement, 1, r, context);
  const eqs = rangeEquations(statement, proof, context) ?? [];
  const broken = eqs.map((eq, i) =>
    i === 1 ? { points: eq.points, scalars: eq.scalars.map((s, j) => (j === 0 ? s + 1n : s)) } : eq,
  );
  return { kind: 'range, one equation off', equations: broken };
}

const honest: Sample[] = [
  rangeSample(0, 1),
  rangeSample(1, 1),
  rangeSample(2, 3),
  schnorrSample(),
  schnorrSample(),
  chaumPedersenSample(),
  signatureSample(),
  signatureSample(),
  dealerSample(),
  decryptionShareSample(),
];

const bad: Sample[] = [
  rangeSample(1, 1, true),
  schnorrSample(true),
  chaumPedersenSample(true),
  signatureSample(true),
  decryptionShareSample(true),
  halfBadRangeSample(),
  { kind: 'range, wrong branch count (null)', equations: null },
];

describe('BatchVerifier', () => {
  it('has honest samples that hold one by one and bad samples that do not', () => {
    for (const s of honest) expect(s.equations?.every(equationHolds), s.kind).toBe(true);
    for (const s of bad) expect(s.equations?.every(equationHolds) ?? false, s.kind).toBe(false);
  });

  it('accepts an empty batch', () => {
    const batch = new BatchVerifier();
    expect(batch.size).toBe(0);
    expect(batch.verify()).toEqual({ ok: true, failed: [] });
    expect(foldedHolds([])).toBe(true);
  });

  it('accepts a batch of honest proofs of every kind', () => {
    const batch = new BatchVerifier<string>();
    honest.forEach((s, i) => {
      batch.add(`${i}:${s.kind}`, s.equations);
    });
    expect(batch.size).toBe(honest.length);
    expect(batch.verify()).toEqual({ ok: true, failed: [] });
  });

  it('names exactly the bad proofs, wherever they are inserted, in insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(honest.length - 1), { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(bad.length - 1), fc.nat()), { minLength: 1, maxLength: 3 }),
        (honestPicks, badPicks) => {
          const items: { sample: Sample; isBad: boolean }[] = honestPicks.map((i) => ({
            sample: honest[i] as Sample,
            isBad: false,
          }));
          for (const [i, position] of badPicks) {
            items.splice(position % (items.length + 1), 0, { sample: bad[i] as Sample, isBad: true });
          }
          const batch = new BatchVerifier();
          items.forEach((item, id) => {
            batch.add(id, item.sample.equations);
          });
          const expected = items.flatMap((item, id) => (item.isBad ? [id] : []));
          expect(batch.verify()).toEqual({ ok: false, failed: expected });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports an item with null equations without checking anything else', () => {
    const batch = new BatchVerifier<string>();
    batch.add('good', honest[0]?.equations ?? null);
    batch.add('shape', null);
    expect(batch.verify()).toEqual({ ok: false, failed: ['shape'] });
  });

  it('reports only null items when there is nothing else', () => {
    const batch = new BatchVerifier();
    batch.add(7, null);
    batch.add(9, null);
    expect(batch.verify()).toEqual({ ok: false, failed: [7, 9] });
  });

  it('folds equations into one check that fails as soon as one equation is off', () => {
    const all = honest.flatMap((s) => s.equations ?? []);
    expect(foldedHolds(all)).toBe(true);
    const off = bad[5]?.equations ?? [];
    expect(foldedHolds([...all, ...off])).toBe(false);
  });
});
