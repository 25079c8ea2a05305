// Tampering with the key ceremony and the register (spec §2.10–2.11, §3.5): bad key proofs and commitments, a
// substituted election key, a dealer found at fault but kept, and a doctored credential list or register.

import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  decodePoint,
  encodePoint,
  encodeScalar,
  encryptShare,
  generateKeyPair,
  hexToBytes,
  makeComplaint,
  polynomialCommitments,
  randomNonZeroScalar,
} from '../../packages/crypto/src/index.ts';
import { ceremonyContext, type EventJsonOf } from '../../packages/protocol/src/index.ts';
import {
  expectCaught,
  first,
  flipPointByte,
  flipScalarByte,
  IDENTITY_HEX,
  nonCanonicalPoint,
  ofType,
  otherPoint,
  resignAsTrustee,
  tamper,
} from './harness.ts';

describe('a tampered ceremony or register is caught', () => {
  it('a flipped byte in a trustee key’s proof → trustees.keys', async () => {
    const files = tamper((board) => {
      const key = ofType(board, 'trustee-key')[1]!;
      key.proof.response = flipScalarByte(key.proof.response);
    });
    const report = await expectCaught(files, 'trustees.keys');
    expect(report.checks.find((c) => c.id === 'trustees.keys')?.failures[0]).toMatchObject({ trustee: 2, code: 'BAD_KEY_PROOF' });
  });

  it('the identity as a trustee key → trustees.keys', async () => {
    const files = tamper((board) => {
      ofType(board, 'trustee-key')[0]!.publicKey = IDENTITY_HEX;
    });
    const report = await expectCaught(files, 'trustees.keys');
    expect(report.checks.find((c) => c.id === 'trustees.keys')?.failures[0]?.code).toBe('POINT_IS_IDENTITY');
  });

  it('a flipped byte in a trustee commitment, by someone without the trustee’s key → trustees.commitments', async () => {
    const files = tamper((board) => {
      const commitment = ofType(board, 'trustee-commitment')[2]!;
      commitment.commitments[1] = flipPointByte(commitment.commitments[1]!);
    });
    const report = await expectCaught(files, 'trustees.commitments');
    expect(report.checks.find((c) => c.id === 'trustees.commitments')?.failures[0]).toMatchObject({
      trustee: 3,
      code: 'BAD_TRUSTEE_SIGNATURE',
    });
  });

  it('a flipped byte in a trustee commitment, signed by that trustee → trustees.commitments', async () => {
    const files = tamper((board, sim) => {
      const commitment = ofType(board, 'trustee-commitment')[2]!;
      commitment.commitments[1] = flipPointByte(commitment.commitments[1]!);
      resignAsTrustee(commitment, sim);
    });
    const report = await expectCaught(files, 'trustees.commitments');
    expect(report.checks.find((c) => c.id === 'trustees.commitments')?.failures[0]).toMatchObject({
      trustee: 3,
      code: 'BAD_COMMITMENT',
    });
  });

  it('a dealer committing to fewer than t coefficients → trustees.commitments', async () => {
    const files = tamper((board) => {
      const commitment = ofType(board, 'trustee-commitment')[0]!;
      commitment.commitments.pop();
      commitment.proofs.pop();
    });
    await expectCaught(files, 'trustees.commitments');
  });

  it('a dealer’s shares missing a recipient → trustees.shares', async () => {
    const files = tamper((board, sim) => {
      const shares = ofType(board, 'trustee-shares')[0]!;
      shares.shares.pop();
      resignAsTrustee(shares, sim);
    });
    const report = await expectCaught(files, 'trustees.shares');
    expect(report.checks.find((c) => c.id === 'trustees.shares')?.failures[0]?.code).toBe('BAD_SHARES');
  });

  it('a dealer’s shares dropped and the key recomputed without it → trustees.joint-key CEREMONY_INCOMPLETE', async () => {
    const files = tamper(
      (board) => {
        board.events.splice(board.events.indexOf(ofType(board, 'trustee-shares')[0]!), 1);
        const key = first(board, 'election-key');
        const commitments = ofType(board, 'trustee-commitment').filter((c) => c.trustee !== 1);
        key.qualified = commitments.map((c) => c.trustee);
        const sum = commitments.map((c) => decodePoint(hexToBytes(c.commitments[0]!))).reduce((a, b) => a.add(b));
        key.publicKey = bytesToHex(encodePoint(sum));
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'trustees.joint-key');
    expect(report.checks.find((c) => c.id === 'trustees.joint-key')?.failures.map((f) => f.code)).toContain(
      'CEREMONY_INCOMPLETE',
    );
  });

  it('a box whose proof of its ephemeral key does not verify → trustees.shares', async () => {
    const files = tamper((board, sim) => {
      const shares = ofType(board, 'trustee-shares')[1]!;
      const box = shares.shares[0]!;
      box.proof.response = flipScalarByte(box.proof.response);
      resignAsTrustee(shares, sim);
    });
    const report = await expectCaught(files, 'trustees.shares');
    expect(report.checks.find((c) => c.id === 'trustees.shares')?.failures[0]?.code).toBe('BAD_SHARE_PROOF');
  });

  it('an election key that is not the sum of the commitments → trustees.joint-key (board key granted)', async () => {
    const files = tamper(
      (board) => {
        first(board, 'election-key').publicKey = bytesToHex(encodePoint(generateKeyPair().publicKey));
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'trustees.joint-key');
    expect(report.checks.find((c) => c.id === 'trustees.joint-key')?.failures[0]?.code).toBe('WRONG_ELECTION_KEY');
  });

  it('a qualified dealer left out of the published set → trustees.joint-key (board key granted)', async () => {
    const files = tamper(
      (board) => {
        first(board, 'election-key').qualified = [1, 2];
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'trustees.joint-key');
    expect(report.checks.find((c) => c.id === 'trustees.joint-key')?.failures[0]?.code).toBe('WRONG_QUALIFIED_SET');
  });

  it('a dealer found at fault by a proven complaint but kept qualified → trustees.joint-key (board key granted)', async () => {
    // Dealer 2 seals a share for trustee 1 that fails the Feldman check; trustee 1 complains, revealing that box's
    // key with a proof. The published election key still counts dealer 2.
    const files = tamper(
      (board, sim) => {
        const fp = sim.fingerprint;
        const recipient = sim.secrets.trustees[0]!;
        const shares = ofType(board, 'trustee-shares').find((e) => e.trustee === 2)!;
        const commitments = polynomialCommitments(sim.secrets.trustees[1]!.polynomial);
        const box = encryptShare(randomNonZeroScalar(), 2, 1, recipient.publicKey, commitments, ceremonyContext(fp));
        const slot = shares.shares.findIndex((s) => s.recipient === 1);
        shares.shares[slot] = {
          recipient: 1,
          ephemeral: bytesToHex(encodePoint(box.ephemeral)),
          nonce: bytesToHex(box.nonce),
          sealed: bytesToHex(box.sealed),
          proof: {
            commitment: bytesToHex(encodePoint(box.proof.commitment)),
            response: bytesToHex(encodeScalar(box.proof.response)),
          },
        };
        const complaint = makeComplaint(box, recipient.secretKey, ceremonyContext(fp));
        const lastShares = board.events.indexOf(ofType(board, 'trustee-shares').at(-1)!);
        const event = {
          seq: 0,
          time: board.events[lastShares]!.time,
          type: 'trustee-complaint',
          trustee: 1,
          dealer: 2,
          sharedPoint: bytesToHex(encodePoint(complaint.sharedPoint)),
          proof: {
            commitment1: bytesToHex(encodePoint(complaint.proof.commitment1)),
            commitment2: bytesToHex(encodePoint(complaint.proof.commitment2)),
            response: bytesToHex(encodeScalar(complaint.proof.response)),
          },
        } as EventJsonOf<'trustee-complaint'>;
        resignAsTrustee(shares, sim);
        resignAsTrustee(event, sim);
        board.events.splice(lastShares + 1, 0, event);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'trustees.joint-key');
    expect(report.checks.find((c) => c.id === 'trustees.complaints')).toMatchObject({ checked: 1, failed: 0 });
    expect(report.checks.find((c) => c.id === 'trustees.joint-key')?.failures.map((f) => f.code)).toContain(
      'WRONG_QUALIFIED_SET',
    );
  });

  it('a credential listed twice → credentials.list', async () => {
    const files = tamper(
      (board) => {
        const chunk = first(board, 'credentials');
        chunk.entries.push(structuredClone(chunk.entries[0]!));
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures[0]?.code).toBe('DUPLICATE_CREDENTIAL');
  });

  it('the identity as a credential → credentials.list', async () => {
    const files = tamper(
      (board) => {
        first(board, 'credentials').entries.push({ credential: IDENTITY_HEX, district: 'medeu' });
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures[0]?.code).toBe('POINT_IS_IDENTITY');
  });

  it('a non-canonical credential → credentials.list', async () => {
    const files = tamper(
      (board) => {
        const chunk = first(board, 'credentials');
        chunk.entries.push({ credential: nonCanonicalPoint(otherPoint(chunk.entries[0]!.credential)), district: 'medeu' });
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures[0]?.code).toBe('POINT_NOT_CANONICAL');
  });

  it('a credential for a district the definition does not have → credentials.list', async () => {
    const files = tamper(
      (board) => {
        first(board, 'credentials').entries.push({
          credential: bytesToHex(encodePoint(generateKeyPair().publicKey)),
          district: 'elsewhere',
        });
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures[0]?.code).toBe('UNKNOWN_DISTRICT');
  });

  it('a register smaller than the district’s credentials → credentials.register', async () => {
    const files = tamper(
      (board) => {
        const register = first(board, 'register');
        register.sizes.medeu = (register.sizes.medeu ?? 1) - 1;
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.register');
    expect(report.checks.find((c) => c.id === 'credentials.register')?.failures[0]).toMatchObject({
      district: 'medeu',
      code: 'REGISTER_TOO_SMALL',
    });
  });
});
