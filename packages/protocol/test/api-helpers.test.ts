// The API helpers shared by the server and its clients: login codes (normalisation, hash) and signed trustee
// requests (what is signed, and that any change to the body or its context breaks the signature).
import { bytesToHex, generateKeyPair, rawSha256, utf8ToBytes } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  generateLoginCode,
  LOGIN_CODE_LENGTH,
  loginCodeHash,
  normalizeLoginCode,
  SignatureWire,
  signTrusteeRequest,
  verifyTrusteeRequest,
} from '../src/index.ts';

describe('login codes', () => {
  it('are 12 Crockford base32 characters, normalised as a voter may type them', () => {
    const code = generateLoginCode();
    expect(code).toMatch(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${LOGIN_CODE_LENGTH}}$`));
    expect(normalizeLoginCode(' ab-cd ef o1 il ')).toBe('ABCDEF0111');
    expect(loginCodeHash('abcd-efgh-jk01')).toBe(loginCodeHash('ABCDEFGHJK01'));
  });

  it('hash to the plain SHA-256 hex of the normalised code (docs/api.md)', () => {
    expect(loginCodeHash('x1y2')).toBe(bytesToHex(rawSha256(utf8ToBytes('X1Y2'))));
  });
});

describe('signed trustee requests', () => {
  const fp = rawSha256(utf8ToBytes('an election'));
  const key = generateKeyPair();
  const body = { commitments: ['aa'], proofs: [{ n: 1 }] };
  const signed = signTrusteeRequest(key.secretKey, fp, 2, 'trustee-commitment', body);
  const signature = SignatureWire.parse(signed.signature);

  it('verify for the same key, election, trustee, kind and body, whatever the key order', () => {
    expect(
      verifyTrusteeRequest(
        key.publicKey,
        fp,
        2,
        'trustee-commitment',
        { proofs: [{ n: 1 }], signature: signed.signature, commitments: ['aa'] },
        signature,
      ),
    ).toBe(true);
  });

  it('fail for another trustee index, election, key, kind or body', () => {
    const kind = 'trustee-commitment';
    expect(verifyTrusteeRequest(key.publicKey, fp, 3, kind, signed, signature)).toBe(false);
    expect(verifyTrusteeRequest(key.publicKey, rawSha256(fp), 2, kind, signed, signature)).toBe(false);
    expect(verifyTrusteeRequest(generateKeyPair().publicKey, fp, 2, kind, signed, signature)).toBe(false);
    expect(verifyTrusteeRequest(key.publicKey, fp, 2, kind, { ...signed, commitments: ['ab'] }, signature)).toBe(false);
    expect(verifyTrusteeRequest(key.publicKey, fp, 2, kind, { ...signed, extra: 1 }, signature)).toBe(false);
    // the same body signed as a commitment is not a decryption-share statement: the kind is signed too
    expect(verifyTrusteeRequest(key.publicKey, fp, 2, 'decryption-share', signed, signature)).toBe(false);
  });

  it('a published event verifies with its seq and time in place, and not once its content changes', () => {
    const event = { seq: 7, time: '2026-12-01T08:00:00.000Z', type: 'trustee-commitment', trustee: 2, ...signed };
    expect(verifyTrusteeRequest(key.publicKey, fp, 2, 'trustee-commitment', event, signature)).toBe(true);
    expect(verifyTrusteeRequest(key.publicKey, fp, 3, 'trustee-commitment', { ...event, trustee: 3 }, signature)).toBe(false);
    expect(verifyTrusteeRequest(key.publicKey, fp, 2, 'trustee-commitment', { ...event, proofs: [] }, signature)).toBe(false);
  });

  it('refuse to sign a body that already has a signature', () => {
    expect(() =>
      signTrusteeRequest(key.secretKey, fp, 2, 'trustee-commitment', { signature: z.encode(SignatureWire, signature) }),
    ).toThrow(TypeError);
  });
});
