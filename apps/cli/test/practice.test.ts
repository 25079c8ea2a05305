// saylau practice through the real command against a real server: a practice election is defined (practice: true,
// so its fingerprint and every page say so), opened, and its published sample codes let anyone vote with
// `saylau vote`; `saylau results` of a practice election says first that it does not count; the same id twice is
// refused in one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, parseDefinition } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { resultLines } from '../src/results/format.ts';
import { saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-practice-admin-token-0123456789';
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ db: join(dir, 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
});
afterAll(async () => {
  await server?.close();
});

describe('saylau practice', () => {
  it('opens a practice election whose published codes anyone can vote with', { timeout: 120_000 }, async () => {
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN };
    const out = join(dir, 'practice');
    const run = await saylauInProcess(['practice', '--id', 'try-it', '--voters', '3', '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('practice election try-it defined (practice: true)');
    expect(run.stdout).toContain(`${server.url}/?election=try-it`);

    const answer = (await (await fetch(`${server.url}/api/elections/try-it`)).json()) as {
      state: string;
      fingerprint: string;
      definition: unknown;
    };
    expect(answer.state).toBe('open');
    const definition = parseDefinition(answer.definition);
    if (!definition.ok) throw new Error('the practice definition does not parse');
    expect(definition.value.practice).toBe(true);
    expect(fingerprint(definition.value)).toBe(answer.fingerprint);

    const [header, ...rows] = readFileSync(join(out, 'practice-codes.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('voter_id,login_code,signing_code,booth');
    expect(rows).toHaveLength(3);
    const [voterId, loginCode, signingCode] = rows[0]!.split(',') as [string, string, string];
    expect(run.stdout).toContain(`${voterId}  login code ${loginCode}  signing code ${signingCode}`);
    const vote = await saylauInProcess(
      [
        'vote',
        '--election',
        'try-it',
        '--voter-id',
        voterId,
        '--login-code',
        loginCode,
        '--credential',
        signingCode,
        '--answers',
        '{"try":["yes"]}',
      ],
      env,
    );
    expect(vote.code, vote.stderr).toBe(0);

    const again = await saylauInProcess(['practice', '--id', 'try-it', '--out', join(dir, 'again')], env);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('holds an election "try-it" already')]);

    // what `saylau results` prints first for a practice election
    const lines = resultLines(
      definition.value,
      { type: 'result', seq: 0, time: '', trustees: [1], districts: [], overall: [], validity: [] },
      'en',
    );
    expect(lines[0]).toBe('PRACTICE ELECTION — a test of the booth: none of these votes count.');
  });
});
