// A quick self-check of the crypto core: a 2-of-3 key ceremony, ballots proven and batch-verified, a tally decrypted.
import {
  BatchVerifier,
  combineDecryptionShares,
  combineReceivedShares,
  commitPolynomial,
  computeDecryptionShare,
  decryptShare,
  discreteLog,
  encrypt,
  encryptShare,
  evaluatePolynomial,
  generateKeyPair,
  jointPublicKey,
  prepareElectionKey,
  proveRange,
  randomNonZeroScalar,
  randomPolynomial,
  rangeEquations,
  sumCiphertexts,
  utf8ToBytes,
} from '../src/index.ts';

const context = [utf8ToBytes('saylau selfcheck')];
const trustees = [1, 2, 3];
const threshold = 2;
const polynomials = trustees.map(() => randomPolynomial(threshold));
const commKeys = trustees.map(() => generateKeyPair());
const dealers = polynomials.map((p, i) => commitPolynomial(i + 1, p, context));
const secretShares = trustees.map((x) =>
  combineReceivedShares(
    polynomials.map((p, d) => {
      const box = encryptShare(evaluatePolynomial(p, x), d + 1, x, commKeys[x - 1]!.publicKey, dealers[d]!.commitments, context);
      const share = decryptShare(box, commKeys[x - 1]!.secretKey, context);
      if (share === null) throw new Error('share did not decrypt');
      return share;
    }),
  ),
);
const key = prepareElectionKey(jointPublicKey(dealers));

const votes = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
const start = performance.now();
const ballots = votes.map((v) => {
  const r = randomNonZeroScalar();
  const ciphertext = encrypt(key, v, r);
  return { ciphertext, proof: proveRange({ publicKey: key, ciphertext, min: 0, max: 1 }, v, r, context) };
});
const proved = performance.now();
const batch = new BatchVerifier();
ballots.forEach((b, i) => {
  batch.add(i, rangeEquations({ publicKey: key, ciphertext: b.ciphertext, min: 0, max: 1 }, b.proof, context));
});
const outcome = batch.verify();
const verified = performance.now();
const total = sumCiphertexts(ballots.map((b) => b.ciphertext));
const shares = [1, 3].map((x) => computeDecryptionShare(x, secretShares[x - 1]!, total, context));
const tally = discreteLog(combineDecryptionShares(total, shares), votes.length);
const expected = votes.reduce<number>((a, b) => a + b, 0);

console.log(`encrypt+prove: ${((proved - start) / votes.length).toFixed(2)} ms per selection`);
console.log(
  `batch verify:  ${((verified - proved) / votes.length).toFixed(2)} ms per selection (${outcome.ok ? 'all valid' : 'FAILED'})`,
);
console.log(`2-of-3 tally:  ${tally} (expected ${expected})`);
if (!outcome.ok || tally !== expected) process.exit(1);
