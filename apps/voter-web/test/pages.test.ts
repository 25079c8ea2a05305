// Security, accessibility and the public page in headless Chromium against the real server: election strings are
// text (a `<script>` in a title never runs), the CSP header is sent and nothing breaks it, axe's WCAG 2.1 AA rules
// pass, pages reflow on a phone and at 200% zoom, turnout and results render; and the 7-selection ballot timing.
import type { DefinitionDraft, ElectionDefinition } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  expectStatus,
  loadDraft,
  makeVoters,
  openElection,
  registerVoters,
  runCeremony,
  type Voter,
} from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';
import { choose, enterCredential, logIn, reviewAndSeal, shownChoices, voteFromStart, waitForScreen } from './flows.ts';
import { axeViolations, CSP, openPage, overflowsHorizontally, type Stack, screenshot, startStack } from './harness.ts';

let stack: Stack;
let main: Awaited<ReturnType<typeof openElection>>;

const XSS_TITLE = '<script>window.__xss = 1</script><b>Referendum</b>';
const XSS_QUESTION = '<img src=x onerror="window.__xss = 2">Parks?';
const XSS_OPTION = '<script>window.__xss = 3</script>Metro';
const XSS_DESCRIPTION = '<iframe src="javascript:window.__xss = 4"></iframe>';

/** The fixture turned hostile: markup in every kind of election string. Two referendum answers and five transport
 *  options make the Medeu ballot exactly 7 selections, the size the timing target is stated for. */
function hostileDraft(): DefinitionDraft {
  const draft = loadDraft();
  const all = (text: string) => ({ kk: text, ru: text, en: text });
  const [parks, transport, projects] = draft.questions;
  if (!parks || !transport || !projects) throw new Error('the fixture changed');
  return {
    ...draft,
    id: 'xss-check',
    title: all(XSS_TITLE),
    description: all(XSS_DESCRIPTION),
    questions: [
      { ...parks, text: all(XSS_QUESTION), options: parks.options.slice(0, 2), rules: [] },
      {
        ...transport,
        options: transport.options.map((o, i) => (i === 0 ? { ...o, label: all(XSS_OPTION) } : o)),
      },
      projects,
    ],
  };
}

async function openHostileElection(): Promise<{ eid: string; definition: ElectionDefinition; voters: Voter[] }> {
  const created = expectStatus(await stack.server.request('POST', '/api/elections', { ...admin, body: hostileDraft() }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
  await registerVoters(stack.server, definition.id, voters);
  await runCeremony(stack.server, definition.id, definition);
  expectStatus(await stack.server.request('POST', `/api/elections/${definition.id}/open`, { ...admin, body: {} }), 200);
  return { eid: definition.id, definition, voters };
}

beforeAll(async () => {
  stack = await startStack();
  main = await openElection(stack.server, { medeu: 4, bostandyk: 4 });
});

afterAll(async () => {
  await stack?.close();
});

const mainVoter = (district: string, i: number): Voter => main.voters.filter((v) => v.district === district)[i] as Voter;

describe('security', () => {
  it('sends the CSP header with every page and asset', async () => {
    for (const path of ['/', '/verify.html', '/public.html', `/?election=${main.eid}`, '/favicon.svg']) {
      const response = await fetch(`${stack.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBe(CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    // nothing inline: every script and stylesheet is a file
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    for (const asset of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      const response = await fetch(`${stack.baseUrl}${asset[1]}`);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('shows markup in election strings as text: no script runs, and the page reports no CSP violation', async () => {
    const hostile = await openHostileElection();
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const voter = hostile.voters[0] as Voter;
    await page.goto(`${stack.baseUrl}/?election=${hostile.eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="en"]');
    expect(await page.textContent('.election-title')).toBe(XSS_TITLE);
    await logIn(page, voter);
    await enterCredential(page, voter);
    expect(await page.textContent('#question-parks .question-text')).toBe(XSS_QUESTION);
    expect(await page.textContent('label[for="option-transport-0"]')).toBe(XSS_OPTION);
    await screenshot(page, 'xss-ballot');

    // seal, audit, fresh ballot, three times: each build of this 7-selection ballot is measured in the page
    const choices = { parks: ['yes'], transport: ['metro'] };
    await choose(page, hostile.definition, choices);
    await reviewAndSeal(page);
    for (let i = 0; i < 3; i++) {
      await page.click('#audit');
      await waitForScreen(page, 'audit');
      await page.click('#fresh-ballot');
      await waitForScreen(page, 'review');
      await page.click('#seal');
      await waitForScreen(page, 'sealed');
    }
    const timings = await page.evaluate(() =>
      performance.getEntriesByName('saylau:build-ballot').map((e) => ({
        selections: (e as PerformanceMeasure).detail.selections as number,
        ms: Math.round(e.duration * 10) / 10,
      })),
    );
    expect(timings.every((t) => t.selections === 7)).toBe(true);
    console.log(
      `[voter-web] 7-selection ballot: encrypt + prove + sign in Chromium, ms per build: ${timings.map((t) => t.ms).join(', ')}`,
    );
    await page.click('#cast');
    await waitForScreen(page, 'receipt');
    await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
    const link = await page.inputValue('#verify-link');

    const phone = await openPage(stack.browser, { locale: 'en-GB' });
    await phone.page.goto(link);
    await waitForScreen(phone.page, 'verified');
    expect(await phone.page.textContent('.election-title')).toBe(XSS_TITLE);
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(choices);
    expect(await phone.page.textContent('#verified-choices')).toContain(XSS_OPTION);

    for (const p of [page, phone.page]) {
      expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await p.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main b').length)).toBe(0);
      expect(await p.title()).not.toContain('<');
    }
    expect(await booth.cspViolations()).toEqual([]);
    expect(await phone.cspViolations()).toEqual([]);
    expect([...booth.errors, ...phone.errors]).toEqual([]);

    // the violation watch itself works: an inline script injected into the page is blocked and reported
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__xss = 5';
      document.body.append(script);
    });
    await page.waitForFunction(() => ((window as unknown as { __csp: string[] }).__csp ?? []).length > 0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect((await booth.cspViolations()).join()).toContain('script-src');
    await booth.context.close();
    await phone.context.close();
  });
});

describe('accessibility', () => {
  it('passes axe’s WCAG 2.1 A/AA rules on every main screen, and reflows at 320 px and at 200% zoom', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = mainVoter('bostandyk', 0);
    const findings: Record<string, string[]> = {};
    const audit = async (name: string): Promise<void> => {
      findings[name] = await axeViolations(page);
    };
    await page.goto(`${stack.baseUrl}/?election=${main.eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="ru"]');
    await audit('login');
    await logIn(page, v);
    await audit('credential');
    await enterCredential(page, v);
    await page.click('#to-review');
    await page.waitForSelector('#problem-summary');
    await audit('ballot with problems');
    await choose(page, main.definition, { parks: ['yes'], transport: ['tram'], projects: ['pool'] });
    await audit('ballot');
    await reviewAndSeal(page);
    await audit('sealed');
    await page.click('#audit');
    await waitForScreen(page, 'audit');
    await audit('audit');
    await page.click('#fresh-ballot');
    await waitForScreen(page, 'review');
    await audit('review');
    await page.click('#seal');
    await waitForScreen(page, 'sealed');
    await page.click('#cast');
    await waitForScreen(page, 'receipt');
    await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
    await audit('receipt');
    const link = await page.inputValue('#verify-link');
    await page.goto(link);
    await waitForScreen(page, 'verified');
    await audit('verify');
    await page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
    await page.waitForSelector('#turnout-table');
    await audit('public');
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, []])));
    expect(booth.errors).toEqual([]);
    await booth.context.close();

    // a 320 px wide phone (WCAG 1.4.10) and 200% zoom of a 1280 × 900 window (640 × 450 CSS pixels)
    for (const [name, viewport, scale] of [
      ['phone-320', { width: 320, height: 640 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const small = await openPage(stack.browser, { viewport, deviceScaleFactor: scale, locale: 'kk-KZ' });
      const w = mainVoter('bostandyk', name === 'zoom-200' ? 2 : 3);
      await small.page.goto(`${stack.baseUrl}/?election=${main.eid}`);
      await waitForScreen(small.page, 'login');
      expect(await overflowsHorizontally(small.page), `${name} login`).toBe(false);
      await logIn(small.page, w);
      await enterCredential(small.page, w);
      await choose(small.page, main.definition, { parks: ['no'], transport: ['roads'], projects: ['market'] });
      expect(await overflowsHorizontally(small.page), `${name} ballot`).toBe(false);
      await screenshot(small.page, `${name}-ballot`);
      await reviewAndSeal(small.page);
      await small.page.click('#cast');
      await waitForScreen(small.page, 'receipt');
      expect(await overflowsHorizontally(small.page), `${name} receipt`).toBe(false);
      await screenshot(small.page, `${name}-receipt`);
      await small.page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
      await small.page.waitForSelector('#turnout-table');
      expect(await overflowsHorizontally(small.page), `${name} public`).toBe(false);
      expect(small.errors).toEqual([]);
      await small.context.close();
    }
  });
});

/** A result for the fixture's 8 voters (4 per district), as the server's result event will carry it. */
function resultFixture() {
  const q = (question: string, counts: Record<string, number>, ballots: number, registered: number) => ({
    question,
    counts,
    ballots,
    registered,
  });
  return {
    seq: 60,
    time: '2026-06-02T10:00:00.000Z',
    type: 'result',
    trustees: [1, 2],
    districts: [
      {
        district: 'medeu',
        questions: [
          q('parks', { yes: 2, no: 1, blank: 0 }, 3, 4),
          q('transport', { metro: 1, tram: 1, brt: 0, bikes: 1, roads: 0 }, 3, 4),
        ],
      },
      {
        district: 'bostandyk',
        questions: [
          q('parks', { yes: 1, no: 2, blank: 1 }, 4, 4),
          q('transport', { metro: 2, tram: 1, brt: 0, bikes: 0, roads: 1 }, 4, 4),
          q('projects', { library: 2, pool: 1, market: 0, lights: 3 }, 4, 4),
        ],
      },
    ],
    overall: [
      q('parks', { yes: 3, no: 3, blank: 1 }, 7, 8),
      q('transport', { metro: 3, tram: 2, brt: 0, bikes: 1, roads: 1 }, 7, 8),
      q('projects', { library: 2, pool: 1, market: 0, lights: 3 }, 4, 4),
    ],
    validity: [
      {
        question: 'parks',
        valid: false,
        rules: [
          { kind: 'turnout-quorum', passed: true, figures: { counted: 7, registered: 8 } },
          { kind: 'majority', passed: false, figures: { yes: 3, answered: 6 } },
        ],
      },
      { question: 'transport', valid: true, rules: [] },
      {
        question: 'projects',
        valid: true,
        rules: [{ kind: 'approval-quorum', passed: true, figures: { lights: 3, registered: 4 } }],
      },
    ],
  };
}

describe('public page', () => {
  it('shows turnout per district while voting runs, in the chosen language', async () => {
    const booth = await openPage(stack.browser);
    await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid: main.eid,
      definition: main.definition,
      voter: mainVoter('medeu', 0),
      lang: 'en',
      choices: { parks: ['yes'], transport: ['metro'] },
    });
    await booth.context.close();
    const turnout = expectStatus(await stack.server.request('GET', `/api/elections/${main.eid}/turnout`), 200).json as {
      districts: { district: string; registered: number; voted: number }[];
    };

    const viewer = await openPage(stack.browser, { locale: 'kk-KZ' });
    const { page } = viewer;
    await page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
    await page.waitForSelector('#turnout-table');
    expect(await page.textContent('h1')).toBe(kk.publicTitle);
    for (const d of turnout.districts) {
      const cells = await page.$$eval(`#turnout-table tr[data-district="${d.district}"] td`, (td) =>
        td.map((c) => c.textContent),
      );
      expect(cells.slice(0, 2)).toEqual([String(d.registered), String(d.voted)]);
    }
    expect(await page.textContent('main')).toContain(kk.resultsNotYet);
    expect(await page.$('#record-link')).toBeNull();
    await screenshot(page, 'public-turnout-kk');
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });

  it('after publication shows each district’s results with bars and figures, the validity verdicts and the record link', async () => {
    // The server's tally is not there yet: the election's state and its result event are given to the page here.
    const viewer = await openPage(stack.browser, { locale: 'ru-RU' });
    const { page } = viewer;
    const result = resultFixture();
    await page.route(`**/api/elections/${main.eid}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), state: 'published' } });
    });
    await page.route(`**/api/elections/${main.eid}/results`, (route) => route.fulfill({ json: result }));
    await page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
    await page.waitForSelector('#results');
    expect(await page.textContent('main')).toContain(ru.statePublished);
    const parksOverall = await page.$$eval('[data-district="*"] table[data-question="parks"] tbody tr', (rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)),
    );
    expect(parksOverall.map((r) => r.slice(0, 2))).toEqual([
      ['Да', '3'],
      ['Нет', '3'],
      ['Пустой бюллетень', '1'],
    ]);
    expect(parksOverall[0]?.[2]).toMatch(/42,9\s?%/);
    expect(await page.$$eval('[data-district="bostandyk"] table', (t) => t.length)).toBe(3);
    expect(await page.$$eval('.validity', (v) => v.map((x) => (x as HTMLElement).dataset.valid))).toEqual([
      'false',
      'true',
      'true',
    ]);
    expect(await page.textContent('.validity-invalid')).toContain(ru.resultInvalid);
    expect(await page.textContent('.validity-invalid')).toContain(ru.ruleMajority('Да', false));
    expect(await page.getAttribute('#record-link', 'href')).toBe(`/api/elections/${main.eid}/record`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'public-results-ru');
    await page.click('button[data-language="en"]');
    expect(await page.textContent('.validity-invalid')).toContain(en.ruleMajority('Yes', false));
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });
});
