// The commission's console in headless Chromium against the real server: a member enrolls from an invitation link
// (the key made in the browser and saved as a key file), signs out and in again with the file; defines an election
// from a template (a problem shown at its path, then fixed; the ballot previewed in Kazakh) and creates it; a reload
// returns to the same place. Every step is axe-clean and photographed at phone size (test/artifacts/voter-web/screens/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '@saylau/documents';
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

/** Windows-1251 bytes of a text of ASCII and Russian letters (as Excel saves a CSV on a Russian Windows). */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = c.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (c === 'Ё') return 0xa8;
      if (c === 'ё') return 0xb8;
      throw new Error(`no Windows-1251 byte for ${c}`);
    }),
  );
}

const NAMES = [
  'Иван Петрович Сидоров',
  'Мария Александровна Смирнова',
  'Ольга Викторовна Кузнецова',
  'Сергей Николаевич Волков',
  'Наталья Сергеевна Попова',
  'Дмитрий Андреевич Соколов',
  'Екатерина Павловна Лебедева',
  'Алексей Игоревич Козлов',
  'Юлия Михайловна Новикова',
  'Андрей Владимирович Морозов',
];
const STREETS = ['улица Абая', 'проспект Независимости', 'улица Пушкина', 'переулок Строителей', 'улица Гагарина'];

/**
 * A register as Excel saves it on a Russian Windows (Windows-1251, ";", quoted addresses with commas), with the
 * letters' language and address columns; `bad` puts voter RU-0003 (line 4) in a district the election lacks.
 */
function voterFile(bad: boolean): Buffer {
  const rows = NAMES.map((name, i) => {
    const district = bad && i === 2 ? 'nowhere' : 'all';
    const address = `"город Аральск, ${STREETS[i % 5]}, дом ${i + 3}, квартира ${i * 7 + 1}"`;
    return `RU-${String(i + 1).padStart(4, '0')};${district};${name};+7 701 000 00${10 + i};${['ru', 'kk', 'en'][i % 3]};${address}`;
  });
  return windows1251(`${['voter_id;district;name;contact;language;address', ...rows].join('\r\n')}\r\n`);
}

const VOTER_IDS = Array.from({ length: 10 }, (_, i) => `RU-${String(i + 1).padStart(4, '0')}`);

describe('the console: register and letters', () => {
  it('reads a Windows-1251 voter file, lists the bad row with its line, imports the fixed file', async () => {
    const page = member.page;
    await page.click('.step-tabs li[data-step="register"] a');
    await screen(page, 'register');
    await page.setInputFiles('#register-file', {
      name: 'voters.csv',
      mimeType: 'text/csv',
      buffer: voterFile(true),
    });
    await page.waitForSelector('#register-problems li[data-line="4"]');
    expect(await page.textContent('#register-note')).toContain('Windows-1251');
    expect(await page.textContent('#register-note')).toContain('";"');
    expect(await page.textContent('#register-first-rows')).toContain('Мария Александровна Смирнова');
    expect(await page.textContent('#register-problems')).toContain('nowhere');
    expect(await page.getAttribute('#register-import', 'aria-disabled')).toBe('true');
    await checkStep(page, 'register-problem');
    await page.setInputFiles('#register-file', {
      name: 'voters-fixed.csv',
      mimeType: 'text/csv',
      buffer: voterFile(false),
    });
    await page.waitForSelector('#register-import:not([aria-disabled])');
    expect(await page.textContent('#register-file-counts tr[data-district="all"]')).toContain('10');
    await page.click('#register-import');
    await page.waitForSelector('#register-sizes');
    expect(await page.textContent('#register-sizes tr[data-district="all"]')).toContain('10');
    // only ids and districts went to the server
    const imported = sent.find((r) => r.url.endsWith(`/api/elections/${ELECTION}/register`));
    expect(JSON.parse(imported?.body ?? '{}')).toEqual({
      voters: VOTER_IDS.map((voterId) => ({ voterId, district: 'all' })),
      replace: false,
    });
    await checkStep(page, 'register-imported');
    // corrections before the freeze: a voter registered already is refused with its code; one added, then removed
    await page.fill('#correct-add-voter', 'RU-0001');
    await page.click('#correct-add button[type="submit"]');
    await page.waitForSelector('#step-panel .alert-error');
    expect(await page.textContent('#step-panel .alert-error')).toContain('DUPLICATE_VOTER');
    await page.fill('#correct-add-voter', 'RU-0099');
    await page.click('#correct-add button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('#register-sizes tr[data-district="all"]')?.textContent?.includes('11'),
    );
    await page.fill('#correct-remove-voter', 'RU-0099');
    await page.click('#correct-remove button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('#register-sizes tr[data-district="all"]')?.textContent?.includes('10'),
    );
    // who did it, in the actions log
    await page.click('#actions-log summary');
    await page.waitForSelector('#actions-table');
    expect(await page.textContent('#actions-table')).toContain('/api/elections/:eid/register');
    expect(await page.textContent('#actions-table')).toContain('Aigerim');
  }, 120_000);

  it('makes the letters in the browser, saves them, and uploads only the public keys', async () => {
    const page = member.page;
    await page.click('.step-tabs li[data-step="letters"] a');
    await screen(page, 'letters');
    expect(await page.textContent('#letters-file-note')).toContain('voters-fixed.csv');
    await page.click('#letters-generate');
    await page.waitForSelector('#letters-download-html', { timeout: 60_000 });
    // the letters exist only in memory: leaving asks first
    const leaving = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(leaving).toBe(true);
    expect(await page.getAttribute('#letters-upload', 'aria-disabled')).toBe('true');
    const save = async (id: string): Promise<string> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      const path = join(dir, download.suggestedFilename());
      await download.saveAs(path);
      return readFileSync(path, 'utf8');
    };
    const html = await save('#letters-download-html');
    const mailMerge = await save('#letters-download-csv');
    const list = JSON.parse(await save('#letters-download-public')) as { entries: { credential: string; district: string }[] };
    const rows = parseCsv(mailMerge.replace(/^\uFEFF/, ''), ',').map((r) => r.fields);
    const header = rows[0] as string[];
    const codes = rows.slice(1).map((r) => ({
      voterId: r[header.indexOf('voter_id')] as string,
      login: r[header.indexOf('login_code')] as string,
      signing: r[header.indexOf('signing_code')] as string,
    }));
    expect(codes.map((c) => c.voterId)).toEqual(VOTER_IDS);
    for (const c of codes) {
      expect(html).toContain(c.login);
      expect(html).toContain(c.signing);
    }
    expect(html.match(/class="letter"/g)).toHaveLength(10);
    await checkStep(page, 'letters-generated');
    await page.check('#letters-saved');
    await page.click('#letters-upload');
    await page.waitForSelector('#step-panel .alert-success');
    // the server got the public keys and the login codes' digests, and never a code
    const upload = sent.find((r) => r.url.endsWith(`/api/elections/${ELECTION}/credentials`));
    const body = JSON.parse(upload?.body ?? '{}') as {
      entries: { voterId: string; credential: string; loginCodeHash: string }[];
    };
    expect(body.entries.map((e) => Object.keys(e).sort())).toEqual(codes.map(() => ['credential', 'loginCodeHash', 'voterId']));
    expect(body.entries.map((e) => e.credential).sort()).toEqual(list.entries.map((e) => e.credential));
    const everything = JSON.stringify(sent);
    for (const c of codes) {
      for (const code of [c.login, c.signing, c.login.replace(/-/g, ''), c.signing.replace(/-/g, '')]) {
        expect(everything).not.toContain(code);
      }
    }
    const answer = expectStatus(await stack.server.request('GET', `/api/elections/${ELECTION}`), 200).json as {
      registerSizes: Record<string, number>;
    };
    expect(answer.registerSizes).toEqual({ all: 10 });
    await checkStep(page, 'letters-uploaded');
    // a reload returns to the letters step; the register says it is frozen
    await page.reload();
    await screen(page, 'letters');
    await page.waitForSelector('#step-panel .status');
    await page.click('.step-tabs li[data-step="register"] a');
    await screen(page, 'register');
    await page.waitForSelector('#register-status');
    expect(await page.$('#register-file')).toBeNull();
  }, 120_000);
});
