// The commission's path as the README and the commission guide walk it, as one test, with the commands as the
// install leaves them (node_modules/.bin/saylau, the pages built at install) and a real browser: a definition in
// local time, a Windows-1251 voter file, `saylau serve` serving the booth, letters whose address opens it, a vote in
// the browser, the downloaded receipt checked by the CLI, a backup while voting runs, a second server refused,
// close, processing, decryption, tally, publication, and the record verified with the browser's receipt as the
// trusted head.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectionDefinition } from '@saylau/protocol';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INSTALLED_SAYLAU,
  type LetterCodes,
  lettersCodes,
  REPO,
  type ServerProcess,
  saylau,
  saylauOk,
  serveProcess,
  tempDir,
} from '../../cli/test/helpers.ts';
import type { Voter } from '../../server/test/helpers.ts';
import { voteFromStart } from './flows.ts';
import { CHROMIUM, openPage, streamText } from './harness.ts';

const ADMIN = 'walkthrough-admin-token-0123456789';
const ELECTION = 'aral-2026-budget';
const installed = { installed: true };

/** A time as a clerk in Aqtöbe writes it: local wall-clock time with the +05:00 offset, to the second. */
function localTime(ms: number): string {
  return `${new Date(ms + 5 * 3600_000).toISOString().slice(0, 19)}+05:00`;
}

let dir: string;
let server: ServerProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(INSTALLED_SAYLAU)) throw new Error(`no ${INSTALLED_SAYLAU}: run the README's install first`);
  if (!existsSync(join(REPO, 'apps/voter-web/dist/index.html'))) {
    throw new Error('the voter pages were not built at install (apps/voter-web/dist): run the README install again');
  }
  dir = tempDir('saylau-walkthrough-');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the commission's path, end to end", () => {
  it('from a local-time definition and a Windows-1251 voter file to a record verified against a browser receipt', {
    timeout: 300_000,
  }, async () => {
    // The server, as the guide starts it; a second one on the same database is refused in one line.
    const db = join(dir, 'saylau.db');
    server = await serveProcess(db, ADMIN, installed);
    const second = await saylau(
      ['serve', '--db', db, '--port', '0', '--admin-token', ADMIN, '--board-key', join(dir, 'board.key')],
      { SAYLAU_BOARD_KEY_PASSPHRASE: 'test board key passphrase' },
      installed,
    );
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toMatch(/^saylau: error: .*saylau\.db is in use by another server \(pid \d+/);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: ELECTION };

    // One commission member signs the decision and the early close.
    const passphrase = join(dir, 'member-passphrase');
    writeFileSync(passphrase, 'member correct horse battery staple\n');
    const memberArgs = ['--key-file', join(dir, 'member.key'), '--passphrase-file', passphrase];
    const keygen = await saylauOk(
      ['commission', 'keygen', '--member', 'aigerim', '--name', 'Aigerim', '--scrypt-log-n', '10', ...memberArgs],
      {},
      installed,
    );
    const memberKey = /publicKey: ([0-9a-f]{64})/.exec(keygen)?.[1] as string;

    // The definition in local time (+05:00): voting opened an hour ago and runs a week.
    const now = Date.now();
    const fixture = readFileSync(join(REPO, 'test/fixtures/definitions/town-budget.yaml'), 'utf8');
    const definitionFile = join(dir, 'election.yaml');
    writeFileSync(
      definitionFile,
      `${fixture.replace(
        /votingPeriod:\n {2}opens: .*\n {2}closes: .*\n/,
        `votingPeriod:\n  opens: "${localTime(now - 3600_000)}"\n  closes: "${localTime(now + 7 * 86400_000)}"\n`,
      )}commission:\n  members:\n    - { id: aigerim, name: Aigerim, publicKey: ${memberKey} }\n  threshold: 1\n`,
    );
    const defined = await saylauOk(['election', 'define', definitionFile], env, installed);
    const fingerprint = /fingerprint ([0-9a-f]{64})/.exec(defined)?.[1] as string;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // The voter file as Excel in Kazakhstan saves it: Windows-1251, ";" separated.
    const voters = join(REPO, 'test/fixtures/voters/voters-windows-1251.csv');
    const imported = await saylauOk(['register', 'import', voters], env, installed);
    expect(imported).toContain('read as Windows-1251');
    expect(imported).toMatch(/imported 10 voters/);

    // A 2-of-3 key ceremony, the three trustees at once.
    const started = await saylauOk(
      ['ceremony', 'start', '--trustee', 'Alice', '--trustee', 'Bolat', '--trustee', 'Chen'],
      env,
      installed,
    );
    const trustee = (n: number) => {
      const file = join(dir, `trustee-${n}-passphrase`);
      writeFileSync(file, `trustee ${n} correct horse battery staple\n`);
      return ['--key-file', join(dir, `trustee-${n}.key`), '--passphrase-file', file];
    };
    const trusteeEnv = { SAYLAU_SERVER: server.url };
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        const token = new RegExp(`trustee ${n} \\(\\w+\\): token ([0-9a-f]{64})`).exec(started)?.[1] as string;
        const enrol = ['--election', ELECTION, '--trustee', String(n), '--token', token, '--scrypt-log-n', '10'];
        await saylauOk(['trustee', 'keygen', ...enrol, ...trustee(n)], trusteeEnv, installed);
        await saylauOk(['trustee', 'deal', '--wait', '90', ...trustee(n)], trusteeEnv, installed);
        await saylauOk(['trustee', 'verify-shares', '--wait', '90', ...trustee(n)], trusteeEnv, installed);
      }),
    );
    await saylauOk(['ceremony', 'finish'], env, installed);

    // The letters, once the key is made (the commission's guide, §4).
    const letters = join(dir, 'letters');
    expect(await saylauOk(['credentials', 'issue', '--voters', voters, '--out', letters], env, installed)).toContain(
      'issued 10 credentials',
    );
    const letterHtml = readFileSync(join(letters, 'letters.html'), 'utf8');
    expect(letterHtml).toContain('Мария Смирнова');
    expect(letterHtml).not.toContain('\uFFFD');
    const codes = lettersCodes(letterHtml);
    // the address printed on the letters, as the voter will type it
    const letterUrl = /https?:\/\/[^\s"<]+\?election=[\w.-]+/.exec(letterHtml)?.[0] as string;
    expect(letterUrl).toBe(`${server.url}/?election=${ELECTION}`);

    await saylauOk(['commission', 'sign', 'decision', ...memberArgs], env, installed);
    expect(await saylauOk(['election', 'open'], env, installed)).toContain('voting is open');

    // A voter opens the letter's address in a browser, votes, and downloads the receipt.
    const definition = (await (await fetch(`${server.url}/api/elections/${ELECTION}`)).json()).definition as ElectionDefinition;
    const first = codes[1] as LetterCodes;
    const { page, context } = await openPage(browser as Browser);
    await voteFromStart(page, {
      baseUrl: server.url,
      url: letterUrl,
      eid: ELECTION,
      definition,
      voter: first as unknown as Voter,
      lang: 'ru',
      choices: { library: ['yes'], budget: ['water'] },
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-receipt')]);
    const receipt = join(dir, 'receipt.json');
    writeFileSync(receipt, await streamText(await download.createReadStream()));
    await context.close();
    const checked = await saylau(['check-receipt', receipt], env, installed);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('the receipt checks out');

    // Two voters with the CLI; a backup while voting runs.
    for (const [i, answers] of [
      [2, { library: ['no'], budget: ['roads'] }],
      [3, { library: ['yes'], budget: ['schools'] }],
    ] as const) {
      const c = codes[i] as LetterCodes;
      const args = ['--voter-id', c.voterId, '--login-code', c.loginCode, '--credential', c.credentialCode];
      await saylauOk(['vote', ...args, '--answers', JSON.stringify(answers)], env, installed);
    }
    const backup = join(dir, 'backup.db');
    expect(await saylauOk(['backup', '--db', db, '--out', backup], {}, installed)).toContain(backup);
    expect(existsSync(backup)).toBe(true);

    // Close early (signed), process, decrypt with two trustees, tally, publish.
    const early = [
      '--early-reason',
      'walkthrough test',
      '--member-key',
      join(dir, 'member.key'),
      '--passphrase-file',
      passphrase,
    ];
    expect(await saylauOk(['election', 'close', ...early], env, installed)).toContain('voting is closed');
    expect(await saylauOk(['election', 'process'], env, installed)).toContain('3 ballots counted');
    await Promise.all([1, 3].map((n) => saylauOk(['trustee', 'decrypt', ...trustee(n)], trusteeEnv, installed)));
    const tally = await saylauOk(['election', 'tally'], env, installed);
    expect(tally).toContain('decrypted by trustees 1, 3');
    expect(await saylauOk(['election', 'publish'], env, installed)).toContain('published');
    expect(await saylauOk(['check-receipt', receipt], env, installed)).toMatch(/ballot fate: COUNTED/);

    // The auditor: the record, verified with the browser's receipt as the trusted head.
    const record = join(dir, 'record');
    await saylauOk(['record', 'export', '--out', record], env, installed);
    const verified = await saylau(
      ['verify', record, '--expect-fingerprint', fingerprint, '--trusted-head', receipt],
      {},
      installed,
    );
    expect(verified.stdout).toMatch(/ALL \d+ CHECKS PASSED/);
    expect(verified.code, verified.stderr).toBe(0);

    // The server's log: one JSON line per request, by route, never a secret or a voter's identity.
    const logLines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; event: string; route?: string; status?: number });
    expect(logLines).toContainEqual(
      expect.objectContaining({ event: 'request', route: '/api/elections/:eid/ballots', status: 201, election: ELECTION }),
    );
    const log = server.output();
    for (const secret of [ADMIN, first.voterId, first.loginCode, first.credentialCode]) expect(log).not.toContain(secret);
  });
});
