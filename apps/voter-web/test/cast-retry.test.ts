// A cast whose answer is lost on the network: the server has committed the ballot, the browser sees a reset
// connection. The booth sends the same ballot again by itself and shows the receipt of the one ballot the board
// holds; when every try fails it says plainly that the vote may not be recorded and keeps the same ballot to send.
import type { ElectionDefinition } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, type Voter } from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import { castSealed, choose, chooseLanguage, enterCredential, logIn, reviewAndSeal, waitForScreen } from './flows.ts';
import { openPage, type Stack, startStack } from './harness.ts';

let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];

beforeAll(async () => {
  stack = await startStack();
  ({ eid, definition, voters } = await openElection(stack.server, { medeu: 3, bostandyk: 1 }));
});
afterAll(async () => {
  await stack?.close();
});

const medeu = (i: number): Voter => voters.filter((v) => v.district === 'medeu')[i] as Voter;

/** The board's ballot events of one credential. */
async function ballotsOf(credentialHex: string): Promise<{ seq: number; hash?: string }[]> {
  const answer = await stack.server.request('GET', `/api/elections/${eid}/board?from=0&limit=1000`);
  const events = (answer.json as { events: { type: string; seq: number; ballot?: { credential: string } }[] }).events;
  return events.filter((e) => e.type === 'ballot' && e.ballot?.credential === credentialHex).map((e) => ({ seq: e.seq }));
}

async function toSealed(page: import('playwright-core').Page, voter: Voter): Promise<void> {
  await page.goto(`${stack.baseUrl}/?election=${eid}`);
  await waitForScreen(page, 'login');
  await chooseLanguage(page, 'en');
  await logIn(page, voter);
  await enterCredential(page, voter);
  await choose(page, definition, { parks: ['yes'], transport: ['tram'] });
  await reviewAndSeal(page);
}

describe('a cast whose answer is lost', () => {
  it('is sent again by the booth, which shows the receipt of the one ballot the server recorded', async () => {
    const voter = medeu(0);
    const { page, context, errors } = await openPage(stack.browser);
    await toSealed(page, voter);
    let cut = 0;
    await page.route('**/api/elections/*/ballots', async (route) => {
      if (cut === 0) {
        cut++;
        // the server gets the ballot and commits it; its answer never reaches the page
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    const cast = await castSealed(page);
    expect(cut).toBe(1);
    expect(cast.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await ballotsOf(voter.credentialHex)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says the vote may not be recorded when every try fails, and sends the same ballot once the network is back', async () => {
    const voter = medeu(1);
    const { page, context } = await openPage(stack.browser);
    await toSealed(page, voter);
    let down = true;
    let tries = 0;
    await page.route('**/api/elections/*/ballots', async (route) => {
      tries++;
      if (down) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.click('#cast');
    await page.waitForSelector('[role="alert"]', { timeout: 20_000 });
    expect(await page.textContent('main')).toContain(en.castUncertain);
    expect(tries).toBe(4);
    expect(await ballotsOf(voter.credentialHex)).toHaveLength(0);
    down = false;
    const cast = await castSealed(page);
    expect(cast.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await ballotsOf(voter.credentialHex)).toHaveLength(1);
    await context.close();
  });
});

describe('a reload during voting', () => {
  it('keeps the voter logged in with their choices, asks for the signing code again, and stores no secret', async () => {
    const voter = medeu(2);
    const { page, context, errors } = await openPage(stack.browser);
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    await chooseLanguage(page, 'en');
    await logIn(page, voter);
    await enterCredential(page, voter);
    await choose(page, definition, { parks: ['no'], transport: ['metro'] });
    await page.reload();
    await waitForScreen(page, 'credential');
    expect(await page.textContent('.resumed')).toBe(en.resumedNote);
    // nothing secret in the tab's storage: no login code, no signing code
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    for (const secret of [voter.loginCode, voter.credentialCode, voter.credentialCode.toLowerCase()]) {
      expect(stored).not.toContain(secret);
    }
    await enterCredential(page, voter);
    expect(await shownChecked(page)).toEqual(['option-parks-1', 'option-transport-0']);
    const sealed = await reviewAndSeal(page);
    expect(sealed).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await castSealed(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The ids of the ticked options on the ballot screen. */
async function shownChecked(page: import('playwright-core').Page): Promise<string[]> {
  return (await page.$$eval('input:checked', (inputs) => inputs.map((i) => (i as HTMLInputElement).id))).sort();
}

describe('a damaged verification link', () => {
  it('is explained on the second device, and what is left of it leaves the address bar', async () => {
    const { page, context, errors } = await openPage(stack.browser, { viewport: { width: 390, height: 800 } });
    // a link cut in the middle of its key, as a chat app may cut a long line
    await page.goto(`${stack.baseUrl}/verify.html#election=${eid}&ballot=${'ab'.repeat(32)}&key=0123456789abcdef`);
    await page.waitForSelector('[role="alert"]');
    await page.click('button[data-language="en"]');
    expect(await page.textContent('[role="alert"]')).toBe(en.damagedLink);
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
