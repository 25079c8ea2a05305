// Attack: rolling the board back, and forking it. Known from Certificate Transparency's split-view problem (B. Laurie,
// A. Langley, E. Kasper, RFC 6962, 2013; RFC 9162 §2.1.4 consistency proofs, 2021) and, for voting boards, from
// servers restored from a backup or showing different voters different histories: a ballot the voter holds a
// receipt for disappears, and a board of the same size with another root takes its place.
// What stops it in Saylau: every receipt carries a head signed by the board key (spec §5.5); a later head must
// extend it (consistency proof, §5.4, "Checking two heads" §5.6), and the verifier checks a saved head against the
// record (`--trusted-head`). Lines of defence exercised: `saylau check-receipt` (apps/cli/src/voting/check-receipt.ts:
// BAD_CONSISTENCY_PROOF via verifyHeadConsistency), the verifier's anchor.trusted-head (UNTRUSTED_HEAD) and, for a
// record that keeps the old heads, board.consistency (BAD_CONSISTENCY_PROOF). The server here really is restored
// from a copy of its own database file (the board key is in it), so the rolled-back board is as genuine as can be:
// without a saved head the record it publishes verifies — the attack is real, and only the receipt's head stops it.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../apps/cli/src/cli/serve.ts';
import { saylauInProcess } from '../../apps/cli/test/helpers.ts';
import {
  ADMIN_TOKEN,
  ballotFor,
  expectStatus,
  httpRequester,
  IN_PERIOD,
  loginVoter,
  openElection,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { type Report, runVerifier } from '../../apps/verifier/src/index.ts';
import { renumber, resignHeads } from '../../apps/verifier/test/fixture.ts';
import type { SignedTreeHeadJson } from '../../packages/protocol/src/index.ts';
import { expectCaught, ofType, tamper } from '../tamper/harness.ts';
import { type ClockedRequester, failedIds, runToPublication, submitBallot } from './support.ts';

/** Runs the verifier's command line in this process; answers its exit code and JSON report. */
async function verify(args: string[]): Promise<{ code: number; report: Report }> {
  const out: string[] = [];
  const sink = {
    write: (s: string) => {
      out.push(s);
      return true;
    },
  };
  const code = await runVerifier([...args, '--json', '--workers', '0'], {
    stdout: sink as never,
    stderr: { write: () => true } as never,
  });
  return { code, report: JSON.parse(out.join('')) as Report };
}

describe('a server restored from a backup: rollback, then fork', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saylau-attack-rollback-'));
  const db = join(dir, 'saylau.db');
  const backup = join(dir, 'backup.db');
  const receiptPath = join(dir, 'receipt.json');
  let running: RunningServer;
  let t: ClockedRequester;
  /** The server's clock, which the test moves to the end of the voting period to close (spec §4.5). */
  const clock = { now: IN_PERIOD };
  let setup: Awaited<ReturnType<typeof openElection>>;
  const medeu = (i: number): Voter => setup.voters.filter((v) => v.district === 'medeu')[i] as Voter;

  /** The real server (as `saylau serve` runs it) on the database file, over loopback HTTP. */
  async function serve(): Promise<void> {
    running = await startServer({ db, adminToken: ADMIN_TOKEN, intake: { workers: 0 }, log: () => {}, now: () => clock.now });
    t = { ...httpRequester(running.url, ADMIN_TOKEN), clock };
  }
  /** Stops the server and copies `from` over `to` with its write-ahead log (the file is closed: a clean copy). */
  async function stopAndCopy(from: string, to: string): Promise<void> {
    await running.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${from}${suffix}`)) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
      else rmSync(`${to}${suffix}`, { force: true });
    }
  }
  const checkReceipt = () => saylauInProcess(['check-receipt', receiptPath, '--server', running.url]);

  beforeAll(async () => {
    await serve();
    setup = await openElection(t, { medeu: 3, bostandyk: 1 });
    const first = medeu(0);
    expectStatus(
      await submitBallot(
        t,
        setup.eid,
        await loginVoter(t, setup.eid, first),
        ballotFor(setup.election, first, { parks: ['yes'], transport: ['metro'] }).json,
      ),
      201,
    );
    await stopAndCopy(db, backup); // the operator's backup, taken before the victim votes
    await serve();
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the victim votes with the CLI and its receipt checks out against the live board', async () => {
    const victim = medeu(1);
    const cast = await saylauInProcess([
      'vote',
      ...['--server', running.url, '--election', setup.eid],
      ...['--voter-id', victim.voterId, '--login-code', victim.loginCode, '--credential', victim.credentialCode],
      ...['--answers', JSON.stringify({ parks: ['no'], transport: ['tram'] }), '--receipt', receiptPath],
    ]);
    expect(cast.code, cast.stderr).toBe(0);
    const checked = await checkReceipt();
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toContain('the receipt checks out');
  });

  it('after the restore the board is shorter than the receipt’s head: check-receipt fails (rollback)', async () => {
    await stopAndCopy(backup, db);
    await serve();
    const receipt = JSON.parse(readFileSync(receiptPath, 'utf8')) as { treeHead: SignedTreeHeadJson };
    const head = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json;
    expect(head.treeSize).toBeLessThan(receipt.treeHead.treeSize);
    const checked = await checkReceipt();
    expect(checked.code).not.toBe(0);
    // the server cannot prove a shorter board extends a longer one; the CLI reports its refusal
    expect(checked.stderr).toMatch(/from \(\d+\) is after to \(\d+\)/);
  });

  it('once another ballot refills the board to the same size, the receipt’s head and the server’s differ: BAD_CONSISTENCY_PROOF (fork)', async () => {
    const other = medeu(2);
    expectStatus(
      await submitBallot(
        t,
        setup.eid,
        await loginVoter(t, setup.eid, other),
        ballotFor(setup.election, other, { parks: ['blank'], transport: ['bikes'] }).json,
      ),
      201,
    );
    const receipt = JSON.parse(readFileSync(receiptPath, 'utf8')) as { treeHead: SignedTreeHeadJson };
    const head = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json as SignedTreeHeadJson;
    // two heads of one size under one board key with different roots: transferable evidence of the fork
    expect(head.treeSize).toBe(receipt.treeHead.treeSize);
    expect(head.rootHash).not.toBe(receipt.treeHead.rootHash);
    const checked = await checkReceipt();
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/\[FAIL\] board consistency: BAD_CONSISTENCY_PROOF/);
    expect(checked.stdout).toMatch(/\[FAIL\] ballot on the board/);
  });

  it('the forked election’s published record verifies on its own, and fails `saylau-verify --trusted-head RECEIPT` (UNTRUSTED_HEAD)', async () => {
    const recordPath = join(dir, 'record.json');
    writeFileSync(recordPath, JSON.stringify(await runToPublication(t, setup.eid, setup.definition, setup.trustees)));

    // the attack is real: the rolled-back board is self-consistent, signed by the genuine board key
    const alone = await verify([recordPath]);
    expect(failedIds(alone.report)).toEqual([]);
    expect(alone.code).toBe(0);

    const anchored = await verify([recordPath, '--trusted-head', receiptPath]);
    expect(anchored.code).toBe(1);
    expect(failedIds(anchored.report)).toEqual(['anchor.trusted-head']);
    const failure = anchored.report.checks.find((c) => c.id === 'anchor.trusted-head')?.failures[0];
    expect(failure?.code).toBe('UNTRUSTED_HEAD');
    expect(failure?.reason).toMatch(/does not extend/);
  });
});

describe('a forked board in a record', () => {
  it('a record that keeps the genuine heads of the history it rewrote fails board.consistency (BAD_CONSISTENCY_PROOF)', async () => {
    // the split view inside one record: a ballot dropped and the board re-signed to the end, the earlier heads kept
    const files = tamper((board, sim) => {
      const ballot = ofType(board, 'ballot')[0];
      if (!ballot) throw new Error('no ballot');
      board.events.splice(board.events.indexOf(ballot), 1);
      renumber(board.events);
      // heads issued after the dropped ballot, within the new board's length, plus a fresh final head
      const kept = board.heads.filter((h) => h.treeSize > ballot.seq && h.treeSize < board.events.length);
      board.heads = [...kept, ...resignHeads(board.events, [], sim.secrets.boardSecret)];
      if (kept.length === 0) throw new Error('no head between the ballot and the end');
    });
    const report = await expectCaught(files, 'board.consistency');
    const codes = report.checks.find((c) => c.id === 'board.consistency')?.failures.map((f) => f.code);
    expect(codes).toContain('BAD_CONSISTENCY_PROOF');
    // every head is signed by the genuine board key: signatures alone prove nothing here
    expect(failedIds(report)).not.toContain('board.tree-heads');
  });
});
