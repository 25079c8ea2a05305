// The installed commands themselves: node_modules/.bin/saylau and saylau-verify (the bundles the install builds) run
// as processes from another folder, their --version, their --json answers and their exit codes. (commission status
// and check-receipt --json are checked in election.e2e.test.ts, which has signatures and receipts to show.)
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, REPO, type Run, type ServerProcess, serveProcess, tempDir } from './helpers.ts';

const BIN = join(REPO, 'node_modules/.bin');
const ADMIN = 'built-command-admin-token-0123456789';

/** Runs an installed command in `cwd`; never rejects (the exit code is part of the answer). */
function run(command: 'saylau' | 'saylau-verify', args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<Run>((resolve) => {
    execFile(
      join(BIN, command),
      [...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs a command that must succeed and print one JSON document; returns it parsed. */
async function json(args: readonly string[], cwd: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = await run('saylau', [...args, '--json'], cwd, env);
  expect(answer.code, `saylau ${args.join(' ')}: ${answer.stderr}`).toBe(0);
  return JSON.parse(answer.stdout) as Record<string, unknown>;
}

describe('the installed saylau and saylau-verify', () => {
  let cwd: string;
  let server: ServerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    cwd = tempDir('saylau-bin-test-');
    server = await serveProcess(join(cwd, 'saylau.db'), ADMIN);
    env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: 'aral-2026-budget' };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('prints the root package version, and the commit it was built from', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const answer = await run('saylau', ['--version'], cwd);
    expect(answer.code).toBe(0);
    expect(answer.stdout).toMatch(new RegExp(`^saylau ${version.replaceAll('.', '\\.')}( \\(commit [0-9a-f]{12}\\))?\\n$`));
    // a bundle, not the sources through tsx
    expect(answer.stdout).not.toContain('from the sources');
  });

  it('reads paths relative to the folder it runs in, and exits 2 on usage errors', async () => {
    copyFileSync(join(REPO, 'test/fixtures/definitions/town-budget.yaml'), join(cwd, 'budget.yaml'));
    const checked = await run('saylau', ['election', 'define', '--check', 'budget.yaml'], cwd);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('budget.yaml: the definition is valid');
    expect((await run('saylau', ['election', 'define', '--check', 'missing.yaml'], cwd)).code).toBe(2);
    expect((await run('saylau', ['no-such-command'], cwd)).code).toBe(2);
  });

  it('answers --json on election list and status, turnout and ceremony status', async () => {
    expect(await json(['election', 'list'], cwd, env)).toEqual({ elections: [] });
    expect((await run('saylau', ['election', 'define', 'budget.yaml'], cwd, env)).code).toBe(0);

    const listed = (await json(['election', 'list'], cwd, env)).elections as { id: string; state: string; title: unknown }[];
    expect(listed.map((e) => [e.id, e.state])).toEqual([['aral-2026-budget', 'draft']]);
    expect(listed[0]?.title).toMatchObject({ en: expect.any(String) });
    const text = await run('saylau', ['election', 'list'], cwd, env);
    expect(text.stdout).toMatch(/^aral-2026-budget {2}draft {2}\S/m);

    const status = await json(['election', 'status'], cwd, env);
    expect(status).toMatchObject({ id: 'aral-2026-budget', state: 'draft', electionKey: null });
    expect(status.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const voters = join(REPO, 'test/fixtures/voters/town-budget-voters.csv');
    expect((await run('saylau', ['register', 'import', voters], cwd, env)).code).toBe(0);
    const turnout = (await json(['turnout'], cwd, env)).districts as { district: string; registered: number }[];
    expect(turnout.find((d) => d.district === 'north')?.registered).toBe(5);

    const trustees = ['--trustee', 'Alice', '--trustee', 'Bolat', '--trustee', 'Chen'];
    expect((await run('saylau', ['ceremony', 'start', ...trustees], cwd, env)).code).toBe(0);
    const ceremony = await json(['ceremony', 'status'], cwd, env);
    expect(ceremony).toMatchObject({ election: 'aral-2026-budget', ceremony: expect.any(Object) });

    // exit codes do not change with --json: no result before the tally is a refusal (1)
    const results = await run('saylau', ['results', '--json'], cwd, env);
    expect(results.code).toBe(1);
    expect(results.stderr).toMatch(/^saylau: error:/);
  });

  it('exits 3 when the server cannot be reached, with or without --json', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    expect((await run('saylau', ['election', 'list', '--json', '--server', server], cwd)).code).toBe(3);
    expect((await run('saylau', ['election', 'list', '--server', server], cwd)).code).toBe(3);
  });

  it('runs saylau-verify and saylau verify --json on a record, from another folder', async () => {
    const record = join(REPO, 'test/fixtures/sample-record');
    const help = await run('saylau-verify', ['--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: saylau-verify');
    const verified = await run('saylau-verify', [record, '--json', '--workers', '0'], cwd);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    const throughSaylau = await run('saylau', ['verify', record, '--json', '--workers', '0'], cwd);
    expect(throughSaylau.code).toBe(0);
    expect(JSON.parse(throughSaylau.stdout)).toMatchObject({ ok: true });
    expect((await run('saylau-verify', ['no-such-record'], cwd)).code).toBe(2);
  });
});
