// Exponential ElGamal over ristretto255 (spec §2.4): Enc(m; r) = (r·G, m·G + r·K).
import { G, IDENTITY, mod, mulPublic, mulSecret, type Point, randomNonZeroScalar, type Scalar, withTable } from './group.ts';
import { secretCombinations } from './internal/combine.ts';

export interface Ciphertext {
  readonly alpha: Point;
  readonly beta: Point;
}

export interface KeyPair {
  readonly secretKey: Scalar;
  readonly publicKey: Point;
}

export function generateKeyPair(): KeyPair {
  const secretKey = randomNonZeroScalar();
  return { secretKey, publicKey: mulSecret(G, secretKey) };
}

/** m·G for a small public integer m (a vote value or a tally). */
export function encodeMessage(m: number | bigint): Point {
  return mulPublic(G, mod(BigInt(m)));
}

/**
 * Encrypts the integer m under the election key K with randomness r (fresh from the CSPRNG when omitted).
 * Pass a K prepared with `withTable` when encrypting many values under it.
 */
export function encrypt(publicKey: Point, m: number | bigint, r: Scalar = randomNonZeroScalar()): Ciphertext {
  // With a table for K: blinded table walks for r·G and m·G + r·K alike (m is the secret vote), and the
  // encodings of α and β known at once for the proof's challenge.
  const message = mod(BigInt(m));
  // a vote (0 ≤ m ≤ 128) takes one table row; larger m a full walk (whether m is small is not the secret)
  const messageTerm = message <= 128n ? ([message, G, 'small'] as const) : ([message, G] as const);
  const fast = secretCombinations([[[r, G]], [messageTerm, [r, publicKey]]]);
  if (fast) return { alpha: fast[0] as Point, beta: fast[1] as Point };
  return { alpha: mulSecret(G, r), beta: encodeMessage(m).add(mulSecret(publicKey, r)) };
}

export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: a.alpha.add(b.alpha), beta: a.beta.add(b.beta) };
}

export function subtractCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: a.alpha.subtract(b.alpha), beta: a.beta.subtract(b.beta) };
}

/** The homomorphic sum of any number of ciphertexts; the sum of none is the encryption of 0 with r = 0. */
export function sumCiphertexts(cts: readonly Ciphertext[]): Ciphertext {
  let alpha = IDENTITY;
  let beta = IDENTITY;
  for (const ct of cts) {
    alpha = alpha.add(ct.alpha);
    beta = beta.add(ct.beta);
  }
  return { alpha, beta };
}

/** A fresh encryption of the same plaintext: adds an encryption of 0 with randomness r. */
export function reencrypt(publicKey: Point, ct: Ciphertext, r: Scalar = randomNonZeroScalar()): Ciphertext {
  return addCiphertexts(ct, encrypt(publicKey, 0, r));
}

/** Decrypts to the group element m·G (find m with `discreteLog`). */
export function decryptToPoint(secretKey: Scalar, ct: Ciphertext): Point {
  return ct.beta.subtract(mulSecret(ct.alpha, secretKey));
}

/** The election key with a precomputed table, for voters and servers that encrypt or verify many times. */
export function prepareElectionKey(publicKey: Point): Point {
  return withTable(publicKey);
}

export function ciphertextEquals(a: Ciphertext, b: Ciphertext): boolean {
  return a.alpha.equals(b.alpha) && a.beta.equals(b.beta);
}
