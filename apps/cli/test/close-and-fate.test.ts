// Closing before the period ends and a ballot's fate, through the real `saylau` command: `election close` is refused
// without the commission's signatures, and with its members' key files (saylau commission keygen) closes early;
// after processing, `check-receipt` shows each receipt's fate — counted, or superseded by the voter's later e-vote.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ElectionDefinition, fingerprint, receiptFile } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  electionContextOf,
  expectStatus,
  httpRequester,
  loadDraft,
  loginVoter,
  makeVoters,
  type Requester,
  registerVoters,
  runCeremony,
  type Voter,
} from '../../server/test/helpers.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { readSigningKeyHeader } from '../src/keys/signing-key-file.ts';
import { saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-close-fate-admin-token-0123456789';
let server: RunningServer;
let dir: string;
let t: Requester;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ db: join(dir, 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
  t = httpRequester(server.url, ADMIN);
});
afterAll(async () => {
  await server?.close();
});

describe('saylau election close and check-receipt', () => {
  it('closes early only with the members’ signatures, and shows each receipt’s fate after processing', {
    timeout: 120_000,
  }, async () => {
    const passphrase = join(dir, 'passphrase');
    writeFileSync(passphrase, 'member passphrase 0123\n');
    const key = (id: string) => join(dir, `${id}.key`);
    for (const id of ['aigerim', 'bolat', 'chen']) {
      const made = await saylauInProcess([
        ...['commission', 'keygen', '--member', id, '--name', id, '--scrypt-log-n', '10'],
        ...['--key-file', key(id), '--passphrase-file', passphrase],
      ]);
      expect(made.code, made.stderr).toBe(0);
    }
    const draft = {
      ...loadDraft(),
      id: 'close-and-fate',
      commission: {
        members: ['aigerim', 'bolat', 'chen'].map((id) => ({
          id,
          name: id,
          publicKey: readSigningKeyHeader('member', key(id)).publicKey,
        })),
        threshold: 2,
      },
    };
    const definition = expectStatus(await t.request('POST', '/api/elections', { token: ADMIN, body: draft }), 201).json
      .definition as ElectionDefinition;
    const eid = definition.id;
    const voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
    await registerVoters(t, eid, voters);
    await runCeremony(t, eid, definition);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: eid, SAYLAU_ADMIN_TOKEN: ADMIN };
    for (const id of ['aigerim', 'chen']) {
      const signed = await saylauInProcess(
        ['commission', 'sign', 'decision', '--key-file', key(id), '--passphrase-file', passphrase],
        env,
      );
      expect(signed.code, signed.stderr).toBe(0);
    }
    expect((await saylauInProcess(['election', 'open'], env)).code).toBe(0);

    // voter 0 votes twice (the first ballot is superseded), voter 1 once
    const election = await electionContextOf(t, eid);
    const receipts: string[] = [];
    for (const v of [voters[0], voters[0], voters[1]] as Voter[]) {
      const token = await loginVoter(t, eid, v);
      const ballot = ballotFor(election, v, { parks: ['yes'], transport: ['metro'] }).json;
      const receipt = expectStatus(
        await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot } }),
        201,
      ).json;
      const path = join(dir, `receipt-${receipts.length}.json`);
      writeFileSync(
        path,
        JSON.stringify(receiptFile(receipt, { election: eid, fingerprint: fingerprint(definition), server: server.url })),
      );
      receipts.push(path);
    }
    const before = await saylauInProcess(['check-receipt', receipts[0] as string], env);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/ballot fate: not known yet: voting not yet processed/);

    // the period runs until 2036: closing now needs the commission's early close
    const unsigned = await saylauInProcess(['election', 'close'], env);
    expect([unsigned.code, unsigned.stderr]).toEqual([1, expect.stringContaining('EARLY_CLOSE_UNSIGNED')]);
    const reason = ['--early-reason', 'the referendum question was withdrawn by the council'];
    const one = await saylauInProcess(
      ['election', 'close', ...reason, '--member-key', key('bolat'), '--passphrase-file', passphrase],
      env,
    );
    expect([one.code, one.stderr]).toEqual([2, expect.stringContaining('needs 2 commission members')]);
    const closed = await saylauInProcess(
      [
        'election',
        'close',
        ...reason,
        '--member-key',
        key('bolat'),
        '--member-key',
        key('chen'),
        '--passphrase-file',
        passphrase,
      ],
      env,
    );
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('voting is closed (closed early, signed by the commission)');
    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events;
    expect(board.at(-1)).toMatchObject({ type: 'state', state: 'closed', early: { reason: reason[1] } });
    expect(board.at(-1).early.signatures.map((s: { member: string }) => s.member)).toEqual(['bolat', 'chen']);

    expect((await saylauInProcess(['election', 'process'], env)).code).toBe(0);
    const superseded = await saylauInProcess(['check-receipt', receipts[0] as string], env);
    expect(superseded.code, superseded.stderr).toBe(0);
    expect(superseded.stdout).toMatch(/\[ ok \] ballot fate: SUPERSEDED by a later e-vote/);
    for (const path of receipts.slice(1)) {
      const counted = await saylauInProcess(['check-receipt', path], env);
      expect(counted.code, counted.stderr).toBe(0);
      expect(counted.stdout).toMatch(/\[ ok \] ballot fate: COUNTED: the counted set lists this ballot/);
    }
  });
});
