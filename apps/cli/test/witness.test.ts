// `saylau witness` and `saylau serve --board-key` (spec §5.9, §5.5): witness keys in passphrase-protected files, two
// witnesses co-signing a real server's board as it grows, a published record whose final head carries their quorum
// and passes board.witnesses, check-receipt naming who vouched, the watch mode as a real process, and the board key
// made on first use in its own file.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, receiptFile, type SignedTreeHeadJson } from '../../../packages/protocol/src/index.ts';
import { runToPublication, submitBallot } from '../../../test/attacks/support.ts';
import {
  ADMIN_TOKEN,
  ballotFor,
  expectStatus,
  httpRequester,
  IN_PERIOD,
  loadDraft,
  loginVoter,
  openElection,
} from '../../server/test/helpers.ts';
import { type Report, verifyRecord } from '../../verifier/src/index.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { BOARD_KEY_PASSPHRASE, REPO, saylauInProcess, tempDir } from './helpers.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PASSPHRASE = { SAYLAU_PASSPHRASE: 'a witness passphrase' };

describe('two witnesses follow an election to its published record', () => {
  const dir = tempDir('saylau-witness-');
  const clock = { now: IN_PERIOD };
  let server: RunningServer;
  let t: ReturnType<typeof httpRequester> & { clock: { now: number } };
  let setup: Awaited<ReturnType<typeof openElection>>;
  const files = (name: string) => ({ key: join(dir, `${name}.key`), state: join(dir, `${name}.state`) });
  const witness = (name: string, extra: string[] = []) =>
    saylauInProcess(
      [
        'witness',
        '--server',
        server.url,
        '--election',
        setup.eid,
        '--key-file',
        files(name).key,
        '--state-file',
        files(name).state,
        ...extra,
      ],
      PASSPHRASE,
    );
  const bothWitnesses = async () => {
    for (const name of ['a', 'b']) {
      const run = await witness(name, ['--once']);
      expect(run.code, run.stderr).toBe(0);
    }
  };

  beforeAll(async () => {
    const keys: string[] = [];
    for (const name of ['a', 'b']) {
      const made = await saylauInProcess(
        ['witness', 'keygen', '--key-file', files(name).key, '--name', `Observer ${name}`, '--scrypt-log-n', '10'],
        PASSPHRASE,
      );
      expect(made.code, made.stderr).toBe(0);
      keys.push(/public key ([0-9a-f]{64})/.exec(made.stdout)?.[1] as string);
    }
    server = await startServer({
      db: join(dir, 'saylau.db'),
      adminToken: ADMIN_TOKEN,
      intake: { workers: 0 },
      now: () => clock.now,
    });
    t = { ...httpRequester(server.url, ADMIN_TOKEN), clock };
    const draft = {
      ...loadDraft(),
      witnesses: {
        members: keys.map((publicKey, i) => ({ id: `observer-${'ab'[i]}`, name: `Observer ${i + 1}`, publicKey })),
        quorum: 2,
      },
    };
    setup = await openElection(t, { medeu: 2, bostandyk: 1 }, draft);
  });
  afterAll(async () => {
    await server.close();
  });

  it('keygen writes a witness key file, prints the public key for the definition, and never overwrites it', async () => {
    const text = readFileSync(files('a').key, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'saylau-witness-key', version: 1, name: 'Observer a' });
    expect(JSON.parse(text).publicKey).toBe(setup.definition.witnesses?.members[0]?.publicKey);
    const again = await saylauInProcess(['witness', 'keygen', '--key-file', files('a').key], PASSPHRASE);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
  });

  it('refuses a key the definition does not name, and a wrong passphrase', async () => {
    const stranger = join(dir, 'stranger.key');
    expect((await saylauInProcess(['witness', 'keygen', '--key-file', stranger, '--scrypt-log-n', '10'], PASSPHRASE)).code).toBe(
      0,
    );
    const run = await saylauInProcess(
      ['witness', '--server', server.url, '--election', setup.eid, '--key-file', stranger, '--state-file', join(dir, 's.state')],
      PASSPHRASE,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a witness of election/);
    const wrong = await saylauInProcess(
      [
        'witness',
        '--server',
        server.url,
        '--election',
        setup.eid,
        '--key-file',
        files('a').key,
        '--state-file',
        files('a').state,
      ],
      { SAYLAU_PASSPHRASE: 'not the passphrase' },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    expect(existsSync(files('a').state)).toBe(false);
  });

  it('--interval keeps watching as a process, co-signs each new head, and stops cleanly on SIGTERM', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', MAIN, 'witness', '--server', server.url, '--election', setup.eid],
        ...['--key-file', files('b').key, '--state-file', files('b').state, '--interval', '1'],
      ],
      { cwd: REPO, env: { ...process.env, ...PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 300 && !pattern.test(output); i++) await new Promise((r) => setTimeout(r, 50));
      expect(output).toMatch(pattern);
    };
    const size = async () =>
      (expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json as SignedTreeHeadJson).treeSize;
    const first = await size();
    await waitFor(new RegExp(`co-signed the head of ${first} events`));
    const voter = setup.voters[1];
    if (!voter) throw new Error('no voter');
    const token = await loginVoter(t, setup.eid, voter);
    const ballot = ballotFor(setup.election, voter, { parks: ['no'], transport: ['metro'] }).json;
    expectStatus(await submitBallot(t, setup.eid, token, ballot), 201);
    await waitFor(new RegExp(`co-signed the head of ${first + 1} events`));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('both co-sign as the board grows; check-receipt names who vouched; the record’s final head passes board.witnesses', async () => {
    await bothWitnesses();
    const unchanged = await witness('a', ['--once']);
    expect(unchanged.stdout).toMatch(/nothing new/);
    const voter = setup.voters[0];
    if (!voter) throw new Error('no voter');
    const token = await loginVoter(t, setup.eid, voter);
    const cast = expectStatus(
      await submitBallot(t, setup.eid, token, ballotFor(setup.election, voter, { parks: ['yes'], transport: ['tram'] }).json),
      201,
    ).json;
    const receiptPath = join(dir, 'receipt.json');
    const where = { election: setup.eid, fingerprint: fingerprint(setup.definition), server: server.url };
    writeFileSync(receiptPath, JSON.stringify(receiptFile(cast, where)));
    const early = await saylauInProcess(['check-receipt', receiptPath]);
    expect(early.code, early.stdout + early.stderr).toBe(0);
    expect(early.stdout).toMatch(/\[ ok \] witnesses: 0 of 2 witnesses \(quorum 2\) vouched so far/);

    await bothWitnesses();
    const checked = await saylauInProcess(['check-receipt', receiptPath]);
    expect(checked.stdout).toMatch(
      /\[ ok \] witnesses: 2 of 2 witnesses \(quorum 2\) vouched: observer-a \(head of \d+ events\), observer-b/,
    );

    await runToPublication(t, setup.eid, setup.definition, setup.trustees);
    await bothWitnesses();
    const final = expectStatus(await t.request('GET', `/api/elections/${setup.eid}/tree-head`), 200).json as SignedTreeHeadJson;
    expect(final.cosignatures?.map((c) => c.witness)).toEqual(['observer-a', 'observer-b']);

    const out = join(dir, 'record');
    const exported = await saylauInProcess(['record', 'export', setup.eid, out, '--server', server.url]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(join(out, 'tree-heads.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1) as string).cosignatures).toHaveLength(2);
    const report = (await verifyRecord(out, { workers: 0 })) as Report;
    expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
    const witnessed = report.checks.find((c) => c.id === 'board.witnesses');
    // every co-signature on every kept head, and the final head's quorum
    expect(witnessed?.checked).toBeGreaterThanOrEqual(7);
  });
});

describe('saylau serve --board-key', () => {
  const dir = tempDir('saylau-board-key-');
  const start = (passphrase: string) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'serve',
        '--db',
        join(dir, 'saylau.db'),
        '--port',
        '0',
        '--workers',
        '0',
        '--admin-token',
        ADMIN_TOKEN,
        '--board-key',
        join(dir, 'board.key'),
        '--scrypt-log-n',
        '10',
      ],
      { cwd: REPO, env: { ...process.env, SAYLAU_BOARD_KEY_PASSPHRASE: passphrase }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    /** The URL once it listens; null if it exits first. */
    const listening = new Promise<string | null>((resolve) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 20);
      void exited.then(() => {
        clearInterval(timer);
        resolve(null);
      });
    });
    return { child, exited, listening, output: () => output };
  };

  it('makes the key file on first use and says so; signs with it after a restart; a wrong passphrase stops it', async () => {
    const first = start(BOARD_KEY_PASSPHRASE);
    const url = await first.listening;
    expect(url, first.output()).not.toBeNull();
    expect(first.output()).toMatch(/created a new board key in .*board\.key \(public key ([0-9a-f]{64})\)/);
    const publicKey = /public key ([0-9a-f]{64})/.exec(first.output())?.[1] as string;
    expect(JSON.parse(readFileSync(join(dir, 'board.key'), 'utf8'))).toMatchObject({ format: 'saylau-board-key', publicKey });
    const created = await fetch(`${url}/api/elections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(loadDraft()),
    });
    expect(((await created.json()) as { definition: { boardKey: string } }).definition.boardKey).toBe(publicKey);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start(BOARD_KEY_PASSPHRASE);
    expect(await second.listening, second.output()).not.toBeNull();
    expect(second.output()).not.toMatch(/created a new board key/);
    expect(second.output()).toContain(`board key ${publicKey.slice(0, 16)}…`);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const wrong = start('not the passphrase');
    expect(await wrong.listening).toBeNull();
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toMatch(/wrong passphrase for .*board\.key/);
  });
});
