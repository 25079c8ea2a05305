// The early close collected through the real `saylau` command (spec §4.5.4): `election propose-early-close` stages it,
// each member signs on their own machine with `commission sign early-close` (a member's second signature counts
// once), `election close --collected` is refused below the threshold and closes at it with the members' signatures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeProblems, type ElectionDefinition, fingerprintBytes } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  httpRequester,
  loadDraft,
  makeVoters,
  type Requester,
  registerVoters,
  runCeremony,
} from '../../server/test/helpers.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { readSigningKeyHeader } from '../src/keys/signing-key-file.ts';
import { saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-early-collected-admin-token-0123456789';
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

describe('saylau election close --collected', () => {
  it('closes early with the signatures the members gave one by one', { timeout: 120_000 }, async () => {
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
      id: 'early-collected',
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
    await registerVoters(t, eid, makeVoters(definition, { medeu: 2, bostandyk: 1 }));
    await runCeremony(t, eid, definition);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: eid, SAYLAU_ADMIN_TOKEN: ADMIN };
    const sign = (kind: string, id: string) =>
      saylauInProcess(['commission', 'sign', kind, '--key-file', key(id), '--passphrase-file', passphrase], env);
    for (const id of ['aigerim', 'chen']) expect((await sign('decision', id)).code).toBe(0);

    const notYet = await saylauInProcess(['commission', 'status', 'early-close'], env);
    expect([notYet.code, notYet.stderr]).toEqual([1, expect.stringContaining('WRONG_STATE')]);
    expect((await saylauInProcess(['election', 'open'], env)).code).toBe(0);
    const none = await saylauInProcess(['election', 'close', '--collected'], env);
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('no early close is collected')]);

    const reason = 'the referendum question was withdrawn by the council';
    const proposed = await saylauInProcess(['election', 'propose-early-close', '--reason', reason], env);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toContain('2 commission member(s) must sign it within 24 hours');

    const first = await sign('early-close', 'bolat');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`close voting now, before the period ends, for this reason: ${reason}`);
    expect(first.stdout).toContain('signed; 1 of 2 members so far');
    const again = await sign('early-close', 'bolat');
    expect(again.stdout).toContain('signed; 1 of 2 members so far');
    const short = await saylauInProcess(['election', 'close', '--collected'], env);
    expect([short.code, short.stderr]).toEqual([1, expect.stringContaining('signed by 1 of the 2')]);
    const mixed = await saylauInProcess(['election', 'close', '--collected', '--early-reason', 'x'], env);
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining('--collected closes with the signatures')]);

    const second = await sign('early-close', 'chen');
    expect(second.stdout).toContain('voting can now be closed with "saylau election close --collected"');
    const status = await saylauInProcess(['commission', 'status', 'early-close'], env);
    expect(status.stdout).toContain('signed by 2 of 2 needed: bolat, chen');
    const board = async () => expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events;
    expect((await board()).at(-1)).toMatchObject({ type: 'state', state: 'open' });

    const closed = await saylauInProcess(['election', 'close', '--collected'], env);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('voting is closed (closed early, signed by the commission)');
    const event = (await board()).at(-1);
    expect(event).toMatchObject({ type: 'state', state: 'closed', early: { reason } });
    expect(event.early.signatures.map((s: { member: string }) => s.member)).toEqual(['bolat', 'chen']);
    expect(closeProblems(definition, fingerprintBytes(definition), event.time, event.early)).toEqual([]);
  });
});
