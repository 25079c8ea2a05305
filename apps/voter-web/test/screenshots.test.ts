// Every voter-facing page at phone and desktop size in kk, ru and en, kept in test/artifacts/voter-web/screens/ for
// a reviewer (the letters' and the results protocol's pages are rendered by their own tests, into
// test/artifacts/letters/ and test/artifacts/protocol/). Each shot is also held to what a reviewer would look for
// first: no sideways scrolling, no page error, no CSP violation, the page in the language chosen.
import type { ElectionDefinition } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAtPeriodEnd, expectStatus, openElection, type Voter } from '../../server/test/helpers.ts';
import type { Language } from '../src/i18n/index.ts';
import { voteFromStart, waitForScreen } from './flows.ts';
import { openPage, overflowsHorizontally, type Stack, screenshot, startStack } from './harness.ts';

const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;
const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];

beforeAll(async () => {
  stack = await startStack();
  ({ eid, definition, voters } = await openElection(stack.server, { medeu: 6, bostandyk: 1 }));
});
afterAll(async () => {
  await stack?.close();
});

describe('screenshots of every page', () => {
  it('the booth, the second device and the public page, at phone and desktop size, in kk, ru and en', async () => {
    const links: string[] = [];
    let n = 0;
    for (const language of LANGUAGES) {
      for (const [size, options] of Object.entries(VIEWPORTS)) {
        const name = `screens/${language}-${size}`;
        const voter = voters.filter((v) => v.district === 'medeu')[n++] as Voter;
        const { page, context, errors, cspViolations } = await openPage(stack.browser, options);
        const cast = await voteFromStart(page, {
          baseUrl: stack.baseUrl,
          eid,
          definition,
          voter,
          lang: language,
          choices: { parks: ['yes'], transport: ['tram'] },
          shots: `${name}-booth`,
        });
        links.push(cast.link);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(await overflowsHorizontally(page), `${name} receipt`).toBe(false);

        await page.goto(cast.link);
        await waitForScreen(page, 'verified');
        expect(await overflowsHorizontally(page), `${name} verify`).toBe(false);
        await screenshot(page, `${name}-verify`);

        await page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
        await page.waitForSelector('#turnout-table');
        expect(await overflowsHorizontally(page), `${name} public`).toBe(false);
        await screenshot(page, `${name}-public-turnout`);
        expect(errors, name).toEqual([]);
        expect(await cspViolations(), name).toEqual([]);
        await context.close();
      }
    }
    // after close the public page and the second device say what became of the ballot
    expectStatus(await closeAtPeriodEnd(stack.server, eid), 200);
    expectStatus(
      await stack.server.request('POST', `/api/elections/${eid}/process`, { token: stack.server.adminToken, body: {} }),
      200,
    );
    // (the clock is now past the check window: the vote itself no longer opens, its fate is public)
    let i = 0;
    for (const language of LANGUAGES) {
      for (const [size, options] of Object.entries(VIEWPORTS)) {
        const { page, context, errors } = await openPage(stack.browser, options);
        await page.goto(`${stack.baseUrl}/verify.html`);
        await page.click(`button[data-language="${language}"]`);
        await page.goto(links[i++] as string);
        await page.waitForSelector('#fate[data-fate="counted"]');
        await screenshot(page, `screens/${language}-${size}-verify-fate`);
        await page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
        await page.waitForSelector('#turnout-note');
        expect(await overflowsHorizontally(page)).toBe(false);
        await screenshot(page, `screens/${language}-${size}-public-closed`);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 240_000);
});
