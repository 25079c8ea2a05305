// The second device after close (spec §6.2) in headless Chromium against the real server: before processing the page
// says the fate comes later; once the votes are processed, the verification link — whose check window has long
// ended — still shows what became of the ballot, in kk, ru and en: counted, superseded by a later e-vote, or
// cancelled by a paper vote, with the complaint a voter who did not vote on paper can make.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/src/cli/client.ts';
import { fetchElection } from '../../cli/src/cli/options.ts';
import { registerVerification } from '../../cli/src/voting/vote.ts';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  expectStatus,
  loginVoter,
  openElection,
  type Voter,
} from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';
import { waitForScreen } from './flows.ts';
import { axeViolations, openPage, type Stack, screenshot, startStack } from './harness.ts';

let stack: Stack;
let setup: Awaited<ReturnType<typeof openElection>>;
/** Each voter's verification links, in the order the ballots were cast. */
const links: string[][] = [];

/** Casts a ballot as the voter's device does and registers its sealed seed; answers the verification link. */
async function castWithLink(voter: Voter): Promise<string> {
  const token = await loginVoter(stack.server, setup.eid, voter);
  const built = ballotFor(setup.election, voter, { parks: ['yes'], transport: ['tram'] });
  const receipt = expectStatus(
    await stack.server.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: built.json } }),
    201,
  ).json;
  const client = new ApiClient(stack.baseUrl);
  return registerVerification(client, await fetchElection(client, setup.eid), token, receipt.ballotHash, built.seed);
}

beforeAll(async () => {
  stack = await startStack();
  setup = await openElection(stack.server, { medeu: 3, bostandyk: 0 });
  const [a, b, c] = setup.voters as [Voter, Voter, Voter];
  links.push([await castWithLink(a)], [await castWithLink(b), await castWithLink(b)], [await castWithLink(c)]);
});

afterAll(async () => {
  await stack?.close();
});

describe('the ballot’s fate on the second device', () => {
  it('while voting runs, shows the ballot and says its fate comes once the votes are processed', async () => {
    const phone = await openPage(stack.browser, { locale: 'en-GB' });
    await phone.page.goto(links[0]?.[0] as string);
    await waitForScreen(phone.page, 'verified');
    expect(await phone.page.textContent('#fate')).toBe(en.fateLater);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('after processing shows counted, superseded and cancelled — each with the board’s evidence — in kk, ru and en', async () => {
    expectStatus(await closeAtPeriodEnd(stack.server, setup.eid), 200);
    const paper = [(setup.voters[2] as Voter).voterId];
    expectStatus(
      await stack.server.request('POST', `/api/elections/${setup.eid}/paper-voters`, { ...admin, body: { voterIds: paper } }),
      200,
    );
    expectStatus(await stack.server.request('POST', `/api/elections/${setup.eid}/process`, { ...admin, body: {} }), 200);

    const cases = [
      { link: links[0]?.[0], lang: 'en', fate: 'counted', messages: en },
      { link: links[1]?.[0], lang: 'ru', fate: 'superseded', messages: ru },
      { link: links[1]?.[1], lang: 'en', fate: 'counted', messages: en },
      { link: links[2]?.[0], lang: 'kk', fate: 'cancelled', messages: kk },
    ] as const;
    for (const { link, lang, fate, messages } of cases) {
      const phone = await openPage(stack.browser, { locale: { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' }[lang] });
      const { page } = phone;
      await page.goto(link as string);
      await page.waitForSelector('#fate[data-fate]', { timeout: 20_000 });
      // the check window ended long ago: the ballot cannot be opened any more, but its fate is public
      expect(await page.textContent('main .alert-error')).toBe(messages.checkPeriodEnded);
      expect(await page.getAttribute('#fate', 'data-fate')).toBe(fate);
      expect(await page.textContent('#fate-heading')).toBe(messages.fateHeading);
      expect(await page.getAttribute('[data-check="fate-evidence"]', 'data-passed')).toBe('true');
      const text = (await page.textContent('#fate')) ?? '';
      if (fate === 'counted') expect(text).toContain(messages.fateCounted);
      if (fate === 'superseded') expect(text).toContain(messages.fateSuperseded('').split(',')[0] as string);
      if (fate === 'cancelled') {
        expect(text).toContain(messages.fateCancelled);
        expect(await page.textContent('#fate-complain')).toBe(messages.fateComplain);
      } else expect(await page.$('#fate-complain')).toBeNull();
      if (lang !== 'en' || fate !== 'counted') await screenshot(page, `fate-${fate}-${lang}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await phone.cspViolations()).toEqual([]);
      expect(phone.errors).toEqual([]);
      await phone.context.close();
    }
  });
});
