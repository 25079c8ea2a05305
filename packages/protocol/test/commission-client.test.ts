// @saylau/protocol/commission-client: the member key file round-trips and refuses a wrong passphrase or an edited
// header; sign-in and enrollment signatures verify only for their own challenge, key, invitation and purpose.
import { bytesToHex, generateKeyPair } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  createMemberKeyFile,
  invitationHash,
  memberKeyHeaderOf,
  memberPublicKeyHex,
  openMemberKeyFile,
  signEnrollment,
  signSignIn,
  verifyEnrollment,
  verifySignIn,
} from '../src/commission-client/index.ts';

const challenge = bytesToHex(new Uint8Array(32).fill(0xab));
const flip = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('the member key file', () => {
  it('opens with its passphrase, not with another or after an edit', async () => {
    const made = await createMemberKeyFile({ name: 'Aigerim', member: 'aigerim' }, 'right passphrase', { logN: 10 });
    expect(memberKeyHeaderOf(made.text, 'm.key')).toMatchObject({ format: 'saylau-member-key', version: 1, name: 'Aigerim' });
    const opened = await openMemberKeyFile(made.text, 'right passphrase', 'm.key');
    expect(opened.secretKey).toBe(made.secretKey);
    expect(opened.header.publicKey).toBe(memberPublicKeyHex(made.secretKey));
    await expect(openMemberKeyFile(made.text, 'wrong passphrase', 'm.key')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const edited = made.text.replace('"Aigerim"', '"Mallory"');
    await expect(openMemberKeyFile(edited, 'right passphrase', 'm.key')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const trustee = made.text.replace('saylau-member-key', 'saylau-trustee-key');
    expect(() => memberKeyHeaderOf(trustee, 'm.key')).toThrow(/not a Saylau commission member key file/);
    expect(() => memberKeyHeaderOf('not json', 'm.key')).toThrow(/not JSON/);
  });
});

describe('sign-in and enrollment signatures', () => {
  const { secretKey } = generateKeyPair();
  const publicKey = memberPublicKeyHex(secretKey);
  const other = memberPublicKeyHex(generateKeyPair().secretKey);

  it('a sign-in verifies for its challenge and key only', () => {
    const signature = signSignIn(secretKey, challenge);
    expect(verifySignIn(publicKey, challenge, signature)).toBe(true);
    expect(verifySignIn(other, challenge, signature)).toBe(false);
    expect(verifySignIn(publicKey, flip(challenge, 5), signature)).toBe(false);
    for (const at of [0, 63, 64, 127]) expect(verifySignIn(publicKey, challenge, flip(signature, at))).toBe(false);
    expect(verifySignIn(publicKey, challenge, 'zz')).toBe(false);
    expect(verifySignIn('00'.repeat(32), challenge, signature)).toBe(false);
    expect(verifySignIn(publicKey, 'ABC', signature)).toBe(false);
    expect(() => signSignIn(secretKey, 'not hex')).toThrow(TypeError);
  });

  it('an enrollment proof verifies for its invitation and key only, and never as a sign-in', () => {
    const hash = invitationHash('A'.repeat(43));
    const signature = signEnrollment(secretKey, { invitationHash: hash });
    expect(verifyEnrollment(hash, publicKey, signature)).toBe(true);
    expect(verifyEnrollment(invitationHash('B'.repeat(43)), publicKey, signature)).toBe(false);
    expect(verifyEnrollment(hash, other, signature)).toBe(false);
    expect(verifySignIn(publicKey, hash, signature)).toBe(false);
    expect(verifyEnrollment(hash, publicKey, signSignIn(secretKey, hash))).toBe(false);
  });
});
