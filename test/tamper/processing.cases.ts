// Tampering with processing, decryption and the result (spec §6): the counted set, the aggregates, the trustees'
// decryption shares, the published counts and the validity verdicts are each recomputed by the verifier, so every
// change is caught by the check of that stage — even when the attacker holds the board key and re-signs the heads.

import { describe, expect, it } from 'vitest';
import { bytesToHex, decodePoint, encodePoint, encrypt, generateKeyPair, hexToBytes } from '../../packages/crypto/src/index.ts';
import { ballotHash } from '../../packages/protocol/src/index.ts';
import {
  expectCaught,
  failedChecks,
  first,
  flipScalarByte,
  ofType,
  otherPoint,
  resignAsTrustee,
  revotePair,
  tamper,
} from './harness.ts';

const RESIGN = { resign: true } as const;

describe('tampered processing, decryption or result is caught', () => {
  it('a superseded ballot counted instead of the last → processing.counted-set', async () => {
    const files = tamper((board) => {
      const [earlier, later] = revotePair(board);
      const counted = first(board, 'counted-set').counted;
      const at = counted.indexOf(ballotHash(later.ballot));
      expect(at).toBeGreaterThanOrEqual(0);
      counted[at] = ballotHash(earlier.ballot);
    }, RESIGN);
    const report = await expectCaught(files, 'processing.counted-set');
    expect(report.checks.find((c) => c.id === 'processing.counted-set')?.failures[0]?.reason).toMatch(
      /a superseded ballot counted/,
    );
  });

  it('a voter who voted on paper counted → processing.counted-set', async () => {
    const files = tamper((board, sim) => {
      const cancelled = new Set(first(board, 'cancellation').credentials);
      const paperBallots = ofType(board, 'ballot').filter((b) => cancelled.has(b.ballot.credential));
      const last = paperBallots[paperBallots.length - 1];
      if (!last) throw new Error(`no paper voter with an e-vote (seed ${sim.definition.id})`);
      const counted = first(board, 'counted-set');
      counted.counted.push(ballotHash(last.ballot));
      counted.cancelled -= 1;
    }, RESIGN);
    const report = await expectCaught(files, 'processing.counted-set');
    expect(report.checks.find((c) => c.id === 'processing.counted-set')?.failures[0]?.reason).toMatch(
      /voted on paper: a cancelled ballot counted/,
    );
  });

  it('a ballot that should count dropped from the counted set → processing.counted-set', async () => {
    const files = tamper((board) => {
      first(board, 'counted-set').counted.splice(3, 1);
    }, RESIGN);
    const report = await expectCaught(files, 'processing.counted-set');
    expect(report.checks.find((c) => c.id === 'processing.counted-set')?.failures[0]?.reason).toMatch(/it was dropped/);
  });

  it('a wrong superseded count → processing.counted-set', async () => {
    const files = tamper((board) => {
      first(board, 'counted-set').superseded += 1;
    }, RESIGN);
    await expectCaught(files, 'processing.counted-set');
  });

  it('a cancellation naming an unregistered credential → processing.cancellations', async () => {
    const files = tamper((board) => {
      first(board, 'cancellation').credentials.push(bytesToHex(encodePoint(generateKeyPair().publicKey)));
    }, RESIGN);
    await expectCaught(files, 'processing.cancellations');
  });

  it('an aggregate changed (one vote added by re-encryption) → processing.aggregates', async () => {
    const files = tamper((board) => {
      const entry = first(board, 'aggregate').entries[0]!;
      const key = decodePoint(hexToBytes(first(board, 'election-key').publicKey));
      const one = encrypt(key, 1);
      entry.ciphertext = {
        alpha: bytesToHex(encodePoint(decodePoint(hexToBytes(entry.ciphertext.alpha), { allowIdentity: true }).add(one.alpha))),
        beta: bytesToHex(encodePoint(decodePoint(hexToBytes(entry.ciphertext.beta), { allowIdentity: true }).add(one.beta))),
      };
    }, RESIGN);
    const report = await expectCaught(files, 'processing.aggregates');
    expect(report.checks.find((c) => c.id === 'processing.aggregates')?.failures[0]).toMatchObject({
      code: 'AGGREGATE_MISMATCH',
      option: 'yes',
    });
  });

  it('an aggregate’s ballot count changed → processing.aggregates', async () => {
    const files = tamper((board) => {
      first(board, 'aggregate').entries[0]!.ballots += 1;
    }, RESIGN);
    await expectCaught(files, 'processing.aggregates');
  });

  it('a decryption share changed by someone without the trustee’s key → decryption.shares', async () => {
    const files = tamper((board) => {
      const share = first(board, 'decryption-share').shares[1]!;
      share.share = otherPoint(share.share);
    }, RESIGN);
    const report = await expectCaught(files, 'decryption.shares');
    expect(report.checks.find((c) => c.id === 'decryption.shares')?.failures[0]).toMatchObject({
      trustee: 1,
      code: 'BAD_TRUSTEE_SIGNATURE',
    });
  });

  it('a wrong decryption share signed by its trustee → decryption.shares', async () => {
    const files = tamper((board, sim) => {
      const event = first(board, 'decryption-share');
      const share = event.shares[1]!;
      share.share = otherPoint(share.share);
      resignAsTrustee(event, sim);
    }, RESIGN);
    const report = await expectCaught(files, 'decryption.shares');
    expect(report.checks.find((c) => c.id === 'decryption.shares')?.failures[0]).toMatchObject({
      trustee: 1,
      code: 'BAD_DECRYPTION_SHARE',
    });
  });

  it('a flipped byte in a decryption share’s proof → decryption.shares', async () => {
    const files = tamper((board) => {
      const share = ofType(board, 'decryption-share')[1]!.shares[0]!;
      share.proof.response = flipScalarByte(share.proof.response);
    }, RESIGN);
    await expectCaught(files, 'decryption.shares');
  });

  it('decryption shares passed off as another trustee’s → decryption.shares', async () => {
    const files = tamper((board) => {
      first(board, 'decryption-share').trustee = 3;
    }, RESIGN);
    await expectCaught(files, 'decryption.shares');
  });

  it('a result naming a trustee that never decrypted → result.combination', async () => {
    const files = tamper((board) => {
      first(board, 'result').trustees = [1, 3];
    }, RESIGN);
    await expectCaught(files, 'result.combination');
  });

  it('a result resting on fewer than t trustees’ shares → result.combination', async () => {
    const files = tamper(
      (board) => {
        const second = ofType(board, 'decryption-share')[1]!;
        board.events.splice(board.events.indexOf(second), 1);
      },
      { renumber: true, resign: true },
    );
    await expectCaught(files, 'result.combination');
  });

  it('a published count changed → result.counts', async () => {
    const files = tamper((board) => {
      const result = first(board, 'result');
      const q = result.overall[0]!;
      const option = Object.keys(q.counts)[0]!;
      q.counts[option] = (q.counts[option] ?? 0) + 1;
      const d = result.districts[0]!.questions.find((x) => x.question === q.question)!;
      d.counts[option] = (d.counts[option] ?? 0) + 1;
    }, RESIGN);
    const report = await expectCaught(files, 'result.counts');
    expect(report.result?.matches).toBe(false);
  });

  it('a published register figure changed → result.counts', async () => {
    const files = tamper((board) => {
      first(board, 'result').districts[0]!.questions[0]!.registered += 100;
    }, RESIGN);
    await expectCaught(files, 'result.counts');
  });

  it('a quorum verdict flipped → result.validity', async () => {
    const files = tamper((board) => {
      const verdict = first(board, 'result').validity[0]!;
      const rule = verdict.rules[0]!;
      rule.passed = !rule.passed;
      verdict.valid = verdict.rules.every((r) => r.passed);
    }, RESIGN);
    const report = await expectCaught(files, 'result.validity');
    expect(report.checks.find((c) => c.id === 'result.validity')?.failures[0]?.question).toBe('parks');
  });

  it('result.json differing from the board’s result → record.copies', async () => {
    const files = tamper(() => {}, {
      editData: (f) => {
        const text = new TextDecoder().decode(f.get('result.json'));
        f.set(
          'result.json',
          new TextEncoder().encode(text.replace('"valid":true', '"valid":false').replace('"valid":false', '"valid":true')),
        );
        if (new TextDecoder().decode(f.get('result.json')) === text) {
          f.set('result.json', new TextEncoder().encode(text.replace('"trustees":[1,2]', '"trustees":[2,1]')));
        }
      },
    });
    expect(await failedChecks(files)).toEqual(['record.copies']);
  });
});
