// Tampering with re-issued letters (spec §3.5.1): a `credential-replacement` must revoke a registered credential not
// yet revoked, register a credential that is new, be signed by the commission's threshold, and the revoked
// credential's ballots must neither follow the revocation nor count. Each edit is re-signed with the board key: the
// replacement rules and the commission's signatures catch it even then.

import { describe, expect, it } from 'vitest';
import { bytesToHex, encodePoint, generateKeyPair } from '../../packages/crypto/src/index.ts';
import {
  type BoardEventJson,
  type EventJsonOf,
  replacementStatement,
  signCommissionStatement,
} from '../../packages/protocol/src/index.ts';
import type { Simulation } from '../../packages/protocol/src/node.ts';
import { type Board, countedBallot, expectCaught, failedChecks, first, ofType, tamper } from './harness.ts';

const EDIT = { resign: true, renumber: true } as const;

type Replacement = EventJsonOf<'credential-replacement'>;

/** A replacement of `old` by a fresh key in `district`, signed by the commission's first `signers` members. */
function replacement(sim: Simulation, old: string, district: string, signers = 2, fresh = newCredential()): Replacement {
  const statement = replacementStatement(bytesToHex(sim.fingerprint), { old, new: fresh, district });
  return {
    seq: 0,
    time: '',
    type: 'credential-replacement',
    old,
    new: fresh,
    district,
    signatures: sim.secrets.members
      .slice(0, signers)
      .map((m) => signCommissionStatement(m.secretKey, sim.fingerprint, m.id, 'credential-replacement', statement)),
  };
}

function newCredential(): string {
  return bytesToHex(encodePoint(generateKeyPair().publicKey));
}

/** Inserts `event` right after the event at `after` (a seq), with that event's time; seqs are renumbered later. */
function insertAfter(board: Board, after: number, event: Replacement): void {
  const at = board.events.findIndex((e) => e.seq === after);
  event.time = (board.events[at] as BoardEventJson).time;
  board.events.splice(at + 1, 0, event as BoardEventJson);
}

/** A registered voter who cast no e-vote (an abstainer), with their district. */
function abstainer(board: Board): { credential: string; district: string } {
  const voted = new Set(ofType(board, 'ballot').map((b) => b.ballot.credential));
  const entry = ofType(board, 'credentials')
    .flatMap((e) => e.entries)
    .find((e) => !voted.has(e.credential));
  if (!entry) throw new Error('no abstainer in the simulation');
  return entry;
}

const districtOf = (board: Board, credential: string) =>
  ofType(board, 'credentials')
    .flatMap((e) => e.entries)
    .find((e) => e.credential === credential)?.district as string;

const openSeq = (board: Board) => (board.events.find((e) => e.type === 'state' && e.state === 'open') as BoardEventJson).seq;

async function replacementFailures(files: Map<string, Uint8Array>) {
  const report = await expectCaught(files, 'credentials.replacements');
  return report.checks.find((c) => c.id === 'credentials.replacements')?.failures ?? [];
}

describe('tampered credential replacements are caught', () => {
  it('an honest replacement of an abstainer’s credential passes the replacement and counting checks', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      insertAfter(board, openSeq(board), replacement(sim, credential, district));
    }, EDIT);
    const failed = await failedChecks(files);
    expect(failed).not.toContain('credentials.replacements');
    expect(failed).not.toContain('processing.counted-set');
    expect(failed).not.toContain('board.states');
  });

  it('replacing an unknown credential → credentials.replacements (UNKNOWN_CREDENTIAL)', async () => {
    const files = tamper((board, sim) => {
      insertAfter(board, openSeq(board), replacement(sim, newCredential(), 'medeu'));
    }, EDIT);
    expect((await replacementFailures(files)).map((f) => f.code)).toContain('UNKNOWN_CREDENTIAL');
  });

  it('replacing the same credential twice → credentials.replacements (CREDENTIAL_REVOKED)', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      const at = openSeq(board);
      insertAfter(board, at, replacement(sim, credential, district));
      insertAfter(board, at, replacement(sim, credential, district));
    }, EDIT);
    const failures = await replacementFailures(files);
    expect(failures.map((f) => [f.code, f.path])).toEqual([['CREDENTIAL_REVOKED', 'old']]);
  });

  it('a new credential that is listed already → credentials.replacements (DUPLICATE_CREDENTIAL)', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      const taken = ofType(board, 'credentials')[0]?.entries.find((e) => e.credential !== credential)?.credential as string;
      insertAfter(board, openSeq(board), replacement(sim, credential, district, 2, taken));
    }, EDIT);
    expect((await replacementFailures(files)).map((f) => [f.code, f.path])).toEqual([['DUPLICATE_CREDENTIAL', 'new']]);
  });

  it('a replacement into another district → credentials.replacements (WRONG_DISTRICT)', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      const other = district === 'medeu' ? 'bostandyk' : 'medeu';
      insertAfter(board, openSeq(board), replacement(sim, credential, other));
    }, EDIT);
    expect((await replacementFailures(files)).map((f) => f.code)).toEqual(['WRONG_DISTRICT']);
  });

  it('a replacement without the commission’s signatures → credentials.replacements (NOT_ENOUGH_MEMBERS)', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      const unsigned = replacement(sim, credential, district, 1);
      insertAfter(board, openSeq(board), unsigned);
      const none = replacement(sim, abstainers(board)[1] as string, district, 0);
      none.district = districtOf(board, none.old);
      delete none.signatures;
      insertAfter(board, openSeq(board), none);
    }, EDIT);
    const codes = (await replacementFailures(files)).map((f) => f.code);
    expect(codes.filter((c) => c === 'NOT_ENOUGH_MEMBERS')).toHaveLength(2);
  });

  it('a ballot with the revoked credential after the replacement → credentials.replacements (CREDENTIAL_REVOKED)', async () => {
    let ballotSeq = -1;
    const files = tamper((board, sim) => {
      const ballot = countedBallot(board, sim);
      const credential = ballot.ballot.credential;
      insertAfter(board, openSeq(board), replacement(sim, credential, districtOf(board, credential)));
      ballotSeq = ballot.seq + 1; // after renumbering: one event was inserted before it
    }, EDIT);
    const failures = await replacementFailures(files);
    expect(failures.map((f) => [f.code, f.seq])).toContainEqual(['CREDENTIAL_REVOKED', ballotSeq]);
  });

  it('a revoked credential’s ballot counted in the result → processing.counted-set', async () => {
    const files = tamper((board, sim) => {
      // the thief voted, the letter was re-issued after; the published counted set still counts the thief's ballot
      const ballot = countedBallot(board, sim);
      const credential = ballot.ballot.credential;
      const closed = (board.events.find((e) => e.type === 'state' && e.state === 'closed') as BoardEventJson).seq;
      insertAfter(board, closed - 1, replacement(sim, credential, districtOf(board, credential)));
      expect(first(board, 'counted-set').counted.length).toBeGreaterThan(0);
    }, EDIT);
    const report = await expectCaught(files, 'processing.counted-set');
    const reasons = report.checks.find((c) => c.id === 'processing.counted-set')?.failures.map((f) => f.reason) ?? [];
    expect(reasons.some((r) => /its credential was revoked/.test(r))).toBe(true);
    expect(reasons.some((r) => /revoked is 0; the board implies 1/.test(r))).toBe(true);
    const failed = await failedChecks(files);
    expect(failed).not.toContain('credentials.replacements');
  });

  it('a replacement before the register was frozen → board.states', async () => {
    const files = tamper((board, sim) => {
      const { credential, district } = abstainer(board);
      const credentials = first(board, 'credentials').seq;
      insertAfter(board, credentials, replacement(sim, credential, district));
    }, EDIT);
    await expectCaught(files, 'board.states');
  });
});

function abstainers(board: Board): string[] {
  const voted = new Set(ofType(board, 'ballot').map((b) => b.ballot.credential));
  return ofType(board, 'credentials')
    .flatMap((e) => e.entries)
    .filter((e) => !voted.has(e.credential))
    .map((e) => e.credential);
}
