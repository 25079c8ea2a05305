// The CLI's failures a person meets: a bad register CSV, a bad definition, a wrong passphrase, a server that is
// down or refuses. Each gives one clear message on stderr, a non-zero exit code, and changes nothing. Most run the
// CLI in process against an in-process server (fast); the passphrase and server-down cases run the real command.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { newTrusteeSecrets } from '../src/trustee/ceremony.ts';
import { createKeyFile } from '../src/trustee/key-file.ts';
import { closedPort, REPO, saylau, saylauInProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-errors-admin-token-0123456789';
let dir: string;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ db: join(dir, 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
  env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: 'aral-2026-budget' };
  const defined = await saylauInProcess(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')], env);
  if (defined.code !== 0) throw new Error(defined.stderr);
});
afterAll(async () => {
  await server?.close();
});

describe('saylau error paths', () => {
  it('a bad register CSV is reported row by row and nothing is imported', async () => {
    const csv = join(dir, 'bad-voters.csv');
    writeFileSync(
      csv,
      [
        'voter_id,district,name,contact',
        'A1,north,Ann,a@x',
        'A1,south,Bob,b@x',
        'A2,west,Cem,c@x',
        'bad id,north,Dan,d@x',
        'A3,north',
        'A4,south,Eve,e@x',
      ].join('\n'),
    );
    const run = await saylauInProcess(['register', 'import', csv], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('6 rows, 2 accepted, 1 duplicate, 1 unknown district, 2 malformed');
    expect(run.stderr).toContain('the register was not imported');
    expect(run.stderr).toContain('line 3: voter id "A1" is already on line 2');
    expect(run.stderr).toContain('line 4: district "west" is not in the definition');
    expect(run.stderr).toContain('line 5: voter id "bad id"');
    expect(run.stderr).toContain('line 6: 2 fields where the header has 4');
    expect((await saylauInProcess(['election', 'status'], env)).stdout).toContain('register north 0, south 0');
  });

  it('a CSV without the required columns is a usage error', async () => {
    const csv = join(dir, 'no-header.csv');
    writeFileSync(csv, 'KZ-1,north,Ann,a@x\n');
    const run = await saylauInProcess(['register', 'import', csv], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has a header that lacks the columns voter_id, district');
  });

  it('a bad definition lists every problem with its path and sends nothing', async () => {
    const file = join(dir, 'bad-definition.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        id: 'Not An Id',
        title: { kk: 'а', ru: 'б' },
        votingPeriod: { opens: '2026-01-02T00:00:00Z', closes: '2026-01-01T00:00:00Z' },
        districts: [{ id: 'a', name: { kk: 'a', ru: 'a', en: 'a' } }],
        questions: [],
        ballotStyles: [],
        trustees: { count: 2, threshold: 3 },
        credentialKdf: { logN: 10, r: 8, p: 1 },
      }),
    );
    const run = await saylauInProcess(['election', 'define', file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing was sent');
    expect(run.stderr).toContain('MALFORMED at id');
    expect(run.stderr).toContain('MISSING_TRANSLATION at title.en');
    expect(run.stderr).toContain('MALFORMED at questions');
  });

  it('a definition that breaks a cross-field rule names the rule', async () => {
    const file = join(dir, 'bad-rules.yaml');
    writeFileSync(
      file,
      `version: 1
id: rules
title: { kk: a, ru: a, en: a }
votingPeriod: { opens: "2026-01-02T00:00:00Z", closes: "2026-01-01T00:00:00Z" }
districts: [{ id: a, name: { kk: a, ru: a, en: a } }]
questions:
  - { id: q, kind: single, text: { kk: q, ru: q, en: q }, minSelections: 1, maxSelections: 2, rules: [],
      options: [{ id: x, label: { kk: x, ru: x, en: x } }, { id: y, label: { kk: y, ru: y, en: y } }] }
ballotStyles: [{ id: s, districts: [a, b], questions: [q] }]
trustees: { count: 2, threshold: 3 }
credentialKdf: { logN: 10, r: 8, p: 1 }
`,
    );
    const run = await saylauInProcess(['election', 'define', file, '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BAD_PERIOD at votingPeriod.closes');
    expect(run.stderr).toContain('BAD_THRESHOLD at trustees.threshold');
    expect(run.stderr).toContain('BAD_LIMITS at questions.0.maxSelections');
    expect(run.stderr).toContain('UNKNOWN_REFERENCE at ballotStyles.0.districts.1');
  });

  it('malformed YAML gives the line', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'version: 1\nid: [unclosed\n');
    const run = await saylauInProcess(['election', 'define', file, '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not valid YAML \(line \d+, column \d+\)/);
  });

  it('a wrong passphrase is refused before anything is sent', async () => {
    const keyFile = join(dir, 'trustee.key');
    await createKeyFile(
      keyFile,
      {
        server: 'http://127.0.0.1:9',
        election: 'aral-2026-budget',
        fingerprint: '0'.repeat(64),
        trustee: 1,
        name: 'Alice',
        publicKey: '0'.repeat(64),
        stage: 'enrolled',
      },
      newTrusteeSecrets(2),
      'the right passphrase',
      10,
    );
    const wrong = join(dir, 'wrong-passphrase');
    writeFileSync(wrong, 'not the right passphrase\n');
    const run = await saylau(['trustee', 'deal', '--key-file', keyFile, '--passphrase-file', wrong]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`wrong passphrase for ${keyFile}`);
    const fromEnv = await saylau(['trustee', 'decrypt', '--key-file', keyFile], { SAYLAU_PASSPHRASE: 'also wrong' });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain('wrong passphrase');
  });

  it('a server that is down is named, with exit code 3', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await saylau(['election', 'open', '--server', url, '--election', 'x', '--admin-token', ADMIN]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`cannot reach the Saylau server at ${url} (ECONNREFUSED)`);
  });

  it('a refusal by the server shows its error code', async () => {
    const run = await saylauInProcess(['election', 'open'], { ...env, SAYLAU_ADMIN_TOKEN: 'not-the-admin-token-at-all' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('opening voting: the server refused (401 UNAUTHENTICATED)');
  });

  it('a missing option is a usage error', async () => {
    const run = await saylauInProcess(['turnout'], { SAYLAU_SERVER: '', SAYLAU_ELECTION: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--server is required');
  });
});
