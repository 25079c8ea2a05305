// The booth and the second-device page in headless Chromium against the real server: voting in Kazakh, Russian and
// English, re-voting, verifying on a second device, the Benaloh audit, keyboard-only voting, and the page's CSP.
import { bytesToHex } from '@saylau/crypto';
import {
  ballotHash,
  type ElectionDefinition,
  fingerprintBytes,
  openSeal,
  parseVerificationLink,
  readReceiptFile,
  trackingCode,
  verificationAccess,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../../server/src/db/index.ts';
import { openElection, type Voter } from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';
import {
  castSealed,
  choose,
  enterCredential,
  logIn,
  reviewAndSeal,
  shownChoices,
  voteFromStart,
  waitForScreen,
} from './flows.ts';
import { CSP, openPage, overflowsHorizontally, type Stack, screenshot, startStack, streamText, tabTo } from './harness.ts';

let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];

beforeAll(async () => {
  stack = await startStack();
  const setup = await openElection(stack.server, { medeu: 4, bostandyk: 4 });
  eid = setup.eid;
  definition = setup.definition;
  voters = setup.voters;
});

afterAll(async () => {
  await stack?.close();
});

const voter = (district: string, i: number): Voter => voters.filter((v) => v.district === district)[i] as Voter;

/** Every build the page measured: [selections, milliseconds]. */
async function buildTimings(page: import('playwright-core').Page): Promise<[number, number][]> {
  return page.evaluate(() =>
    performance
      .getEntriesByName('saylau:build-ballot')
      .map((e) => [(e as PerformanceMeasure).detail.selections as number, e.duration] as [number, number]),
  );
}

describe('voting in each language', () => {
  it('a voter votes in Kazakh and checks the vote on a second device', async () => {
    const booth = await openPage(stack.browser);
    const choices = { parks: ['yes'], transport: ['tram'] };
    const response = await booth.page.goto(`${stack.baseUrl}/?election=${eid}`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    const cast = await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid,
      definition,
      voter: voter('medeu', 0),
      lang: 'kk',
      choices,
      shots: 'kk',
    });
    expect(await booth.page.textContent('h1')).toBe(kk.receiptTitle);
    expect(await booth.page.textContent('#revote-text')).toBe(kk.revoteText);
    expect(cast.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(cast.link).toMatch(/\/verify\.html#election=.+&ballot=[0-9a-f]{64}&key=[0-9a-f]{64}$/);
    expect(await booth.page.textContent('#qr-window')).toContain('3');

    // the second device: a fresh browser context, opened from the QR code's link
    const phone = await openPage(stack.browser, { viewport: { width: 375, height: 740 }, isMobile: true, locale: 'kk-KZ' });
    await phone.page.goto(cast.link);
    await waitForScreen(phone.page, 'verified');
    expect(phone.page.url()).not.toContain('key=');
    expect(await phone.page.$$eval('#checks li', (li) => li.map((l) => (l as HTMLElement).dataset.passed))).toEqual([
      'true',
      'true',
      'true',
      'true',
      'true',
    ]);
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(choices);
    expect(await phone.page.textContent('#supersession')).toBe(kk.latestBallot);
    expect(await phone.page.textContent('#credential-short')).toBe(
      `${voter('medeu', 0).credentialHex.slice(0, 8)}…${voter('medeu', 0).credentialHex.slice(-8)}`,
    );
    expect(await phone.page.textContent('#checks-left')).toContain('2');
    await screenshot(phone.page, 'kk-7-verify-phone');
    expect(await overflowsHorizontally(phone.page)).toBe(false);

    expect(await booth.cspViolations()).toEqual([]);
    expect(await phone.cspViolations()).toEqual([]);
    expect([...booth.errors, ...phone.errors]).toEqual([]);
    console.log(`[voter-web] ballot build in the browser (selections, ms): ${JSON.stringify(await buildTimings(booth.page))}`);
    await booth.context.close();
    await phone.context.close();
  });

  it('a voter votes in Russian, votes again, and the second device tells which ballot counts', async () => {
    const booth = await openPage(stack.browser, { locale: 'en-GB' });
    const v = voter('medeu', 1);
    const first = { parks: ['no'], transport: ['metro'] };
    const second = { parks: ['blank'], transport: ['bikes'] };
    const cast1 = await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid,
      definition,
      voter: v,
      lang: 'ru',
      choices: first,
      shots: 'ru',
    });
    expect(await booth.page.textContent('h1')).toBe(ru.receiptTitle);
    expect(await booth.page.textContent('#revote-text')).toBe(ru.revoteText);

    // vote again: a fresh ballot, the receipt says it replaces the earlier e-vote
    await booth.page.click('#vote-again');
    await waitForScreen(booth.page, 'ballot');
    expect(await booth.page.$$eval('input:checked', (inputs) => inputs.length)).toBe(0);
    await choose(booth.page, definition, second);
    await reviewAndSeal(booth.page);
    const cast2 = await castSealed(booth.page);
    expect(cast2.trackingCode).not.toBe(cast1.trackingCode);
    expect(await booth.page.textContent('main p')).toContain(ru.receiptReplaces);
    await screenshot(booth.page, 'ru-8-revote-receipt');

    // the language stays chosen on this device
    await booth.page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(booth.page, 'login');
    expect(await booth.page.getAttribute('html', 'lang')).toBe('ru');
    expect(await booth.page.textContent('h1')).toBe(ru.loginTitle);

    const phone = await openPage(stack.browser, { viewport: { width: 390, height: 800 }, isMobile: true, locale: 'ru-RU' });
    await phone.page.goto(cast1.link);
    await waitForScreen(phone.page, 'verified');
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(first);
    expect(await phone.page.textContent('#supersession')).toBe(ru.supersededBallot);
    expect(await phone.page.$$eval('#checks li[data-passed="true"]', (li) => li.length)).toBe(5);
    await screenshot(phone.page, 'ru-9-verify-superseded');
    // pasted into the address bar of the open page: the page checks the new code
    await phone.page.goto(cast2.link);
    await phone.page.waitForFunction(
      (code) => document.querySelector('#verified-tracking-code')?.textContent === code,
      cast2.trackingCode,
    );
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(second);
    expect(await phone.page.textContent('#supersession')).toBe(ru.latestBallot);

    expect([...(await booth.cspViolations()), ...(await phone.cspViolations())]).toEqual([]);
    expect([...booth.errors, ...phone.errors]).toEqual([]);
    await booth.context.close();
    await phone.context.close();
  });

  it('a voter votes in English on the Bostandyk ballot, kept within each question’s limits, and keeps the receipt', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = voter('bostandyk', 0);
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="en"]');
    await logIn(page, v);
    await enterCredential(page, v);

    // up to 3 projects: at the third, the fourth box is disabled and the page says why
    await choose(page, definition, { projects: ['library', 'pool', 'lights'] });
    expect(await page.isDisabled('#option-projects-2')).toBe(true);
    expect(await page.textContent('#question-projects-count')).toContain(en.maxReached);
    await page.click('label[for="option-projects-1"]');
    expect(await page.isDisabled('#option-projects-2')).toBe(false);

    // continuing with the referendum and the transport question unanswered lists both
    await page.click('#to-review');
    await page.waitForSelector('#problem-summary');
    expect(await page.$$eval('#problem-summary li', (li) => li.length)).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('problem-summary');
    await screenshot(page, 'en-3-ballot-problems');
    const choices = { parks: ['no'], transport: ['metro'], projects: ['library', 'lights'] };
    await choose(page, definition, { parks: ['no'], transport: ['metro'] });
    await page.click('#to-review');
    await waitForScreen(page, 'review');
    expect(await shownChoices(page, '#review-choices')).toEqual(choices);
    await screenshot(page, 'en-4-review');
    await page.click('#seal');
    await waitForScreen(page, 'sealed');
    const cast = await castSealed(page);
    expect(await page.textContent('h1')).toBe(en.receiptTitle);
    expect(await page.textContent('#revote-text')).toBe(en.revoteText);
    await screenshot(page, 'en-6-receipt');

    // the receipt file: what the board holds, never the seed nor the link's key (searched for in its bytes)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-receipt')]);
    const bytes = await streamText(await download.createReadStream());
    const file = readReceiptFile(JSON.parse(bytes));
    if (!file.ok) throw new Error(JSON.stringify(file.problems));
    expect(file.value).toMatchObject({ type: 'saylau-receipt', election: eid, trackingCode: cast.trackingCode });
    expect(file.value.treeHead.signature.commitment).toMatch(/^[0-9a-f]{64}$/);
    const secrets = secretsOf(cast.link);
    for (const secret of [secrets.key, secrets.seed, secrets.access]) expect(bytes).not.toContain(secret);
    expect(bytes).toContain(file.value.ballotHash);

    const phone = await openPage(stack.browser, { locale: 'en-GB' });
    // pasted by hand instead of scanned
    await phone.page.goto(`${stack.baseUrl}/verify.html`);
    await waitForScreen(phone.page, 'verify');
    await phone.page.fill('#field-verify-code', 'not a link');
    await phone.page.click('#verify-submit');
    await phone.page.waitForSelector('#field-verify-code[aria-invalid="true"]');
    expect(await phone.page.textContent('.error-message')).toBe(en.badCode);
    // one character of the key changed: the server refuses it, and it uses up none of the voter's checks
    const wrongKey = cast.link.replace(/key=(.)/, (_, c: string) => `key=${c === '0' ? '1' : '0'}`);
    await phone.page.fill('#field-verify-code', wrongKey);
    await phone.page.click('#verify-submit');
    await phone.page.waitForSelector('.alert-error');
    expect(await phone.page.textContent('.alert-error')).toBe(en.verificationKeyRejected);
    await phone.page.fill('#field-verify-code', cast.link);
    await phone.page.click('#verify-submit');
    await waitForScreen(phone.page, 'verified');
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(choices);
    expect(await phone.page.textContent('#verified-tracking-code')).toBe(cast.trackingCode);
    await screenshot(phone.page, 'en-7-verify');

    // the third check is the last; a fourth is refused
    for (let i = 0; i < 2; i++) {
      await phone.page.click('#check-another');
      await phone.page.fill('#field-verify-code', cast.link);
      await phone.page.click('#verify-submit');
      await waitForScreen(phone.page, 'verified');
    }
    expect(await phone.page.textContent('#checks-left')).toContain('0');
    await phone.page.click('#check-another');
    await phone.page.fill('#field-verify-code', cast.link);
    await phone.page.click('#verify-submit');
    await phone.page.waitForSelector('.alert-error');
    expect(await phone.page.textContent('.alert-error')).toBe(en.noChecksLeft);

    expect([...(await booth.cspViolations()), ...(await phone.cspViolations())]).toEqual([]);
    expect([...booth.errors, ...phone.errors]).toEqual([]);
    await booth.context.close();
    await phone.context.close();
  });
});

describe('the end of the check window', () => {
  it('30 minutes after casting, the QR link opens nothing and the page says the check period has ended', async () => {
    const booth = await openPage(stack.browser);
    const choices = { parks: ['no'], transport: ['metro'], projects: ['pool'] };
    const cast = await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid,
      definition,
      voter: voter('bostandyk', 2),
      lang: 'en',
      choices,
    });
    const saved = stack.server.clock.now;
    stack.server.clock.now += 30 * 60_000;
    try {
      const phone = await openPage(stack.browser, { locale: 'en-GB' });
      await phone.page.goto(cast.link);
      await phone.page.waitForSelector('.alert-error');
      expect(await phone.page.getAttribute('html', 'lang')).toBe('en');
      expect(await phone.page.textContent('.alert-error')).toBe(en.checkPeriodEnded);
      expect(await phone.page.$('#verified-choices')).toBeNull();
      await screenshot(phone.page, 'en-verify-period-ended');
      expect([...(await phone.cspViolations()), ...phone.errors]).toEqual([]);
      await phone.context.close();
    } finally {
      stack.server.clock.now = saved;
    }
    await booth.context.close();
  });
});

describe('Benaloh audit', () => {
  it('opens the sealed ballot with its seed, shows the choices, never casts it, and a fresh ballot is cast', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = voter('medeu', 2);
    const choices = { parks: ['yes'], transport: ['brt'] };
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="en"]');
    await logIn(page, v);
    await enterCredential(page, v);
    await choose(page, definition, choices);
    const auditedCode = await reviewAndSeal(page);
    await page.click('#audit');
    await waitForScreen(page, 'audit');
    expect(await page.textContent('#audit-result')).toBe(en.auditPassed);
    // not the green box of a cast vote: nothing was cast
    expect(await page.$('.alert-success')).toBeNull();
    expect(await shownChoices(page, '#audit-choices')).toEqual(choices);
    expect((await page.textContent('#audit-seed'))?.replace(/\s/g, '')).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'en-5-audit');

    // the audit data opens the same way anywhere; the audited ballot never reached the board
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-audit')]);
    const audit = JSON.parse(await streamText(await download.createReadStream()));
    const auditedHash = ballotHash(audit.ballot);
    expect(trackingCode(auditedHash)).toBe(auditedCode);
    const fetched = await stack.server.request('POST', `/api/elections/${eid}/verify/${auditedHash}`, {
      body: { access: 'ab'.repeat(32) },
    });
    expect([fetched.status, fetched.json.error.code]).toEqual([404, 'NOT_FOUND']);

    await page.click('#fresh-ballot');
    await waitForScreen(page, 'review');
    await page.click('#seal');
    await waitForScreen(page, 'sealed');
    const freshCode = await page.textContent('#sealed-tracking-code');
    expect(freshCode).not.toBe(auditedCode);
    const cast = await castSealed(page);
    expect(cast.trackingCode).toBe(freshCode);
    expect(await booth.cspViolations()).toEqual([]);
    expect(booth.errors).toEqual([]);
    await booth.context.close();
  });
});

describe('keyboard only', () => {
  it('Tab, Space and Enter take a voter from the login to the receipt, with the focus always visible', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = voter('bostandyk', 1);
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    const focusVisible = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
      });

    await tabTo(page, 'button[data-language="en"]');
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[lang="en"]');
    await tabTo(page, '#field-voter-id');
    await page.keyboard.type(v.voterId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(v.loginCode);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'credential');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tabTo(page, '#field-credential');
    await page.keyboard.type(v.credentialCode);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'ballot');

    // radio groups: Tab enters at the first option, Space picks it; checkboxes: each a stop of its own
    await tabTo(page, '#option-parks-0');
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Space');
    await tabTo(page, '#option-transport-0');
    await page.keyboard.press('Space');
    await tabTo(page, '#option-projects-1');
    await page.keyboard.press('Space');
    await tabTo(page, '#option-projects-3');
    await page.keyboard.press('Space');
    await tabTo(page, '#to-review');
    expect(await focusVisible()).toBe(true);
    await screenshot(page, 'keyboard-ballot-focus');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'review');
    expect(await shownChoices(page, '#review-choices')).toEqual({
      parks: ['yes'],
      transport: ['metro'],
      projects: ['pool', 'lights'],
    });
    await tabTo(page, '#seal');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'sealed');
    await tabTo(page, '#cast');
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'receipt');
    await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
    expect(await booth.cspViolations()).toEqual([]);
    expect(booth.errors).toEqual([]);
    await booth.context.close();
  });
});

describe('refusals', () => {
  it('a wrong login code, a malformed credential code and another voter’s credential code are each explained', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = voter('medeu', 3);
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="kk"]');
    await page.fill('#field-voter-id', v.voterId);
    await page.fill('#field-login-code', 'WRONG-CODE');
    await page.click('#submit');
    await page.waitForSelector('.alert-error');
    expect(await page.textContent('.alert-error')).toBe(kk.loginFailed);
    await screenshot(page, 'kk-login-refused');
    await logIn(page, v);

    await page.fill('#field-credential', 'ABC');
    await page.click('#submit');
    await page.waitForSelector('#field-credential[aria-invalid="true"]');
    expect(await page.textContent('.error-message')).toBe(kk.credentialInvalid);
    // a well-formed code that is someone else's: caught before any ballot is built
    await page.fill('#field-credential', voter('medeu', 0).credentialCode);
    await page.click('#submit');
    await page.waitForSelector('.error-message');
    await page.waitForFunction((text) => document.querySelector('.error-message')?.textContent === text, kk.credentialMismatch);
    await screenshot(page, 'kk-credential-refused');
    await enterCredential(page, v);
    expect(await booth.cspViolations()).toEqual([]);
    expect(booth.errors).toEqual([]);
    await booth.context.close();
  });
});

/** The link's key k, the seed it opens (read from the server's own table, not fetched) and the access token, as hex. */
function secretsOf(link: string): { key: string; seed: string; access: string } {
  const code = parseVerificationLink(link);
  if (!code) throw new Error(`not a verification link: ${link}`);
  const row = (stack.server.server.services.storage as SqliteStorage).db
    .prepare('SELECT nonce, sealed FROM verification_seals WHERE election_id = ? AND ballot_hash = ?')
    .get(code.election, code.ballotHash) as { nonce: string; sealed: string };
  const subject = { fingerprint: fingerprintBytes(definition), ballotHash: code.ballotHash };
  const seed = openSeal(code.key, row, subject);
  if (!seed) throw new Error('the link does not open the seal the server holds');
  return { key: bytesToHex(code.key), seed: bytesToHex(seed), access: verificationAccess(code.key, subject) };
}
