// The trustee's page in headless Chromium against the real server, in one 2-of-3 ceremony with the CLI: trustees 1
// and 2 use the page (desktop and phone), trustee 3 the CLI. Voters vote, the commission closes and processes, then
// trustee 1 (on the page, after a reload: key file + passphrase) and trustee 3 (CLI) decrypt; the tally succeeds
// and the record verifies. Also: the page's key file opens with the CLI's reader and the CLI's in the page, and no
// request the page makes carries a secret or the passphrase.
import { join } from 'node:path';
import { bytesToHex, encodeScalar } from '@saylau/crypto';
import type { ElectionDefinition } from '@saylau/protocol';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyFile } from '../../cli/src/trustee/key-file.ts';
import { saylauInProcess, tempDir } from '../../cli/test/helpers.ts';
import {
  ADMIN_TOKEN,
  admin,
  ballotFor,
  closeAtPeriodEnd,
  electionContextOf,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  registerVoters,
  type Voter,
} from '../../server/test/helpers.ts';
import { verifyRecord } from '../../verifier/src/index.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import {
  axeViolations,
  CSP,
  openPage,
  overflowsHorizontally,
  type Stack,
  screenshot,
  startStack,
  type WatchedPage,
} from './harness.ts';

const PASS = ['correct horse battery one', 'correct horse battery two'] as const;
const CLI_PASS = 'the cli trustee passphrase';

let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];
let env: Record<string, string>;
const dir = tempDir('saylau-trustee-page-');
/** Every request body and URL the trustees' pages sent. */
const sent: { url: string; body: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  const created = expectStatus(await stack.server.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201);
  definition = created.json.definition as ElectionDefinition;
  eid = definition.id;
  voters = makeVoters(definition, { medeu: 3, bostandyk: 1 });
  await registerVoters(stack.server, eid, voters);
  env = { SAYLAU_SERVER: stack.baseUrl, SAYLAU_ADMIN_TOKEN: ADMIN_TOKEN, SAYLAU_ELECTION: eid, SAYLAU_PASSPHRASE: CLI_PASS };
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function cli(args: string[]): Promise<string> {
  const run = await saylauInProcess(args, env);
  if (run.code !== 0) throw new Error(`saylau ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

async function trusteePage(link: string, options: Parameters<typeof openPage>[1] = {}): Promise<WatchedPage> {
  const watched = await openPage(stack.browser, options);
  watched.page.on('request', (request: Request) => sent.push({ url: request.url(), body: request.postData() ?? '' }));
  const response = await watched.page.goto(link);
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  return watched;
}

const step = (page: Page, name: string) => page.waitForSelector(`section[data-step="${name}"]`, { timeout: 60_000 });

/** Step 1 on the page: passphrase twice, make the key, save the file (the download), confirm, enrol. */
async function enrolOnPage(page: Page, passphrase: string, shot: string): Promise<string> {
  await step(page, 'enrol');
  await screenshot(page, `${shot}-1-enrol`);
  await page.fill('#new-passphrase', passphrase);
  await page.fill('#confirm-passphrase', `${passphrase}x`);
  await page.click('#generate');
  await page.waitForSelector('[role="alert"]');
  await page.fill('#new-passphrase', passphrase);
  await page.fill('#confirm-passphrase', passphrase);
  await page.click('#generate');
  await page.waitForSelector('#download-key', { timeout: 60_000 });
  // the page insists on the file: enrolling is not possible before it is saved and the saving confirmed
  expect(await page.getAttribute('#enrol', 'aria-disabled')).toBe('true');
  expect(await page.isDisabled('#saved-confirm')).toBe(true);
  await screenshot(page, `${shot}-1-save-key`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-key')]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  // a click before confirming does nothing (aria-disabled, so playwright would wait for it: forced)
  await page.click('#enrol', { force: true });
  expect(await page.$('section[data-step="deal"]')).toBeNull();
  await page.check('#saved-confirm');
  expect(await page.getAttribute('#enrol', 'aria-disabled')).toBeNull();
  await page.click('#enrol');
  await step(page, 'deal');
  return path;
}

describe('the trustee page and the CLI in one ceremony', () => {
  it('runs the ceremony, the voting, the decryption and a verified tally', async () => {
    // --- the commission starts the ceremony; each trustee gets a token and an invitation link ---
    const started = await cli(['ceremony', 'start', '--trustee', 'Alice', '--trustee', 'Bolat', '--trustee', 'Chen']);
    const tokens = [1, 2, 3].map((n) => new RegExp(`trustee ${n} \\(\\w+\\): token ([0-9a-f]{64})`).exec(started)?.[1] as string);
    const links = [...started.matchAll(/or in a browser: (\S+)/g)].map((m) => m[1] as string);
    expect(links).toHaveLength(3);
    expect(links[0]).toBe(`${stack.baseUrl}/trustee.html#election=${eid}&trustee=1&token=${tokens[0]}`);

    // --- trustees 1 (desktop, English) and 2 (phone, Kazakh) on the page; trustee 3 with the CLI ---
    const alice = await trusteePage(links[0] as string, { locale: 'en-GB' });
    const bolat = await trusteePage(links[1] as string, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      locale: 'kk-KZ',
    });
    expect(await alice.page.textContent('h1')).toBe(en.trustee.title);
    expect(await bolat.page.textContent('h1')).toBe(kk.trustee.title);
    const aliceFile = await enrolOnPage(alice.page, PASS[0], 'trustee-desktop');
    // trustee 1 waits for the others' keys: the page says whose and polls
    expect(await alice.page.textContent('section[data-step="deal"] .status')).toContain('2, 3');
    await screenshot(alice.page, 'trustee-desktop-2-deal-waiting');
    const bolatFile = await enrolOnPage(bolat.page, PASS[1], 'trustee-phone');
    const chenFile = join(dir, 'trustee-3.key');
    await cli([
      'trustee',
      'keygen',
      '--trustee',
      '3',
      '--token',
      tokens[2] as string,
      '--key-file',
      chenFile,
      '--scrypt-log-n',
      '10',
    ]);

    // --- dealing: the pages notice the last key by polling ---
    await alice.page.waitForSelector('#deal', { timeout: 30_000 });
    await screenshot(alice.page, 'trustee-desktop-2-deal');
    await alice.page.click('#deal');
    await step(alice.page, 'verify');
    await bolat.page.waitForSelector('#deal', { timeout: 30_000 });
    await screenshot(bolat.page, 'trustee-phone-2-deal');
    await bolat.page.click('#deal');
    await step(bolat.page, 'verify');
    await cli(['trustee', 'deal', '--key-file', chenFile]);

    // --- checking the shares and acknowledging ---
    await alice.page.waitForSelector('#verify-shares', { timeout: 30_000 });
    await screenshot(alice.page, 'trustee-desktop-3-verify');
    await alice.page.click('#verify-shares');
    await step(alice.page, 'wait');
    expect(await alice.page.$$eval('#share-checks li', (li) => li.map((l) => (l as HTMLElement).dataset.ok))).toEqual([
      'true',
      'true',
    ]);
    await screenshot(alice.page, 'trustee-desktop-4-wait');
    await bolat.page.click('#verify-shares');
    await step(bolat.page, 'wait');
    await screenshot(bolat.page, 'trustee-phone-4-wait');
    await cli(['trustee', 'verify-shares', '--key-file', chenFile]);
    const finished = await cli(['ceremony', 'finish']);
    expect(finished).toContain('qualified dealers: 1 (Alice), 2 (Bolat), 3 (Chen)');
    await step(alice.page, 'decrypt');
    expect(await alice.page.textContent('#ceremony-over')).toContain('1, 2, 3');
    await screenshot(alice.page, 'trustee-desktop-5-decrypt-not-yet');
    expect(await axeViolations(alice.page)).toEqual([]);
    expect(await axeViolations(bolat.page)).toEqual([]);
    expect(await overflowsHorizontally(bolat.page)).toBe(false);

    // --- the key files: the page's opens with the CLI's reader; the secrets never left the pages ---
    const aliceOpened = await openKeyFile(aliceFile, PASS[0]);
    expect(aliceOpened.header).toMatchObject({ format: 'saylau-trustee-key', election: eid, trustee: 1, name: 'Alice' });
    const bolatOpened = await openKeyFile(bolatFile, PASS[1]);
    const secretsHex = [aliceOpened, bolatOpened].flatMap((f) =>
      [f.secrets.secretKey, ...f.secrets.polynomial].map((s) => bytesToHex(encodeScalar(s))),
    );
    // --- voting, closing, processing ---
    expectStatus(await stack.server.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
    const context = await electionContextOf(stack.server, eid);
    const choices = [
      { parks: ['yes'], transport: ['tram'] },
      { parks: ['no'], transport: ['metro'] },
      { parks: ['yes'], transport: ['metro'] },
    ];
    const medeu = voters.filter((v) => v.district === 'medeu');
    for (const [i, v] of medeu.entries()) {
      const token = await loginVoter(stack.server, eid, v);
      const built = ballotFor(context, v, choices[i] as Record<string, string[]>);
      expectStatus(
        await stack.server.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: built.json } }),
        201,
      );
    }
    expectStatus(await closeAtPeriodEnd(stack.server, eid), 200);
    expectStatus(await stack.server.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200);

    // --- trustee 3's CLI key file opens in the page (its decrypt button appears), but the CLI decrypts ---
    const chenPage = await trusteePage(`${stack.baseUrl}/trustee.html#election=${eid}&trustee=3`);
    await chenPage.page.waitForSelector('#key-file', { timeout: 30_000 });
    await chenPage.page.setInputFiles('#key-file', chenFile);
    await chenPage.page.waitForSelector('#chosen-file');
    await chenPage.page.fill('#unlock-passphrase', CLI_PASS);
    await chenPage.page.click('#unlock');
    await chenPage.page.waitForSelector('#decrypt', { timeout: 60_000 });
    await chenPage.context.close();
    await cli(['trustee', 'decrypt', '--key-file', chenFile]);

    // --- trustee 1 comes back later: a fresh browser, the same link, the key file and its passphrase ---
    await alice.context.close();
    const later = await trusteePage(links[0] as string, { locale: 'en-GB' });
    await step(later.page, 'decrypt');
    await later.page.setInputFiles('#key-file', aliceFile);
    await later.page.waitForSelector('#chosen-file');
    await later.page.fill('#unlock-passphrase', 'not the passphrase');
    await later.page.click('#unlock');
    await later.page.waitForSelector('[role="alert"]', { timeout: 60_000 });
    expect(await later.page.textContent('[role="alert"]')).toBe(en.trustee.wrongPassphrase);
    await later.page.fill('#unlock-passphrase', PASS[0]);
    await later.page.click('#unlock');
    await later.page.waitForSelector('#decrypt', { timeout: 60_000 });
    await screenshot(later.page, 'trustee-desktop-5-decrypt');
    await later.page.click('#decrypt');
    await later.page.waitForSelector('.alert-success', { timeout: 60_000 });
    expect(await later.page.textContent('.alert-success')).toMatch(/^Your decryption shares of \d+ totals are posted/);
    await screenshot(later.page, 'trustee-desktop-5-decrypted');
    expect(await axeViolations(later.page)).toEqual([]);

    // --- the tally with trustees 1 and 3, and the record verifies ---
    const result = expectStatus(
      await stack.server.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }),
      200,
    ).json;
    expect(result.trustees).toEqual([1, 3]);
    const parks = result.districts
      .find((d: { district: string }) => d.district === 'medeu')
      .questions.find((q: { question: string }) => q.question === 'parks');
    expect(parks.counts).toMatchObject({ yes: 2, no: 1 });
    expectStatus(await stack.server.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);
    const record = expectStatus(await stack.server.request('GET', `/api/elections/${eid}/record`), 200);
    const report = await verifyRecord(record.json, { workers: 0 });
    expect(report.readable && report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual([]);

    // --- nothing secret in any request of the pages: no secret scalar, no passphrase, the token never in a URL ---
    expect(sent.length).toBeGreaterThan(10);
    for (const { url, body } of sent) {
      for (const secret of [...secretsHex, ...PASS, CLI_PASS]) {
        expect(body.includes(secret), `a request to ${url} carries a secret`).toBe(false);
        expect(url.includes(secret)).toBe(false);
      }
      for (const token of tokens) expect(url.includes(token), `the token in ${url}`).toBe(false);
    }
    for (const p of [alice, bolat, later]) {
      expect(await p.cspViolations().catch(() => [])).toEqual([]);
      expect(p.errors).toEqual([]);
    }
    await bolat.context.close();
    await later.context.close();
  }, 600_000);
});
