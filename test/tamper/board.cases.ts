// Tampering with the board and the record's frame (spec §3.4, §5, §7): rewritten events, forged or forked heads,
// broken files and an edited definition are each caught by a named check, and the outside anchors catch a record
// re-signed from scratch with another board key.

import { describe, expect, it } from 'vitest';
import { headJson, hexToBytes, renumber } from '../../apps/verifier/test/fixture.ts';
import { bytesToHex, encodePoint, generateKeyPair, utf8ToBytes } from '../../packages/crypto/src/index.ts';
import {
  type BoardEventJson,
  canonicalJson,
  eventEntryBytes,
  fingerprintBytes,
  leafHash,
  MerkleLog,
  signTreeHead,
} from '../../packages/protocol/src/index.ts';
import { countedBallot, expectCaught, failedChecks, first, honest, ofType, tamper } from './harness.ts';

/** A head the board key signs over a different history of the same size (a fork). */
function forkedHead(events: readonly BoardEventJson[], size: number, timestamp: string, boardSecret: bigint) {
  const fp = fingerprintBytes(first({ events: [...events], heads: [] }, 'definition').definition);
  const forked = structuredClone(events.slice(0, size));
  const ballot = forked.find((e) => e.type === 'ballot');
  if (!ballot) throw new Error('no ballot before the head');
  ballot.time = '2026-01-01T00:00:00.000Z';
  const log = MerkleLog.from(forked.map((e) => leafHash(eventEntryBytes(fp, e))));
  return headJson(signTreeHead(boardSecret, fp, size, log.root(size), timestamp));
}

describe('a tampered board or record frame is caught', () => {
  it('a manifest whose files are not sorted by path → record.manifest MANIFEST_MISMATCH', async () => {
    const files = tamper(() => {}, {
      files: (all) => {
        const manifest = JSON.parse(new TextDecoder().decode(all.get('manifest.json')));
        manifest.files.reverse();
        all.set('manifest.json', utf8ToBytes(`${canonicalJson(manifest)}\n`));
      },
    });
    const report = await expectCaught(files, 'record.manifest');
    expect(
      report.checks
        .find((c) => c.id === 'record.manifest')
        ?.failures.map((f) => f.reason)
        .join(),
    ).toContain('not sorted');
  });

  it('a signed head replaced by one under another key → board.tree-heads', async () => {
    const files = tamper((board, sim) => {
      const head = board.heads[1]!;
      const forged = signTreeHead(
        generateKeyPair().secretKey,
        sim.fingerprint,
        head.treeSize,
        hexToBytes(head.rootHash),
        head.timestamp,
      );
      board.heads[1] = headJson(forged);
    });
    const report = await expectCaught(files, 'board.tree-heads');
    expect(report.checks.find((c) => c.id === 'board.tree-heads')?.failures[0]).toMatchObject({
      head: 1,
      code: 'BAD_TREE_HEAD_SIGNATURE',
    });
  });

  it('a genuine head over a forked history among the kept heads → board.consistency', async () => {
    const files = tamper((board, sim) => {
      const head = board.heads.find((h) => board.events.slice(0, h.treeSize).some((e) => e.type === 'ballot'));
      if (!head) throw new Error('no head after a ballot');
      board.heads[board.heads.indexOf(head)] = forkedHead(board.events, head.treeSize, head.timestamp, sim.secrets.boardSecret);
    });
    const report = await expectCaught(files, 'board.consistency');
    expect(report.checks.find((c) => c.id === 'board.tree-heads')?.failed).toBe(0);
    expect(report.checks.find((c) => c.id === 'board.consistency')?.failures[0]?.code).toBe('BAD_CONSISTENCY_PROOF');
  });

  it('an event rewritten under the old heads → board.merkle', async () => {
    const files = tamper((board, sim) => {
      countedBallot(board, sim).time = '2026-01-01T00:00:00.000Z';
    });
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['board.merkle', 'board.consistency']));
    expect(failed).not.toContain('ballots.signature');
  });

  it('the final head dropped, so the record’s last head does not cover the board → board.merkle', async () => {
    const files = tamper((board) => {
      board.heads.pop();
    });
    const report = await expectCaught(files, 'board.merkle');
    expect(report.checks.find((c) => c.id === 'board.merkle')?.failures[0]?.code).toBe('RECORD_TREE_HEAD');
  });

  it('events swapped without renumbering → board.sequence', async () => {
    const files = tamper((board) => {
      const ballots = ofType(board, 'ballot');
      const i = board.events.indexOf(ballots[2]!);
      [board.events[i], board.events[i + 1]] = [board.events[i + 1]!, board.events[i]!];
    });
    const report = await expectCaught(files, 'board.sequence');
    expect(report.checks.find((c) => c.id === 'board.sequence')?.failures[0]?.code).toBe('RECORD_SEQ');
  });

  it('a line that is not canonical JSON (the manifest recomputed) → board.sequence', async () => {
    const files = tamper(() => {}, {
      editData: (f) => {
        const text = new TextDecoder().decode(f.get('events.jsonl'));
        f.set('events.jsonl', utf8ToBytes(text.replace('{"seq":1,', '{ "seq":1,')));
      },
    });
    const report = await expectCaught(files, 'board.sequence');
    expect(report.checks.find((c) => c.id === 'board.sequence')?.failures[0]).toMatchObject({
      seq: 1,
      code: 'RECORD_NOT_CANONICAL',
    });
  });

  it('a file changed after the manifest was made → record.manifest', async () => {
    const files = tamper(() => {}, {
      files: (f) => {
        const heads = f.get('tree-heads.jsonl') as Uint8Array;
        f.set('tree-heads.jsonl', heads.slice(0, heads.length - 1 - heads.slice(0, -1).reverse().indexOf(0x0a)));
      },
    });
    await expectCaught(files, 'record.manifest');
  });

  it('definition.json differing from the board’s definition → record.copies', async () => {
    const files = tamper(() => {}, {
      editData: (f) => {
        const text = new TextDecoder().decode(f.get('definition.json'));
        f.set('definition.json', utf8ToBytes(text.replace('"threshold":2', '"threshold":1')));
      },
    });
    expect(await failedChecks(files)).toEqual(['record.copies']);
  });

  it('a definition breaking its own rules → definition.valid', async () => {
    const files = tamper(
      (board) => {
        const definition = first(board, 'definition').definition;
        definition.questions[0]!.maxSelections = 2; // a referendum allows exactly one selection
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'definition.valid');
    expect(report.checks.find((c) => c.id === 'definition.valid')?.failures[0]?.code).toBe('BAD_LIMITS');
  });

  it('an edited definition (new fingerprint, heads re-signed) → ballots.election, trustees.keys', async () => {
    const files = tamper(
      (board) => {
        first(board, 'definition').definition.title.en = 'A different election';
      },
      { resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toEqual(expect.arrayContaining(['ballots.election', 'trustees.keys', 'ballots.signature']));
  });

  it('a whole record re-made under an attacker’s board key → anchor.fingerprint against the published fingerprint', async () => {
    // Every head verifies under the key the new definition names; only the outside anchor tells the records apart.
    const sim = honest();
    const attacker = generateKeyPair();
    const files = tamper((board) => {
      first(board, 'definition').definition.boardKey = bytesToHex(encodePoint(attacker.publicKey));
      renumber(board.events);
      const fp = fingerprintBytes(first(board, 'definition').definition);
      const log = MerkleLog.from(board.events.map((e) => leafHash(eventEntryBytes(fp, e))));
      board.heads = [
        headJson(signTreeHead(attacker.secretKey, fp, log.size, log.root(), board.heads[board.heads.length - 1]!.timestamp)),
      ];
    });
    const failed = await failedChecks(files, { expectFingerprint: bytesToHex(sim.fingerprint) });
    expect(failed).toContain('anchor.fingerprint');
    expect(failed).not.toContain('board.tree-heads');
  });
});
