// Attack: the rushing dealer of joint-Feldman key generation.
// Known from: Gennaro, Jarecki, Krawczyk, Rabin, "Secure distributed key generation for discrete-log based
// cryptosystems" (EUROCRYPT 1999; J. Cryptology 2007): a dealer who publishes last can steer the joint key.
// What Saylau does (spec §2.10): it keeps joint Feldman and argues the steering harmless — every commitment carries a
// proof of knowledge, so a dealer cannot aim K at a point it does not know the logarithm of (BAD_COMMITMENT, the
// dealer is left out); what it can do is shift the honest sum H by a scalar o it knows, and ElGamal under H + o·G is
// ElGamal under H with ciphertexts translated (GJKR, CT-RSA 2003). This file shows all three facts on real code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decryptToPoint,
  deriveGenerator,
  encodePoint,
  encrypt,
  G,
  mod,
  mulSecret,
  randomNonZeroScalar,
  type Scalar,
} from '../../packages/crypto/src/index.ts';
import { type CeremonyEvent, EventWire, qualifyDealers, signTrusteeEvent } from '../../packages/protocol/src/index.ts';
import { type Simulation, simulateElection } from '../../packages/protocol/src/node.ts';

const draft = JSON.parse(readFileSync(new URL('../fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'));
const sim: Simulation = simulateElection({ draft, voters: 0, until: 'ready' });
const fp = sim.fingerprint;
const events = sim.events.filter((e) => e.type.startsWith('trustee-')).map((e) => EventWire.parse(e) as CeremonyEvent);
const commitmentOf = (d: number) => {
  const e = events.find((x) => x.type === 'trustee-commitment' && x.trustee === d);
  if (e?.type !== 'trustee-commitment') throw new Error('no commitment');
  return e;
};

describe('a rushing dealer (2-of-3; dealer 3 publishes last)', () => {
  it('cannot aim the joint key at a point it does not know the logarithm of: BAD_COMMITMENT, dealer out', () => {
    const target = deriveGenerator('a key someone else can decrypt under');
    const honest = commitmentOf(1).commitments[0]!.add(commitmentOf(2).commitments[0]!);
    const own = commitmentOf(3);
    // C_{3,0} = X − H makes K = X, but dealer 3 cannot prove knowledge of its logarithm: it keeps its old proof
    const aimed = { ...own, commitments: [target.subtract(honest), ...own.commitments.slice(1)] };
    const { seq, time, signature: _s, ...content } = aimed;
    const secret = sim.secrets.trustees[2]!.secretKey;
    const signed = EventWire.parse({ ...signTrusteeEvent(secret, fp, content), seq, time }) as CeremonyEvent;
    const q = qualifyDealers(
      fp,
      sim.definition.trustees,
      events.map((e) => (e === own ? signed : e)),
    );
    expect(q.violations.map((v) => v.code)).toContain('BAD_COMMITMENT');
    expect(q.qualified).not.toContain(3);
    const key = q.electionKey;
    expect(key === null || !key.equals(target)).toBe(true);
  });

  it('can steer public bits of K by grinding its own coefficient — and gains nothing: K = H + o·G with o known', () => {
    // The attacker sees H, then tries coefficients until enc(K) starts with a zero byte (about 256 tries).
    const h = randomNonZeroScalar(); // stands for the honest sum's unknown logarithm; the attacker sees only H
    const H = mulSecret(G, h);
    let o: Scalar = 0n;
    let K = H;
    for (let tries = 0; tries < 4096 && encodePoint(K)[0] !== 0; tries++) {
      o = randomNonZeroScalar();
      K = H.add(mulSecret(G, o));
    }
    expect(encodePoint(K)[0]).toBe(0); // the bias is real
    // … and harmless: a ciphertext under H becomes one under K by adding o·α to β, so any attack on ballots under K
    // is an attack under the uniform H (spec §2.10, reason 2).
    const underH = encrypt(H, 1);
    const underK = { alpha: underH.alpha, beta: underH.beta.add(mulSecret(underH.alpha, o)) };
    expect(decryptToPoint(mod(h + o), underK).equals(G)).toBe(true);
  });
});
