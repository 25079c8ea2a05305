// The commission's console in headless Chromium against the real server: a member enrolls from an invitation link
// (the key made in the browser and saved as a key file), signs out and in again with the file; defines an election
// from a template (a problem shown at its path, then fixed; the ballot previewed in Kazakh) and creates it; a reload
// returns to the same place. Every step is axe-clean and photographed at phone size (test/artifacts/voter-web/screens/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMemberKeyFile } from '@saylau/protocol/commission-client';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../cli/test/helpers.ts';
import { admin, expectStatus } from '../../server/test/helpers.ts';
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

const PASSPHRASE = 'a long member passphrase';
const ELECTION = 'console-test';

let stack: Stack;
let member: WatchedPage;
let keyFile: string;
const dir = tempDir('saylau-console-');
/** Every request the console sent: URL and body. */
const sent: { url: string; body: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const screen = (page: Page, name: string) => page.waitForSelector(`main[data-screen="${name}"]`, { timeout: 60_000 });

/** axe-clean, no sideways scrolling at 390 px, and a phone-sized picture of the step. */
async function checkStep(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflowsHorizontally(page), `${name} scrolls sideways at 390 px`).toBe(false);
  await screenshot(page, `screens/console-phone-${name}`);
  if (desktop) await page.setViewportSize(desktop);
}

describe('the console: enrollment, sign-in, define', () => {
  it('enrolls a member from an invitation link and signs in with the saved key file', async () => {
    const invitation = expectStatus(
      await stack.server.request('POST', '/api/commission/members/invitations', { ...admin, body: { name: 'Aigerim' } }),
      201,
    ).json as { token: string; member: number };
    member = await openPage(stack.browser, { locale: 'en-GB' });
    member.page.on('request', (r: Request) => sent.push({ url: r.url(), body: r.postData() ?? '' }));
    const response = await member.page.goto(`${stack.baseUrl}/admin.html#invite=${invitation.token}`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    const page = member.page;
    await screen(page, 'enrol');
    await page.fill('#enrol-name', 'Aigerim');
    await page.fill('#new-passphrase', PASSPHRASE);
    await page.fill('#confirm-passphrase', `${PASSPHRASE}x`);
    await page.click('#make-key');
    await page.waitForSelector('#sign-in-error');
    await page.fill('#new-passphrase', PASSPHRASE);
    await page.fill('#confirm-passphrase', PASSPHRASE);
    await page.click('#make-key');
    await page.waitForSelector('#download-key', { timeout: 60_000 });
    expect(await page.getAttribute('#enrol', 'aria-disabled')).toBe('true');
    await checkStep(page, 'enrol');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-key')]);
    keyFile = join(dir, download.suggestedFilename());
    await download.saveAs(keyFile);
    await page.check('#saved-confirm');
    await page.click('#enrol');
    await screen(page, 'list');
    expect(await page.textContent('#signed-in-as')).toContain('Aigerim');

    // the file is the CLI's format, and neither the secret key nor the passphrase left the page
    const opened = await openMemberKeyFile(readFileSync(keyFile, 'utf8'), PASSPHRASE, keyFile);
    expect(opened.header.format).toBe('saylau-member-key');
    const members = expectStatus(await stack.server.request('GET', '/api/commission/members', admin), 200).json as {
      members: { member: number; publicKey: string | null }[];
    };
    expect(members.members.find((m) => m.member === invitation.member)?.publicKey).toBe(opened.header.publicKey);
    const secretHex = JSON.stringify(sent);
    expect(secretHex).not.toContain(PASSPHRASE);

    // sign out, and in again with the file
    await page.click('#sign-out');
    await screen(page, 'sign-in');
    await page.setInputFiles('#sign-in-file', keyFile);
    await page.fill('#sign-in-passphrase', 'not the passphrase at all');
    await page.click('#sign-in');
    await page.waitForSelector('#sign-in-error', { timeout: 60_000 });
    await checkStep(page, 'sign-in');
    await page.fill('#sign-in-passphrase', PASSPHRASE);
    await page.click('#sign-in');
    await screen(page, 'list');
    await checkStep(page, 'list');
  }, 180_000);

  it('defines an election from a template: a problem at its path, fixed; the preview in Kazakh; create', async () => {
    const page = member.page;
    await page.click('#new-election');
    await screen(page, 'new');
    await page.click('#template-referendum');
    await page.fill('#def-id', ELECTION);
    // a small credential KDF for the test, typed in the YAML editor; the form follows
    const yaml = await page.inputValue('#definition-yaml');
    await page.fill('#definition-yaml', yaml.replace(/logN: 15/, 'logN: 8'));
    expect(await page.textContent('#define-form')).toContain('2^8');
    // an empty English title: the problem at title.en, in the list and at the field
    await page.fill('#def-title-en', '');
    await page.waitForSelector('#definition-problems li[data-path="title.en"]');
    expect(await page.textContent('[data-field="title.en"] .error-message')).toContain('MALFORMED');
    expect(await page.getAttribute('#create-election', 'aria-disabled')).toBe('true');
    await checkStep(page, 'define-problem');
    await page.fill('#def-title-en', 'Console test referendum');
    await page.waitForSelector('#definition-problems.alert-success');
    // the preview in Kazakh, drawn by the booth's fieldsets
    await page.selectOption('#preview-language', 'kk');
    await page.waitForSelector('.preview-ballot[data-language="kk"]');
    expect(await page.textContent('.preview-ballot')).toContain('Иә');
    await checkStep(page, 'define-new');
    // the draft survives a reload
    await page.reload();
    await screen(page, 'new');
    expect(await page.inputValue('#def-title-en')).toBe('Console test referendum');
    await page.click('#create-election');
    await screen(page, 'define');
    expect(page.url()).toContain(`#election=${ELECTION}&step=define`);
    expect(await page.textContent('#definition-frozen')).toContain('Console test referendum');
    await checkStep(page, 'define-frozen');
    // a reload keeps the place and the session
    await page.reload();
    await screen(page, 'define');
    expect(await page.textContent('#election-title')).toBe('Console test referendum');
  }, 120_000);
});
