// Attack: a server restored from a backup signs a second, forked board with its genuine board key. Known from
// Certificate Transparency's split view (RFC 6962; RFC 9162 §2.1.4) and the witness answer to it (Sigsum, C2SP
// tlog-witness, 2023): a signed log proves nothing about forks unless someone who saw its history co-signs.
// What stops it in Saylau: independent witnesses co-sign each head only after checking it extends the last head they
// co-signed (spec §5.9), remembering that head on disk first; the verifier requires the definition's quorum of
// co-signatures on a final head that claims a result. Lines of defence exercised: `saylau witness` (apps/cli/src/
// witness/witness.ts: BOARD_FORK, exit 1, the two heads saved as evidence) and the verifier's board.witnesses
// (NOT_ENOUGH_WITNESSES). The board key here is given to the server from outside the database file, and the operator
// restarts the restored copy with the same key: the forked board is as genuine as a board can be, and every other
// board check passes. A witness that forgot what it saw (a new state file) shows the defence resting on that memory.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../apps/cli/src/cli/serve.ts';
import { saylau, saylauInProcess } from '../../apps/cli/test/helpers.ts';
import {
  ADMIN_TOKEN,
  ballotFor,
  expectStatus,
  httpRequester,
  IN_PERIOD,
  loadDraft,
  loginVoter,
  openElection,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { type Report, runVerifier } from '../../apps/verifier/src/index.ts';
import { generateKeyPair } from '../../packages/crypto/src/index.ts';
import type { SignedTreeHeadJson } from '../../packages/protocol/src/index.ts';
import { type ClockedRequester, failedIds, runToPublication, submitBallot } from './support.ts';

const PASSPHRASE = { SAYLAU_PASSPHRASE: 'a witness passphrase' };

async function verify(args: string[]): Promise<{ code: number; report: Report }> {
  const out: string[] = [];
  const sink = { write: (s: string) => out.push(s) > 0 };
  const code = await runVerifier([...args, '--json', '--workers', '0'], {
    stdout: sink as never,
    stderr: { write: () => true } as never,
  });
  return { code, report: JSON.parse(out.join('')) as Report };
}

describe('a server restored from a backup forks the board: the witnesses refuse it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saylau-attack-witness-'));
  const db = join(dir, 'saylau.db');
  const backup = join(dir, 'backup.db');
  /** The board key lives outside the database; the operator restarts the restored copy with it. */
  const boardKey = generateKeyPair().secretKey;
  const clock = { now: IN_PERIOD };
  let running: RunningServer;
  let t: ClockedRequester;
  let setup: Awaited<ReturnType<typeof openElection>>;
  const medeu = (i: number): Voter => setup.voters.filter((v) => v.district === 'medeu')[i] as Voter;
  const witness = (name: 'a' | 'b') => ({ key: join(dir, `${name}.key`), state: join(dir, `${name}.state`) });

  async function serve(): Promise<void> {
    running = await startServer({
      db,
      adminToken: ADMIN_TOKEN,
      boardKey,
      intake: { workers: 0 },
      log: () => {},
      now: () => clock.now,
    });
    t = { ...httpRequester(running.url, ADMIN_TOKEN), clock };
  }
  async function stopAndCopy(from: string, to: string): Promise<void> {
    await running.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${from}${suffix}`)) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
      else rmSync(`${to}${suffix}`, { force: true });
    }
  }
  /** `saylau witness --once`: in this process, or (`process: true`) as its own process, as an observer runs it. */
  function runWitness(name: 'a' | 'b', options: { process?: boolean; state?: string } = {}) {
    const { key, state } = witness(name);
    const args = ['witness', '--server', running.url, '--election', setup.eid, '--key-file', key];
    const all = [...args, '--state-file', options.state ?? state, '--once'];
    return options.process ? saylau(all, PASSPHRASE) : saylauInProcess(all, PASSPHRASE);
  }
  const head = async (): Promise<SignedTreeHeadJson> =>
    expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json;
  async function vote(voter: Voter, choice: 'yes' | 'no' | 'blank'): Promise<void> {
    const token = await loginVoter(t, setup.eid, voter);
    const ballot = ballotFor(setup.election, voter, { parks: [choice], transport: ['metro'] }).json;
    expectStatus(await submitBallot(t, setup.eid, token, ballot), 201);
  }

  beforeAll(async () => {
    const keys: Record<string, string> = {};
    for (const name of ['a', 'b'] as const) {
      const made = await saylauInProcess(
        ['witness', 'keygen', '--key-file', witness(name).key, '--name', `Observer ${name}`, '--scrypt-log-n', '10'],
        PASSPHRASE,
      );
      expect(made.code, made.stderr).toBe(0);
      keys[name] = /public key ([0-9a-f]{64})/.exec(made.stdout)?.[1] as string;
    }
    const draft = {
      ...loadDraft(),
      witnesses: {
        members: [
          { id: 'observer-a', name: 'Observer A', publicKey: keys.a as string },
          { id: 'observer-b', name: 'Observer B', publicKey: keys.b as string },
        ],
        quorum: 2,
      },
    };
    await serve();
    setup = await openElection(t, { medeu: 4, bostandyk: 1 }, draft);
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two witnesses co-sign the board as it grows', async () => {
    for (const name of ['a', 'b'] as const) expect((await runWitness(name)).stdout).toMatch(/co-signed the head of \d+ events/);
    const before = await head();
    expect(before.cosignatures?.map((c) => c.witness)).toEqual(['observer-a', 'observer-b']);
    await vote(medeu(0), 'yes');
    for (const name of ['a', 'b'] as const) expect((await runWitness(name)).code).toBe(0);
    const after = await head();
    expect(after.treeSize).toBe(before.treeSize + 1);
    expect(after.cosignatures).toHaveLength(2);
    const heads = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-heads`), 200).json
      .treeHeads as SignedTreeHeadJson[];
    expect(heads.filter((h) => h.cosignatures?.length === 2).map((h) => h.treeSize)).toEqual([before.treeSize, after.treeSize]);
    // the state file holds the last co-signed head, as the board key signed it
    const state = JSON.parse(readFileSync(witness('a').state, 'utf8'));
    expect(state.head).toMatchObject({ treeSize: after.treeSize, rootHash: after.rootHash });
    expect(state.head.cosignatures).toBeUndefined();

    await stopAndCopy(db, backup); // the operator's backup
    await serve();
    await vote(medeu(1), 'no'); // the victim's ballot, on the live board only
    for (const name of ['a', 'b'] as const) expect((await runWitness(name)).code).toBe(0);
    expect((await head()).cosignatures).toHaveLength(2);
  });

  it('restored from the backup, the board is shorter: the witness refuses (rollback), exits 1 and keeps the two heads', async () => {
    const live = JSON.parse(readFileSync(witness('a').state, 'utf8')).head as SignedTreeHeadJson;
    await stopAndCopy(backup, db);
    await serve();
    expect((await head()).treeSize).toBe(live.treeSize - 1);
    const run = await runWitness('a', { process: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /BOARD_FORK: the board has \d+ events, fewer than the \d+ of the head this witness co-signed \(a rollback\)/,
    );
    const saved = readdirSync(dir).filter((f) => f.startsWith('a.state.fork-'));
    expect(saved).toHaveLength(1);
    const evidence = JSON.parse(readFileSync(join(dir, saved[0] as string), 'utf8'));
    expect(evidence.cosigned).toEqual(live);
    expect(evidence.offered.treeSize).toBe(live.treeSize - 1);
    // its memory is unchanged: it still holds the live board's head
    expect(JSON.parse(readFileSync(witness('a').state, 'utf8')).head).toEqual(live);
  });

  it('refilled to the same size by another ballot, the fork gets no co-signature: two heads of one size, two roots', async () => {
    await vote(medeu(2), 'blank');
    const forked = await head();
    const live = JSON.parse(readFileSync(witness('b').state, 'utf8')).head as SignedTreeHeadJson;
    expect(forked.treeSize).toBe(live.treeSize);
    expect(forked.rootHash).not.toBe(live.rootHash);
    const run = await runWitness('b', { process: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BOARD_FORK: two heads of \d+ events with different roots \(a fork\)/);
    // growing further does not help: the consistency proof from the live head fails
    await vote(medeu(3), 'yes');
    const again = await runWitness('a');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/does not extend the head of \d+ this witness co-signed \(a fork\)/);
    expect((await head()).cosignatures).toEqual([]);
  });

  it('the forked election’s record lacks the quorum: board.witnesses fails, and nothing else does', async () => {
    await runToPublication(t, setup.eid, setup.definition, setup.trustees);
    // witness B remembers the live board and refuses; a witness that lost its memory (a fresh state file) co-signs
    expect((await runWitness('b')).code).toBe(1);
    const forgetful = await runWitness('a', { state: join(dir, 'a-forgot.state') });
    expect(forgetful.code, forgetful.stderr).toBe(0);
    const recordPath = join(dir, 'record.json');
    writeFileSync(
      recordPath,
      JSON.stringify(expectStatus(await t.request('GET', `/api/elections/${setup.eid}/record`), 200).json),
    );

    const { code, report } = await verify([recordPath]);
    expect(code).toBe(1);
    expect(failedIds(report)).toEqual(['board.witnesses']);
    const failure = report.checks.find((c) => c.id === 'board.witnesses')?.failures[0];
    expect(failure?.code).toBe('NOT_ENOUGH_WITNESSES');
    expect(failure?.reason).toMatch(/co-signed by 1 distinct witnesses \(observer-a\); the definition's quorum is 2/);
  });
});
