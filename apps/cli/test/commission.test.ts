// The members' side of the commission's decision through the real `saylau` command: each member makes a key file
// (its public key goes into the definition), reads what it is asked to sign, and signs; at the threshold the
// decision is on the board and voting can open. A key file that is not a member's is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectionDefinition } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  httpRequester,
  loadDraft,
  makeVoters,
  registerVoters,
  runCeremony,
} from '../../server/scripts/election-driver.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { readSigningKeyHeader } from '../src/keys/signing-key-file.ts';
import { saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-commission-admin-token-012345678';
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ db: join(dir, 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
});
afterAll(async () => {
  await server?.close();
});

describe('saylau commission', () => {
  it('keygen, status and sign: the decision goes on the board at the threshold', { timeout: 120_000 }, async () => {
    const passphrase = join(dir, 'passphrase');
    writeFileSync(passphrase, 'member passphrase 0123\n');
    const keyArgs = (id: string) => ['--key-file', join(dir, `${id}.key`), '--passphrase-file', passphrase];
    for (const id of ['aigerim', 'bolat', 'stranger']) {
      const made = await saylauInProcess([
        'commission',
        'keygen',
        '--member',
        id,
        '--name',
        id,
        '--scrypt-log-n',
        '10',
        ...keyArgs(id),
      ]);
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain(`publicKey: ${readSigningKeyHeader('member', join(dir, `${id}.key`)).publicKey}`);
    }
    const again = await saylauInProcess(['commission', 'keygen', '--member', 'aigerim', '--name', 'x', ...keyArgs('aigerim')]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('exists already')]);

    const t = httpRequester(server.url, ADMIN);
    const draft = {
      ...loadDraft(),
      commission: {
        members: ['aigerim', 'bolat'].map((id) => ({
          id,
          name: id,
          publicKey: readSigningKeyHeader('member', join(dir, `${id}.key`)).publicKey,
        })),
        threshold: 2,
      },
    };
    const definition = expectStatus(await t.request('POST', '/api/elections', { token: ADMIN, body: draft }), 201).json
      .definition as ElectionDefinition;
    await registerVoters(t, definition.id, makeVoters(definition, { medeu: 1, bostandyk: 1 }));
    await runCeremony(t, definition.id, definition);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: definition.id };

    const status = await saylauInProcess(['commission', 'status', 'decision'], env);
    expect(status.stdout).toMatch(/register: 2 voters \((bostandyk 1, medeu 1|medeu 1, bostandyk 1)\)/);
    expect(status.stdout).toContain('signed by 0 of 2 needed: nobody yet');
    const stranger = await saylauInProcess(['commission', 'sign', 'decision', ...keyArgs('stranger')], env);
    expect([stranger.code, stranger.stderr]).toEqual([1, expect.stringContaining('is not among this election')]);
    const first = await saylauInProcess(['commission', 'sign', 'decision', ...keyArgs('aigerim')], env);
    expect(first.stdout).toContain('signed; 1 of 2 members so far');
    const second = await saylauInProcess(['commission', 'sign', 'decision', ...keyArgs('bolat')], env);
    expect(second.stdout).toContain('the decision is now on the board');
    const open = await saylauInProcess(['election', 'open', '--admin-token', ADMIN], env);
    expect(open.code, open.stderr).toBe(0);
    expect(readFileSync(join(dir, 'aigerim.key'), 'utf8')).not.toContain('secretKey');
  });
});
