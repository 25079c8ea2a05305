// Voter credentials (spec §2.8): Crockford codes, normalisation, scrypt key derivation and Schnorr signatures.
import { scrypt } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_ALPHABET,
  CREDENTIAL_LENGTH,
  concatBytes,
  deriveCredentialKey,
  deriveCredentialKeyAsync,
  equationHolds,
  formatCredentialCode,
  G,
  generateCredentialCode,
  IDENTITY,
  type KdfParams,
  mulSecret,
  normalizeCredentialCode,
  ORDER,
  publicKeyOf,
  randomNonZeroScalar,
  sign,
  signatureEquations,
  TAGS,
  utf8ToBytes,
  verifySignature,
} from '../src/index.ts';
import { signatureCodec } from './helpers/codecs.ts';
import { acceptsWire, arb, contextVariants, everyByteFlip, flipByte, flipComponent } from './helpers/tamper.ts';

/** Cheap scrypt for tests; real elections use DEFAULT_KDF (logN 15). */
const FAST: KdfParams = { logN: 8, r: 8, p: 1 };
const arbCode = fc.string({ unit: fc.constantFrom(...CREDENTIAL_ALPHABET), minLength: 20, maxLength: 20 });

describe('credential codes', () => {
  it('are 20 characters of the Crockford alphabet', () => {
    expect(CREDENTIAL_ALPHABET).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
    expect(CREDENTIAL_LENGTH).toBe(20);
    for (let i = 0; i < 200; i++) expect(generateCredentialCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
  });

  it('are fresh each time and use the whole alphabet', () => {
    const codes = Array.from({ length: 200 }, generateCredentialCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('print in groups of five and normalise back', () => {
    fc.assert(
      fc.property(arbCode, (code) => {
        const printed = formatCredentialCode(code);
        expect(printed).toMatch(/^(.{5}-){3}.{5}$/);
        expect(normalizeCredentialCode(printed)).toBe(code);
      }),
    );
  });
});

describe('normalizeCredentialCode', () => {
  const code = '0123456789ABCDEFGHJK';

  it('ignores case, dashes and spaces', () => {
    expect(normalizeCredentialCode(code)).toBe(code);
    expect(normalizeCredentialCode(code.toLowerCase())).toBe(code);
    expect(normalizeCredentialCode('01234-56789-abcde-fghjk')).toBe(code);
    expect(normalizeCredentialCode(' 01234 56789\tABCDE-FGHJK \n')).toBe(code);
  });

  it('reads O as 0 and I or L as 1, in either case', () => {
    expect(normalizeCredentialCode('O1234-56789-ABCDE-FGHJK')).toBe(code);
    expect(normalizeCredentialCode('o1234-56789-ABCDE-FGHJK')).toBe(code);
    expect(normalizeCredentialCode('0I234-56789-ABCDE-FGHJK')).toBe(code);
    expect(normalizeCredentialCode('0l234-56789-ABCDE-FGHJK')).toBe(code);
    expect(normalizeCredentialCode('0L234-56789-ABCDE-FGHJK')).toBe(code);
  });

  it('rejects a wrong length', () => {
    for (const input of ['', code.slice(1), `${code}0`, `${code}-`.repeat(2)]) {
      expect(normalizeCredentialCode(input), input).toBeNull();
    }
  });

  it('rejects characters outside the alphabet (U, punctuation, non-ASCII)', () => {
    for (const bad of ['U', '_', '.', '*', 'Ж', 'é']) {
      expect(normalizeCredentialCode(`${bad}${code.slice(1)}`), bad).toBeNull();
    }
  });

  it('is idempotent and only ever yields alphabet codes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const n = normalizeCredentialCode(input);
        if (n === null) return;
        expect(n).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
        expect(normalizeCredentialCode(n)).toBe(n);
      }),
    );
  });
});

describe('deriveCredentialKey', () => {
  const code = 'ABCDE-FGHJK-MNPQR-STVWX';

  it('is deterministic, and the same for every way of typing the code', () => {
    const k = deriveCredentialKey(code, 'election-1', FAST);
    expect(deriveCredentialKey(code, 'election-1', FAST)).toBe(k);
    expect(deriveCredentialKey(code.toLowerCase().replace(/-/g, ' '), 'election-1', FAST)).toBe(k);
  });

  it('depends on the code, the election id and the parameters', () => {
    const k = deriveCredentialKey(code, 'election-1', FAST);
    expect(deriveCredentialKey('ABCDE-FGHJK-MNPQR-STVWY', 'election-1', FAST)).not.toBe(k);
    expect(deriveCredentialKey(code, 'election-2', FAST)).not.toBe(k);
    expect(deriveCredentialKey(code, 'election-1', { ...FAST, logN: 9 })).not.toBe(k);
  });

  it('is scrypt(code, tag ‖ 0x00 ‖ election id, dkLen 64) read little-endian mod ℓ, as spec §2.8 says', () => {
    const salt = concatBytes(utf8ToBytes(TAGS.credentialKdf), new Uint8Array([0]), utf8ToBytes('election-1'));
    const out = scrypt(utf8ToBytes('ABCDEFGHJKMNPQRSTVWX'), salt, { N: 2 ** FAST.logN, r: FAST.r, p: FAST.p, dkLen: 64 });
    const n = out.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
    expect(deriveCredentialKey(code, 'election-1', FAST)).toBe(n % ORDER);
  });

  it('gives the same key from the async variant', async () => {
    await fc.assert(
      fc.asyncProperty(arbCode, fc.string({ maxLength: 20 }), async (c, election) => {
        expect(await deriveCredentialKeyAsync(c, election, FAST)).toBe(deriveCredentialKey(c, election, FAST));
      }),
      { numRuns: 10 },
    );
  });

  it('reports its progress from 0 to 1 and derives the same key meanwhile', async () => {
    const code = generateCredentialCode();
    const params: KdfParams = { logN: 13, r: 8, p: 1 }; // long enough to yield a few times
    const seen: number[] = [];
    const key = await deriveCredentialKeyAsync(code, 'election-1', params, (fraction) => seen.push(fraction));
    expect(key).toBe(deriveCredentialKey(code, 'election-1', params));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (seen[i - 1] as number)))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('throws for something that is not a code', () => {
    expect(() => deriveCredentialKey('not a code', 'election-1', FAST)).toThrow(TypeError);
  });
});

describe('credential signatures', () => {
  const secretKey = randomNonZeroScalar();
  const publicKey = publicKeyOf(secretKey);
  const message = utf8ToBytes('ballot hash');
  const context = [new Uint8Array(32).fill(3), utf8ToBytes('ballot')];
  const signature = sign(secretKey, message, context);

  it('publicKeyOf is x·G', () => {
    expect(publicKey.equals(mulSecret(G, secretKey))).toBe(true);
  });

  it('verify for any key, message and context', () => {
    fc.assert(
      fc.property(arb.scalar(), fc.uint8Array({ maxLength: 64 }), arb.context(), (x, msg, ctx) => {
        const sig = sign(x, msg, ctx);
        expect(verifySignature(publicKeyOf(x), msg, sig, ctx)).toBe(true);
        expect(signatureEquations(publicKeyOf(x), msg, sig, ctx)).toHaveLength(1);
      }),
      { numRuns: 25 },
    );
  });

  it('uses a fresh nonce each time (hedged), and both signatures verify', () => {
    const again = sign(secretKey, message, context);
    expect(again.commitment.equals(signature.commitment)).toBe(false);
    expect(verifySignature(publicKey, message, again, context)).toBe(true);
  });

  it('fails with another key or the identity as key', () => {
    expect(verifySignature(publicKeyOf(randomNonZeroScalar()), message, signature, context)).toBe(false);
    expect(verifySignature(IDENTITY, message, signature, context)).toBe(false);
  });

  it('rejects the identity as key even for a signature that satisfies the equation for it (R = s·G)', () => {
    const s = randomNonZeroScalar();
    const forged = { commitment: mulSecret(G, s), response: s };
    expect(signatureEquations(IDENTITY, message, forged, context).every(equationHolds)).toBe(true);
    expect(verifySignature(IDENTITY, message, forged, context)).toBe(false);
  });

  it('fails for another message: any flipped byte, a byte more or less', () => {
    expect(verifySignature(publicKey, message, signature, context)).toBe(true);
    for (let i = 0; i < message.length; i++) {
      expect(verifySignature(publicKey, flipByte(message, i, 0x20), signature, context)).toBe(false);
    }
    expect(verifySignature(publicKey, message.subarray(1), signature, context)).toBe(false);
    expect(verifySignature(publicKey, new Uint8Array([...message, 0]), signature, context)).toBe(false);
  });

  it('fails for every single change to the context, and with no context', () => {
    for (const v of contextVariants(context))
      expect(verifySignature(publicKey, message, signature, v.context), v.name).toBe(false);
    expect(verifySignature(publicKey, message, signature)).toBe(false);
  });

  it('does not confuse the message with a context field', () => {
    const sig = sign(secretKey, message, []);
    expect(verifySignature(publicKey, new Uint8Array(0), sig, [message])).toBe(false);
  });

  it('fails when any byte of the signature is flipped', () => {
    const wire = signatureCodec.encode(signature);
    const verify = (s: typeof signature): boolean => verifySignature(publicKey, message, s, context);
    expect(acceptsWire(signatureCodec, wire, verify)).toBe(true);
    for (const { component, index, flipped } of everyByteFlip(wire)) {
      expect(acceptsWire(signatureCodec, flipped, verify), `${component}:${index}`).toBe(false);
    }
    fc.assert(
      fc.property(arb.flip(wire.length), ({ component, index, mask }) => {
        expect(acceptsWire(signatureCodec, flipComponent(wire, component, index, mask), verify)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('binds a key derived from a code: the signer needs the code', () => {
    const code = generateCredentialCode();
    const x = deriveCredentialKey(code, 'election-1', FAST);
    const sig = sign(x, message, context);
    expect(verifySignature(publicKeyOf(x), message, sig, context)).toBe(true);
    const wrong = deriveCredentialKey(code, 'election-2', FAST);
    expect(verifySignature(publicKeyOf(x), message, sign(wrong, message, context), context)).toBe(false);
  });
});
