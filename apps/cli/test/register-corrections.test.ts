// The register through the real `saylau` command: corrections before the freeze (register add / move / remove, one
// line or --json), refused after it; a lost letter re-issued (credentials reissue) writes the new letter, the old
// login code is refused, the old credential code no longer fits the voter, and the new letter votes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ElectionDefinition, loginCodeHash } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, httpRequester, loadDraft, makeVoters, type Requester, runCeremony } from '../../server/test/helpers.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { reissuedLetterFiles } from '../src/credentials/issue.ts';
import { lettersCodes, saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-register-corrections-admin-token-0123';
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

describe('saylau register add/move/remove and credentials reissue', () => {
  it('corrects the register before the freeze, then re-issues a lost letter whose old codes stop working', {
    timeout: 120_000,
  }, async () => {
    const draft = { ...loadDraft(), id: 'register-corrections' };
    const definition = expectStatus(await t.request('POST', '/api/elections', { token: ADMIN, body: draft }), 201).json
      .definition as ElectionDefinition;
    const eid = definition.id;
    const voters = makeVoters(definition, { medeu: 1, bostandyk: 1 });
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: eid, SAYLAU_ADMIN_TOKEN: ADMIN };
    expectStatus(
      await t.request('POST', `/api/elections/${eid}/register`, {
        token: ADMIN,
        body: { voters: voters.map((v) => ({ voterId: v.voterId, district: v.district })) },
      }),
      200,
    );

    const added = await saylauInProcess(['register', 'add', '--voter', 'late', '--district', 'medeu'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe('added voter late to medeu; the register now has medeu 2, bostandyk 1');
    const moved = await saylauInProcess(['register', 'move', '--voter', 'late', '--district', 'bostandyk', '--json'], env);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toEqual({ added: 0, removed: 0, moved: 1, sizes: { medeu: 1, bostandyk: 2 } });
    const unknownDistrict = await saylauInProcess(['register', 'add', '--voter', 'x', '--district', 'nowhere'], env);
    expect(unknownDistrict.code).toBe(1);
    expect(unknownDistrict.stderr).toMatch(/nowhere/);
    const removed = await saylauInProcess(['register', 'remove', '--voter', 'late'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout.trim()).toBe('removed voter late; the register now has medeu 1, bostandyk 1');
    const ghost = await saylauInProcess(['register', 'remove', '--voter', 'late'], env);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/not in the register/);

    expectStatus(
      await t.request('POST', `/api/elections/${eid}/credentials`, {
        token: ADMIN,
        body: {
          entries: voters.map((v) => ({
            voterId: v.voterId,
            credential: v.credentialHex,
            loginCodeHash: loginCodeHash(v.loginCode),
          })),
        },
      }),
      200,
    );
    const frozen = await saylauInProcess(['register', 'add', '--voter', 'later', '--district', 'medeu'], env);
    expect(frozen.code).toBe(1);
    expect(frozen.stderr).toMatch(/frozen/);
    await runCeremony(t, eid, definition);
    expect((await saylauInProcess(['election', 'open'], env)).code).toBe(0);

    const lost = voters[0] as (typeof voters)[number];
    const out = join(dir, 'reissued');
    const reissued = await saylauInProcess(['credentials', 'reissue', '--voter', lost.voterId, '--out', out], env);
    expect(reissued.code, reissued.stderr).toBe(0);
    expect(reissued.stdout).toMatch(
      /re-issued the letter of voter medeu-0 \(medeu\).*the old credential is revoked on the board/,
    );
    const [letter] = lettersCodes(readFileSync(reissuedLetterFiles(out, lost.voterId).html, 'utf8'));
    expect(letter?.voterId).toBe(lost.voterId);
    const again = await saylauInProcess(['credentials', 'reissue', '--voter', lost.voterId, '--out', out], env);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/never overwritten/)]);

    const answers = '{"parks":["yes"],"transport":["tram"]}';
    const vote = (loginCode: string, credential: string) =>
      saylauInProcess(
        ['vote', '--voter-id', lost.voterId, '--login-code', loginCode, '--credential', credential, '--answers', answers],
        env,
      );
    const oldLetter = await vote(lost.loginCode, lost.credentialCode);
    expect(oldLetter.code).toBe(1);
    expect(oldLetter.stderr).toMatch(/login code is wrong/);
    const oldCredential = await vote(letter?.loginCode as string, lost.credentialCode);
    expect(oldCredential.code).toBe(1);
    expect(oldCredential.stderr).toMatch(/does not match/);
    const newLetter = await vote(letter?.loginCode as string, letter?.credentialCode as string);
    expect(newLetter.code, newLetter.stderr).toBe(0);

    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events as { type: string }[];
    expect(board.filter((e) => e.type === 'credential-replacement')).toHaveLength(1);
  });
});
